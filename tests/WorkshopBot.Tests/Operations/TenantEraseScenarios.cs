using Dapper;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Operations.Erase;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Audits.EndToEnd;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Tests.Workshop;
using WorkshopBot.Workshop.Jobs;

namespace WorkshopBot.Tests.Operations;

/// <summary>
/// One bot serving two organisations, both using it through the real bot over HTTP: the first runs an audit's workshop
/// (ideas, votes), its briefing and returns; the neighbour creates an audit and adds a case. <c>erase-tenant</c> erases the
/// first: a dry run changes nothing, a run refuses while the organisation is still served or an audit of it is on legal
/// hold, and the erase leaves no row of it in any table (nor its text in the SQLite file or its log) while the neighbour's
/// rows are all there and the neighbour goes on working. A run that fails part-way (a crash) changes nothing, and a rerun
/// finishes; one stopped after its commit but before the file's rewrite is finished by the rerun.
/// </summary>
public abstract class TenantEraseScenarios
{
    internal const string Neighbour = "9a8b7c6d-0000-4000-8000-00000000e2a5";
    internal const string Erased = BotTestHost.TenantId;
    private const string NeighbourTitle = "Neglect audit of the neighbouring partnership";
    private static readonly TestUser NeighbourChair = BotTestHost.User("Neighbouring Partnership Chair");
    private static readonly TestConversation NeighbourTeam = BotTestHost.Channel("Audits", "Neighbouring Partnership");

    protected abstract Task<Action<BotTestHostOptions>> StoreAsync();

    /// <summary>The store's settings as the command is given them on the host.</summary>
    private static string[] StoreArgs(BotTestHost host)
    {
        var database = host.Get<StorageDatabase>();
        return database.SqliteFilePath is { } path
            ? ["--Storage:Provider", "Sqlite", "--Storage:SqlitePath", path]
            : ["--Storage:Provider", "Postgres", "--Storage:PostgresConnectionString",
                host.Get<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value.PostgresConnectionString!];
    }

    /// <summary>The command as the operator runs it once the organisation is off the list (only the neighbour served).</summary>
    private static Task<int> EraseAsync(BotTestHost host, params string[] more) => EraseTenantCommand.RunAsync(
        [.. StoreArgs(host), "--WorkshopBot:AllowedTenants:0", Neighbour, "--tenant", Erased, .. more]);

    [Fact]
    public async Task ErasesOneOrganisationAndLeavesTheOtherWorking()
    {
        await using var s = await TwoOrganisationsAsync();
        var host = s.Scenario.Host;
        var before = await TablesAsync(host);
        var neighbourBefore = await RowsOfAsync(host, Neighbour);
        Assert.True((await RowsOfAsync(host, Erased)).Values.Sum() > 10);
        var erasedConversations = await ConversationsOfAsync(host, Erased);
        Assert.NotEmpty(erasedConversations);
        Assert.Contains(StoredAudit.Idea, await RetentionLeavesNoText.StoredTextAsync(host), StringComparison.Ordinal);

        // Still served: refused. A dry run changes nothing. A confirmation naming another organisation is refused.
        var served = await EraseTenantCommand.RunAsync(
            [.. StoreArgs(host), "--WorkshopBot:AllowedTenants:0", Erased, "--tenant", Erased, "--confirm", Erased]);
        var dryRun = await EraseAsync(host);
        var mismatched = await EraseAsync(host, "--confirm", Neighbour);
        Assert.Equal((EraseTenantCommand.Refused, 0, 2), (served, dryRun, mismatched));
        Assert.Equal(before, await TablesAsync(host));

        Assert.Equal(0, await EraseAsync(host, "--confirm", Erased));

        await AssertErasedAsync(host, s.Audit);
        Assert.Equal(neighbourBefore, await RowsOfAsync(host, Neighbour));
        Assert.Equal("", await ReferencesAsync(host, erasedConversations));
        var log = await host.Get<IAuditLog>().ListRecentAsync(100_000);
        var entry = Assert.Single(log, e => e.Action == TenantErase.Action);
        Assert.Equal((TenantErase.Actor, Erased, Erased), (entry.ActorId, entry.SubjectId, entry.TenantId));
        Assert.Contains("\"votes\":", entry.DetailJson, StringComparison.Ordinal);
        Assert.All(log.Where(e => e.TenantId == Erased && e.Id != entry.Id),
            e => Assert.True(e.DetailJson is null or "{\"redacted\":\"tenant.erased\"}", e.DetailJson));
        Assert.Contains(log, e => e.TenantId == Neighbour && e.DetailJson!.Contains("NEG-2026-03-C1", StringComparison.Ordinal));

        // The neighbour still works, and a second erase finds nothing.
        AuditScenario.AssertHasText(await host.InvokeAsync(InNeighbour(host.CardAction(NeighbourChair, NeighbourTeam,
            CasesScreen.AddCase, new AddCaseData(s.NeighbourAudit, "NEG-2026-03-C2", "1-4")))), "Case NEG-2026-03-C2 added");
        Assert.Equal(0, await EraseAsync(host, "--confirm", Erased));
        Assert.Equal(2, (await host.Get<IAuditLog>().ListRecentAsync(100_000)).Count(e => e.Action == TenantErase.Action));
    }

    [Fact]
    public async Task RefusesWhileAnAuditIsOnLegalHoldAndSaysWhich()
    {
        await using var s = await TwoOrganisationsAsync();
        var host = s.Scenario.Host;
        AuditScenario.AssertHasText(await host.ExecuteAsync(s.Scenario.Chair, BotTestHost.PersonalChat(s.Scenario.Chair),
            RetentionScreen.Hold, new LegalHoldData(s.Audit.AuditId, true)), "Legal hold placed:");
        var before = await TablesAsync(host);
        var (refused, error) = await ErrorOfAsync(() => EraseAsync(host, "--confirm", Erased));

        Assert.Equal(EraseTenantCommand.Refused, refused);
        Assert.Contains($"audit {s.Audit.AuditId:D}", error, StringComparison.Ordinal);
        Assert.DoesNotContain("NAI audit", error, StringComparison.Ordinal);
        Assert.Equal(before, await TablesAsync(host));

        Assert.Equal(0, await EraseAsync(host, "--confirm", Erased, "--despite-legal-hold"));
        await AssertErasedAsync(host, s.Audit);
    }

    [Fact]
    public async Task AnEraseThatStopsPartWayIsFinishedByARerun()
    {
        await using var s = await TwoOrganisationsAsync();
        var host = s.Scenario.Host;
        string[] args = [.. StoreArgs(host), "--WorkshopBot:AllowedTenants:0", Neighbour, "--tenant", Erased, "--confirm", Erased];
        var before = await TablesAsync(host);
        var neighbourBefore = await RowsOfAsync(host, Neighbour);

        // The process dies among the deletions: nothing is changed.
        await Assert.ThrowsAsync<IOException>(() => EraseTenantCommand.RunAsync(args, afterStep: step =>
            step == "documents" ? throw new IOException("simulated crash") : Task.CompletedTask));
        Assert.Equal(before, await TablesAsync(host));

        // The process dies after its commit, before the SQLite file is rewritten: the rows are gone, the rewrite is owed.
        await Assert.ThrowsAsync<IOException>(() => EraseTenantCommand.RunAsync(args,
            committed: () => throw new IOException("simulated crash")));
        Assert.Equal(0, (await RowsOfAsync(host, Erased)).Values.Sum());

        Assert.Equal(0, await EraseTenantCommand.RunAsync(args));
        await AssertErasedAsync(host, s.Audit);
        Assert.Equal(neighbourBefore, await RowsOfAsync(host, Neighbour));
        Assert.Null(await host.Get<IStoreCheckpoint>().WipeOwedAsync(default));
    }

    /// <summary>
    /// The store fails under the erase (a disk that fills, a connection lost: the exception the store's client throws) among
    /// its deletions, then after its commit: each ends with one line saying what it left and exit code 5, never a stack
    /// trace; the first erased nothing, and running the same command again finishes the erase.
    /// </summary>
    [Fact]
    public async Task AnEraseWhoseStoreFailsPartWaySaysWhatItLeftAndARerunFinishesIt()
    {
        await using var s = await TwoOrganisationsAsync();
        var host = s.Scenario.Host;
        string[] args = [.. StoreArgs(host), "--WorkshopBot:AllowedTenants:0", Neighbour, "--tenant", Erased, "--confirm", Erased];
        var before = await TablesAsync(host);
        var neighbourBefore = await RowsOfAsync(host, Neighbour);
        Exception Cut() => host.Get<StorageDatabase>().Provider == StorageProvider.Sqlite
            ? new Microsoft.Data.Sqlite.SqliteException("SQLite Error 13: 'database or disk is full'.", 13)
            : new Npgsql.NpgsqlException("Exception while reading from stream", new EndOfStreamException("the server went away"));

        var (during, duringLine) = await ErrorOfAsync(() => EraseTenantCommand.RunAsync(args,
            afterStep: step => step == "documents" ? throw Cut() : Task.CompletedTask));
        Assert.True(during == WorkshopBot.Operations.OperatorStore.Interrupted, duringLine);
        Assert.Contains("before the erase was committed. Nothing was erased", duringLine, StringComparison.Ordinal);
        Assert.Equal(before, await TablesAsync(host));

        var (after, afterLine) = await ErrorOfAsync(() => EraseTenantCommand.RunAsync(args, committed: () => throw Cut()));
        Assert.True(after == WorkshopBot.Operations.OperatorStore.Interrupted, afterLine);
        Assert.Contains($"erase-tenant: {Erased} was erased, but then ", afterLine, StringComparison.Ordinal);
        Assert.Contains("run the same command again", afterLine, StringComparison.Ordinal);
        Assert.Equal(0, (await RowsOfAsync(host, Erased)).Values.Sum());
        Assert.All(new[] { duringLine, afterLine }, line => Assert.Single(line.Split('\n', StringSplitOptions.RemoveEmptyEntries)));

        Assert.Equal(0, await EraseTenantCommand.RunAsync(args));
        await AssertErasedAsync(host, s.Audit);
        Assert.Equal(neighbourBefore, await RowsOfAsync(host, Neighbour));
        Assert.Null(await host.Get<IStoreCheckpoint>().WipeOwedAsync(default));
    }

    /// <summary>Runs the command in-process with standard error captured.</summary>
    private static async Task<(int Exit, string Error)> ErrorOfAsync(Func<Task<int>> command)
    {
        var error = new StringWriter();
        var was = Console.Error;
        try
        {
            Console.SetError(error);
            return (await command(), error.ToString());
        }
        finally
        {
            Console.SetError(was);
        }
    }

    [Fact]
    public async Task EveryTableOfTheSchemaIsCoveredByTheErase()
    {
        await using var host = await BotTestHost.StartAsync(await StoreAsync());
        var database = host.Get<StorageDatabase>();
        await using var connection = await database.OpenAsync(default);
        var columns = (await connection.QueryAsync<(string Table, string Column)>(database.Provider == StorageProvider.Sqlite
            ? """
              SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
              WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
              """
            : """
              SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()
              AND table_name IN (SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()
                                 AND table_type = 'BASE TABLE')
              """)).ToList();

        // A table a migration adds fails here until the erase says how it finds an organisation's rows in it (or that it
        // holds none); one that carries a tenant may not be said to hold none.
        Assert.Empty(columns.Select(c => c.Table).Distinct().Except(TenantErase.Tables.Keys));
        Assert.Contains("documents", columns.Select(c => c.Table));
        Assert.All(columns.Where(c => c.Column.Contains("tenant", StringComparison.OrdinalIgnoreCase)),
            c => Assert.NotEqual(TenantErase.NoTenant, TenantErase.Tables[c.Table]));
    }

    internal sealed record TwoOrganisations(WorkshopScenario Scenario, StoredAudit Audit, Guid NeighbourAudit) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Scenario.DisposeAsync();
    }

    private async Task<TwoOrganisations> TwoOrganisationsAsync() => await TwoOrganisationsAsync(await StoreAsync());

    /// <summary>The first organisation's audit through its workshop and briefing; the neighbour's audit with a case.</summary>
    internal static async Task<TwoOrganisations> TwoOrganisationsAsync(Action<BotTestHostOptions> store)
    {
        var s = await WorkshopScenario.CreateAsync(o =>
        {
            store(o);
            o.Settings["WorkshopBot:AllowedTenants:1"] = Neighbour;
        });
        var audit = await StoredAudit.CreateAsync(s);
        s.Host.Connector.Roster.Add(new TeamsChannelAccount
        {
            Id = NeighbourChair.Id, AadObjectId = NeighbourChair.AadObjectId, Name = NeighbourChair.Name, TenantId = Neighbour,
        });
        await s.Host.SendAsync(InNeighbour(s.Host.BotAdded(NeighbourChair, NeighbourTeam)));
        var created = await s.Host.InvokeAsync(InNeighbour(s.Host.CardAction(NeighbourChair, NeighbourTeam, CreateScreen.Create,
            AuditScenario.NewAuditForm with
            {
                Title = NeighbourTitle,
                ReturnsDue = DateTime.UtcNow.AddYears(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                WorkshopDate = null,
            })));
        var card = AuditScenario.CardOf(created);
        Assert.True(AuditScenario.FindString(card, "auditId") is not null, card.GetRawText());
        var theirs = Guid.Parse(AuditScenario.FindString(card, "auditId")!);
        AuditScenario.AssertHasText(await s.Host.InvokeAsync(InNeighbour(s.Host.CardAction(NeighbourChair, NeighbourTeam,
            CasesScreen.AddCase, new AddCaseData(theirs, "NEG-2026-03-C1", "1-4")))), "Case NEG-2026-03-C1 added");
        await s.Host.DrainOutboxAsync();

        // The live card's last update (its slot claim and the counts it showed) is written by the running host a moment after
        // the votes: let it land before the test counts rows, as an operator's erase comes long after.
        var coalescer = s.Host.Get<LiveCardCoalescer>();
        await WorkshopScenario.WaitForAsync(() => coalescer.PendingFor(s.Channel.Id) == 0);
        Assert.Equal(0, coalescer.PendingFor(s.Channel.Id));
        return new TwoOrganisations(s, audit, theirs);
    }

    private static Activity InNeighbour(Activity activity) => activity with
    {
        Conversation = activity.Conversation! with { TenantId = Neighbour },
        ChannelData = BotJson.ToElement(new TeamsChannelData { Tenant = new TenantInfo { Id = Neighbour } }),
    };

    /// <summary>Nothing of the erased organisation is left: no row that carries it, no vote, no text, no bytes.</summary>
    internal static async Task AssertErasedAsync(BotTestHost host, StoredAudit audit)
    {
        Assert.Equal([], (await RowsOfAsync(host, Erased)).Where(r => r.Value > 0).Select(r => r.Key));
        var tables = await TablesAsync(host);
        Assert.All(new[] { "workshop_voters", "workshop_polls", "workshop_participants", "workshop_poll_counts",
            "workshop_counts", "workshop_cards", "return_grades" }, t => Assert.Equal(0, tables[t]));
        var text = await RetentionLeavesNoText.StoredTextAsync(host);
        Assert.DoesNotContain(StoredAudit.Idea, text, StringComparison.Ordinal);
        Assert.DoesNotContain(audit.AuditId.ToString("D"), text.Replace($"subject_id={audit.AuditId:D}", "", StringComparison.Ordinal)
            .Replace($"detail_json={{\"auditId\":\"{audit.AuditId:D}\"", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains(NeighbourTitle, text, StringComparison.Ordinal);
        if (host.Get<StorageDatabase>().SqliteFilePath is { } path)
        {
            var raw = RetentionLeavesNoBytesOnSqlite.RawText(path);
            Assert.DoesNotContain(StoredAudit.Idea, raw, StringComparison.Ordinal);
            Assert.DoesNotContain("NAI audit 2021", raw, StringComparison.Ordinal);
            Assert.Contains(NeighbourTitle, raw, StringComparison.Ordinal);
        }
    }

    /// <summary>Rows per table and tenant column that carry <paramref name="tenant"/> (the audit log left out: it is kept).</summary>
    internal static async Task<Dictionary<string, long>> RowsOfAsync(BotTestHost host, string tenant)
    {
        var database = host.Get<StorageDatabase>();
        await using var connection = await database.OpenAsync(default);
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        var conversations = (await connection.QueryAsync<string>("SELECT conversation_id FROM conversations WHERE lower(tenant_id) = @t",
            new { t = tenant.ToLowerInvariant() })).ToList();
        foreach (var (table, column) in await TenantColumnsAsync(database, connection))
        {
            if (table != "audit_events")
            {
                rows[$"{table}.{column}"] = await connection.ExecuteScalarAsync<long>(
                    $"SELECT COUNT(*) FROM {table} WHERE lower({column}) = @t", new { t = tenant.ToLowerInvariant() });
            }
        }

        rows["processed_activities"] = await connection.ExecuteScalarAsync<long>("""
            SELECT COUNT(*) FROM processed_activities
            WHERE conversation_id IN (SELECT conversation_id FROM conversations WHERE lower(tenant_id) = @t)
            """, new { t = tenant.ToLowerInvariant() });
        rows["conversations"] = conversations.Count;
        return rows;
    }

    private static async Task<IEnumerable<(string, string)>> TenantColumnsAsync(StorageDatabase database,
        System.Data.Common.DbConnection connection) =>
        await connection.QueryAsync<(string, string)>(database.Provider == StorageProvider.Sqlite
            ? """
              SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
              WHERE m.type = 'table' AND p.name LIKE '%tenant%'
              """
            : """
              SELECT table_name, column_name FROM information_schema.columns
              WHERE table_schema = current_schema() AND column_name LIKE '%tenant%'
              """);

    private static async Task<List<string>> ConversationsOfAsync(BotTestHost host, string tenant)
    {
        await using var connection = await host.Get<StorageDatabase>().OpenAsync(default);
        return [.. await connection.QueryAsync<string>("SELECT conversation_id FROM conversations WHERE lower(tenant_id) = @t",
            new { t = tenant.ToLowerInvariant() })];
    }

    /// <summary>Rows of the tables keyed by conversation that name one of <paramref name="conversations"/>.</summary>
    private static async Task<string> ReferencesAsync(BotTestHost host, List<string> conversations)
    {
        await using var connection = await host.Get<StorageDatabase>().OpenAsync(default);
        var found = new List<string>();
        foreach (var table in new[] { "processed_activities", "card_slots", "channel_members", "conversations", "audit_shown_messages" })
        {
            foreach (var conversation in conversations)
            {
                var rows = await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table} WHERE conversation_id = @conversation",
                    new { conversation });
                if (rows > 0)
                {
                    found.Add($"{table}: {rows} of {conversation}");
                }
            }
        }

        return string.Join("; ", found);
    }

    /// <summary>Rows per table of the whole store.</summary>
    internal static async Task<Dictionary<string, long>> TablesAsync(BotTestHost host)
    {
        var database = host.Get<StorageDatabase>();
        await using var connection = await database.OpenAsync(default);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var tables = database.Provider == StorageProvider.Sqlite
            ? await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            : await connection.QueryAsync<string>(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'");
        foreach (var table in tables)
        {
            counts[table] = await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
        }

        return counts;
    }
}

/// <summary>On a real SQLite file, its write-ahead log included.</summary>
public sealed class TenantEraseOnSqlite : TenantEraseScenarios
{
    protected override Task<Action<BotTestHostOptions>> StoreAsync() => Task.FromResult<Action<BotTestHostOptions>>(_ => { });
}

/// <summary>On PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class TenantEraseOnPostgres(PostgresServerFixture server) : TenantEraseScenarios
{
    protected override async Task<Action<BotTestHostOptions>> StoreAsync()
    {
        var database = await server.CreateDatabaseAsync();
        return o => o.PostgresConnectionString = database;
    }
}
