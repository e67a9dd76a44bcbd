// The organisation's votes: the dots its polls' voters placed, counted from the ballots in their rows.
using System.Data.Common;
using Dapper;
using WorkshopBot.Workshop.Storage;

namespace WorkshopBot.Operations.Erase;

public static partial class TenantErase
{
    /// <summary>The kind of the organisation's dot placements (a voter's dots on one option).</summary>
    private const string Votes = "votes";

    /// <summary>
    /// The dot placements in the ballots of its polls' voters (<see cref="VoterBallots"/>): what the kind "votes" counted
    /// as rows before migration 2324 kept a voter's dots in their own row. They go with those rows.
    /// </summary>
    private static Task<long> VotesAsync(DbConnection connection, DbTransaction? transaction, string t, CancellationToken ct) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COALESCE(SUM({VoterBallots.PlacementsSql}), 0) FROM workshop_voters WHERE poll_id IN ({Polls})",
            new { t, entry = VoterBallots.Entry }, transaction, cancellationToken: ct));
}
