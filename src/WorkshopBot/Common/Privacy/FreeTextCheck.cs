

namespace WorkshopBot.Common.Privacy;

/// <summary>A possible identifier in one named field of a form.</summary>
public sealed record FieldFinding(string Field, IdentifierFinding Finding);

/// <summary>A text as it may be kept for its author (see <see cref="FreeTextCheck.Keep"/>).</summary>
/// <param name="Text">The text to keep.</param>
/// <param name="Removed">Identifiers no confirmation could keep were replaced by markers.</param>
/// <param name="Cut">The markers made it longer than the limit, so its end was cut.</param>
public sealed record KeptText(string? Text, bool Removed, bool Cut);

/// <summary>Runs the identifier scanner over every free-text field of a form before anything is stored.</summary>
public sealed class FreeTextCheck(IdentifierScanner scanner)
{
    /// <summary>
    /// A check that also spares contact details the partnership publishes itself (a briefing's footer carries the
    /// board's phone and mailbox), for a feature that prints them.
    /// </summary>
    public static FreeTextCheck Sparing(IdentifierScannerOptions published) => new(new IdentifierScanner(published));

    public IReadOnlyList<FieldFinding> Scan(params (string Field, string? Text)[] fields) =>
        fields.SelectMany(f => scanner.Scan(f.Text ?? string.Empty).Select(x => new FieldFinding(f.Field, x))).ToList();

    /// <summary>One text checked as a whole, with a summary to show (a whole briefing before it is approved).</summary>
    public IdentifierCheck Check(string? text) => scanner.Check(text);

    /// <summary>The findings of a form as one check: its summary, what cannot be kept, whether a confirmation may keep them.</summary>
    public static IdentifierCheck Of(IReadOnlyList<FieldFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        return new IdentifierCheck(findings.Select(f => f.Finding).ToList());
    }

    /// <summary>
    /// Whether a form's text must not be stored: a finding, and no confirmation or one that cannot count (see
    /// <see cref="IdentifierCheck.Refuses"/>). A forged confirmation on the card data changes nothing.
    /// </summary>
    public static bool Refuses(IReadOnlyList<FieldFinding> findings, bool confirmed) => Of(findings).Refuses(confirmed);

    /// <summary>Whether a card offers the author a confirmation: there are findings and every one may be confirmed.</summary>
    public static bool MayConfirm(IReadOnlyList<FieldFinding>? findings) =>
        findings is { Count: > 0 } && findings.All(f => f.Finding.Confirmable);

    /// <summary>
    /// What to tell the author instead of "may contain personal information" when their text could not be checked (see
    /// <see cref="IdentifierKind.Unchecked"/>); null when it was checked.
    /// </summary>
    public static string? NotChecked(IReadOnlyList<FieldFinding> findings) =>
        Of(findings).Unchecked ? IdentifierScanner.UncheckedMessage : null;

    /// <summary>
    /// Text kept for its author only until they check it (an audit return's answers held back from a warning too large to
    /// show): each identifier no confirmation could keep is replaced by its marker (<see cref="Sweep.IdentifierRedaction"/>),
    /// as such an identifier is never stored, and the result is cut to <see cref="FreeText.DefaultMaxLength"/> if the markers
    /// made it longer. Null when the text could not be checked: then none of it may be kept.
    /// </summary>
    public static KeptText? Keep(string? text, string field, IReadOnlyList<FieldFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        if (string.IsNullOrEmpty(text))
        {
            return new KeptText(text, Removed: false, Cut: false);
        }

        if (Sweep.IdentifierRedaction.Redact(text, findings.Where(f => f.Field == field).Select(f => f.Finding).ToList())
            is not { } redacted)
        {
            return null;
        }

        var kept = FreeText.Normalise(redacted.Text);
        var cut = kept.Length > FreeText.DefaultMaxLength;
        if (cut)
        {
            var end = char.IsHighSurrogate(kept[FreeText.DefaultMaxLength - 1]) ? FreeText.DefaultMaxLength - 1 : FreeText.DefaultMaxLength;
            kept = kept[..end];
        }

        return new KeptText(redacted.Removed.Total > 0 ? kept : text, redacted.Removed.Total > 0, cut);
    }

    /// <summary>What the audit log records about a confirmation: kinds and fields, never the text itself.</summary>
    public static string Describe(IReadOnlyList<FieldFinding> findings) =>
        string.Join("; ", findings.Select(f => $"{f.Field}: {f.Finding.Kind}"));
}
