

namespace WorkshopBot.Common.Privacy;

/// <summary>A possible identifier in one named field of a form.</summary>
public sealed record FieldFinding(string Field, IdentifierFinding Finding);

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

    /// <summary>What the audit log records about a confirmation: kinds and fields, never the text itself.</summary>
    public static string Describe(IReadOnlyList<FieldFinding> findings) =>
        string.Join("; ", findings.Select(f => $"{f.Field}: {f.Finding.Kind}"));
}
