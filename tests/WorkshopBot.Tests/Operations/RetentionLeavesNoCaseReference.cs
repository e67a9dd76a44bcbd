using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Jobs;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Audits.EndToEnd;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Storage;
using WorkshopBot.Workshop.Teams;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Operations;

/// <summary>
/// After the retention purge nothing in the store names the purged audit's case: not its case references, not its title.
/// The audit is run through its cards (created, cases added, returns submitted, a safety alert raised and acknowledged,
/// released, its workshop started, its briefing approved and published, closed), so the audit log holds the lines the
/// features write, which name the cases; the purge redacts those lines in its own transaction, keeping who, what, when and
/// the subject of each, so the log stays a log. Every value of every row of every table is read as text; on SQLite the
/// database file and its write-ahead log are also read byte for byte.
/// </summary>
public abstract class RetentionLeavesNoCaseReferenceScenarios
{
    private const string Title = "Non-accidental injury audit, spring 2026";

    protected abstract Task<Action<BotTestHostOptions>> StoreAsync();

    [Fact]
    public async Task NoTableNorFileNamesThePurgedAuditsCasesOrTitle()
    {
        var store = await StoreAsync();
        await using var s = await StartAsync(store);
        var auditId = await RunTheAuditAsync(s);
        var log = s.Host.Get<IAuditLog>();
        var before = await log.ListRecentAsync(100_000);
        var textBefore = await RetentionLeavesNoText.StoredTextAsync(s.Host);
        Assert.All(Cases.Append(Title), named => Assert.Contains(named, textBefore, StringComparison.Ordinal));
        Assert.Contains(before, e => e.Action == "return.submitted" && e.DetailJson!.Contains(Cases[0], StringComparison.Ordinal));

        var due = (await s.Store.GetAuditAsync(auditId, default))!.Value.PurgeDueAt!.Value;
        s.Time.Advance(due.AddDays(1) - s.Time.GetUtcNow());
        var (purged, record) = Assert.Single(await s.Host.Get<RetentionJob>().RunOnceAsync(default));
        var after = await log.ListRecentAsync(100_000);
        var textAfter = await RetentionLeavesNoText.StoredTextAsync(s.Host);

        Assert.Equal(auditId, purged);
        Assert.All(Cases.Append(Title), named => Assert.DoesNotContain(named, textAfter, StringComparison.OrdinalIgnoreCase));
        if (s.Host.Get<StorageDatabase>().SqliteFilePath is { } path)
        {
            var raw = RetentionLeavesNoBytesOnSqlite.RawText(path);
            Assert.All(Cases.Append(Title), named => Assert.DoesNotContain(named, raw, StringComparison.Ordinal));
        }

        // The log is still a log: every line kept, with who, what, when and about which subject; only the detail of those
        // that named the case is gone, and the deletion-log entry says how many.
        var entry = Assert.Single(after, e => e.Action == AuditPurge.Action);
        Assert.Equal(before.Count + 1, after.Count);
        Assert.Equal(before.Select(Who), after.Where(e => e.Id != entry.Id).Select(Who));
        var redacted = after.Where(e => e.DetailJson == AuditPurge.RedactedDetail(auditId)).ToList();
        Assert.Contains(redacted, e => e.Action == "audit.case.added");
        Assert.Contains(redacted, e => e.Action == "return.submitted");
        Assert.Contains(redacted, e => e.Action == "safety.acknowledged");
        Assert.Contains(redacted, e => e.Action == "workshop.ratify");
        Assert.Equal(redacted.Count, record.LogLinesRedacted);
        Assert.Contains($"\"logLinesRedacted\":{redacted.Count}", entry.DetailJson, StringComparison.Ordinal);
        // A line that never named the case keeps its detail.
        var issued = Assert.Single(before, e => e.Action == "audit.issued");
        Assert.Equal(issued, Assert.Single(after, e => e.Id == issued.Id));
    }

    /// <summary>The scenario's audit from creation to closure through its cards; returns its id.</summary>
    private static async Task<Guid> RunTheAuditAsync(AuditScenario s)
    {
        await s.SetUpIssuedAsync();
        var auditId = s.AuditId;
        Assert.Equal(Title, (await s.Store.GetAuditAsync(auditId, default))!.Value.Title);
        await s.FillAndSubmitAsync(0, 0);
        await s.FillAndSubmitAsync(1, 0, safetyConcern: true);
        await s.Host.DrainOutboxAsync();
        var escalation = (await s.Host.Get<IDocumentStore>().ListAsync<SafetyEscalation>(
            WorkshopBot.Audits.Storage.AuditStore.Escalations)).Single().Value;
        AssertHasText(await s.Host.ExecuteAsync(Lead, BotTestHost.PersonalChat(Lead), SafetyScreen.AcknowledgeAlert,
            new AcknowledgeAlertData(escalation.Id)), "Acknowledged by");

        var id = new AuditRefData(auditId);
        AssertHasText(await s.ExecuteAsync(Chair, TrackerScreen.Release, id), "Returns released for moderation.");
        AssertHasText(await s.ExecuteAsync(Chair, StartScreen.Start, new StartWorkshopData(auditId)), "has started");
        var workshop = Assert.Single(await s.Host.Get<IDocumentStore>().ListAsync<WorkshopSession>(WorkshopRepository.Collection,
            key1: auditId.ToString())).Value;
        // A workshop's line that names a case by its subject only (as a ratified grade's does, under its poll).
        await s.Host.Get<IAuditLog>().AppendAsync(new NewAuditEvent(s.Time.GetUtcNow(), Chair.AadObjectId, Chair.Name,
            "workshop.ratify", "workshop", workshop.Id.ToString("D"), $$"""{"CaseReference":"{{Cases[1]}}","GradeKey":"good"}""",
            BotTestHost.TenantId));
        await s.PublishBriefingAsync(auditId);
        AssertHasText(await s.ExecuteAsync(Chair, DashboardScreen.Close, id), "Audit closed.");
        return auditId;
    }

    private static (long, DateTimeOffset, string, string?, string, string, string, string?) Who(AuditEvent e) =>
        (e.Id, e.At, e.ActorId, e.ActorName, e.Action, e.SubjectType, e.SubjectId, e.TenantId);
}

/// <summary>On a real SQLite file, its write-ahead log included.</summary>
public sealed class RetentionLeavesNoCaseReferenceSqlite : RetentionLeavesNoCaseReferenceScenarios
{
    protected override Task<Action<BotTestHostOptions>> StoreAsync() => Task.FromResult<Action<BotTestHostOptions>>(_ => { });
}

/// <summary>On PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class RetentionLeavesNoCaseReferencePostgres(PostgresServerFixture server) : RetentionLeavesNoCaseReferenceScenarios
{
    protected override async Task<Action<BotTestHostOptions>> StoreAsync()
    {
        var database = await server.CreateDatabaseAsync();
        return o => o.PostgresConnectionString = database;
    }
}
