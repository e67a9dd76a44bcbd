using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Jobs;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// The automatic reminder round reads the audit while its returns are being collected; the chair releases the returns for
/// moderation (with the tracker's button) just after that read, before the round commits. The release lands first and
/// wins: no representative is reminded and nothing is recorded as reminded. A seam places the press (not timing).
/// </summary>
public abstract class RemindersRaceTheReleaseScenarios
{
    protected abstract Task<Action<BotTestHostOptions>> StoreAsync();

    [Fact]
    public async Task ReturnsReleasedAsTheReminderRoundRunsRemindNobody()
    {
        var store = await StoreAsync();
        var seams = new DocumentSeams();
        await using var s = await StartAsync(o =>
        {
            store(o);
            o.Services = seams.Install;
        });
        await s.SetUpIssuedAsync();
        var id = new AuditRefData(s.AuditId);
        s.Time.SetUtcNow(new DateTimeOffset(2026, 3, 18, 18, 0, 0, TimeSpan.Zero));

        seams.AfterNextRead(AuditStore.Audits, AuditStore.Key(s.AuditId), async () =>
            AssertHasText(await s.ExecuteAsync(Chair, TrackerScreen.Release, id), "Returns released for moderation."));
        var report = await s.Host.Get<AuditJobs>().RunOnceAsync(default);
        await s.Host.DrainOutboxAsync();

        Assert.True(seams.Ran);
        Assert.Equal(0, report.RemindersSent);
        Assert.All(Agencies, a => Assert.Empty(s.SentTo(a.Rep, "Reminder:")));
        var events = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, s.AuditId.ToString("D"));
        Assert.DoesNotContain(events, e => e.Action == "audit.reminded");
        Assert.Equal(AuditStatus.Moderation, (await s.Store.GetAuditAsync(s.AuditId, default))!.Value.Status);
    }

    /// <summary>
    /// The chair presses **Remind** on the tracker in the channel; the returns are released (from the chair's 1:1 chat)
    /// just after the press's first read of the audit, or just after its second, the one its commit relies on.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task ReturnsReleasedAsTheChairPressesRemindRemindNobody(int skip)
    {
        var store = await StoreAsync();
        var seams = new DocumentSeams();
        await using var s = await StartAsync(o =>
        {
            store(o);
            o.Services = seams.Install;
        });
        await s.SetUpIssuedAsync();
        var id = new AuditRefData(s.AuditId);

        seams.AfterNextRead(AuditStore.Audits, AuditStore.Key(s.AuditId), async () => AssertHasText(
            await s.ExecuteAsync(Chair, TrackerScreen.Release, id, BotTestHost.PersonalChat(Chair)), "Returns released for moderation."),
            skip);
        var remind = await s.ExecuteAsync(Chair, TrackerScreen.Remind, id);
        await s.Host.DrainOutboxAsync();

        Assert.True(seams.Ran);
        AssertHasText(remind, "only while returns are being collected");
        Assert.All(Agencies, a => Assert.Empty(s.SentTo(a.Rep, "Reminder:")));
        var events = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, s.AuditId.ToString("D"));
        Assert.DoesNotContain(events, e => e.Action == "audit.reminded");
    }
}

/// <summary>On the default SQLite store.</summary>
public sealed class RemindersRaceTheReleaseOnSqlite : RemindersRaceTheReleaseScenarios
{
    protected override Task<Action<BotTestHostOptions>> StoreAsync() => Task.FromResult<Action<BotTestHostOptions>>(_ => { });
}

/// <summary>On PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class RemindersRaceTheReleaseOnPostgres(PostgresServerFixture server) : RemindersRaceTheReleaseScenarios
{
    protected override async Task<Action<BotTestHostOptions>> StoreAsync()
    {
        var database = await server.CreateDatabaseAsync();
        return o => o.PostgresConnectionString = database;
    }
}
