using Microsoft.Extensions.Options;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Briefings.Teams;

/// <summary>
/// The identifier check of the briefing feature: the shared <see cref="FreeTextCheck"/>, sparing the partnership's own
/// published contacts (they appear in the footer).
/// </summary>
public sealed class BriefingPrivacy(IOptions<BriefingOptions> options)
{
    public FreeTextCheck Identifiers { get; } = FreeTextCheck.Sparing(new IdentifierScannerOptions
    {
        AllowedEmails = options.Value.AllowedContactEmails,
        AllowedPhoneNumbers = options.Value.AllowedContactPhoneNumbers,
    });

    /// <summary>The check of the latest version's whole text, as the chair's preview shows it.</summary>
    public IdentifierCheck CheckLatest(BriefingRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Identifiers.Check(record.Latest.Content.FullText());
    }
}
