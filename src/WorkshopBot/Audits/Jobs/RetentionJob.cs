using WorkshopBot.Common;
using Microsoft.Extensions.Options;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Common.Storage;
using WorkshopBot.Conversations;
using WorkshopBot.Operations.Telemetry;
using WorkshopBot.Storage;

namespace WorkshopBot.Audits.Jobs;

/// <summary>
/// The daily retention job: every closed audit whose retention period has passed, and that is not on legal hold, is
/// purged in a unit of work of its own (<see cref="AuditPurge"/>), with its deletion-log entry. Each run first forgets the
/// answers stored for handled activities and the payloads of delivered outbox messages older than
/// <see cref="ProcessedActivityPruner.KeepFor"/>, so no copy of what a purged audit's cards said outlives it there; and
/// each run ends by deleting the team discussions whose audit and briefing are both gone (<see cref="OrphanedDiscussions"/>).
/// </summary>
public sealed partial class RetentionJob(
    IServiceScopeFactory scopes, WorkRunner runner, IOptions<RetentionOptions> options, IOptions<AuditOptions> audits, BotMetrics metrics,
    ProcessedActivityPruner delivered, IDocumentStore documents, DocumentViews views, IStoreCheckpoint checkpoint, TimeProvider time,
    ILogger<RetentionJob> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.RunInBackground && audits.Value.RunJobsInBackground
            ? JobLoop.RunAsync(RunOnceAsync, options.Value.Interval, time, ex => LogJobFailed(ex.GetType().Name), stoppingToken)
            : Task.CompletedTask;

    /// <summary>One pass: purges every audit that is due. Returns what was purged, audit by audit.</summary>
    public async Task<IReadOnlyList<(Guid AuditId, PurgeRecord Record)>> RunOnceAsync(CancellationToken ct)
    {
        using var span = BotTelemetry.Jobs.StartActivity("retention.run");
        await delivered.RunOnceAsync(ct).ConfigureAwait(false);
        var now = time.GetUtcNow();
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            due = (await scope.ServiceProvider.GetRequiredService<AuditStore>().ListAuditsAsync(ct).ConfigureAwait(false))
                .Select(d => d.Value)
                .Where(a => a.PurgeDueAt is { } at && at <= now)
                .Select(a => a.Id)
                .ToList();
        }

        // Owed before anything is deleted, and in the file: a restart before the wipe does not forget it.
        if (due.Count > 0)
        {
            await checkpoint.OweWipeAsync(ct).ConfigureAwait(false);
        }

        var purged = new List<(Guid, PurgeRecord)>();
        foreach (var auditId in due)
        {
            var pending = await runner.RunAsync((services, c) => services.GetRequiredService<AuditPurge>().PurgeIfDueAsync(auditId, now, c),
                ct).ConfigureAwait(false);
            if (pending?.Record is { } record)
            {
                purged.Add((auditId, record));
                metrics.Purged("months-after-closure");
                LogPurged(auditId, record.Rule);
            }
        }

        var orphans = await PurgeOrphanedDiscussionsAsync(now, ct).ConfigureAwait(false);
        if (purged.Count > 0 || orphans.Count > 0)
        {
            // What was read of them before is not kept in memory either.
            documents.ForgetKeptTexts();
            views.Clear();
        }

        // Owed by this run, or by an earlier one that could not finish it or was stopped first (a restart): done now.
        if (await checkpoint.WipeOwedAsync(ct).ConfigureAwait(false) is { } owed)
        {
            await WipeFreedAsync(owed, ct).ConfigureAwait(false);
        }

        span?.SetTag("workshopbot.retention.due", due.Count);
        span?.SetTag("workshopbot.retention.purged", purged.Count);
        span?.SetTag("workshopbot.retention.orphans", orphans.Sum(o => o.Record.TeamDiscussions));
        return purged;
    }

    /// <summary>
    /// Deletes the team discussions left behind with neither their audit nor their briefing, audit by audit, a chunk of
    /// audits at a time, each in a unit of work of its own with its deletion-log entry. Returns what was deleted.
    /// </summary>
    public async Task<IReadOnlyList<(string AuditKey, OrphansRecord Record)>> PurgeOrphanedDiscussionsAsync(
        DateTimeOffset now, CancellationToken ct)
    {
        var deleted = new List<(string, OrphansRecord)>();
        while (true)
        {
            IReadOnlyList<string> audits;
            await using (var scope = scopes.CreateAsyncScope())
            {
                audits = await scope.ServiceProvider.GetRequiredService<OrphanedDiscussions>().ListAsync(ct).ConfigureAwait(false);
            }

            var before = deleted.Count;
            if (audits.Count > 0)
            {
                await checkpoint.OweWipeAsync(ct).ConfigureAwait(false);
            }

            foreach (var auditKey in audits)
            {
                var pending = await runner.RunAsync((services, _) =>
                    Task.FromResult(services.GetRequiredService<OrphanedDiscussions>().Queue(auditKey, now)), ct).ConfigureAwait(false);
                if (pending?.Record is { } record)
                {
                    deleted.Add((auditKey, record));
                    LogOrphansPurged(auditKey, record.TeamDiscussions);
                }
            }

            // A full chunk may hide more; a pass that deleted nothing (another instance's run got there first) ends it.
            if (audits.Count < OrphanedDiscussions.Chunk || deleted.Count == before)
            {
                return deleted;
            }
        }
    }

    /// <summary>
    /// On SQLite, rewrites the file (earlier drafts and forgotten answers still sat in its free space) and then empties the
    /// write-ahead log, which holds earlier copies of the pages (see <see cref="IStoreCheckpoint"/>). The log is tried a few
    /// times, each try short; if readers keep an old snapshot throughout, or the rewrite cannot have the write lock, it is
    /// logged and the wipe stays owed, for the next run. The wipe is marked done before the log is emptied, so that the log
    /// is left empty, not holding that mark.
    /// </summary>
    private async Task WipeFreedAsync(long owed, CancellationToken ct)
    {
        if (checkpoint.TooLargeToCompact)
        {
            LogTooLargeToRewrite();
        }

        if (!await checkpoint.CompactAsync(ct).ConfigureAwait(false))
        {
            LogNotWiped();
            return;
        }

        await checkpoint.WipeDoneAsync(owed, ct).ConfigureAwait(false);
        for (var attempt = 0; attempt < TruncateTries; attempt++)
        {
            if (await checkpoint.TruncateLogAsync(ct).ConfigureAwait(false))
            {
                return;
            }
        }

        LogNotWiped();
        await checkpoint.OweWipeAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Tries of <see cref="TruncateLogAsync"/> in one run, each waiting at most a quarter of a second for readers.</summary>
    public const int TruncateTries = 3;

    [LoggerMessage(EventId = 3204, Level = LogLevel.Warning,
        Message = "The database file could not be rewritten or its log emptied after the purge (busy); the next run will try again")]
    private partial void LogNotWiped();

    [LoggerMessage(EventId = 3205, Level = LogLevel.Warning,
        Message = "The database file is too large to rewrite while WorkshopBot runs; deleted bytes stay in its free space until "
            + "it is rewritten offline (see README, retention)")]
    private partial void LogTooLargeToRewrite();

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "Audit {AuditId} purged: retention {Rule} has passed")]
    private partial void LogPurged(Guid auditId, string rule);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Information,
        Message = "{Count} team discussion(s) of audit {AuditKey} purged: the audit and its briefing were both gone")]
    private partial void LogOrphansPurged(string auditKey, int count);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Error, Message = "The retention job failed ({ErrorType}); it will run again")]
    private partial void LogJobFailed(string errorType);
}
