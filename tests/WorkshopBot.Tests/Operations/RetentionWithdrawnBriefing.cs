using System.Text;
using WorkshopBot.Audits.Jobs;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Tests.Workshop;

namespace WorkshopBot.Tests.Operations;

/// <summary>
/// A partnership that keeps published briefings past retention keeps none that was withdrawn: a briefing withdrawn for what
/// it said is not the version left behind once its audit (and every way to reach it through the bot) is gone. Through the
/// real purge job on a real SQLite file, read raw afterwards.
/// </summary>
public sealed class RetentionWithdrawnBriefing
{
    private const string Withdrawn = "Wording the chair withdrew zqxv";

    private const string Corrected = "Corrected local reason for practice";

    [Fact]
    public async Task AWithdrawnVersionIsNotKeptAndTheLaterCorrectionIs()
    {
        await using var s = await StartAsync();
        var audit = await StoredAudit.CreateAsync(s.Scenario);
        await EditApproveAndPublishAsync(s.Scenario, audit.AuditId, 2, Withdrawn);
        await WithdrawAsync(s.Scenario, audit.AuditId);
        await EditApproveAndPublishAsync(s.Scenario, audit.AuditId, 3, Corrected);
        var path = s.Scenario.Host.Get<StorageDatabase>().SqliteFilePath!;
        Assert.Contains(Withdrawn, RawText(path), StringComparison.Ordinal);

        var record = await PurgeAsync(s, audit.AuditId);
        var kept = await TestStores.Documents(s.Scenario.Host.Services)
            .GetAsync(BriefingStore.Briefings, BriefingStore.Key(audit.AuditId), default);

        Assert.True(record.BriefingKept);
        Assert.Equal(3, Assert.Single(kept!.Versions).Number);
        Assert.Contains(Corrected, kept.Versions[0].Content.FullText(), StringComparison.Ordinal);
        Assert.DoesNotContain(Withdrawn, await RetentionLeavesNoText.StoredTextAsync(s.Scenario.Host), StringComparison.Ordinal);
        Assert.DoesNotContain(Withdrawn, RawText(path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABriefingWhoseEveryPublishedVersionWasWithdrawnGoesWhole()
    {
        await using var s = await StartAsync();
        var audit = await StoredAudit.CreateAsync(s.Scenario);
        await EditApproveAndPublishAsync(s.Scenario, audit.AuditId, 2, Withdrawn);
        await WithdrawAsync(s.Scenario, audit.AuditId);

        var record = await PurgeAsync(s, audit.AuditId);

        Assert.False(record.BriefingKept);
        Assert.Null(await TestStores.Documents(s.Scenario.Host.Services)
            .GetAsync(BriefingStore.Briefings, BriefingStore.Key(audit.AuditId), default));
        Assert.DoesNotContain(Withdrawn, RawText(s.Scenario.Host.Get<StorageDatabase>().SqliteFilePath!), StringComparison.Ordinal);
    }

    private sealed record Started(WorkshopScenario Scenario, ManualTimeProvider Clock) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Scenario.DisposeAsync();
    }

    private static async Task<Started> StartAsync()
    {
        var clock = new ManualTimeProvider();
        var s = await WorkshopScenario.CreateAsync(o =>
        {
            o.Time = clock;
            o.Settings["Audits:RunJobsInBackground"] = "false";
            o.Settings["Retention:KeepPublishedBriefing"] = "true";
        });
        await s.Host.SendAsync(s.Host.BotAdded(s.Chair, Practice));
        return new Started(s, clock);
    }

    private static readonly TestConversation Practice = BotTestHost.Channel("Early Help practice", "Early Help");

    private static async Task<PurgeRecord> PurgeAsync(Started s, Guid auditId)
    {
        await RetentionPurgeScenarios.CloseAsync(s.Scenario.Host, auditId, s.Clock.GetUtcNow());
        s.Clock.Advance(s.Clock.GetUtcNow().AddMonths(73) - s.Clock.GetUtcNow());
        var (purged, record) = Assert.Single(await s.Scenario.Host.Get<RetentionJob>().RunOnceAsync(default));
        Assert.Equal(auditId, purged);
        return record;
    }

    private static async Task EditApproveAndPublishAsync(WorkshopScenario s, Guid auditId, int version, string reason)
    {
        var chat = BotTestHost.PersonalChat(s.Chair);
        await s.Host.ExecuteAsync(s.Chair, chat, ComposeScreen.EditSave,
            new EditSaveData(auditId, version - 1, BriefingBoxKind.WhyItMatters, reason, "See the local protocol.", null));
        var approved = await s.Host.ExecuteAsync(s.Chair, chat, ComposeScreen.Approve, new ApproveData(auditId, version));
        Assert.Contains($"Version {version} is approved", WorkshopScenario.CardText(approved), StringComparison.Ordinal);
        var published = await s.Host.ExecuteAsync(s.Chair, chat, PublishScreen.Publish,
            new PublishData(auditId, version, Practice.ChannelId));
        Assert.Contains("queued", WorkshopScenario.CardText(published), StringComparison.Ordinal);
        await s.Host.DrainOutboxAsync();
    }

    private static async Task WithdrawAsync(WorkshopScenario s, Guid auditId)
    {
        var done = await s.Host.ExecuteAsync(s.Chair, BotTestHost.PersonalChat(s.Chair), WithdrawScreen.Withdraw,
            new WithdrawData(auditId));
        Assert.Contains("Briefing withdrawn", WorkshopScenario.CardText(done), StringComparison.Ordinal);
        await s.Host.DrainOutboxAsync();
    }

    /// <summary>The database file and its log, byte for byte, read as Latin-1 (so every byte is one character).</summary>
    private static string RawText(string path) => string.Join('\n', new[] { path, path + "-wal" }.Where(File.Exists).Select(file =>
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return Encoding.Latin1.GetString(copy.ToArray());
    }));
}
