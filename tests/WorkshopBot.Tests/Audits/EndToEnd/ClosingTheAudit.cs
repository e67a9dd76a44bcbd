using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Jobs;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// The chair closes the audit from its dashboard (<c>audit.close</c>) once the returns are released, through
/// /api/messages: the confirmation says what closing does and the day the data would be deleted; only the chair (or a
/// partnership admin) can close it, once, with one <c>audit.closed</c> log line; then the retention card shows the closure
/// and deletion dates, a representative's return can no longer be saved or submitted, and reminders stay stopped.
/// </summary>
public abstract class ClosingTheAuditScenarios
{
    protected abstract Task<Action<BotTestHostOptions>> StoreAsync();

    [Fact]
    public async Task ClosingTheAuditStartsRetentionAndFreezesTheReturns()
    {
        var store = await StoreAsync();
        await using var s = await StartAsync(store);
        await s.SetUpIssuedAsync();
        var id = new AuditRefData(s.AuditId);
        var rep = Agencies[0].Rep;
        var draft = await s.ReturnOfAsync(0);
        var inputs = new Dictionary<string, string>
        {
            ["a:" + draft.Sections[0].Questions[0].Id] = "partly",
            ["n:" + draft.Sections[0].Questions[0].Id] = "Strategy meeting notes were shared late.",
        };

        // Not while the returns are being collected: no button, and a forged press changes nothing.
        var issued = CardOf(await s.ExecuteAsync(Chair, DashboardScreen.Dashboard, id)).GetRawText();
        var early = CardOf(await s.ExecuteAsync(Chair, DashboardScreen.Close, id)).GetRawText();
        Assert.DoesNotContain($"\"{DashboardScreen.Close}\"", issued, StringComparison.Ordinal);
        Assert.Contains("only after its returns have been released for moderation", early, StringComparison.Ordinal);
        Assert.Null((await s.Store.GetAuditAsync(s.AuditId, default))!.Value.ClosedAt);

        AssertHasText(await s.ExecuteAsync(Chair, TrackerScreen.Release, id), "Returns released for moderation.");
        var dashboard = CardOf(await s.ExecuteAsync(Chair, DashboardScreen.Dashboard, id)).GetRawText();
        Assert.Contains($"\"{DashboardScreen.Close}\"", dashboard, StringComparison.Ordinal);
        Assert.Contains("will be deleted on 2 March 2032", dashboard, StringComparison.Ordinal);
        Assert.Contains("Closing cannot be undone.", dashboard, StringComparison.Ordinal);

        // A late draft can still be saved before closure.
        CardOf(await s.AsRepAsync(rep, ReturnsScreen.SaveSection, s.SaveFirstSection(draft, ReturnMoves.Stay, inputs)));
        var saved = await s.ReturnOfAsync(0);
        Assert.True(saved.Version > draft.Version, "the draft was saved before closure");

        var byRep = CardOf(await s.AsRepAsync(rep, DashboardScreen.Close, id)).GetRawText();
        Assert.DoesNotContain("closed", byRep, StringComparison.OrdinalIgnoreCase);
        Assert.Null((await s.Store.GetAuditAsync(s.AuditId, default))!.Value.ClosedAt);

        var closed = CardOf(await s.ExecuteAsync(Chair, DashboardScreen.Close, id)).GetRawText();
        s.Time.Advance(TimeSpan.FromDays(3));
        var again = CardOf(await s.ExecuteAsync(Chair, DashboardScreen.Close, id)).GetRawText();

        Assert.Contains("Audit closed.", closed, StringComparison.Ordinal);
        Assert.Contains("deleted on 2 March 2032", closed, StringComparison.Ordinal);
        Assert.DoesNotContain($"\"{DashboardScreen.Close}\"", closed, StringComparison.Ordinal);
        Assert.Contains("already closed on 2 March 2026", again, StringComparison.Ordinal);
        var audit = (await s.Store.GetAuditAsync(s.AuditId, default))!.Value;
        Assert.Equal((AuditStatus.Closed, Start, Start.AddMonths(72)), (audit.Status, audit.ClosedAt, audit.PurgeDueAt));
        var events = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, s.AuditId.ToString("D"));
        var entry = Assert.Single(events, e => e.Action == "audit.closed");
        Assert.Contains("\"retainForMonths\":72", entry.DetailJson, StringComparison.Ordinal);
        Assert.Contains("\"deleteOn\":\"2032-03-02", entry.DetailJson, StringComparison.Ordinal);

        var retention = CardOf(await s.ExecuteAsync(Chair, RetentionScreen.Retention, id)).GetRawText();
        Assert.Contains("\"value\":\"2 March 2026\"", retention, StringComparison.Ordinal);
        Assert.Contains("\"value\":\"2 March 2032\"", retention, StringComparison.Ordinal);

        // The representative's return is read-only now: neither saved nor submitted.
        var save = CardOf(await s.AsRepAsync(rep, ReturnsScreen.SaveSection, s.SaveFirstSection(saved, ReturnMoves.Stay, inputs)));
        var submit = CardOf(await s.AsRepAsync(rep, ReturnsScreen.Submit, new SubmitReturnData(s.AuditId, saved.Id, saved.Version)));
        Assert.Contains("This audit is closed", save.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("This audit is closed", submit.GetRawText(), StringComparison.Ordinal);
        var after = await s.ReturnOfAsync(0);
        Assert.Equal((saved.Version, ReturnStatus.Draft), (after.Version, after.Status));

        // No reminder, automatic or on demand.
        s.Time.SetUtcNow(new DateTimeOffset(2026, 3, 18, 18, 0, 0, TimeSpan.Zero));
        Assert.Equal(0, (await s.Host.Get<AuditJobs>().RunOnceAsync(default)).RemindersSent);
        AssertHasText(await s.ExecuteAsync(Chair, TrackerScreen.Remind, id), "only while returns are being collected");
    }

    [Fact]
    public async Task APartnershipAdminMayCloseTheAuditAsOnTheRetentionScreen()
    {
        var admin = BotTestHost.User("Partnership Admin");
        var store = await StoreAsync();
        await using var s = await StartAsync(o =>
        {
            store(o);
            o.Settings["WorkshopBot:Chairs:0"] = $"{BotTestHost.TenantId}/{Chair.AadObjectId}";
            o.Settings["WorkshopBot:Admins:0"] = $"{BotTestHost.TenantId}/{admin.AadObjectId}";
        });
        await s.SetUpIssuedAsync();
        var id = new AuditRefData(s.AuditId);
        AssertHasText(await s.ExecuteAsync(Chair, TrackerScreen.Release, id), "Returns released for moderation.");

        var byOutsider = CardOf(await s.ExecuteAsync(Outsider, DashboardScreen.Close, id)).GetRawText();
        Assert.Null((await s.Store.GetAuditAsync(s.AuditId, default))!.Value.ClosedAt);
        var byAdmin = CardOf(await s.ExecuteAsync(admin, DashboardScreen.Close, id)).GetRawText();

        Assert.DoesNotContain("closed", byOutsider, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Audit closed.", byAdmin, StringComparison.Ordinal);
        Assert.Equal(AuditStatus.Closed, (await s.Store.GetAuditAsync(s.AuditId, default))!.Value.Status);
        var events = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, s.AuditId.ToString("D"));
        Assert.Equal(admin.AadObjectId, Assert.Single(events, e => e.Action == "audit.closed").ActorId);
    }
}

/// <summary>Closing the audit on the default SQLite store.</summary>
public sealed class ClosingTheAuditOnSqlite : ClosingTheAuditScenarios
{
    protected override Task<Action<BotTestHostOptions>> StoreAsync() => Task.FromResult<Action<BotTestHostOptions>>(_ => { });
}

/// <summary>Closing the audit on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ClosingTheAuditOnPostgres(PostgresServerFixture server) : ClosingTheAuditScenarios
{
    protected override async Task<Action<BotTestHostOptions>> StoreAsync()
    {
        var database = await server.CreateDatabaseAsync();
        return o => o.PostgresConnectionString = database;
    }
}
