using System.Text.Json;
using WorkshopBot.Audits;
using WorkshopBot.Common;
using WorkshopBot.Storage;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Storage;

namespace WorkshopBot.Workshop.Teams;

/// <summary>Opens, closes, reopens, resets and reveals polls (chair or phase timer); every change is logged.</summary>
public sealed class PollPhases(
    WorkshopRepository workshops,
    IWorkshopVoteStore votes,
    PollCardPublisher cards,
    IAuditLog auditLog,
    TimeProvider time)
{
    public async Task<(DomainResult Result, WorkshopSession? Session)> ApplyAsync(Guid workshopId, string pollId, string? action, PersonRef actor,
        CancellationToken cancellationToken, bool onlyWhenTimerRanOut = false)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = time.GetUtcNow();
        var changed = await workshops.ChangeAsync(workshopId, session =>
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
        if (changed is null)
        {
            return (DomainResult.NotFound("This workshop no longer exists."), null);
        }

        var (result, session) = changed.Value;
        if (!result.Succeeded)
        {
            return (DomainResult.From(result.Error!), session);
        }

        var poll = session.FindPoll(pollId)!;
        switch (action)
        {
            case PhaseActions.Open or PhaseActions.Reopen:
                await votes.SetStatusAsync(poll.Id, PollVotingStatus.Open, poll.ClosesAt, now, cancellationToken).ConfigureAwait(false);
                break;
            case PhaseActions.Close:
                await votes.SetStatusAsync(poll.Id, PollVotingStatus.Closed, null, now, cancellationToken).ConfigureAwait(false);
                break;
            case PhaseActions.Reset:
                await votes.ResetAsync(poll.Id, now, cancellationToken).ConfigureAwait(false);
                break;
        }

        await auditLog.AppendAsync(new NewAuditEvent(now, actor.UserId, actor.DisplayName, "workshop.poll." + action, "workshop-poll", poll.Id,
            JsonSerializer.Serialize(new { workshopId, poll.Phase, poll.ClosesAt })), cancellationToken).ConfigureAwait(false);
        await cards.SendDurableAsync(session, poll, action!, cancellationToken).ConfigureAwait(false);
        if (action is PhaseActions.Open or PhaseActions.Reopen)
        {
            await cards.SendPersonalBallotsAsync(session, poll, cancellationToken).ConfigureAwait(false);
        }

        return (DomainResult.Ok, session);
    }

    /// <summary>Closes the store's copy when the document says the poll is closed already, so the timer stops finding it.</summary>
    public Task ForceClosedAsync(string pollId, CancellationToken cancellationToken) =>
        votes.SetStatusAsync(pollId, PollVotingStatus.Closed, null, time.GetUtcNow(), cancellationToken);
}
