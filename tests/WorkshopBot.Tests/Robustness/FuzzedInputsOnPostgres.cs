using WorkshopBot.Tests.Storage;
using Xunit.Abstractions;

namespace WorkshopBot.Tests.Robustness;

/// <summary>
/// The fuzzers' fixed-seed inputs against a bot on PostgreSQL, which refuses what SQLite stores (U+0000 in text or jsonb,
/// a key over its index row limit): none gets a 5xx, a malformed one gets 400, a refused one stores nothing. Six hundred
/// inputs, the same every run (the SQLite run covers ten thousand, half of them from a seed chosen per run).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class FuzzedInputsOnPostgres(ITestOutputHelper output, PostgresServerFixture server)
{
    private const int Inputs = 600;

    [Fact]
    public async Task FixedSeedFuzzedInputsGetNo5xxMalformedOnes400AndRefusedOnesStoreNothing()
    {
        var database = await server.CreateDatabaseAsync();
        try
        {
            // Both halves from fixed seeds (batch n uses the seed plus n), so a failure here replays as it is.
            await FuzzedInputs.FuzzAsync(output, Inputs, FuzzedInputs.FixedSeed, database);
        }
        finally
        {
            await server.DropDatabaseAsync(database);
        }
    }
}
