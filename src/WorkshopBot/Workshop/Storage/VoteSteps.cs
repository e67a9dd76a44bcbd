using System.Data.Common;
using Dapper;
using WorkshopBot.Storage;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Workshop.Storage;

/// <summary>
/// The vote store's writes as <see cref="StoreWork"/> steps, run by the store committer inside its (group) transaction:
/// a vote, a change of a poll's status, a reset, a join, a new poll. A vote's SQL checks its own conditions (the voter's
/// version, the poll open) and answers false when one failed: the commit reports a conflict and the turn runs again
/// from fresh reads. On PostgreSQL a vote shares a per-poll advisory lock that a close, a reset and a save that moves the
/// poll's basis take exclusively, so each waits for the votes in flight and every vote after it sees the poll as it left
/// it, closed or on its new basis (no row lock shared by many).
/// </summary>
internal static partial class VoteSteps
{
    /// <summary>Class id of the per-poll advisory locks ("VOTE").</summary>
    private const int LockClass = 0x564F5445;

    /// <summary>The poll's lock taken exclusively (PostgreSQL): a close, a reset, a save that moves the poll's basis.</summary>
    private const string LockExclusiveSql = "SELECT pg_advisory_xact_lock(@LockClass, hashtext(@PollId))";

    private const string Open = "EXISTS (SELECT 1 FROM workshop_polls WHERE poll_id = @PollId AND status = 'Open')";

    // A vote decided on a workshop this instance remembered (KnownVoters), or read a moment ago, counts only while what the
    // vote was decided on in that workshop is still as it was: the poll's basis (Poll.VoteBasis: its ideas shown, its phase,
    // openings, resets and rules) has not moved since the workshop version read (basis_version, the version of the save that
    // last moved it: BasisMoved). An idea added to another board, another poll, a card posted, a join change the workshop but
    // not the poll's basis, and no longer send the vote back to fresh reads. The same single-row check of the poll's row
    // (its primary key) as whether it is open. Whole texts, not joined per vote: the committer finds each statement's
    // prepared command by its text.
    private const string FirstVoteSql = $"""
        INSERT INTO workshop_voters (poll_id, voter_key, dots, version, updated_at, ballot)
        SELECT @PollId, @VoterKey, @Dots, 1, @Now, @Ballot WHERE {Open}
        ON CONFLICT (poll_id, voter_key) DO NOTHING
        """;

    private const string OpenAndUnchanged =
        "EXISTS (SELECT 1 FROM workshop_polls WHERE poll_id = @PollId AND status = 'Open' AND basis_version <= @WorkshopVersion)";

    private const string FirstVoteCheckedSql = $"""
        INSERT INTO workshop_voters (poll_id, voter_key, dots, version, updated_at, ballot)
        SELECT @PollId, @VoterKey, @Dots, 1, @Now, @Ballot WHERE {OpenAndUnchanged}
        ON CONFLICT (poll_id, voter_key) DO NOTHING
        """;

    private const string NextVoteSql = $"""
        UPDATE workshop_voters SET dots = @Dots, version = version + 1, updated_at = @Now, ballot = @Ballot
        WHERE poll_id = @PollId AND voter_key = @VoterKey AND version = @ExpectedVersion AND {Open}
        """;

    private const string NextVoteCheckedSql = $"""
        UPDATE workshop_voters SET dots = @Dots, version = version + 1, updated_at = @Now, ballot = @Ballot
        WHERE poll_id = @PollId AND voter_key = @VoterKey AND version = @ExpectedVersion AND {OpenAndUnchanged}
        """;

    private static readonly string[] CountsSummed = ["@Dots", "@Voters"];
    private static readonly string[] PollSummed = ["@VoterDelta", "@Changed"];
    private static readonly string[] PollLatest = ["@Now"];

    /// <summary>
    /// A vote's statements. The voter's row, with their whole ballot (their dots per option, <see cref="VoterBallots"/>), is
    /// written only while it has the version the vote was decided on and the poll is open (exactly one row, or the commit
    /// is a conflict); then the poll's running counts. One row of one tree a voter: no statement per option the voter
    /// changed. None reads an earlier one's answer or depends on its place among other votes' statements, so a group
    /// commit may send them with other votes at once: the counts summed over the batch and, on PostgreSQL, each kind of
    /// statement as one for all the batch's votes (a voter twice in one batch makes the check fail, and the votes go one by one).
    /// </summary>
    public static IReadOnlyList<StoreStatement> Statements(VoteChange change, StorageProvider provider)
    {
        ArgumentNullException.ThrowIfNull(change);
        var statements = new List<StoreStatement>(8);
        if (provider == StorageProvider.Postgres)
        {
            statements.Add(new StoreStatement("SELECT pg_advisory_xact_lock_shared(@LockClass, hashtext(@PollId))", null,
                ("@LockClass", LockClass), ("@PollId", change.PollId)) { OncePerTransaction = true });
        }

        // Statements with parameters (never values spliced in), so each stays prepared on the committer's connection.
        var now = UnixTime.ToMs(change.At);
        var workshop = change.WorkshopVersion > 0 ? new (string, object?)[] { ("@WorkshopVersion", change.WorkshopVersion) } : [];
        var checkedWorkshop = change.WorkshopVersion > 0;
        var ballot = VoterBallots.Text(change.After);
        statements.Add(change.ExpectedVersion == 0
            ? new StoreStatement(checkedWorkshop ? FirstVoteCheckedSql : FirstVoteSql, 1, [("@PollId", change.PollId),
                ("@VoterKey", change.VoterKey), ("@Dots", change.UsedAfter), ("@Now", now), ("@Ballot", ballot), .. workshop])
                { ArraySql = checkedWorkshop ? FirstVotesCheckedSql : FirstVotesSql }
            : new StoreStatement(checkedWorkshop ? NextVoteCheckedSql : NextVoteSql, 1, [("@PollId", change.PollId),
                ("@VoterKey", change.VoterKey), ("@Dots", change.UsedAfter), ("@Now", now), ("@Ballot", ballot),
                ("@ExpectedVersion", change.ExpectedVersion), .. workshop])
                { ArraySql = checkedWorkshop ? NextVotesCheckedSql : NextVotesSql });
        var changed = 0;
        foreach (var (optionId, before, after) in change.Changes)
        {
            changed = 1;
            statements.Add(new StoreStatement("""
                INSERT INTO workshop_poll_counts (poll_id, option_id, dots, voters) VALUES (@PollId, @OptionId, @Dots, @Voters)
                ON CONFLICT (poll_id, option_id) DO UPDATE
                SET dots = workshop_poll_counts.dots + excluded.dots, voters = workshop_poll_counts.voters + excluded.voters
                """, null, ("@PollId", change.PollId), ("@OptionId", optionId), ("@Dots", after - before),
                ("@Voters", (after > 0 ? 1 : 0) - (before > 0 ? 1 : 0))) { Summed = CountsSummed, ArraySql = CountsSql });
        }

        // The poll's voters when the voter starts or stops having dots, its counts' version whenever they change (the
        // version a vote's read compares with the counts the bot keeps: SqlWorkshopVoteStore.VoterQuery), and when they
        // last changed (updated_at, which live card updates that wait for quiet read). Summed, and the latest time kept,
        // so the poll's row is written once a batch.
        if (change.VoterDelta != 0 || changed != 0)
        {
            statements.Add(new StoreStatement("""
                UPDATE workshop_polls SET voters = voters + @VoterDelta, counts_version = counts_version + @Changed,
                    updated_at = CASE WHEN updated_at > @Now THEN updated_at ELSE @Now END
                WHERE poll_id = @PollId
                """, null, ("@PollId", change.PollId), ("@VoterDelta", change.VoterDelta), ("@Changed", changed), ("@Now", now))
                { Summed = PollSummed, Latest = PollLatest, ArraySql = PollSql });
        }

        return statements;
    }

    /// <summary>
    /// The poll's basis moved in a save of its workshop made at <paramref name="workshopVersion"/>
    /// (<see cref="WorkshopRepository.Kind"/>'s dependents): a vote decided on an earlier version of the workshop no longer
    /// counts (<see cref="OpenAndUnchanged"/>) and runs again from fresh reads. Never moved back (versions only grow).
    /// On PostgreSQL (READ COMMITTED) the vote's check reads the poll's row as last committed, so the save first takes the
    /// poll's lock exclusively, as a close does: it waits for the votes in flight, and the votes after it wait for its
    /// commit and then check the new basis. Several polls' locks are taken in the order of their ids (the dependents' key
    /// order), as a batch of votes takes its shared ones (StoreStatementBatch), so a save and a batch do not wait for each
    /// other in a circle; the vote's turn adds nothing.
    /// </summary>
    public static IReadOnlyList<StoreStatement> BasisMoved(string pollId, long workshopVersion, StorageProvider provider)
    {
        var moved = new StoreStatement(
            "UPDATE workshop_polls SET basis_version = @Version WHERE poll_id = @PollId AND basis_version < @Version", null,
            ("@PollId", pollId), ("@Version", workshopVersion));
        if (provider != StorageProvider.Postgres)
        {
            return [moved];
        }

        return [new StoreStatement(LockExclusiveSql, null, ("@LockClass", LockClass), ("@PollId", pollId)) { OncePerTransaction = true },
            moved];
    }

    /// <summary>
    /// Opens, closes or reopens voting (after the votes in flight, on PostgreSQL). With <paramref name="onlyIfClosesAt"/>
    /// (a timer's close), only while the poll's deadline is still that one: a poll reopened since has a later one. With
    /// <paramref name="closingOpening"/>, a close made ahead of the turn that saves it, marked unfinished until that turn
    /// commits (<see cref="CloseSettled"/>); any other change of status clears the mark.
    /// </summary>
    public static StoreWorkStep Status(string pollId, PollVotingStatus status, DateTimeOffset? closesAt, DateTimeOffset now,
        DateTimeOffset? onlyIfClosesAt = null, int? closingOpening = null) =>
        async (connection, transaction, provider, _) =>
        {
            await LockExclusiveAsync(connection, transaction, provider, pollId).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE workshop_polls SET status = @status, closes_at = @closesAt, updated_at = @now, "
                + "closing_at = @closingAt, closing_opening = @closingOpening WHERE poll_id = @pollId"
                + (onlyIfClosesAt is null ? "" : " AND closes_at = @expected"),
                new
                {
                    pollId,
                    status = status.ToString(),
                    closesAt = UnixTime.ToMs(closesAt),
                    now = UnixTime.ToMs(now),
                    expected = UnixTime.ToMs(onlyIfClosesAt),
                    closingAt = closingOpening is null ? (long?)null : UnixTime.ToMs(now),
                    closingOpening,
                },
                transaction)).ConfigureAwait(false);
            return true;
        };

    /// <summary>
    /// Clears the poll's unfinished-close mark: the turn that saves the closed poll commits it. With
    /// <paramref name="onlyIfClosingAt"/>, only the mark of that close (the timer, finding nothing left to do, leaves a later
    /// close's mark to its own turn).
    /// </summary>
    public static StoreWorkStep CloseSettled(string pollId, DateTimeOffset? onlyIfClosingAt = null) =>
        async (connection, transaction, _, _) =>
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE workshop_polls SET closing_at = NULL, closing_opening = NULL WHERE poll_id = @pollId AND closing_at IS NOT NULL"
                + (onlyIfClosingAt is null ? "" : " AND closing_at = @expected"),
                new { pollId, expected = UnixTime.ToMs(onlyIfClosingAt) }, transaction)).ConfigureAwait(false);
            return true;
        };

    /// <summary>
    /// Removes every vote of the poll, reporting how many dot placements (a voter's dots on one option) it removed. Voter
    /// rows stay, emptied and with a new version, so a vote decided on a ballot read before the reset conflicts instead
    /// of writing over it.
    /// </summary>
    public static StoreWorkStep Reset(string pollId, DateTimeOffset now, Action<int> removed) =>
        async (connection, transaction, provider, _) =>
        {
            await LockExclusiveAsync(connection, transaction, provider, pollId).ConfigureAwait(false);
            var args = new { pollId, now = UnixTime.ToMs(now), entry = VoterBallots.Entry };
            var placements = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                $"SELECT COALESCE(SUM({VoterBallots.PlacementsSql}), 0) FROM workshop_voters WHERE poll_id = @pollId AND dots > 0",
                args, transaction)).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE workshop_polls SET voters = 0, counts_version = counts_version + 1, updated_at = @now WHERE poll_id = @pollId;
                UPDATE workshop_voters SET dots = 0, ballot = '', version = version + 1, updated_at = @now
                WHERE poll_id = @pollId AND dots > 0;
                DELETE FROM workshop_poll_counts WHERE poll_id = @pollId;
                """, args, transaction)).ConfigureAwait(false);
            removed((int)placements);
            return true;
        };

    public static StoreWorkStep Register(PollVotingRules rules, DateTimeOffset now) => async (connection, transaction, _, _) =>
    {
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO workshop_polls (poll_id, workshop_id, status, dots_per_voter, max_per_option, closes_at, updated_at)
            VALUES (@PollId, @workshopId, @status, @DotsPerVoter, @MaxPerOption, @closesAt, @now)
            ON CONFLICT (poll_id) DO NOTHING
            """,
            new
            {
                rules.PollId,
                workshopId = rules.WorkshopId.ToString("D"),
                status = rules.Status.ToString(),
                rules.DotsPerVoter,
                rules.MaxPerOption,
                closesAt = UnixTime.ToMs(rules.ClosesAt),
                now = UnixTime.ToMs(now),
            }, transaction)).ConfigureAwait(false);
        return true;
    };

    private static async Task LockExclusiveAsync(DbConnection connection, DbTransaction transaction, StorageProvider provider,
        string pollId)
    {
        if (provider == StorageProvider.Postgres)
        {
            await connection.ExecuteAsync(new CommandDefinition(LockExclusiveSql, new { LockClass, PollId = pollId }, transaction))
                .ConfigureAwait(false);
        }
    }
}
