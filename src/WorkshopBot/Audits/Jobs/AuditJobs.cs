using Microsoft.Extensions.Options;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Common;

namespace WorkshopBot.Audits.Jobs;

/// <summary>
/// Background work of the audit feature: automatic reminders before the due date, re-sending unacknowledged
/// safety alerts, telling the chair about tools that could not be delivered, and refreshing trackers whose post
/// had not been delivered when a return changed.
/// </summary>
public sealed partial class AuditJobs(
    IServiceScopeFactory scopes, IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditJobs> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunJobsInBackground)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(options.Value.JobInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException or System.Text.Json.JsonException)
            {
                LogJobFailed(ex);
            }
        }
    }

    /// <summary>One pass of every job. Returns what it did, for tests and logs.</summary>
    public async Task<AuditJobReport> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var store = services.GetRequiredService<AuditStore>();
        var tracker = services.GetRequiredService<TrackerService>();
        var delivery = services.GetRequiredService<ToolDelivery>();
        var now = time.GetUtcNow();
        var reminders = 0;
        var failuresReported = 0;
        foreach (var doc in await store.ListAuditsAsync(ct).ConfigureAwait(false))
        {
            var audit = doc.Value;
            if (audit.Status != AuditStatus.Issued)
            {
                continue;
            }

            var channel = (await store.GetChannelAsync(audit.Id, ct).ConfigureAwait(false))?.Value;
            if (channel is null)
            {
                continue;
            }

            if (audit.ReminderAt is { } at && now >= at && audit.ReturnsDueAt is { } due && now <= due && channel.AutoRemindedForDue != due)
            {
                // One automatic round per due date (the dedupe key carries it too); extending the date allows another.
                reminders += await services.GetRequiredService<ReminderSender>().SendAsync(audit, $"auto-{due.ToUnixTimeSeconds()}", ct)
                    .ConfigureAwait(false);
                channel = (await store.ChangeChannelAsync(audit.Id, c => c.AutoRemindedForDue = due, ct).ConfigureAwait(false))!;
                await services.GetRequiredService<AuditTrail>().RecordForAsync(AuditSubjects.BotActor, "audit.reminded",
                    AuditSubjects.Audit, AuditStore.Key(audit.Id), new { automatic = true }, ct).ConfigureAwait(false);
            }

            var reported = await delivery.ReportFailuresAsync(audit, channel, ct).ConfigureAwait(false);
            if (reported > 0)
            {
                await tracker.RefreshAsync(audit.Id, ct).ConfigureAwait(false);
            }

            failuresReported += reported;
            if (channel.TrackerStale)
            {
                await tracker.RefreshAsync(audit.Id, ct).ConfigureAwait(false);
            }
        }

        var resent = await services.GetRequiredService<SafetyAlerts>().ResendDueAsync(ct).ConfigureAwait(false);
        return new AuditJobReport(reminders, resent, failuresReported);
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Error, Message = "An audit background job failed; it will run again")]
    private partial void LogJobFailed(Exception exception);
}

/// <summary>What one pass of <see cref="AuditJobs.RunOnceAsync"/> did.</summary>
public sealed record AuditJobReport(int RemindersSent, int AlertsResent, int DeliveryFailuresReported);
