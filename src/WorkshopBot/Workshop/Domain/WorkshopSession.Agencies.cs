using WorkshopBot.Audits.Domain;
using WorkshopBot.Common;

namespace WorkshopBot.Workshop.Domain;

// The audit's agencies as the workshop keeps them (for Join, tagging ideas and owning recommendations).
public sealed partial class WorkshopSession
{
    public WorkshopAgency? FindAgency(string? agencyId) =>
        Agencies.FirstOrDefault(a => string.Equals(a.Id, agencyId, StringComparison.Ordinal));

    /// <summary>
    /// The agency whose representative this person was when the workshop started, if any. Representatives can change
    /// after that (<see cref="Audit.AssignRepresentative"/>): who represents an agency now is the audit's
    /// (<see cref="AgencyRepresentedBy(Audit, PersonRef)"/>).
    /// </summary>
    public WorkshopAgency? AgencyRepresentedBy(string userKey) =>
        Agencies.FirstOrDefault(a => string.Equals(a.RepresentativeUserId, userKey, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The workshop's agency whose representative this person is on <paramref name="audit"/> as read now, if any (an
    /// audit's agencies are fixed once it is issued, before any workshop starts; its representatives are not).
    /// </summary>
    public WorkshopAgency? AgencyRepresentedBy(Audit audit, PersonRef person)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(person);
        return audit.Id == AuditId && audit.Agencies.FirstOrDefault(a => a.Representative?.IsSamePerson(person) == true) is { } agency
            ? FindAgency(agency.Id)
            : null;
    }
}
