using WorkshopBot.Storage;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Workshop.Storage;

/// <summary>The read every vote and ballot makes: the voter's own rows and the poll's running counts.</summary>
internal sealed partial class SqlWorkshopVoteStore
{
    public async Task<VoterState> ReadVoterAsync(Guid workshopId, string pollId, string voterKey, CancellationToken cancellationToken)
    {
        // On a connection whose statements stay prepared (StoreReader). A vote reads this along with its workshop
        // (VoterQuery, one round trip for both); the votes committed outside a turn read it alone.
        await using var reader = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.QueryAsync(VoterQuery(workshopId, pollId, voterKey), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Two statements: each costs the database more than the few rows it reads, so the single values come in one row
    /// and the voter's dots and the poll's counts in one list.
    /// </summary>
    public StoreQuery<VoterState> VoterQuery(Guid workshopId, string pollId, string voterKey) =>
        new(VoterSql, ReadVoterStateAsync, ("@pollId", pollId), ("@voterKey", voterKey), ("@workshopId", Key(workshopId)));

    private static async Task<VoterState> ReadVoterStateAsync(System.Data.Common.DbDataReader rows, CancellationToken ct)
    {
        await rows.ReadAsync(ct).ConfigureAwait(false);
        var rules = rows.IsDBNull(0) ? null : ReadRules(rows);
        var voters = rules is null ? 0 : StoreReader.Int64(rows, 6);
        var joined = StoreReader.Int64(rows, 7) > 0;
        var version = StoreReader.NullableInt64(rows, 8) ?? 0;
        var participants = (int)StoreReader.Int64(rows, 9);
        await rows.NextResultAsync(ct).ConfigureAwait(false);
        var ballot = new Dictionary<string, int>(StringComparer.Ordinal);
        var tally = new List<OptionTally>();
        while (await rows.ReadAsync(ct).ConfigureAwait(false))
        {
            if (StoreReader.Int64(rows, 0) == 0)
            {
                ballot[rows.GetString(1)] = (int)StoreReader.Int64(rows, 2);
            }
            else
            {
                tally.Add(new OptionTally(rows.GetString(1), (int)StoreReader.Int64(rows, 2), (int)StoreReader.Int64(rows, 3)));
            }
        }

        return new VoterState(rules, joined, version, ballot, tally, (int)voters, participants);
    }

    private const string VoterSql = $"""
        SELECT p.poll_id, p.workshop_id, p.status, p.dots_per_voter, p.max_per_option, p.closes_at, p.voters,
            (SELECT COUNT(*) FROM workshop_participants WHERE workshop_id = @workshopId AND user_key = @voterKey),
            (SELECT version FROM workshop_voters WHERE poll_id = @pollId AND voter_key = @voterKey),
            ({ParticipantsSql})
        FROM (SELECT 1 AS one) AS one LEFT JOIN workshop_polls p ON p.poll_id = @pollId;
        SELECT 0, option_id, dots, 0 FROM workshop_votes WHERE poll_id = @pollId AND voter_key = @voterKey
        UNION ALL
        SELECT 1, option_id, dots, voters FROM workshop_poll_counts WHERE poll_id = @pollId AND dots > 0;
        """;

    /// <summary>The columns poll_id .. closes_at of a workshop_polls row, in <see cref="RulesColumns"/>' order.</summary>
    private static PollVotingRules ReadRules(System.Data.Common.DbDataReader row) => new(
        row.GetString(0),
        Guid.Parse(row.GetString(1)),
        Enum.Parse<PollVotingStatus>(row.GetString(2)),
        (int)StoreReader.Int64(row, 3),
        (int)StoreReader.Int64(row, 4),
        UnixTime.FromMs(StoreReader.NullableInt64(row, 5)));
}
