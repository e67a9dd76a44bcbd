namespace WorkshopBot.Workshop.Domain;

/// <summary>
/// Exact-once vote counting in SQL: participants, each poll's voting rules, votes, and running counts (per option,
/// per poll, per workshop), so nothing a vote reads or writes grows with the poll. A vote is decided on a
/// <see cref="VoterState"/> and stored only while the voter's version and the poll's state are still the ones read.
/// </summary>
public interface IWorkshopVoteStore
{
    /// <summary>Adds the participant, or updates their agency; false when they had already joined with the same agency.</summary>
    Task<bool> JoinAsync(Guid workshopId, WorkshopParticipant participant, CancellationToken cancellationToken);

    Task<WorkshopParticipant?> GetParticipantAsync(Guid workshopId, string userKey, CancellationToken cancellationToken);

    /// <summary>Participants in the order they joined (the first <paramref name="limit"/> of them when given).</summary>
    Task<IReadOnlyList<WorkshopParticipant>> ListParticipantsAsync(Guid workshopId, CancellationToken cancellationToken,
        int? limit = null);

    Task<int> CountParticipantsAsync(Guid workshopId, CancellationToken cancellationToken);

    Task RegisterPollAsync(PollVotingRules rules, DateTimeOffset now, CancellationToken cancellationToken);

    Task<PollVotingRules?> GetRulesAsync(string pollId, CancellationToken cancellationToken);

    /// <summary>
    /// Opens, closes or reopens voting; <paramref name="closesAt"/> is the phase timer (null for none). With
    /// <paramref name="onlyIfClosesAt"/>, only while the poll's deadline is still that one (a timer's close).
    /// </summary>
    Task SetStatusAsync(string pollId, PollVotingStatus status, DateTimeOffset? closesAt, DateTimeOffset now,
        CancellationToken cancellationToken, DateTimeOffset? onlyIfClosesAt = null);

    /// <summary>
    /// Closes voting at once, ahead of the turn that saves the closed poll (so that no vote lands after the card's final
    /// tally is read), and marks the close unfinished until that turn commits (<c>WorkshopVoteWork.CloseSettled</c>).
    /// <paramref name="opening"/> is the poll's <see cref="Poll.Openings"/> it closed; <paramref name="onlyIfClosesAt"/> as
    /// in <see cref="SetStatusAsync"/>. Any other change of status clears the mark.
    /// </summary>
    Task CloseAheadAsync(string pollId, int opening, DateTimeOffset now, CancellationToken cancellationToken,
        DateTimeOffset? onlyIfClosesAt = null);

    /// <summary>Closes made ahead whose turn has not committed, oldest first, made at or before <paramref name="madeBefore"/>.</summary>
    Task<IReadOnlyList<UnfinishedClose>> ListUnfinishedClosesAsync(DateTimeOffset madeBefore, CancellationToken cancellationToken);

    /// <summary>Clears the unfinished-close mark of the close made at <paramref name="closingAt"/> (not a later one's).</summary>
    Task SettleCloseAsync(string pollId, DateTimeOffset closingAt, CancellationToken cancellationToken);

    /// <summary>
    /// When the poll's counts or status last changed, whichever instance changed them (null for no such poll): a live
    /// card update that waits for quiet waits until this is an update interval old.
    /// </summary>
    Task<DateTimeOffset?> LastChangedAsync(string pollId, CancellationToken cancellationToken);

    /// <summary>What a vote of <paramref name="voterKey"/> needs: rules, membership, their ballot and the poll's counts.</summary>
    Task<VoterState> ReadVoterAsync(Guid workshopId, string pollId, string voterKey, CancellationToken cancellationToken);

    /// <summary>The poll's running counts: per option, voters, and the workshop's participants.</summary>
    Task<PollCounts> CountsAsync(Guid workshopId, string pollId, CancellationToken cancellationToken);

    /// <summary>
    /// Adds (+1) or removes (-1) one dot of the voter on an option, committed at once; a repeated
    /// <paramref name="requestId"/> is <see cref="VoteOutcome.Duplicate"/>. (Turns queue votes in their unit of work.)
    /// </summary>
    Task<VoteResult> MoveDotAsync(Guid workshopId, string pollId, string voterKey, string optionId, int delta,
        string requestId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Replaces the voter's choices (single, multiple, rating, grade): one dot per chosen option.</summary>
    Task<VoteResult> SetChoicesAsync(Guid workshopId, string pollId, string voterKey, IReadOnlyCollection<string> optionIds,
        string requestId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Removes every vote of the poll (chair's reset).</summary>
    Task<int> ResetAsync(string pollId, DateTimeOffset now, CancellationToken cancellationToken);

    Task<IReadOnlyList<OptionTally>> TallyAsync(string pollId, CancellationToken cancellationToken);

    /// <summary>The voter's dots per option.</summary>
    Task<IReadOnlyDictionary<string, int>> BallotAsync(string pollId, string voterKey, CancellationToken cancellationToken);

    Task<int> CountVotersAsync(string pollId, CancellationToken cancellationToken);

    Task<IReadOnlyList<StoredVote>> ListVotesAsync(string pollId, CancellationToken cancellationToken);

    /// <summary>Open polls whose timer has run out.</summary>
    Task<IReadOnlyList<PollVotingRules>> ListDueToCloseAsync(DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>
/// A close stored in the vote store whose turn never saved the closed poll: when it was made, and the poll's opening it
/// closed (<see cref="Poll.Openings"/>), so that a poll reopened since is left alone.
/// </summary>
public sealed record UnfinishedClose(Guid WorkshopId, string PollId, int Opening, DateTimeOffset ClosingAt);

/// <summary>A poll's running counts: dots and voters per option, voters, and participants of its workshop.</summary>
public sealed record PollCounts(IReadOnlyList<OptionTally> Tally, int Voters, int Participants);
