using Dapper;
using WorkshopBot.Common.Storage;
using WorkshopBot.Storage;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Workshop.Storage;

/// <summary>
/// <see cref="IWorkshopVoteStore"/> on the bot's database. Reads come from running counts and the voter's own rows (one
/// round trip for a vote); writes are <see cref="VoteSteps"/> run by the store committer, so every write of the vote
/// store queues (asynchronously) for the one in-process writer and shares its group commit. Turns queue their votes
/// in their own unit of work (<see cref="WorkshopVoteWork"/>); the methods here commit at once.
/// </summary>
internal sealed partial class SqlWorkshopVoteStore(StorageDatabase database, IStoreCommitter committer, TimeProvider? clock = null)
    : IWorkshopVoteStore, IVoterQueries
{
    private readonly TimeProvider time = clock ?? TimeProvider.System;

    /// <summary>
    /// Runs of a vote committed at once before it gives up on a voter whose ballot keeps changing. Not the documents'
    /// <see cref="DocumentChanges.MaxAttempts"/>: this path (the store's contract, benchmarks) is one voter's own row
    /// raced by that voter's parallel clicks, each retry cheap; votes in a turn go through the turn's retries.
    /// </summary>
    public const int MaxAttempts = 10;

    private const string TallySql =
        "SELECT option_id AS OptionId, dots AS Dots, voters AS Voters FROM workshop_poll_counts WHERE poll_id = @pollId AND dots > 0";

    private const string PollVotersSql = "SELECT COALESCE(MAX(voters), 0) FROM workshop_polls WHERE poll_id = @pollId";

    private const string ParticipantsSql =
        "SELECT COALESCE(MAX(participants), 0) FROM workshop_counts WHERE workshop_id = @workshopId";

    private const string ParticipantColumns = """
        user_key AS UserKey, channel_user_id AS ChannelUserId, name AS Name, agency_id AS AgencyId,
        agency_name AS AgencyName, joined_at AS JoinedAt
        """;

    private const string RulesColumns = """
        poll_id AS PollId, workshop_id AS WorkshopId, status AS Status, dots_per_voter AS DotsPerVoter,
        max_per_option AS MaxPerOption, closes_at AS ClosesAt
        """;

    public async Task<bool> JoinAsync(Guid workshopId, WorkshopParticipant participant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(participant);
        var changed = false;
        await CommitAsync("join", VoteSteps.Join(Key(workshopId), participant, c => changed = c)).ConfigureAwait(false);
        return changed;
    }

    public async Task<WorkshopParticipant?> GetParticipantAsync(Guid workshopId, string userKey, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<ParticipantRow>(new CommandDefinition(
            $"SELECT {ParticipantColumns} FROM workshop_participants WHERE workshop_id = @workshopId AND user_key = @userKey",
            new { workshopId = Key(workshopId), userKey }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToParticipant();
    }

    public async Task<IReadOnlyList<WorkshopParticipant>> ListParticipantsAsync(Guid workshopId, CancellationToken cancellationToken,
        int? limit = null)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<ParticipantRow>(new CommandDefinition(
            $"SELECT {ParticipantColumns} FROM workshop_participants WHERE workshop_id = @workshopId "
                + "ORDER BY joined_at, user_key LIMIT @limit",
            new { workshopId = Key(workshopId), limit = limit ?? int.MaxValue },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToParticipant()).ToList();
    }

    public async Task<int> CountParticipantsAsync(Guid workshopId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (int)await connection.ExecuteScalarAsync<long>(new CommandDefinition(ParticipantsSql,
            new { workshopId = Key(workshopId) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public Task RegisterPollAsync(PollVotingRules rules, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return CommitAsync("register poll", VoteSteps.Register(rules, now));
    }

    public async Task<PollVotingRules?> GetRulesAsync(string pollId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<RulesRow>(new CommandDefinition(
            $"SELECT {RulesColumns} FROM workshop_polls WHERE poll_id = @pollId",
            new { pollId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToRules();
    }

    public async Task<DateTimeOffset?> LastChangedAsync(string pollId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return UnixTime.FromMs(await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT updated_at FROM workshop_polls WHERE poll_id = @pollId", new { pollId }, cancellationToken: cancellationToken))
            .ConfigureAwait(false));
    }

    public Task SetStatusAsync(string pollId, PollVotingStatus status, DateTimeOffset? closesAt, DateTimeOffset now,
        CancellationToken cancellationToken, DateTimeOffset? onlyIfClosesAt = null) =>
        CommitAsync("poll status", VoteSteps.Status(pollId, status, closesAt, now, onlyIfClosesAt));

    public async Task<PollCounts> CountsAsync(Guid workshopId, string pollId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var reads = await connection.QueryMultipleAsync(new CommandDefinition($"""
            {TallySql};
            {PollVotersSql};
            {ParticipantsSql};
            """, new { pollId, workshopId = Key(workshopId) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var tally = ToTally(await reads.ReadAsync<TallyRow>().ConfigureAwait(false));
        var voters = (int)await reads.ReadSingleAsync<long>().ConfigureAwait(false);
        return new PollCounts(tally, voters, (int)await reads.ReadSingleAsync<long>().ConfigureAwait(false));
    }

    public async Task<VoteResult> MoveDotAsync(Guid workshopId, string pollId, string voterKey, string optionId, int delta,
        string requestId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (delta is not (1 or -1))
        {
            throw new ArgumentOutOfRangeException(nameof(delta), "A dot is added (+1) or removed (-1) one at a time.");
        }

        return await CastAsync(pollId, voterKey, requestId, now,
            state => state.MoveDot(workshopId, voterKey, optionId, delta, now), workshopId, cancellationToken).ConfigureAwait(false);
    }

    public Task<VoteResult> SetChoicesAsync(Guid workshopId, string pollId, string voterKey, IReadOnlyCollection<string> optionIds,
        string requestId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(optionIds);
        return CastAsync(pollId, voterKey, requestId, now, state => state.SetChoices(workshopId, voterKey, optionIds, now), workshopId,
            cancellationToken);
    }

    public async Task<int> ResetAsync(string pollId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var removed = 0;
        await CommitAsync("reset", VoteSteps.Reset(pollId, now, n => removed = n)).ConfigureAwait(false);
        return removed;
    }

    public async Task<IReadOnlyList<OptionTally>> TallyAsync(string pollId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return ToTally(await connection.QueryAsync<TallyRow>(new CommandDefinition(TallySql, new { pollId },
            cancellationToken: cancellationToken)).ConfigureAwait(false));
    }

    public async Task<IReadOnlyDictionary<string, int>> BallotAsync(string pollId, string voterKey, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var ballot = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT ballot FROM workshop_voters WHERE poll_id = @pollId AND voter_key = @voterKey",
            new { pollId, voterKey }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return VoterBallots.Entries(ballot).ToDictionary(e => e.OptionId, e => e.Dots, StringComparer.Ordinal);
    }

    public async Task<int> CountVotersAsync(string pollId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (int)await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            PollVotersSql,
            new { pollId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StoredVote>> ListVotesAsync(string pollId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        // Each voter's ballot, one vote per option they put dots on, at the time they last changed their ballot.
        var rows = await connection.QueryAsync<VoteRow>(new CommandDefinition("""
            SELECT voter_key AS VoterKey, ballot AS Ballot, updated_at AS UpdatedAt
            FROM workshop_voters WHERE poll_id = @pollId AND ballot <> ''
            """, new { pollId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.SelectMany(r => VoterBallots.Entries(r.Ballot)
                .Select(e => new StoredVote(r.VoterKey, e.OptionId, e.Dots, UnixTime.FromMs(r.UpdatedAt))))
            .OrderBy(v => v.OptionId, StringComparer.Ordinal).ThenBy(v => v.VoterKey, StringComparer.Ordinal).ToList();
    }

    public async Task<IReadOnlyList<PollVotingRules>> ListDueToCloseAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<RulesRow>(new CommandDefinition(
            $"SELECT {RulesColumns} FROM workshop_polls "
                + "WHERE status = 'Open' AND closes_at IS NOT NULL AND closes_at <= @now ORDER BY closes_at",
            new { now = UnixTime.ToMs(now) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToRules()).ToList();
    }

    /// <summary>
    /// A vote committed at once (outside a turn): read, decide, store under a processed mark named by the request, so a
    /// repeated request is a <see cref="VoteOutcome.Duplicate"/>; a conflict is decided again on a fresh read.
    /// </summary>
    private async Task<VoteResult> CastAsync(string pollId, string voterKey, string requestId, DateTimeOffset now,
        Func<VoterState, VoteDecision> decide, Guid workshopId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var state = await ReadVoterAsync(workshopId, pollId, voterKey, cancellationToken).ConfigureAwait(false);
            var decision = decide(state);
            if (decision.Change is not { } change)
            {
                return decision.Result;
            }

            var work = new StoreWork();
            work.MarkProcessed("vote:" + pollId, requestId, now, 200, null);
            work.Execute("vote", provider => VoteSteps.Statements(change, provider));
            var result = await committer.CommitAsync(work, CancellationToken.None).ConfigureAwait(false);
            switch (result.Outcome)
            {
                case CommitOutcome.Committed:
                    return decision.Result;
                case CommitOutcome.AlreadyProcessed:
                    return new VoteResult(VoteOutcome.Duplicate, state.Used, state.Rules!.DotsPerVoter);
                default:
                    if (attempt >= MaxAttempts)
                    {
                        throw new InvalidOperationException($"Vote on poll {pollId} kept conflicting.");
                    }

                    break;
            }
        }
    }

    private async Task CommitAsync(string description, StoreWorkStep step)
    {
        var work = new StoreWork();
        work.Execute(description, step);
        var result = await committer.CommitAsync(work, CancellationToken.None).ConfigureAwait(false);
        if (result.Outcome != CommitOutcome.Committed)
        {
            throw new InvalidOperationException($"The vote store's {description} did not commit ({result.Outcome}).");
        }
    }

    private static List<OptionTally> ToTally(IEnumerable<TallyRow> rows) =>
        rows.Select(r => new OptionTally(r.OptionId, (int)r.Dots, (int)r.Voters)).ToList();

    private static string Key(Guid id) => id.ToString("D");

    private sealed class ParticipantRow
    {
        public string UserKey { get; set; } = "";
        public string ChannelUserId { get; set; } = "";
        public string? Name { get; set; }
        public string? AgencyId { get; set; }
        public string? AgencyName { get; set; }
        public long JoinedAt { get; set; }

        public WorkshopParticipant ToParticipant() =>
            new(UserKey, ChannelUserId, Name, AgencyId, AgencyName, UnixTime.FromMs(JoinedAt));
    }

    private sealed class RulesRow
    {
        public string PollId { get; set; } = "";
        public string WorkshopId { get; set; } = "";
        public string Status { get; set; } = "";
        public long DotsPerVoter { get; set; }
        public long MaxPerOption { get; set; }
        public long? ClosesAt { get; set; }
        public long Voters { get; set; }

        public PollVotingRules ToRules() => new(
            PollId,
            Guid.Parse(WorkshopId),
            Enum.Parse<PollVotingStatus>(Status),
            (int)DotsPerVoter,
            (int)MaxPerOption,
            UnixTime.FromMs(ClosesAt));
    }

    private sealed class TallyRow
    {
        public string OptionId { get; set; } = "";
        public long Dots { get; set; }
        public long Voters { get; set; }
    }

    private sealed class VoteRow
    {
        public string VoterKey { get; set; } = "";
        public string Ballot { get; set; } = "";
        public long UpdatedAt { get; set; }
    }
}
