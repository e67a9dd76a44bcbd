using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Privacy.Sweep;

namespace WorkshopBot.Common;

/// <summary>
/// The last check of stored text before it leaves in an export file, where it leaves retention for good. Each free-text cell
/// is read with the current identifier scanner, and what the start-up sweep removes (NHS numbers, full postcodes, labelled
/// dates of birth: <see cref="IdentifierRedaction"/>) becomes the sweep's own marker. The sweep runs once and may have failed,
/// or an older instance may have saved text since, so an export does not rely on it. A cell that could not be checked (the
/// scan ran out of time twice) is left out whole, with <see cref="NotCheckedMarker"/>. One instance per file: it counts the
/// cells it changed, for the export's audit-log entry, and keeps no text beyond the file's own.
/// </summary>
public sealed class ExportRedactor(IdentifierScanner scanner)
{
    /// <summary>What a cell that could not be checked holds instead of its text.</summary>
    public const string NotCheckedMarker = "[text removed: it could not be checked]";

    /// <summary>The most distinct texts remembered (a question's wording repeats in every return), each at most 4,000 characters.</summary>
    private const int Remembered = 20_000;

    private const int RememberedLength = 4_000;

    private readonly Dictionary<string, string> _seen = new(StringComparer.Ordinal);

    /// <summary>A redactor with the scanner the bot checks text with (<see cref="IdentifierScanner.Default"/>).</summary>
    public ExportRedactor()
        : this(IdentifierScanner.Default)
    {
    }

    /// <summary>Cells in which at least one identifier was replaced by its marker.</summary>
    public int Redacted { get; private set; }

    /// <summary>Cells left out whole because they could not be checked.</summary>
    public int NotChecked { get; private set; }

    /// <summary>The cell as it may leave: unchanged, with markers in place of refused identifiers, or the not-checked marker.</summary>
    public string? Cell(string? text)
    {
        if (string.IsNullOrEmpty(text) || !IdentifierRedaction.MayHoldRefused(text))
        {
            return text;
        }

        if (!_seen.TryGetValue(text, out var shown))
        {
            shown = IdentifierRedaction.Redact(text, scanner.Scan(text)) is { } redacted ? redacted.Text : NotCheckedMarker;
            if (_seen.Count < Remembered && text.Length <= RememberedLength)
            {
                _seen[text] = shown;
            }
        }

        if (ReferenceEquals(shown, NotCheckedMarker))
        {
            NotChecked++;
        }
        else if (!string.Equals(shown, text, StringComparison.Ordinal))
        {
            Redacted++;
        }

        return shown;
    }

    /// <summary>The cell, never null (an absent text is empty).</summary>
    public string Text(string? text) => Cell(text) ?? string.Empty;
}
