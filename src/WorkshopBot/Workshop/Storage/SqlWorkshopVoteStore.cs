// Long file: the vote path's SQL in one place, to be reworked for performance as a whole (issue 13).
using System.Data.Common;
using Dapper;
using WorkshopBot.Storage;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Workshop.Storage;

/// <summary>
/// <see cref="IWorkshopVoteStore"/> on the bot's database. A vote is one short write transaction: SQLite takes the
/// write lock up front (BEGIN IMMEDIATE); PostgreSQL shares the poll row's lock and takes a lock per person and poll,
/// so a close and a vote, or two votes of one person, never interleave and the budget read is the budget written.
/// </summary>
internal sealed class SqlWorkshopVoteStore(StorageDatabase database) : IWorkshopVoteStore
{
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
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var changed = await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO workshop_participants (workshop_id, user_key, channel_user_id, name, agency_id, agency_name, joined_at)
            VALUES (@workshopId, @UserKey, @ChannelUserId, @Name, @AgencyId, @AgencyName, @joinedAt)
            ON CONFLICT (workshop_id, user_key) DO UPDATE
            SET agency_id = excluded.agency_id, agency_name = excluded.agency_name, name = excluded.name,
                channel_user_id = excluded.channel_user_id
            WHERE workshop_participants.agency_id IS DISTINCT FROM excluded.agency_id
            """,
            new
            {
                workshopId = Key(workshopId),
                participant.UserKey,
                participant.ChannelUserId,
                participant.Name,
                participant.AgencyId,
                participant.AgencyName,
                joinedAt = UnixTime.ToMs(participant.JoinedAt),
            }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return changed > 0;
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
        return (int)await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM workshop_participants WHERE workshop_id = @workshopId",
            new { workshopId = Key(workshopId) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task RegisterPollAsync(PollVotingRules rules, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO workshop_polls (poll_id, workshop_id, status, dots_per_voter, max_per_option, closes_at, updated_at)
            VALUES (@PollId, @workshopId, @status, @DotsPerVoter, @MaxPerOption, @closesAt, @now)
            ON CONFLICT (poll_id) DO NOTHING
            """,
            new
            {
                rules.PollId,
                workshopId = Key(rules.WorkshopId),
                status = rules.Status.ToString(),
                rules.DotsPerVoter,
                rules.MaxPerOption,
                closesAt = UnixTime.ToMs(rules.ClosesAt),
                now = UnixTime.ToMs(now),
            }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<PollVotingRules?> GetRulesAsync(string pollId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<RulesRow>(new CommandDefinition(
            $"SELECT {RulesColumns} FROM workshop_polls WHERE poll_id = @pollId",
            new { pollId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToRules();
    }

    public async Task SetStatusAsync(string pollId, PollVotingStatus status, DateTimeOffset? closesAt, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE workshop_polls SET status = @status, closes_at = @closesAt, updated_at = @now WHERE poll_id = @pollId",
            new { pollId, status = status.ToString(), closesAt = UnixTime.ToMs(closesAt), now = UnixTime.ToMs(now) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<VoteResult> MoveDotAsync(Guid workshopId, string pollId, string voterKey, string optionId, int delta,
        string requestId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (delta is not (1 or -1))
        {
            throw new ArgumentOutOfRangeException(nameof(delta), "A dot is added (+1) or removed (-1) one at a time.");
        }

        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await StorageDatabase.BeginWriteTransactionAsync(connection, cancellationToken).ConfigureAwait(false);
        var (refusal, rules) = await CheckAsync(connection, transaction, workshopId, pollId, voterKey, cancellationToken)
            .ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var used = await DotsUsedAsync(connection, transaction, pollId, voterKey, cancellationToken).ConfigureAwait(false);
        if (!await RecordRequestAsync(connection, transaction, pollId, requestId, voterKey, now, cancellationToken).ConfigureAwait(false))
        {
            return new VoteResult(VoteOutcome.Duplicate, used, rules!.DotsPerVoter);
        }

        var current = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT dots FROM workshop_votes WHERE poll_id = @pollId AND voter_key = @voterKey AND option_id = @optionId",
            new { pollId, voterKey, optionId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false) ?? 0;
        var args = new { pollId, voterKey, optionId, now = UnixTime.ToMs(now) };
        if (delta > 0)
        {
            if (used + 1 > rules!.DotsPerVoter)
            {
                return new VoteResult(VoteOutcome.OverBudget, used, rules.DotsPerVoter);
            }

            if (current + 1 > rules.MaxPerOption)
            {
                return new VoteResult(VoteOutcome.OverOptionLimit, used, rules.DotsPerVoter);
            }

            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO workshop_votes (poll_id, voter_key, option_id, dots, updated_at)
                VALUES (@pollId, @voterKey, @optionId, 1, @now)
                ON CONFLICT (poll_id, voter_key, option_id) DO UPDATE SET dots = workshop_votes.dots + 1, updated_at = excluded.updated_at
                """, args, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        else
        {
            if (current == 0)
            {
                return new VoteResult(VoteOutcome.NothingToRemove, used, rules!.DotsPerVoter);
            }

            await connection.ExecuteAsync(new CommandDefinition(current == 1
                ? "DELETE FROM workshop_votes WHERE poll_id = @pollId AND voter_key = @voterKey AND option_id = @optionId"
                : "UPDATE workshop_votes SET dots = dots - 1, updated_at = @now "
                    + "WHERE poll_id = @pollId AND voter_key = @voterKey AND option_id = @optionId",
                args, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new VoteResult(VoteOutcome.Accepted, used + delta, rules!.DotsPerVoter);
    }

    public async Task<VoteResult> SetChoicesAsync(Guid workshopId, string pollId, string voterKey, IReadOnlyCollection<string> optionIds,
        string requestId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(optionIds);
        var distinct = optionIds.Distinct(StringComparer.Ordinal).ToList();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await StorageDatabase.BeginWriteTransactionAsync(connection, cancellationToken).ConfigureAwait(false);
        var (refusal, rules) = await CheckAsync(connection, transaction, workshopId, pollId, voterKey, cancellationToken)
            .ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var used = await DotsUsedAsync(connection, transaction, pollId, voterKey, cancellationToken).ConfigureAwait(false);
        if (distinct.Count > rules!.DotsPerVoter)
        {
            return new VoteResult(VoteOutcome.TooManyChoices, used, rules.DotsPerVoter);
        }

        if (!await RecordRequestAsync(connection, transaction, pollId, requestId, voterKey, now, cancellationToken).ConfigureAwait(false))
        {
            return new VoteResult(VoteOutcome.Duplicate, used, rules.DotsPerVoter);
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM workshop_votes WHERE poll_id = @pollId AND voter_key = @voterKey",
            new { pollId, voterKey }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        foreach (var optionId in distinct)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO workshop_votes (poll_id, voter_key, option_id, dots, updated_at) "
                    + "VALUES (@pollId, @voterKey, @optionId, 1, @now)",
                new { pollId, voterKey, optionId, now = UnixTime.ToMs(now) }, transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new VoteResult(VoteOutcome.Accepted, distinct.Count, rules.DotsPerVoter);
    }

    public async Task<int> ResetAsync(string pollId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await StorageDatabase.BeginWriteTransactionAsync(connection, cancellationToken).ConfigureAwait(false);
        // The poll row first: on PostgreSQL this waits for votes in flight (they share it) and holds off new ones, so the
        // delete never takes a vote row a vote is about to update (a deadlock, the other way round).
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE workshop_polls SET updated_at = @now WHERE poll_id = @pollId", new { pollId, now = UnixTime.ToMs(now) }, transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        var removed = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM workshop_votes WHERE poll_id = @pollId", new { pollId }, transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return removed;
    }

    public async Task<IReadOnlyList<OptionTally>> TallyAsync(string pollId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<TallyRow>(new CommandDefinition("""
            SELECT option_id AS OptionId, SUM(dots) AS Dots, COUNT(*) AS Voters
            FROM workshop_votes WHERE poll_id = @pollId GROUP BY option_id
            """, new { pollId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new OptionTally(r.OptionId, (int)r.Dots, (int)r.Voters)).ToList();
    }

    public async Task<IReadOnlyDictionary<string, int>> BallotAsync(string pollId, string voterKey, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<TallyRow>(new CommandDefinition(
            "SELECT option_id AS OptionId, dots AS Dots, 1 AS Voters FROM workshop_votes WHERE poll_id = @pollId AND voter_key = @voterKey",
            new { pollId, voterKey }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToDictionary(r => r.OptionId, r => (int)r.Dots, StringComparer.Ordinal);
    }

    public async Task<int> CountVotersAsync(string pollId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var count = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(DISTINCT voter_key) FROM workshop_votes WHERE poll_id = @pollId",
            new { pollId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return (int)count;
    }

    public async Task<IReadOnlyList<StoredVote>> ListVotesAsync(string pollId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<VoteRow>(new CommandDefinition("""
            SELECT voter_key AS VoterKey, option_id AS OptionId, dots AS Dots, updated_at AS UpdatedAt
            FROM workshop_votes WHERE poll_id = @pollId ORDER BY option_id, voter_key
            """, new { pollId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new StoredVote(r.VoterKey, r.OptionId, (int)r.Dots, UnixTime.FromMs(r.UpdatedAt))).ToList();
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

    private async Task<(VoteResult? Refusal, PollVotingRules? Rules)> CheckAsync(DbConnection connection, DbTransaction transaction,
        Guid workshopId, string pollId, string voterKey, CancellationToken cancellationToken)
    {
        // PostgreSQL: FOR SHARE lets many people vote at once while a close (an UPDATE of the row) waits for them;
        // the advisory lock serialises one person's votes on one poll, so their budget read is their budget written.
        // SQLite's BEGIN IMMEDIATE already serialises every writer.
        var isPostgres = database.Provider == StorageProvider.Postgres;
        if (isPostgres)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "SELECT pg_advisory_xact_lock(hashtext(@pollId), hashtext(@voterKey))",
                new { pollId, voterKey }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        var row = await connection.QuerySingleOrDefaultAsync<RulesRow>(new CommandDefinition(
            $"SELECT {RulesColumns} FROM workshop_polls WHERE poll_id = @pollId{(isPostgres ? " FOR SHARE" : "")}",
            new { pollId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (row is null)
        {
            return (new VoteResult(VoteOutcome.UnknownPoll, 0, 0), null);
        }

        var rules = row.ToRules();
        VoteOutcome? refusal = rules.WorkshopId != workshopId ? VoteOutcome.OtherWorkshop
            : rules.Status == PollVotingStatus.NotOpen ? VoteOutcome.NotOpen
            : rules.Status == PollVotingStatus.Closed ? VoteOutcome.Closed
            : null;
        if (refusal is null)
        {
            var joined = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                "SELECT 1 FROM workshop_participants WHERE workshop_id = @workshopId AND user_key = @voterKey",
                new { workshopId = Key(workshopId), voterKey }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            refusal = joined is null ? VoteOutcome.NotParticipant : null;
        }

        return refusal is { } outcome ? (new VoteResult(outcome, 0, rules.DotsPerVoter), rules) : (null, rules);
    }

    private static async Task<int> DotsUsedAsync(DbConnection connection, DbTransaction transaction, string pollId, string voterKey,
        CancellationToken cancellationToken) =>
        (int)await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COALESCE(SUM(dots), 0) FROM workshop_votes WHERE poll_id = @pollId AND voter_key = @voterKey",
            new { pollId, voterKey }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);

    private static async Task<bool> RecordRequestAsync(DbConnection connection, DbTransaction transaction, string pollId, string requestId,
        string voterKey, DateTimeOffset now, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO workshop_vote_requests (poll_id, request_id, voter_key, at) VALUES (@pollId, @requestId, @voterKey, @now)
            ON CONFLICT (poll_id, request_id) DO NOTHING
            """, new { pollId, requestId, voterKey, now = UnixTime.ToMs(now) }, transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false) > 0;

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

        public string OptionId { get; set; } = "";

        public long Dots { get; set; }

        public long UpdatedAt { get; set; }
    }
}
