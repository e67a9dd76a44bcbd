using Dapper;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Protocol.Hosting;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// A change and its log line share one transaction: when the database refuses the log line (a trigger here), the change
/// is not stored either, nor the mark that the activity was handled, nor its answer; the same press again, once the log takes
/// entries again, makes the change once with one line.
/// </summary>
public abstract class LogLineRefusedScenarios
{
    private const string NewCase = "NAI-2026-03-C9";

    protected abstract Task<Action<BotTestHostOptions>> StoreAsync();

    [Fact]
    public async Task AChangeWhoseLogLineIsRefusedIsNotStored()
    {
        await using var s = await StartAsync(await StoreAsync());
        await s.CreateAsync();
        var database = s.Host.Get<StorageDatabase>();
        var sqlite = database.Provider == StorageProvider.Sqlite;
        await ExecuteAsync(database, sqlite
            ? """
              CREATE TRIGGER refuse_case_log BEFORE INSERT ON audit_events WHEN NEW.action = 'audit.case.added'
              BEGIN SELECT RAISE(ABORT, 'log refused'); END;
              """
            : """
              CREATE FUNCTION refuse_case_log() RETURNS trigger LANGUAGE plpgsql AS
              $$ BEGIN IF NEW.action = 'audit.case.added' THEN RAISE EXCEPTION 'log refused'; END IF; RETURN NEW; END $$;
              CREATE TRIGGER refuse_case_log BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION refuse_case_log();
              """);
        var press = s.Host.CardAction(Chair, Team, CasesScreen.AddCase, new AddCaseData(s.AuditId, NewCase, "Under 1"));

        var refused = await s.Host.InvokeAsync(press);

        // A card press is not pressed again by Teams: the person is told nothing was changed (see FailedCardActions).
        Assert.Equal(System.Net.HttpStatusCode.OK, refused.Status);
        Assert.Equal(BotEndpoint.NothingDone, refused.Body?.GetProperty("value").GetString());
        Assert.Empty((await s.Store.GetAuditAsync(s.AuditId, default))!.Value.Cases);
        Assert.Equal(0, await CountAsync(database,
            "SELECT COUNT(*) FROM processed_activities WHERE activity_id = @id", new { id = press.Id }));
        Assert.DoesNotContain(await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, s.AuditId.ToString("D")),
            e => e.Action == "audit.case.added");

        await ExecuteAsync(database, "DROP TRIGGER refuse_case_log" + (sqlite ? "" : " ON audit_events"));
        AssertHasText(await s.Host.InvokeAsync(press), $"Case {NewCase} added");
        AssertHasText(await s.Host.InvokeAsync(press), $"Case {NewCase} added");

        Assert.Single((await s.Store.GetAuditAsync(s.AuditId, default))!.Value.Cases);
        Assert.Single(await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, s.AuditId.ToString("D")),
            e => e.Action == "audit.case.added");
    }

    private static async Task ExecuteAsync(StorageDatabase database, string sql)
    {
        await using var connection = await database.OpenAsync(default);
        await connection.ExecuteAsync(sql);
    }

    private static async Task<long> CountAsync(StorageDatabase database, string sql, object args)
    {
        await using var connection = await database.OpenAsync(default);
        return await connection.ExecuteScalarAsync<long>(sql, args);
    }
}

/// <summary>A refused log line on the default SQLite store.</summary>
public sealed class LogLineRefusedOnSqlite : LogLineRefusedScenarios
{
    protected override Task<Action<BotTestHostOptions>> StoreAsync() => Task.FromResult<Action<BotTestHostOptions>>(_ => { });
}

/// <summary>A refused log line on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class LogLineRefusedOnPostgres(PostgresServerFixture server) : LogLineRefusedScenarios
{
    protected override async Task<Action<BotTestHostOptions>> StoreAsync()
    {
        var database = await server.CreateDatabaseAsync();
        return o => o.PostgresConnectionString = database;
    }
}
