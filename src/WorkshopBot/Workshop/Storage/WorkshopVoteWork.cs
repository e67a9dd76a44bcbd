using WorkshopBot.Operations.Telemetry;
using WorkshopBot.Storage;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Workshop.Storage;

/// <summary>
/// Puts a decided vote into the turn's <see cref="UnitOfWork"/>: it commits with the turn's processed mark and audit
/// entry, in the store committer's group transaction (one transaction and one sync for many votes). Its SQL checks the
/// voter's version and that the poll is open; when either changed, the commit is a conflict and the turn runs again.
/// </summary>
public sealed class WorkshopVoteWork(UnitOfWork work, BotMetrics? metrics = null)
{
    /// <summary>
    /// The vote was handled before and its answer, the ballot, was not kept (<see cref="UnitOfWork.Redelivered"/>): answer
    /// the ballot as it stands and change nothing.
    /// </summary>
    public bool Redelivered => work.Redelivered;

    /// <summary>
    /// A vote's turn answers the poll's ballot on the poll's own card, which retention takes down by the poll's correlation:
    /// it records no message as showing the audit (<see cref="UnitOfWork.ShownByCorrelation"/>), so a vote pays no extra
    /// statement in its commit.
    /// </summary>
    public void ShowOnlyThePollsCards() => work.ShowOnlyCorrelatedCards();

    /// <summary>Counts the vote's outcome (by operation) in the vote metrics once the turn commits.</summary>
    public void Count(string operation, VoteOutcome outcome) => work.OnCommitted(() => metrics?.Vote(operation, outcome.ToString()));

    /// <summary>Queues the vote; <paramref name="committed"/> runs once it is stored (never if it is not).</summary>
    public void Cast(VoteChange change, Action committed)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(committed);
        work.OnCommitted(committed);
        // The description names no person: a conflict's log line carries it (TurnCoordinator), and who voted is not logged.
        work.Store.Execute($"vote on poll {change.PollId} (the ballot changed since it was read, or voting closed)",
            provider => VoteSteps.Statements(change, provider));
    }

    /// <summary>Queues a new poll's voting rules (not open yet), to commit with the poll saved in the same turn.</summary>
    public void Register(PollVotingRules rules, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rules);
        work.Store.Execute($"voting rules of poll {rules.PollId}", VoteSteps.Register(rules, now));
    }

    /// <summary>
    /// Queues opening (or reopening) voting, to commit with the poll's saved phase, its audit entry and the turn's mark:
    /// a turn that does not commit opens nothing, and one delivered twice opens once.
    /// </summary>
    public void Open(string pollId, DateTimeOffset? closesAt, DateTimeOffset now) =>
        work.Store.Execute($"opening of poll {pollId}", VoteSteps.Status(pollId, PollVotingStatus.Open, closesAt, now));

    /// <summary>
    /// Queues clearing the poll's unfinished-close mark (<see cref="IWorkshopVoteStore.CloseAheadAsync"/>), to commit with
    /// the closed poll saved: once the turn commits, the phase timer has nothing left to finish.
    /// </summary>
    public void CloseSettled(string pollId) => work.Store.Execute($"close of poll {pollId}", VoteSteps.CloseSettled(pollId));

    /// <summary>
    /// Queues removing every vote of the poll, to commit with the poll's saved reset, its audit entry and the turn's
    /// mark: a turn that does not commit (given up, or a crash) removes nothing, and one delivered twice removes the votes
    /// once, not the votes acknowledged since.
    /// </summary>
    public void Reset(string pollId, DateTimeOffset now) =>
        work.Store.Execute($"reset of poll {pollId}", VoteSteps.Reset(pollId, now, _ => { }));

    /// <summary>
    /// Queues a join (or a change of the agency someone joined for) to commit with the turn (the cards it changes are marked
    /// with the turn too: <see cref="Jobs.LiveCardCoalescer.MarkChangedOnCommit"/>).
    /// </summary>
    /// <param name="first">
    /// True when the turn read no registration of theirs: the join's statements then go with other turns' at once
    /// (<see cref="VoteSteps.FirstJoin"/>), and someone who joined meanwhile (a second press) sends the turn round again.
    /// </param>
    public void Join(Guid workshopId, WorkshopParticipant participant, bool first)
    {
        ArgumentNullException.ThrowIfNull(participant);
        var workshop = workshopId.ToString("D");
        if (first)
        {
            work.Store.Execute($"join of workshop {workshop}", _ => VoteSteps.FirstJoin(workshop, participant));
        }
        else
        {
            work.Store.Execute($"join of workshop {workshop}", VoteSteps.Join(workshop, participant, _ => { }));
        }
    }

    /// <summary>
    /// Queues taking a participant's registration for <paramref name="agencyId"/> away (they stay a participant, for no
    /// agency), to commit with the turn; nothing changes when they have joined for another agency, or none, by then.
    /// </summary>
    public void Release(Guid workshopId, string userKey, string agencyId) =>
        work.Store.Execute($"release of a join to workshop {workshopId:D}",
            VoteSteps.Release(workshopId.ToString("D"), userKey, agencyId));
}
