using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Jobs;
using WorkshopBot.Workshop.Storage;

namespace WorkshopBot.Workshop.Teams;

/// <summary>Data of <see cref="BallotScreen.Dot"/>: add (+1) or take back (-1) one dot.</summary>
public sealed record DotData(Guid WorkshopId, string PollId, int Delta, string? OptionId = null) : IPollData, IWorkshopCardData
{
    public bool IdsWellFormed => WorkshopCardIds.AreWellFormed(PollId, OptionId);
}

/// <summary>Data of <see cref="BallotScreen.Choose"/>: the chosen option ids (comma-separated for multiple choice).</summary>
public sealed record ChooseData(Guid WorkshopId, string PollId, string? Choice = null) : IPollData, IWorkshopCardData
{
    public bool IdsWellFormed => WorkshopCardIds.IsWellFormed(PollId) && WorkshopCardIds.IsWellFormedList(Choice);
}

/// <summary>
/// A person's own view of a poll (Vote on its card, or card refresh): their dots or choices, what is left, and how to
/// change them. Each answer is the person's ballot as it now stands, built from their own counts. A vote is decided on
/// one read of the voter's state and joins the turn's unit of work, so it commits with the turn's processed mark and
/// audit entry; if the voter's ballot or the poll changed in between, the turn runs again from fresh reads. The ballot
/// is not kept with the mark (it was most of what a vote added to the database): a redelivered vote counts once and is
/// answered with the ballot as it stands then.
/// </summary>
public sealed partial class BallotScreen(
    WorkshopAccess access,
    WorkshopVoteWork voteWork,
    PollCardPublisher cards,
    BallotAnswers ballots,
    LiveCardCoalescer coalescer,
    AuditTrail trail,
    TimeProvider time,
    ILogger<BallotScreen> logger)
{
    public const string View = "workshop.poll.view";
    public const string Dot = "workshop.vote.dot";
    public const string Choose = "workshop.vote.choose";

    public static void Map(ActivityRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        router.OnWorkshopCard<PollRef>(View, (turn, data, ct) => turn.Screen<BallotScreen>().ViewAsync(turn, data, ct));
        router.OnWorkshopCard<DotData>(Dot, (turn, data, ct) => turn.Screen<BallotScreen>().DotAsync(turn, data, ct));
        router.OnWorkshopCard<ChooseData>(Choose, (turn, data, ct) => turn.Screen<BallotScreen>().ChooseAsync(turn, data, ct));
    }

    public async Task<InvokeResponse> ViewAsync(TurnContext turn, PollRef data, CancellationToken cancellationToken)
    {
        var (found, state, version) = await access.PollAndVoterAsync(turn, data, cancellationToken).ConfigureAwait(false);
        if (found.IsRefused(out var refusal, out var target))
        {
            return refusal;
        }

        access.RememberVoter(turn, target, version, state, afterCommit: false);
        if (state.Joined)
        {
            return await BallotAsync(turn, target, state, null, cancellationToken).ConfigureAwait(false);
        }

        // Not joined yet: the agencies to choose from are all but those the chair replaced them as the representative of.
        // The reader is asked for here, not given to the screen: every dot builds this screen, and only this answer needs it.
        var audits = turn.Services.GetRequiredService<IWorkshopAuditReader>();
        var audit = await audits.GetAuditAsync(target.Session.AuditId, cancellationToken).ConfigureAwait(false);
        return Reply.Card(JoinCard.ChooseAgency(target.Session, target.Poll.Id, audit?.AgenciesNoLongerRepresentedBy(turn.Person())));
    }

    public async Task<InvokeResponse> DotAsync(TurnContext turn, DotData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var started = time.GetTimestamp();
        voteWork.ShowOnlyThePollsCards();
        var (found, state, version) = await access.VoterForVoteAsync(turn, data, read => DotCounts(turn, data, read), cancellationToken)
            .ConfigureAwait(false);
        if (found.IsRefused(out var refusal, out var target))
        {
            return refusal;
        }

        if (voteWork.Redelivered)
        {
            // Counted when it was first delivered: the ballot as it stands now, with that vote in it.
            return await BallotAsync(turn, target, state, null, cancellationToken).ConfigureAwait(false);
        }

        var poll = target.Poll;
        if (poll.Kind != PollKind.IdeaBoard || data.Delta is not (1 or -1) || poll.FindOption(data.OptionId) is null)
        {
            return await BallotAsync(turn, target, state, "That idea is not on this board. Choose one from the list.", cancellationToken)
                .ConfigureAwait(false);
        }

        if (NotOpenNotice(poll) is { } notOpen)
        {
            return await BallotAsync(turn, target, state, notOpen, cancellationToken).ConfigureAwait(false);
        }

        var decision = state.MoveDot(target.Session.Id, turn.Person().UserId, data.OptionId!, data.Delta, time.GetUtcNow());
        return await AfterVoteAsync(turn, (target, version), state, decision, new { option = data.OptionId, delta = data.Delta },
            started, cancellationToken, "MoveDot").ConfigureAwait(false);
    }

    public async Task<InvokeResponse> ChooseAsync(TurnContext turn, ChooseData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var started = time.GetTimestamp();
        var chosen = CardInput.List(data.Choice).Distinct(StringComparer.Ordinal).ToList();
        voteWork.ShowOnlyThePollsCards();
        var (found, state, version) = await access.VoterForVoteAsync(turn, data, read => ChoiceCounts(turn, chosen, read),
            cancellationToken).ConfigureAwait(false);
        if (found.IsRefused(out var refusal, out var target))
        {
            return refusal;
        }

        if (voteWork.Redelivered)
        {
            // Counted when it was first delivered: the ballot as it stands now, with that vote in it.
            return await BallotAsync(turn, target, state, null, cancellationToken).ConfigureAwait(false);
        }

        var poll = target.Poll;
        var single = IsSingle(poll);
        if (!ChoiceFits(poll, chosen))
        {
            var notice = single ? "Choose one of the options." : "Choose at least one of the options.";
            return await BallotAsync(turn, target, state, notice, cancellationToken).ConfigureAwait(false);
        }

        if (NotOpenNotice(poll) is { } notOpen)
        {
            return await BallotAsync(turn, target, state, notOpen, cancellationToken).ConfigureAwait(false);
        }

        var decision = state.SetChoices(target.Session.Id, turn.Person().UserId, chosen, time.GetUtcNow());
        return await AfterVoteAsync(turn, (target, version), state, decision, new { options = chosen }, started, cancellationToken,
            "SetChoices").ConfigureAwait(false);
    }

    /// <summary>
    /// Queues an accepted vote (valid only while the poll's basis has not moved since <paramref name="read"/>'s version) with its
    /// audit entry, and answers the voter's ballot as it will then stand; the voter is remembered as the turn leaves them.
    /// </summary>
    private async Task<InvokeResponse> AfterVoteAsync(TurnContext turn, (PollInWorkshop Target, long Version) read, VoterState state,
        VoteDecision decision, object detail, long started, CancellationToken cancellationToken, string operation)
    {
        var target = read.Target;
        var (session, poll) = target;
        var result = decision.Result;
        voteWork.Count(operation, result.Outcome);
        if (decision.Change is { } decided)
        {
            var change = read.Version > 0 ? decided with { WorkshopVersion = read.Version } : decided;
            var large = state.Participants > cards.MaxRefreshUsers;
            voteWork.Cast(change, () => coalescer.MarkChanged(session.Conversation.ConversationId, session.Id, poll.Id, large));
            state = state.After(change);
            access.RememberVoter(turn, target, read.Version, state, afterCommit: true);
            await trail.RecordAsync(turn.Person(), "workshop.vote", "workshop-poll", poll.Id, detail, cancellationToken)
                .ConfigureAwait(false);
        }
        else
        {
            access.RememberVoter(turn, target, read.Version, state, afterCommit: false);
            LogRefused(poll.Id, result.Outcome.ToString());
        }

        var notice = result.Outcome switch
        {
            VoteOutcome.Accepted or VoteOutcome.Duplicate => null,
            VoteOutcome.OtherWorkshop or VoteOutcome.UnknownPoll => "That poll is not part of this workshop.",
            VoteOutcome.NotOpen => "Voting has not opened yet.",
            VoteOutcome.Closed => "Voting has closed; your vote was not counted.",
            VoteOutcome.NotParticipant => "Join the workshop to vote.",
            VoteOutcome.OverBudget => $"You have used all {poll.DotsPerVoter} of your dots. Take one back to move it.",
            VoteOutcome.OverOptionLimit => $"You can put at most {poll.MaxDotsPerItem} of your dots on one idea.",
            VoteOutcome.NothingToRemove => "You have no dot on that idea to take back.",
            _ => "You chose more options than this poll allows.",
        };
        var response = await BallotAsync(turn, target, state, notice, cancellationToken).ConfigureAwait(false);
        LogVoteHandled(poll.Id, time.GetElapsedTime(started).TotalMilliseconds);
        return response;
    }

    /// <summary>The voter's ballot from their own counts; in a group small enough for card refresh, with its refresh.</summary>
    private async Task<InvokeResponse> BallotAsync(TurnContext turn, PollInWorkshop target, VoterState state, string? notice,
        CancellationToken cancellationToken)
    {
        var (session, poll) = target;
        var refresh = turn.IsPersonal || state.Participants > cards.MaxRefreshUsers
            ? []
            : await cards.RefreshUserIdsAsync(session, cancellationToken).ConfigureAwait(false);
        return ballots.Answer(session, poll, state, notice, refresh);
    }

    /// <summary>
    /// The saved poll is checked as well as the vote store's copy: a failure between saving a close and closing the
    /// store must not leave a closed poll taking votes.
    /// </summary>
    private static string? NotOpenNotice(Poll poll) => poll.Phase switch
    {
        PollPhase.Voting => null,
        PollPhase.Closed => "Voting has closed; your vote was not counted.",
        _ => "Voting has not opened yet.",
    };

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Vote on poll {PollId} refused: {Outcome}")]
    private partial void LogRefused(string pollId, string outcome);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Debug, Message = "Vote on poll {PollId} handled in {Milliseconds} ms")]
    private partial void LogVoteHandled(string pollId, double milliseconds);
}
