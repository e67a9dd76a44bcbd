using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Briefings.Domain;

/// <summary>
/// What must never be in briefing text, found in one text: possible identifiers (the identifier check) and case
/// references (the scanner knows nothing of them, and a chair's edit can bring one back after composing scrubbed it).
/// The same screening refuses a chair's edit, an approval and an export, each with the same wording.
/// </summary>
public sealed record BriefingScreening(IdentifierCheck Identifiers, IReadOnlyList<string> CaseReferences)
{
    public bool IsClean => !Identifiers.HasFindings && CaseReferences.Count == 0;

    public static BriefingScreening Of(string text, FreeTextCheck identifiers, IReadOnlyList<string>? caseReferences)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(identifiers);
        return new BriefingScreening(identifiers.Check(text), new CaseScrubber(caseReferences ?? []).Find(text));
    }

    /// <summary>
    /// Why the text is refused, e.g. "The briefing cannot be approved yet. Found 1 possible identifier: ... Found: "...".
    /// Edit the box that contains it."; null when it is clean. Identifiers are reported before case references.
    /// </summary>
    public string? Refusal(string refused, string then)
    {
        if (Identifiers.Unchecked)
        {
            // The whole text is the finding: quoting it back would quote the briefing.
            return $"{refused}. {Identifiers.Summary}";
        }

        if (Identifiers.HasFindings)
        {
            return $"{refused}. {Identifiers.Summary} Found: {Quoted(Identifiers.Findings.Select(f => f.Text))}. {then}";
        }

        return CaseReferences.Count > 0
            ? $"{refused}: it contains a case reference, which must not reach team channels. Found: {Quoted(CaseReferences)}. {then}"
            : null;
    }

    // Quoted back on the card that refuses the text: escaped, so a link in it is shown as typed (see MarkdownText).
    private static string Quoted(IEnumerable<string> texts) => string.Join(", ", texts.Select(t => $"\"{MarkdownText.Escape(t)}\""));
}
