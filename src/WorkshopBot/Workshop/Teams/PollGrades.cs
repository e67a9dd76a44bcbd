using WorkshopBot.Common.Storage;
using WorkshopBot.Storage;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Jobs;
using WorkshopBot.Workshop.Storage;

namespace WorkshopBot.Workshop.Teams;

/// <summary>
/// Keeps a grade poll's single-agency grades as the returns stand: read again whenever the chair acts on the poll (its
/// controls, a phase change, a ratification), so grades appear once the chair has released the returns, and a return
/// reopened or submitted since is shown as it now is. Ballots and live updates show what was read then: a vote reads no
/// audit.
/// </summary>
public sealed class PollGrades(IWorkshopAuditReader audits, DocumentChanges documents, LiveCardCoalescer coalescer, UnitOfWork work)
{
    /// <summary>The released grades of the poll's case, or null while the returns are not released.</summary>
    public async Task<IReadOnlyList<AgencyGrade>?> ReadAsync(WorkshopSession session, string? caseReference,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        return caseReference is null || !session.HasCase(caseReference)
            ? null
            : await audits.ReleasedGradesAsync(session.AuditId, caseReference, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Stores the grades as read now when they differ from what the poll shows (in the turn's unit of work), and then
    /// updates the poll's card once the turn commits, whatever else the chair's action comes to; the workshop as it then
    /// stands, and whether it changed.
    /// </summary>
    public async Task<(WorkshopSession Session, bool Changed)> RefreshAsync(WorkshopSession session, Poll poll,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(poll);
        if (poll.Kind != PollKind.GradeRatification)
        {
            return (session, false);
        }

        var released = await ReadAsync(session, poll.CaseReference, cancellationToken).ConfigureAwait(false);
        if (!poll.GradesDifferFrom(released))
        {
            return (session, false);
        }

        var changed = await documents.ChangeAsync(WorkshopRepository.Kind, WorkshopRepository.KeyOf(session.Id),
            s => s.RefreshGrades(poll.Id, released), cancellationToken).ConfigureAwait(false);
        if (changed.Saved)
        {
            coalescer.MarkChangedOnCommit(work, session.Conversation.ConversationId, session.Id, poll.Id);
        }

        return (changed.Value ?? session, changed.Saved);
    }
}
