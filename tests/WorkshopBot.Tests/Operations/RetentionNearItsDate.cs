using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Audits.Jobs;
using WorkshopBot.Common.Storage;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.Operations;

/// <summary>
/// A closed audit's plan opened on the day before its purge (a chair checking what to export): the answer stored for that
/// turn quotes the action's text, the replies to "my audits" and "returns" the audit's title. The purge the next day
/// leaves none of it in the store, though all are younger than the two days stored answers and payloads are otherwise
/// kept; the press delivered again afterwards gets no copy of the old card; no log line at any level holds the text.
/// </summary>
internal static class RetentionNearItsDate
{
    private const string ActionText = "Agree a joint protocol for interview notes between police and health";

    private const string Measure = "Interview notes reach health within two working days (quarterly dip sample)";

    public static async Task RunAsync(string? postgres)
    {
        var logs = new LogText();
        await using var s = await StartAsync(postgres, services: services =>
        {
            services.AddSingleton<ILoggerProvider>(logs);
            // Every level of the bot's own categories reaches the capture, whatever the host's default.
            services.Configure<LoggerFilterOptions>(o => o.Rules.Add(
                new LoggerFilterRule(typeof(LogText).FullName, "WorkshopBot", LogLevel.Trace, null)));
        });
        var auditId = s.Audit.Id;
        var created = Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(auditId,
            s.RecommendationNumber(partnership: true, "partnership"), ActionText, "County Police", PoliceLead.Id, "2026-05-30",
            Measure, "information-sharing", null)));
        Assert.Contains("A1 created and sent to Police Lead", created, StringComparison.Ordinal);
        await s.Host.DrainOutboxAsync();
        await RetentionPurgeScenarios.CloseAsync(s.Host, auditId, s.Time.GetUtcNow());
        s.Time.Advance(s.Time.GetUtcNow().AddMonths(72).AddDays(-1) - s.Time.GetUtcNow());

        var open = s.Host.CardAction(Chair, QaChannel, PlanScreen.OpenPlan, new PlanRefData(auditId));
        var plan = Text(await s.Host.InvokeAsync(open));
        await s.Host.SayAsync(Chair, BotTestHost.PersonalChat(Chair), "my audits");
        await s.Host.SayAsync(Chair, BotTestHost.PersonalChat(Chair), "returns");
        await s.Host.SayAsync(PoliceLead, BotTestHost.PersonalChat(PoliceLead), Typed);
        await s.Host.DrainOutboxAsync();
        var before = await RetentionLeavesNoText.StoredTextAsync(s.Host);
        var keptBefore = KeptInMemory(s.Host);
        s.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromHours(1));
        var (purgedId, _) = Assert.Single(await s.Host.Get<RetentionJob>().RunOnceAsync(default));
        var after = await RetentionLeavesNoText.StoredTextAsync(s.Host);
        var keptAfter = KeptInMemory(s.Host);
        var redelivered = await s.Host.InvokeAsync(open);

        Assert.Equal(auditId, purgedId);
        Assert.Contains(ActionText, plan, StringComparison.Ordinal);
        Assert.Contains(before.Split('\n'), line => line.StartsWith("processed_activities.response_packed=", StringComparison.Ordinal)
            && line.Contains(ActionText, StringComparison.Ordinal));
        Assert.Contains(before.Split('\n'), line => line.StartsWith("outbox_messages.payload_json=", StringComparison.Ordinal)
            && line.Contains(Title, StringComparison.Ordinal));
        Assert.DoesNotContain(Title, after, StringComparison.Ordinal);
        Assert.DoesNotContain(ActionText, after, StringComparison.Ordinal);
        Assert.DoesNotContain(Measure, after, StringComparison.Ordinal);
        // Nor in the texts and views the process keeps of documents it read.
        Assert.Contains(Title, keptBefore, StringComparison.Ordinal);
        Assert.DoesNotContain(Title, keptAfter, StringComparison.Ordinal);
        Assert.DoesNotContain(ActionText, keptAfter, StringComparison.Ordinal);
        // Teams delivering the press again after the purge: answered from what is stored now, not with the old card.
        Assert.Equal(System.Net.HttpStatusCode.OK, redelivered.Status);
        Assert.DoesNotContain(ActionText, redelivered.Body?.GetRawText() ?? "", StringComparison.Ordinal);
        Assert.Contains("purged: retention", logs.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(ActionText, logs.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Measure, logs.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Acacia", logs.Text, StringComparison.Ordinal);
    }

    /// <summary>The document texts the bot keeps in memory from earlier reads, and those of its read-only views.</summary>
    private static string KeptInMemory(BotTestHost host) => string.Join('\n',
        ((SqlDocumentStore)host.Get<IDocumentStore>()).KeptJson.Concat(host.Get<DocumentViews>().KeptJson));

    private const string Title = "NAI audit spring 2026";

    private const string Typed = "Jayden Smith, born 03/04/2019, lives at 12 Acacia Avenue";

    /// <summary>Every log entry at every level: its formatted text, its values and its exception in full.</summary>
    private sealed class LogText : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _entries = new();

        public string Text => string.Join('\n', _entries);

        public ILogger CreateLogger(string categoryName) => new Logger(_entries);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull
            {
                entries.Enqueue($"scope {state}");
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
                Func<TState, Exception?, string> formatter)
            {
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(";", pairs) : "";
                entries.Enqueue($"{logLevel} {formatter(state, exception)} {values} {exception}");
            }
        }
    }
}

/// <summary>The purge on SQLite leaves no answer or reply of the day before quoting the audit.</summary>
public sealed class RetentionNearItsDateOnSqlite
{
    [Fact]
    public Task NoAnswerOrReplyOfTheDayBeforeOutlivesThePurge() => RetentionNearItsDate.RunAsync(null);
}

/// <summary>The same on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class RetentionNearItsDateOnPostgres(PostgresServerFixture server)
{
    [Fact]
    public async Task NoAnswerOrReplyOfTheDayBeforeOutlivesThePurge() =>
        await RetentionNearItsDate.RunAsync(await server.CreateDatabaseAsync());
}
