using WorkshopBot.Common;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Jobs;
using WorkshopBot.Workshop.Storage;

namespace WorkshopBot.Workshop.Teams;

/// <summary>Data of <see cref="JoinScreen.Join"/>; <see cref="AgencyId"/> is the agency chosen on joining (input).</summary>
/// <see cref="PollId"/> is the poll whose Vote button led to the choice, if any: the answer then offers to vote on it.
public sealed record JoinData(Guid WorkshopId, string? AgencyId = null, string? PollId = null) : IWorkshopCardData
{
    public bool IdsWellFormed => WorkshopCardIds.AreWellFormed(AgencyId, PollId);
}

/// <summary>
/// Join on the workshop card: a representative joins for their agency at once; anyone else chooses an agency (or
/// "another agency or observer") first, though not an agency the chair replaced them as the representative of (neither
/// offered nor taken, until the chair makes them it again). Joining again with the same agency changes nothing. A join
/// commits with the turn and its audit-log line, so a turn that fails leaves neither. Once the audit is closed nobody new
/// joins.
/// </summary>
public sealed class JoinScreen(
    WorkshopAccess access,
    IWorkshopVoteStore votes,
    WorkshopVoteWork voteWork,
    LiveCardCoalescer coalescer,
    UnitOfWork work,
    AuditTrail trail,
    ClosedAuditGuard closedAudit,
    TimeProvider time)
{
    public const string Join = "workshop.join";

    /// <summary>The agency choice of someone who is not there for one of the audit's agencies.</summary>
    public const string OtherAgency = "other";

    public static void Map(ActivityRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        router.OnWorkshopCard<JoinData>(Join, (turn, data, ct) => turn.Screen<JoinScreen>().JoinAsync(turn, data, ct));
    }

    public async Task<InvokeResponse> JoinAsync(TurnContext turn, JoinData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(data);
        var found = await access.JoinableAsync(turn, data.WorkshopId, cancellationToken).ConfigureAwait(false);
        if (found.IsRefused(out var refusal, out var session))
        {
            return refusal;
        }

        var me = turn.Person();
        WorkshopAgency? agency;
        // Set when the audit was read for its representatives: whether it is closed is then known already.
        (InvokeResponse? Refusal, bool Known) closed = (null, false);
        if (data.AgencyId == OtherAgency)
        {
            agency = null;
        }
        else if (!string.IsNullOrEmpty(data.AgencyId))
        {
            // Anyone may say which agency they are here for, but not one the chair replaced them as the representative of
            // (until the chair makes them it again): the audit as it is now, held, so a change of representative before this
            // turn commits sends it round again.
            var (closedNow, audit) = await closedAudit.CheckAsync(session, cancellationToken).ConfigureAwait(false);
            closed = (closedNow, true);
            agency = session.FindAgency(data.AgencyId);
            var withheld = audit?.AgenciesNoLongerRepresentedBy(me) ?? [];
            if (agency is not null && withheld.Contains(agency.Id))
            {
                return closedNow ?? Reply.Card(JoinCard.ChooseAgency(session, data.PollId, withheld, NoLongerRepresentative(agency)));
            }

            if (agency is null)
            {
                return Reply.Card(JoinCard.ChooseAgency(session, data.PollId, withheld));
            }
        }
        else
        {
            // The audit's representatives as they are now, not as they were when the workshop started: one replaced since
            // chooses an agency as anyone else does, and the new one joins for the agency. The audit is held, so a
            // representative changed before this turn commits sends it round again.
            var (closedNow, audit) = await closedAudit.CheckAsync(session, cancellationToken).ConfigureAwait(false);
            closed = (closedNow, true);
            agency = audit is null ? null : session.AgencyRepresentedBy(audit, me);
            var already = agency is null
                ? await votes.GetParticipantAsync(session.Id, me.UserId, cancellationToken).ConfigureAwait(false)
                : null;
            if (already is not null)
            {
                return Reply.Card(JoinCard.Joined(session, already, data.PollId));
            }

            if (agency is null)
            {
                return Reply.Card(JoinCard.ChooseAgency(session, data.PollId, audit?.AgenciesNoLongerRepresentedBy(me)));
            }
        }

        var participant = new WorkshopParticipant(me.UserId, turn.Activity.From?.Id ?? me.UserId, me.DisplayName, agency?.Id, agency?.Name,
            time.GetUtcNow());
        var before = await votes.GetParticipantAsync(session.Id, me.UserId, cancellationToken).ConfigureAwait(false);
        if (before is null || !string.Equals(before.AgencyId, participant.AgencyId, StringComparison.Ordinal))
        {
            // A join changes the workshop's register: not once its audit is closed (held at commit, as the chair's changes).
            if ((closed.Known ? closed.Refusal : await closedAudit.RefusalAsync(session, cancellationToken).ConfigureAwait(false))
                is { } closedRefusal)
            {
                return closedRefusal;
            }

            voteWork.Join(session.Id, participant, first: before is null);
            // Once the join commits; recorded with it, so the cards are drawn again if this instance stops before it sends them.
            coalescer.MarkChangedOnCommit(work, session.Conversation.ConversationId, session.Id, PollCardPublisher.WorkshopCard);
            // An open poll's card shows who may still vote, but waits for a quiet spell as a vote's change may: in a large
            // group the voters' ballots are on the shared card, and an update now would put the card back over them.
            foreach (var open in session.Polls.Where(p => p.IsOpen))
            {
                coalescer.MarkChangedOnCommit(work, session.Conversation.ConversationId, session.Id, open.Id, waitForQuiet: true);
            }
            await trail.RecordAsync(me, "workshop.join", "workshop", session.Id, new { agency = agency?.Id }, cancellationToken)
                .ConfigureAwait(false);
        }

        return Reply.Card(JoinCard.Joined(session, participant, data.PollId));
    }

    /// <summary>Why a person the chair replaced as the agency's representative cannot join for it.</summary>
    public static string NoLongerRepresentative(WorkshopAgency agency)
    {
        ArgumentNullException.ThrowIfNull(agency);
        return $"You are no longer the representative for {WorkshopCardKit.Shown(agency.Name)} in this audit, so you cannot join for it. "
            + "You can join for another agency or as an observer, or ask the chair.";
    }
}
