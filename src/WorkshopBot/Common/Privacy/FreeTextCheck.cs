

namespace WorkshopBot.Common.Privacy;

/// <summary>A possible identifier in one named field of a form.</summary>
public sealed record FieldFinding(string Field, IdentifierFinding Finding);

/// <summary>A text as it may be kept for its author (see <see cref="FreeTextCheck.Keep"/>).</summary>
/// <param name="Text">The text to keep.</param>
/// <param name="Removed">What may identify someone was replaced by markers.</param>
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
    /// show): every finding in <paramref name="field"/> is replaced by a marker of its kind, since nobody has confirmed any
    /// of it and some of it may never be kept (<see cref="IdentifierFinding.Confirmable"/>); the result is cut to
    /// <see cref="FreeText.DefaultMaxLength"/> if the markers made it longer. Null when the text could not be checked: then
    /// none of it may be kept.
    /// </summary>
    public static KeptText? Keep(string? text, string field, IReadOnlyList<FieldFinding> findings)
    {
        var marked = Marked(text, field, findings);
        if (marked is not { Removed: true, Text: { } result })
        {
            return marked;
        }

        var cut = result.Length > FreeText.DefaultMaxLength;
        if (cut)
        {
            result = TextCut.Prefix(result, FreeText.DefaultMaxLength);
        }

        return marked with { Text = result, Cut = cut };
    }

    /// <summary>
    /// The text with every finding in <paramref name="field"/> replaced by a marker of its kind, as <see cref="Keep"/> keeps
    /// it but never cut: for text shown back in a message the bot stores until it is sent (a card that follows the answer
    /// through the outbox), which no length limit applies to. Null when the text could not be checked.
    /// </summary>
    public static KeptText? Marked(string? text, string field, IReadOnlyList<FieldFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var found = findings.Where(f => f.Field == field).Select(f => f.Finding).ToList();
        if (string.IsNullOrEmpty(text) || found.Count == 0)
        {
            return new KeptText(text, Removed: false, Cut: false);
        }

        if (found.Any(f => f.Kind == IdentifierKind.Unchecked))
        {
            return null;
        }

        var kept = new System.Text.StringBuilder(text);
        var end = int.MaxValue;
        // From the last to the first, so earlier offsets stay right; a finding overlapping one already replaced is skipped.
        foreach (var finding in found.OrderByDescending(f => f.Start))
        {
            if (finding.End <= end && finding.Start >= 0 && finding.End <= text.Length)
            {
                kept.Remove(finding.Start, finding.Length).Insert(finding.Start, KeptMarker(finding));
                end = finding.Start;
            }
        }

        return new KeptText(FreeText.Normalise(kept.ToString()), Removed: true, Cut: false);
    }

    /// <summary>What stands in kept text for a finding: the sweep's marker for what is never kept, else one of its kind.</summary>
    private static string KeptMarker(IdentifierFinding finding) => finding.Confirmable
        ? finding.Kind switch
        {
            IdentifierKind.PhoneNumber => "[phone number removed]",
            IdentifierKind.Email => "[email address removed]",
            IdentifierKind.PersonName => "[name removed]",
            IdentifierKind.StreetAddress => "[address removed]",
            _ => "[date removed]",
        }
        : Sweep.IdentifierRedaction.Marker(finding.Kind);

    /// <summary>What the audit log records about a confirmation: kinds and fields, never the text itself.</summary>
    public static string Describe(IReadOnlyList<FieldFinding> findings) =>
        string.Join("; ", findings.Select(f => $"{f.Field}: {f.Finding.Kind}"));
}
