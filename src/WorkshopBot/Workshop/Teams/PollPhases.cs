using WorkshopBot.Common;
using WorkshopBot.Common.Storage;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Storage;

namespace WorkshopBot.Workshop.Teams;

/// <summary>Opens, closes, reopens, resets and reveals polls (chair or phase timer); every change is logged.</summary>
public sealed class PollPhases(
    DocumentChanges documents,
    IWorkshopVoteStore votes,
    WorkshopVoteWork voteWork,
    PollCardPublisher cards,
    AuditTrail trail,
    KnownVoters known,
    TimeProvider time)
{
    /// <summary>
    /// Applies the phase action to the stored poll and to the vote store, then queues one update of the poll's card.
    /// Opening, reopening and a reset commit with the turn (the saved poll, its audit entry, the turn's mark), so a turn
    /// that does not commit changes no votes. A close is committed to the vote store first, so that no vote lands after
    /// the card's final tally is read; a timer's close only while the deadline that ran out is still the poll's. It is
    /// marked unfinished until the turn commits, and the phase timer finishes one left so (<see cref="FinishCloseAsync"/>). With
    /// <paramref name="onlyWhenTimerRanOut"/>, refuses unless the poll's timer is due.
    /// </summary>
    public async Task<Changed<WorkshopSession, bool>> ApplyAsync(Guid workshopId, string pollId, string? action, PersonRef actor,
        CancellationToken cancellationToken, bool onlyWhenTimerRanOut = false)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = time.GetUtcNow();
        DateTimeOffset? ranOut = null;
        var changed = await documents.ChangeAsync(WorkshopRepository.Kind, WorkshopRepository.KeyOf(workshopId), session =>
        {
            var poll = session.FindPoll(pollId);
            if (poll is null)
            {
                return DomainResult.NotFound("That poll is not part of this workshop.");
            }

            // The timer acts on a list read earlier: a poll closed and reopened since then has a later deadline.
            if (onlyWhenTimerRanOut && (poll.ClosesAt is null || poll.ClosesAt > now))
            {
                return DomainResult.Fail(DomainErrorKind.AlreadyDone, "The poll's timer has not run out.");
            }

            ranOut = onlyWhenTimerRanOut ? poll.ClosesAt : null;

            return action switch
            {
                PhaseActions.Open => poll.Open(now),
                PhaseActions.Close => poll.Close(),
                PhaseActions.Reopen => poll.Reopen(now),
                PhaseActions.Reset => poll.Reset(),
                PhaseActions.Reveal => poll.Reveal(),
                _ => DomainResult.Invalid("Choose open, close, reopen, reset or reveal."),
            };
        }, cancellationToken).ConfigureAwait(false);
        if (!changed.Saved)
        {
            return changed;
        }

        var session = changed.Value!;
        var poll = session.FindPoll(pollId)!;
        switch (action)
        {
            case PhaseActions.Open or PhaseActions.Reopen:
                voteWork.Open(poll.Id, poll.ClosesAt, now);
                break;
            case PhaseActions.Close:
                await votes.CloseAheadAsync(poll.Id, poll.Openings, now, cancellationToken, ranOut).ConfigureAwait(false);
                voteWork.CloseSettled(poll.Id);
                // Stored closed: no vote counts from here on, so its voters remembered here are of no more use.
                known.Forget(poll.Id);
                break;
            case PhaseActions.Reset:
                voteWork.Reset(poll.Id, now);
                break;
            case PhaseActions.Reveal:
                // The reveal moves the poll's basis (Poll.VoteBasis), so a vote decided on a voter remembered with the results
                // hidden would fail its commit check and run again: let them go here at once, and their next vote reads.
                known.Forget(poll.Id);
                break;
        }

        await trail.RecordAsync(actor, "workshop.poll." + action, "workshop-poll", poll.Id, new { workshopId, poll.Phase, poll.ClosesAt },
            cancellationToken).ConfigureAwait(false);
        // The card as it now stands, once and durably: with the vote store changed first, a close's card has the final
        // tally. Nothing goes to each participant: in a group too large for card refresh, pressing Vote on this card
        // answers with that person's own ballot, so "Open voting" costs the same for 10 people as for 10,000.
        await cards.SendDurableAsync(session, poll, action!, cancellationToken, cleared: action == PhaseActions.Reset)
            .ConfigureAwait(false);
        return changed;
    }

    /// <summary>
    /// Finishes a close stored ahead of a turn that never committed (the process died, or the turn was given up): the poll
    /// is saved closed, the close logged as the phase timer's and the card updated, so the card no longer says voting is
    /// open while votes are refused. Nothing changes for a poll reopened or closed since; only the close's mark is cleared.
    /// True when the poll was closed here.
    /// </summary>
    public async Task<bool> FinishCloseAsync(UnfinishedClose close, PersonRef actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(close);
        var changed = await documents.ChangeAsync(WorkshopRepository.Kind, WorkshopRepository.KeyOf(close.WorkshopId), session =>
            session.FindPoll(close.PollId) is not { } poll ? DomainResult.NotFound("That poll is not part of this workshop.")
            : poll.Openings != close.Opening ? DomainResult.Fail(DomainErrorKind.AlreadyDone, "The poll was reopened since.")
            : poll.Close(), cancellationToken).ConfigureAwait(false);
        if (!changed.Saved)
        {
            await votes.SettleCloseAsync(close.PollId, close.ClosingAt, cancellationToken).ConfigureAwait(false);
            return false;
        }

        var session = changed.Value!;
        var poll = session.FindPoll(close.PollId)!;
        voteWork.CloseSettled(poll.Id);
        known.Forget(poll.Id);
        await trail.RecordAsync(actor, "workshop.poll." + PhaseActions.Close, "workshop-poll", poll.Id,
            new { workshopId = close.WorkshopId, poll.Phase, poll.ClosesAt }, cancellationToken).ConfigureAwait(false);
        await cards.SendDurableAsync(session, poll, PhaseActions.Close, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Closes the store's copy when the document says the poll is closed already, so the timer stops finding it.</summary>
    public Task ForceClosedAsync(string pollId, CancellationToken cancellationToken) =>
        votes.SetStatusAsync(pollId, PollVotingStatus.Closed, null, time.GetUtcNow(), cancellationToken);
}
