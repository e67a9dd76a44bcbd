using Npgsql;
using WorkshopBot.Operations;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Operations;

/// <summary>
/// <c>erase-tenant</c> run as the operator runs it (<c>dotnet WorkshopBot.dll ...</c>) on a PostgreSQL server of the test's own,
/// which is stopped in the middle of the erase (the command's hidden <c>--pause-after</c>, for tests, holds it after a chosen
/// statement until the server is down): one line on standard error saying that nothing was erased and that running the same
/// command again erases it all, exit code <see cref="OperatorStore.Interrupted"/>, no stack trace, no password. With the server
/// back, the same command erases the organisation completely and leaves the other one as it was.
/// </summary>
public sealed class EraseTenantWhenPostgresStops : IAsyncLifetime
{
    private const string Password = "pg-secret-erase-5";
    private readonly PostgresServerFixture _server = new() { Private = true };

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task AnEraseCutOffByTheServerStoppingErasesNothingAndTheSameCommandFinishesItOnceTheServerIsBack()
    {
        var database = new NpgsqlConnectionStringBuilder(await _server.CreateDatabaseAsync()) { Password = Password }.ToString();
        Dictionary<string, long> erasedBefore;
        Dictionary<string, long> neighbourBefore;
        StoredAudit audit;
        await using (var s = await TenantEraseScenarios.TwoOrganisationsAsync(o => o.PostgresConnectionString = database))
        {
            audit = s.Audit;
            erasedBefore = await TenantEraseScenarios.RowsOfAsync(s.Scenario.Host, TenantEraseScenarios.Erased);
            neighbourBefore = await TenantEraseScenarios.RowsOfAsync(s.Scenario.Host, TenantEraseScenarios.Neighbour);
        }

        Assert.True(erasedBefore.Values.Sum() > 10);
        NpgsqlConnection.ClearAllPools();
        string[] erase = ["erase-tenant", "--tenant", TenantEraseScenarios.Erased, "--confirm", TenantEraseScenarios.Erased,
            "--Storage:Provider", "Postgres", "--Storage:PostgresConnectionString", database,
            "--WorkshopBot:AllowedTenants:0", TenantEraseScenarios.Neighbour];

        int exit;
        string output;
        await using (var cut = BotProcess.Start(Path.GetTempPath(), new Dictionary<string, string?>(),
            [.. erase, "--pause-after", "documents"]))
        {
            await cut.WaitForOutputAsync("erase-tenant: paused after documents");
            await _server.StopServerAsync();
            await cut.WriteLineAsync("");
            exit = await cut.WaitForExitAsync();
            output = cut.Output;
        }

        var errors = output.Split('\n').Where(l => l.StartsWith("err: ", StringComparison.Ordinal)).ToList();
        Assert.True(exit == OperatorStore.Interrupted && errors.Count == 1, $"exit {exit}:\n{output}");
        var port = new NpgsqlConnectionStringBuilder(database).Port;
        Assert.StartsWith($"err: erase-tenant: ", errors[0], StringComparison.Ordinal);
        Assert.Contains($"PostgreSQL host 127.0.0.1:{port}, database ", errors[0], StringComparison.Ordinal);
        Assert.EndsWith(" before the erase was committed. Nothing was erased (the erase is one transaction, which the store "
            + "undoes): once the store is back, run the same command again to erase it all.", errors[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, output, StringComparison.Ordinal);

        await _server.RestartServerAsync();
        NpgsqlConnection.ClearAllPools();
        await using (var host = await BotTestHost.StartAsync(o => o.PostgresConnectionString = database))
        {
            Assert.Equal(erasedBefore, await TenantEraseScenarios.RowsOfAsync(host, TenantEraseScenarios.Erased));
        }

        var (again, againOutput) = await OperatorCommandsWithoutTheirStore.RunAsync(erase[0], erase[1..]);

        Assert.True(again == 0, againOutput);
        NpgsqlConnection.ClearAllPools();
        await using (var host = await BotTestHost.StartAsync(o => o.PostgresConnectionString = database))
        {
            await TenantEraseScenarios.AssertErasedAsync(host, audit);
            Assert.Equal(neighbourBefore, await TenantEraseScenarios.RowsOfAsync(host, TenantEraseScenarios.Neighbour));
        }
    }
}
