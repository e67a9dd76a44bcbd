using WorkshopBot.Common;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Workshop.Storage;

/// <summary>
/// The chair replaced an agency's representative: the new one speaks for the agency at the audit's workshops (they join for
/// it at once), and the one replaced, who may still be in the meeting, stays a participant of each workshop they joined,
/// for no agency, as "another agency or observer" (they keep their votes and may go on voting and adding ideas). So the
/// workshop's register and what is credited to the agency from now on follow the audit; the ideas they added while joined
/// for the agency stay credited to it (<see cref="IdeaAgencies"/>). Each registration taken away commits with the chair's
/// save and is logged (<c>workshop.join-released</c>, by ids).
/// </summary>
public sealed class ReplacedRepresentativeJoins(
    WorkshopRepository workshops, IWorkshopVoteStore votes, WorkshopVoteWork voteWork, AuditTrail trail)
{
    public async Task ReleaseAsync(PersonRef chair, Guid auditId, string agencyId, PersonRef replaced, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(chair);
        ArgumentNullException.ThrowIfNull(replaced);
        foreach (var session in await workshops.ListForAuditAsync(auditId, ct).ConfigureAwait(false))
        {
            var joined = await votes.GetParticipantAsync(session.Id, replaced.UserId, ct).ConfigureAwait(false);
            if (joined is null || !string.Equals(joined.AgencyId, agencyId, StringComparison.Ordinal))
            {
                continue;
            }

            voteWork.Release(session.Id, joined.UserKey, agencyId);
            await trail.RecordAsync(chair, "workshop.join-released", "workshop", session.Id,
                new { agency = agencyId, participant = joined.UserKey }, ct).ConfigureAwait(false);
        }
    }
}
