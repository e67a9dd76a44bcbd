using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Tests.Audits.EndToEnd;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Operations;

/// <summary>
/// A safety alert that fails for good is counted, logged and reported to the admins' channel by kind and audit, never
/// by what it said.
/// </summary>
public sealed class UndeliverableMessages
{
    [Fact]
    public async Task AFailedSafetyAlertPostsACardNamingItsKindAndAuditToTheAdminsChannel()
    {
        var admins = BotTestHost.Channel("Partnership admins", "Partnership office");
        var logs = new CapturedLogs();
        await using var s = await AuditScenario.StartAsync(o =>
        {
            o.Settings["WorkshopBot:AdminChannelId"] = admins.ChannelId;
            o.Services += services => services.AddSingleton<ILoggerProvider>(logs);
        });
        using var listener = new MetricListener("workshopbot.outbox.undeliverable", "workshopbot.message.kind", "workshopbot.outcome");
        await s.Host.SendAsync(s.Host.BotAdded(AuditScenario.Chair, admins));
        await s.SetUpIssuedAsync();
        await s.FillAndSubmitAsync(1, 0, safetyConcern: true);

        // Teams refuses every message into the chair's 1:1 chat (400: never retried).
        s.Host.Connector.Inject(Uri.EscapeDataString(BotTestHost.PersonalChat(AuditScenario.Chair).Id),
            new InjectedFailure(400, "BadArgument", Times: 50));
        await s.Host.DrainOutboxAsync();
        await s.Host.DrainOutboxAsync();

        var cards = s.Host.Sent(admins.ChannelId).SelectMany(x => x.Cards).Select(c => c.GetRawText()).ToList();
        var card = Assert.Single(cards, c => c.Contains("A safety alert could not be delivered", StringComparison.Ordinal));
        Assert.Contains("an immediate-safety alert", card, StringComparison.Ordinal);
        Assert.Contains("Non-accidental injury audit, spring 2026", card, StringComparison.Ordinal);
        Assert.Contains(DashboardScreen.Dashboard, card, StringComparison.Ordinal);
        Assert.DoesNotContain("Bruising", card, StringComparison.Ordinal);
        Assert.DoesNotContain(AuditScenario.Cases[0], card, StringComparison.Ordinal);
        Assert.Contains(("safety-alert", "failed"), listener.Seen);
        Assert.NotEmpty(s.SentTo(AuditScenario.Lead, "Immediate"));
        var error = Assert.Single(logs.Entries, e => e.Level == LogLevel.Error && e.Text.Contains("(safety-alert) failed for good",
            StringComparison.Ordinal));
        Assert.DoesNotContain("Bruising", error.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterTheAdminsTeamReinstallsTheBot_AFailedSafetyAlertIsStillReported()
    {
        var admins = BotTestHost.Channel("Partnership admins", "Partnership office");
        var officeGeneral = BotTestHost.Channel("General", "Partnership office");
        await using var s = await AuditScenario.StartAsync(o => o.Settings["WorkshopBot:AdminChannelId"] = admins.ChannelId);
        await s.Host.SendAsync(s.Host.BotAdded(AuditScenario.Chair, officeGeneral));
        await s.Host.SayAsync(AuditScenario.Chair, admins, "help");
        // The app is removed from the admins' team and added back (an admin tidying apps, a reinstall to fix the manifest):
        // Teams says so in General only, and nobody mentions the bot in the admins' channel again.
        await s.Host.SendAsync(s.Host.Installation(AuditScenario.Chair, officeGeneral, "remove"));
        await s.Host.SendAsync(s.Host.Installation(AuditScenario.Chair, officeGeneral, "add"));
        await s.Host.SendAsync(s.Host.BotAdded(AuditScenario.Chair, officeGeneral));

        await s.SetUpIssuedAsync();
        await s.FillAndSubmitAsync(1, 0, safetyConcern: true);
        s.Host.Connector.Inject(Uri.EscapeDataString(BotTestHost.PersonalChat(AuditScenario.Chair).Id),
            new InjectedFailure(400, "BadArgument", Times: 50));
        await s.Host.DrainOutboxAsync();
        await s.Host.DrainOutboxAsync();

        Assert.Contains(s.Host.Sent(admins.ChannelId).SelectMany(x => x.Cards),
            c => c.GetRawText().Contains("A safety alert could not be delivered", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoCardIsQueuedForAnAdminsChannelTheBotWasRemovedFrom()
    {
        var admins = BotTestHost.Channel("Partnership admins", "Partnership office");
        var logs = new CapturedLogs();
        await using var s = await AuditScenario.StartAsync(o =>
        {
            o.Settings["WorkshopBot:AdminChannelId"] = admins.ChannelId;
            o.Services += services => services.AddSingleton<ILoggerProvider>(logs);
        });
        await s.Host.SendAsync(s.Host.BotAdded(AuditScenario.Chair, admins));
        await s.Host.SendAsync(s.Host.BotRemoved(AuditScenario.Chair, admins));
        await s.SetUpIssuedAsync();
        await s.FillAndSubmitAsync(1, 0, safetyConcern: true);

        s.Host.Connector.Inject(Uri.EscapeDataString(BotTestHost.PersonalChat(AuditScenario.Chair).Id),
            new InjectedFailure(400, "BadArgument", Times: 50));
        await s.Host.DrainOutboxAsync();
        await s.Host.DrainOutboxAsync();

        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Error && e.Text.Contains("(safety-alert) failed for good",
            StringComparison.Ordinal));
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning
            && e.Text.Contains("cannot post in the organisation's admins' channel", StringComparison.Ordinal));
        Assert.Empty(await s.Host.Get<WorkshopBot.Storage.IOutboxStore>().ListByCorrelationAsync("ops"));
        Assert.DoesNotContain(s.Host.Sent(admins.ChannelId).SelectMany(x => x.Cards), c => c.GetRawText().Contains(
            "could not be delivered", StringComparison.Ordinal));
    }

    /// <summary>Every log entry of the host, as its level and formatted text.</summary>
    internal sealed class CapturedLogs : ILoggerProvider
    {
        private readonly ConcurrentQueue<(LogLevel Level, string Text)> _entries = new();

        public IReadOnlyList<(LogLevel Level, string Text)> Entries => _entries.ToList();

        public ILogger CreateLogger(string categoryName) => new Logger(_entries);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<(LogLevel, string)> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
                Func<TState, Exception?, string> formatter) => entries.Enqueue((logLevel, formatter(state, exception)));
        }
    }
}
