using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;
using WorkshopBot.Storage;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Workshop.Storage;

/// <summary>The read every vote and ballot makes: the voter's own row (their version and dots) and the poll's running counts.</summary>
internal sealed partial class SqlWorkshopVoteStore
{
    /// <summary>Polls whose counts are kept (<see cref="countsRead"/>); past it the copies are dropped and read again.</summary>
    private const int MaxPollsKept = 1024;

    /// <summary>
    /// The counts of each poll as last read, with their version (workshop_polls.counts_version, moved by every write that
    /// changes them). A vote's read sends the version it has and gets the counts back only when they changed, so the
    /// counts of a board that voters are not changing are read once, not once a vote. Exact on any number of instances:
    /// the version is read with the voter's rows, in the same statement.
    /// </summary>
    private readonly ConcurrentDictionary<string, PollCountsRead> countsRead = new(StringComparer.Ordinal);

    // The marks reads and commits take to tell which came first (NextMark).
    private long marks;

    public async Task<VoterState> ReadVoterAsync(Guid workshopId, string pollId, string voterKey, CancellationToken cancellationToken)
    {
        // On a connection whose statements stay prepared (StoreReader). A vote reads this along with its workshop
        // (VoterQuery, one round trip for both); the votes committed outside a turn read it alone.
        await using var reader = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.QueryAsync(VoterQuery(workshopId, pollId, voterKey), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One statement, one row: a statement and each row it returns cost more than the few rows it reads, so the voter's
    /// dots and the poll's counts come as two texts (<see cref="ReadCounts"/>) beside the single values; the counts only
    /// when their version is not the one of the copy kept (<see cref="countsRead"/>).
    /// </summary>
    public StoreQuery<VoterState> VoterQuery(Guid workshopId, string pollId, string voterKey)
    {
        // A card's data may lack the poll's id (a forged or damaged card): then the read finds no poll, and no copy.
        var kept = pollId is null ? null : countsRead.GetValueOrDefault(pollId);
        var queried = new CountsQueried(NextMark(), time.GetUtcNow());
        return new(VoterSql, (rows, ct) => ReadVoterStateAsync(rows, pollId, kept, queried, ct), ("@pollId", pollId),
            ("@voterKey", voterKey),
            ("@workshopId", Key(workshopId)), ("@countsVersion", kept?.Version ?? -1L));
    }

    private async Task<VoterState> ReadVoterStateAsync(DbDataReader rows, string? pollId, PollCountsRead? kept, CountsQueried queried,
        CancellationToken ct)
    {
        await rows.ReadAsync(ct).ConfigureAwait(false);
        var rules = rows.IsDBNull(0) ? null : ReadRules(rows);
        var voters = rules is null ? 0 : StoreReader.Int64(rows, 6);
        var joined = StoreReader.Int64(rows, 7) > 0;
        var version = StoreReader.NullableInt64(rows, 8) ?? 0;
        var participants = (int)StoreReader.Int64(rows, 9);
        var ballot = new Dictionary<string, int>(StringComparer.Ordinal);
        ReadCounts(StoreReader.NullableString(rows, 10), (option, dots, _) => ballot[option] = dots);
        return new VoterState(rules, joined, version, ballot, Tally(rows, pollId, rules, kept, (int)voters, participants, queried),
            (int)voters, participants);
    }

    public long NextMark() => Interlocked.Increment(ref marks);

    public async Task<IReadOnlyList<string>> VoterKeysAsync(Guid workshopId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT user_key FROM workshop_participants WHERE workshop_id = @workshopId LIMIT @limit",
            new { workshopId = Key(workshopId), limit }, cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
    }

    public PollCountsCopy? RecentCounts(string pollId, TimeSpan maxAge, long after) =>
        countsRead.GetValueOrDefault(pollId) is { } kept && kept.Queried.Mark > after
            && time.GetUtcNow() - kept.Queried.At <= maxAge
            ? new PollCountsCopy(kept.Tally, kept.Voters, kept.Participants)
            : null;

    /// <summary>The counts as read, or the copy kept when the read found them unchanged (no text).</summary>
    private IReadOnlyList<OptionTally> Tally(DbDataReader rows, string? pollId, PollVotingRules? rules, PollCountsRead? kept,
        int voters, int participants, CountsQueried queried)
    {
        var text = StoreReader.NullableString(rows, 11);
        if (text is null)
        {
            if (kept is not null && pollId is not null)
            {
                // Still the stored counts when the read was sent: the copy holds every commit made before then.
                Keep(pollId, kept with { Voters = voters, Participants = participants, Queried = queried });
            }

            return kept?.Tally ?? [];
        }

        var tally = new List<OptionTally>();
        ReadCounts(text, (option, dots, onOption) => tally.Add(new OptionTally(option, dots, onOption)));
        var read = tally.AsReadOnly();
        if (rules is not null && pollId is not null)
        {
            if (countsRead.Count >= MaxPollsKept)
            {
                countsRead.Clear();
            }

            Keep(pollId, new PollCountsRead(StoreReader.Int64(rows, 12), read, voters, participants, queried));
        }

        return read;
    }

    /// <summary>Keeps <paramref name="read"/> unless a read sent later is kept already (reads may finish out of order).</summary>
    private void Keep(string pollId, PollCountsRead read) =>
        countsRead.AddOrUpdate(pollId, read, (_, current) => current.Queried.Mark > read.Queried.Mark ? current : read);

    // Unit and record separators: no option id contains a control character, and the id comes last in its entry.
    private const string Field = VoterBallots.Field;
    private const string Entry = VoterBallots.Entry;

    /// <summary>
    /// Reads the entries "dots, voters, option id" (fields apart by <see cref="Field"/>, entries by <see cref="Entry"/>)
    /// that <see cref="VoterSql"/> aggregates; the voter's own dots, as kept in their row (<see cref="VoterBallots"/>), have
    /// no voters field.
    /// </summary>
    private static void ReadCounts(string? text, Action<string, int, int> add)
    {
        var all = text.AsSpan();
        foreach (var range in all.Split(Entry[0]))
        {
            var entry = all[range];
            if (entry.IsEmpty)
            {
                continue;
            }

            var first = entry.IndexOf(Field[0]);
            var rest = entry[(first + 1)..];
            var second = rest.IndexOf(Field[0]);
            var dots = int.Parse(entry[..first], System.Globalization.CultureInfo.InvariantCulture);
            var voters = second < 0 ? 0 : int.Parse(rest[..second], System.Globalization.CultureInfo.InvariantCulture);
            add(rest[(second + 1)..].ToString(), dots, voters);
        }
    }

    private const string VoterSql = $"""
        SELECT p.poll_id, p.workshop_id, p.status, p.dots_per_voter, p.max_per_option, p.closes_at, p.voters,
            (SELECT COUNT(*) FROM workshop_participants WHERE workshop_id = @workshopId AND user_key = @voterKey),
            v.version,
            ({ParticipantsSql}),
            v.ballot,
            CASE WHEN p.counts_version = @countsVersion THEN NULL
                ELSE COALESCE((SELECT string_agg(dots || '{Field}' || voters || '{Field}' || option_id, '{Entry}')
                    FROM workshop_poll_counts WHERE poll_id = @pollId AND dots > 0), '') END,
            p.counts_version
        FROM (SELECT 1 AS one) AS one LEFT JOIN workshop_polls p ON p.poll_id = @pollId
            LEFT JOIN workshop_voters v ON v.poll_id = @pollId AND v.voter_key = @voterKey;
        """;

    /// <summary>
    /// A poll's counts as read at <see cref="Version"/>, with its voters and its workshop's participants, by the latest read
    /// found current (<see cref="Queried"/>); never changed once read (ballots share it).
    /// </summary>
    private sealed record PollCountsRead(long Version, IReadOnlyList<OptionTally> Tally, int Voters, int Participants,
        CountsQueried Queried);

    /// <summary>
    /// When a read was sent: its place among this store's marks (<see cref="NextMark"/>: a read sent after a mark taken once
    /// a commit finished holds that commit) and the clock's time (for its age).
    /// </summary>
    private sealed record CountsQueried(long Mark, DateTimeOffset At);

    /// <summary>The columns poll_id .. closes_at of a workshop_polls row, in <see cref="RulesColumns"/>' order.</summary>
    private static PollVotingRules ReadRules(DbDataReader row) => new(
        row.GetString(0),
        Guid.Parse(row.GetString(1)),
        Enum.Parse<PollVotingStatus>(row.GetString(2)),
        (int)StoreReader.Int64(row, 3),
        (int)StoreReader.Int64(row, 4),
        UnixTime.FromMs(StoreReader.NullableInt64(row, 5)));
}
