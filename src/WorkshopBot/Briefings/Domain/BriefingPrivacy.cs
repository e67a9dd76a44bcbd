using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Briefings.Domain;

/// <summary>
/// The identifier check of the briefing feature: the shared <see cref="FreeTextCheck"/>, sparing the partnership's own
/// published contacts (they appear in the footer). Built once from the briefing options (see BriefingsFeature).
/// </summary>
public sealed class BriefingPrivacy(IReadOnlyCollection<string> allowedEmails, IReadOnlyCollection<string> allowedPhoneNumbers)
{
    public FreeTextCheck Identifiers { get; } = FreeTextCheck.Sparing(new IdentifierScannerOptions
    {
        AllowedEmails = allowedEmails,
        AllowedPhoneNumbers = allowedPhoneNumbers,
    });

    /// <summary>Identifiers and case references in <paramref name="text"/>: what refuses an edit, an approval and an export.</summary>
    public BriefingScreening Screen(string text, IReadOnlyList<string> caseReferences) =>
        BriefingScreening.Of(text, Identifiers, caseReferences);

    /// <summary>The check of the latest version's whole text, as the chair's preview shows it.</summary>
    public IdentifierCheck CheckLatest(BriefingRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Identifiers.Check(record.Latest.Content.FullText());
    }
}
