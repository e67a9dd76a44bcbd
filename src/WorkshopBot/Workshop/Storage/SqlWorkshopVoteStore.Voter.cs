using WorkshopBot.Storage;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Workshop.Storage;

/// <summary>The read every vote and ballot makes: the voter's own rows and the poll's running counts.</summary>
internal sealed partial class SqlWorkshopVoteStore
{
    public async Task<VoterState> ReadVoterAsync(Guid workshopId, string pollId, string voterKey, CancellationToken cancellationToken)
    {
        // Every vote and ballot reads this: one round trip, on a connection whose statements stay prepared (StoreReader).
        await using var reader = await database.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.QueryAsync(VoterSql, static async (rows, ct) =>
        {
            var rules = await rows.ReadAsync(ct).ConfigureAwait(false) ? ReadRules(rows) : null;
            var voters = rules is null ? 0 : StoreReader.Int64(rows, 6);
            await rows.NextResultAsync(ct).ConfigureAwait(false);
            var joined = await rows.ReadAsync(ct).ConfigureAwait(false) && StoreReader.Int64(rows, 0) > 0;
            await rows.NextResultAsync(ct).ConfigureAwait(false);
            var version = await rows.ReadAsync(ct).ConfigureAwait(false) ? StoreReader.Int64(rows, 0) : 0;
            await rows.NextResultAsync(ct).ConfigureAwait(false);
            var ballot = new Dictionary<string, int>(StringComparer.Ordinal);
            while (await rows.ReadAsync(ct).ConfigureAwait(false))
            {
                ballot[rows.GetString(0)] = (int)StoreReader.Int64(rows, 1);
            }

            await rows.NextResultAsync(ct).ConfigureAwait(false);
            var tally = new List<OptionTally>();
            while (await rows.ReadAsync(ct).ConfigureAwait(false))
            {
                tally.Add(new OptionTally(rows.GetString(0), (int)StoreReader.Int64(rows, 1), (int)StoreReader.Int64(rows, 2)));
            }

            await rows.NextResultAsync(ct).ConfigureAwait(false);
            var participants = await rows.ReadAsync(ct).ConfigureAwait(false) ? (int)StoreReader.Int64(rows, 0) : 0;
            return new VoterState(rules, joined, version, ballot, tally, (int)voters, participants);
        }, cancellationToken, ("@pollId", pollId), ("@voterKey", voterKey), ("@workshopId", Key(workshopId))).ConfigureAwait(false);
    }

    private const string VoterSql = $"""
        SELECT poll_id, workshop_id, status, dots_per_voter, max_per_option, closes_at, voters FROM workshop_polls
        WHERE poll_id = @pollId;
        SELECT COUNT(*) FROM workshop_participants WHERE workshop_id = @workshopId AND user_key = @voterKey;
        SELECT version FROM workshop_voters WHERE poll_id = @pollId AND voter_key = @voterKey;
        SELECT option_id, dots FROM workshop_votes WHERE poll_id = @pollId AND voter_key = @voterKey;
        SELECT option_id, dots, voters FROM workshop_poll_counts WHERE poll_id = @pollId AND dots > 0;
        {ParticipantsSql};
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
