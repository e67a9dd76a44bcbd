using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WorkshopBot.Audits.Jobs;
using WorkshopBot.Conversations;
using WorkshopBot.Storage;
using WorkshopBot.Tests.ActionPlans;
using WorkshopBot.Tests.Storage;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.Operations;

/// <summary>
/// A turn that read the audit before the purge's transaction and committed its processed mark just after it, with the
/// answer quoting the audit's title: the purge never saw that answer. The pruner's next run (an hour later, not two
/// days) forgets it, reading the purge's time from its deletion-log entry; an answer stored an hour after the purge,
/// beyond <see cref="ProcessedActivityPruner.TurnMargin"/>, is kept. Manual clock; the marks are committed as a turn
/// commits them. The pruner runs only when the test says: its hourly background run, woken by the clock's jump past the
/// retention date, could otherwise land late on a loaded machine, after the straddling commit, and forget the answer
/// before the test has seen it stored.
/// </summary>
internal static class RetentionStraddlingTurn
{
    private const string Title = "NAI audit spring 2026";

    public static async Task RunAsync(string? postgres)
    {
        await using var s = await StartAsync(postgres, services: WithoutBackgroundPruning);
        await RetentionPurgeScenarios.CloseAsync(s.Host, s.Audit.Id, s.Time.GetUtcNow());
        s.Time.Advance(s.Time.GetUtcNow().AddMonths(73) - s.Time.GetUtcNow());
        var purgedAt = s.Time.GetUtcNow();
        var (purgedId, _) = Assert.Single(await s.Host.Get<RetentionJob>().RunOnceAsync(default));

        // The turn's commit lands 30 seconds after the purge's, with what it read before.
        s.Time.Advance(TimeSpan.FromSeconds(30));
        await CommitMarkAsync(s, "straddling", $$"""{"text":"Your audits: {{Title}} (closed)"}""");
        var stored = await s.Host.Get<IProcessedActivityStore>().FindAsync("conv-1", "straddling");
        s.Time.Advance(TimeSpan.FromHours(1) - TimeSpan.FromSeconds(30));
        await CommitMarkAsync(s, "later", """{"text":"You have no audits."}""");
        await s.Host.Get<ProcessedActivityPruner>().RunOnceAsync(default);

        var straddling = await s.Host.Get<IProcessedActivityStore>().FindAsync("conv-1", "straddling");
        var later = await s.Host.Get<IProcessedActivityStore>().FindAsync("conv-1", "later");
        var after = await RetentionLeavesNoText.StoredTextAsync(s.Host);

        Assert.Equal(s.Audit.Id, purgedId);
        Assert.Contains(Title, stored?.Json, StringComparison.Ordinal);
        Assert.True(s.Time.GetUtcNow() - purgedAt < ProcessedActivityPruner.KeepFor);
        // The mark stays (a redelivery is not acted on twice) and is answered afresh.
        Assert.NotNull(straddling);
        Assert.True(straddling.Afresh);
        Assert.Null(straddling.Json);
        Assert.DoesNotContain(Title, after, StringComparison.Ordinal);
        Assert.Contains("You have no audits.", later?.Json, StringComparison.Ordinal);
    }

    private static void WithoutBackgroundPruning(IServiceCollection services)
    {
        for (var i = 0; i < services.Count; i++)
        {
            if (services[i].ServiceType == typeof(IHostedService) && services[i].ImplementationFactory is { } make)
            {
                services[i] = ServiceDescriptor.Singleton<IHostedService>(sp =>
                    make(sp) is var hosted && hosted is ProcessedActivityPruner ? new NotRun() : (IHostedService)hosted);
            }
        }
    }

    private sealed class NotRun : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private static async Task CommitMarkAsync(ActionScenario s, string activityId, string answer)
    {
        var work = new StoreWork();
        work.MarkProcessed("conv-1", activityId, s.Time.GetUtcNow(), 200, answer);
        var result = await s.Host.Get<IStoreCommitter>().CommitAsync(work, default);
        Assert.Equal(CommitOutcome.Committed, result.Outcome);
    }
}

/// <summary>A turn straddling the purge on SQLite.</summary>
public sealed class RetentionStraddlingTurnOnSqlite
{
    [Fact]
    public Task TheAnswerItStoredJustAfterThePurgeGoesWithinTheHour() => RetentionStraddlingTurn.RunAsync(null);
}

/// <summary>The same on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class RetentionStraddlingTurnOnPostgres(PostgresServerFixture server)
{
    [Fact]
    public async Task TheAnswerItStoredJustAfterThePurgeGoesWithinTheHour() =>
        await RetentionStraddlingTurn.RunAsync(await server.CreateDatabaseAsync());
}
