using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkshopBot.Operations;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Support.OutboxTestMessages;

namespace WorkshopBot.Tests.Operations;

/// <summary>
/// A message whose failure was stored but whose report was not made (the bot was killed between the two) is reported all
/// the same: when the dispatcher starts, and by a running one within minutes. Its card to the admins' channel is queued
/// once, however often it is reported.
/// </summary>
public sealed class MissedUndeliverableReports
{
    private static readonly TestUser Chair = BotTestHost.User("Cass Chair");
    private static readonly TestConversation Admins = BotTestHost.Channel("Partnership admins", "Partnership office");
    private static readonly Guid AuditId = Guid.Parse("6a0f3c58-95b2-4c1e-9d0e-2f4b7a1c8e33");

    [Fact]
    public async Task ASafetyAlertWhoseFailureWasStoredJustBeforeACrashIsReportedOnceAfterTheRestart()
    {
        var logs = new UndeliverableMessages.CapturedLogs();
        await using var host = await StartAsync(o => o.Services += services => services.AddSingleton<ILoggerProvider>(logs));
        var alert = await QueueAlertAsync(host);

        // The failure is stored; the bot is killed before the card about it is queued.
        await FailWithoutReportAsync(host, alert, DateTimeOffset.UtcNow.AddMinutes(-3));
        await host.RestartAsync();
        await host.DrainOutboxAsync();

        Assert.Single(AdminCards(host));
        var outbox = host.Get<IOutboxStore>();
        var card = Assert.Single(await outbox.ListByCorrelationAsync("ops"));
        Assert.Equal($"{MessageKind.OperationsPrefix}undeliverable:{alert.Id}", card.DedupeKey);
        Assert.NotNull((await outbox.GetAsync(alert.Id))!.ReportedAt);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error
            && e.Text.Contains($"Outbox message {alert.Id} (safety-alert) failed for good and its report was cut short",
                StringComparison.Ordinal));

        // Looked for again (another start, or another instance), and reported again by one that raced the first: no second card.
        var alerts = host.Get<FailedMessageAlerts>();
        Assert.Equal(0, await alerts.ReportMissedAsync(CancellationToken.None));
        await alerts.ReportAsync((await outbox.GetAsync(alert.Id))!, OutboxStatus.Failed, CancellationToken.None);
        await host.RestartAsync();
        await host.DrainOutboxAsync();
        Assert.Single(await host.Get<IOutboxStore>().ListByCorrelationAsync("ops"));
        Assert.Single(AdminCards(host));
    }

    [Fact]
    public async Task ARunningDrainerReportsAFailureLeftUnreportedWithinMinutes()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await StartAsync(o => o.Time = clock);
        await host.DrainOutboxAsync();
        var alert = await QueueAlertAsync(host);

        await FailWithoutReportAsync(host, alert, clock.GetUtcNow());
        await host.DrainOutboxAsync();
        Assert.Empty(AdminCards(host));
        clock.Advance(TimeSpan.FromMinutes(2));
        await host.DrainOutboxAsync();
        Assert.Empty(AdminCards(host));

        clock.Advance(TimeSpan.FromMinutes(4));
        await host.DrainOutboxAsync();
        Assert.Single(AdminCards(host));
        clock.Advance(TimeSpan.FromMinutes(6));
        await host.DrainOutboxAsync();
        Assert.Single(AdminCards(host));
    }

    [Fact]
    public async Task AnUpdateOfACardThatWasNeverPostedIsNotASecondFailureForTheAdmins()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await StartAsync(o => o.Time = clock);
        await host.DrainOutboxAsync();
        var alert = await QueueAlertAsync(host);
        await FailWithoutReportAsync(host, alert, clock.GetUtcNow().AddMinutes(-3));

        // An update of the alert's card (as when its details change) can never be sent: its card was never posted.
        var key = await host.QueueAsync(o => o.UpdatePosted(host.ServiceUrl, BotTestHost.TenantId, alert.DedupeKey,
            Card("A child may be at immediate risk (updated)"), $"{alert.DedupeKey}:update", $"audit:{AuditId:D}"));
        await host.DrainOutboxAsync();
        var update = (await host.Get<IOutboxStore>().FindByDedupeKeyAsync(key))!;
        Assert.Equal(OutboxStatus.Failed, update.Status);
        Assert.NotNull(update.ReportedAt);

        // The alert's own failure is carded, once (by the missed reports' sweep); the update's is not.
        clock.Advance(TimeSpan.FromMinutes(6));
        await host.DrainOutboxAsync();
        var card = Assert.Single(await host.Get<IOutboxStore>().ListByCorrelationAsync("ops"));
        Assert.Equal($"{MessageKind.OperationsPrefix}undeliverable:{alert.Id}", card.DedupeKey);
        Assert.Single(AdminCards(host));
    }

    [Fact]
    public async Task AMessageGivenUpUnsentIsCountedAsUndeliverableWhenItsReportIsMade()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await StartAsync(o => o.Time = clock);
        await host.DrainOutboxAsync();
        using var listener = new MetricListener("workshopbot.outbox.undeliverable", "workshopbot.message.kind", "workshopbot.outcome");
        var alert = await QueueAlertAsync(host);

        // Nothing drained it (the bot was stopped, or Teams refused every attempt) and the pruner gave it up.
        Assert.Equal(1, await host.Get<IOutboxStore>().GiveUpUnsentAsync(clock.GetUtcNow().AddSeconds(1), clock.GetUtcNow()));
        Assert.DoesNotContain(listener.Seen, s => s.Second == "given_up");
        clock.Advance(TimeSpan.FromMinutes(6));
        await host.DrainOutboxAsync();

        Assert.Single(AdminCards(host));
        Assert.NotNull((await host.Get<IOutboxStore>().GetAsync(alert.Id))!.ReportedAt);
        Assert.Contains(("safety-alert", "given_up"), listener.Seen);
    }

    private static async Task<BotTestHost> StartAsync(Action<BotTestHostOptions> configure)
    {
        var host = await BotTestHost.StartAsync(o =>
        {
            o.Settings["WorkshopBot:AdminChannelId"] = Admins.ChannelId;
            configure(o);
        });
        await host.SendAsync(host.BotAdded(Chair, Admins));
        return host;
    }

    private static async Task<OutboxMessage> QueueAlertAsync(BotTestHost host)
    {
        var key = await host.QueueAsync(o => o.SendToUser(host.ServiceUrl, BotTestHost.TenantId, Chair.Id,
            Card("A child may be at immediate risk"), $"safety:{Guid.NewGuid():D}:{Chair.Id}:0", $"audit:{AuditId:D}"));
        return (await host.Get<IOutboxStore>().FindByDedupeKeyAsync(key))!;
    }

    /// <summary>Marks the message failed in the database itself, as the dispatcher does, without the report that follows.</summary>
    private static async Task FailWithoutReportAsync(BotTestHost host, OutboxMessage message, DateTimeOffset at)
    {
        var store = new SqlOutboxStore(host.Get<StorageDatabase>());
        const string Owner = "killed-instance/run-1";
        Assert.Single(await store.ClaimByKeysAsync([message.DedupeKey], at, TimeSpan.FromMinutes(1), Owner));
        Assert.True(await store.MarkFailedAsync(message.Id, Owner, "400 BadArgument", at));
    }

    private static List<string> AdminCards(BotTestHost host) =>
        host.Sent(Admins.ChannelId).SelectMany(x => x.Cards).Select(c => c.GetRawText())
            .Where(c => c.Contains("A safety alert could not be delivered", StringComparison.Ordinal)).ToList();
}
