using Microsoft.Extensions.Options;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Common;
using WorkshopBot.Common.Storage;

namespace WorkshopBot.Audits.Jobs;

/// <summary>
/// Background work of the audit feature: automatic reminders before the due date, re-sending unacknowledged
/// safety alerts, telling the chair about tools that could not be delivered, and refreshing trackers whose post
/// had not been delivered when a return changed.
/// </summary>
public sealed partial class AuditJobs(
    IServiceScopeFactory scopes, WorkRunner runner, IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditJobs> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.RunJobsInBackground
            ? JobLoop.RunAsync(RunOnceAsync, options.Value.JobInterval, time, LogJobFailed, stoppingToken)
            : Task.CompletedTask;

    /// <summary>
    /// One pass of every job, each audit in its own unit of work (its reminders, records and tracker update commit
    /// together). Returns what it did, for tests and logs.
    /// </summary>
    public async Task<AuditJobReport> RunOnceAsync(CancellationToken ct)
    {
        List<Guid> issued;
        await using (var scope = scopes.CreateAsyncScope())
        {
            issued = (await scope.ServiceProvider.GetRequiredService<AuditStore>().ListAuditsAsync(ct).ConfigureAwait(false))
                .Select(d => d.Value).Where(a => a.Status == AuditStatus.Issued).Select(a => a.Id).ToList();
        }

        var reminders = 0;
        var failuresReported = 0;
        foreach (var auditId in issued)
        {
            var (sent, reported) = await runner.RunAsync((services, c) => RunForAuditAsync(services, auditId, c), ct).ConfigureAwait(false);
            reminders += sent;
            failuresReported += reported;
        }

        var resent = await runner.RunAsync((services, c) => services.GetRequiredService<SafetyAlerts>().ResendDueAsync(c), ct)
            .ConfigureAwait(false);
        return new AuditJobReport(reminders, resent, failuresReported);
    }

    private async Task<(int Reminders, int Reported)> RunForAuditAsync(IServiceProvider services, Guid auditId, CancellationToken ct)
    {
        var store = services.GetRequiredService<AuditStore>();
        var tracker = services.GetRequiredService<TrackerService>();
        var now = time.GetUtcNow();
        var audit = (await store.GetAuditAsync(auditId, ct).ConfigureAwait(false))?.Value;
        var channel = (await store.GetChannelAsync(auditId, ct).ConfigureAwait(false))?.Value;
        if (audit is not { Status: AuditStatus.Issued } || channel is null)
        {
            return (0, 0);
        }

        var reminders = 0;
        if (audit.ReminderAt is { } at && now >= at && audit.ReturnsDueAt is { } due && now <= due && channel.AutoRemindedForDue != due)
        {
            // One automatic round per due date (the dedupe key carries it too); extending the date allows another.
            reminders = await services.GetRequiredService<ReminderSender>().SendAsync(audit, $"auto-{due.ToUnixTimeSeconds()}", ct)
                .ConfigureAwait(false);
            channel = (await store.ChangeChannelAsync(audit.Id, c => c.AutoRemindedForDue = due, ct).ConfigureAwait(false))!;
            await services.GetRequiredService<AuditTrail>().RecordForAsync(AuditSubjects.BotActor, "audit.reminded",
                AuditSubjects.Audit, AuditStore.Key(audit.Id), new { automatic = true }, ct).ConfigureAwait(false);
        }

        var reported = await services.GetRequiredService<ToolDelivery>().ReportFailuresAsync(audit, channel, ct).ConfigureAwait(false);
        if (reported > 0 || channel.TrackerStale)
        {
            await tracker.RefreshAsync(audit.Id, ct).ConfigureAwait(false);
        }

        return (reminders, reported);
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Error, Message = "An audit background job failed; it will run again")]
    private partial void LogJobFailed(Exception exception);
}

/// <summary>What one pass of <see cref="AuditJobs.RunOnceAsync"/> did.</summary>
public sealed record AuditJobReport(int RemindersSent, int AlertsResent, int DeliveryFailuresReported);
