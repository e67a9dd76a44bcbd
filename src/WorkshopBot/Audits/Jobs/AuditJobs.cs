using Microsoft.Extensions.Options;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;
using WorkshopBot.Storage;

namespace WorkshopBot.Audits.Jobs;

/// <summary>
/// Background work of the audit feature: automatic reminders before the due date, re-sending unacknowledged
/// safety alerts, telling the chair about tools that could not be delivered, and refreshing trackers whose post
/// had not been delivered when a return changed.
/// </summary>
public sealed partial class AuditJobs(IServiceScopeFactory scopes, IOptions<AuditOptions> options, TimeProvider time, ILogger<AuditJobs> logger) : BackgroundService
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
        var chair = services.GetRequiredService<ChairHandler>();
        var tracker = services.GetRequiredService<TrackerService>();
        var messenger = services.GetRequiredService<AuditMessenger>();
        var trail = services.GetRequiredService<AuditTrail>();
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
                reminders += await chair.SendRemindersAsync(audit, $"auto-{due.ToUnixTimeSeconds()}", ct).ConfigureAwait(false);
                channel = (await store.ChangeChannelAsync(audit.Id, c => c with { AutoRemindedForDue = due }, ct).ConfigureAwait(false))!;
                await trail.RecordAsync(new PersonRef("workshopbot", "WorkshopBot"), "audit.reminded", AuditSubjects.Audit, audit.Id, new { automatic = true }, ct).ConfigureAwait(false);
            }

            failuresReported += await ReportFailuresAsync(audit, channel, store, tracker, messenger, trail, ct).ConfigureAwait(false);
            if (channel.TrackerStale)
            {
                await tracker.RefreshAsync(audit.Id, ct).ConfigureAwait(false);
            }
        }

        var resent = await services.GetRequiredService<SafetyAlerts>().ResendDueAsync(ct).ConfigureAwait(false);
        return new AuditJobReport(reminders, resent, failuresReported);
    }

    private static async Task<int> ReportFailuresAsync(Audit audit, AuditChannel channel, AuditStore store, TrackerService tracker, AuditMessenger messenger, AuditTrail trail, CancellationToken ct)
    {
        var outbox = await tracker.IssueMessagesAsync(audit.Id, ct).ConfigureAwait(false);
        var fresh = outbox.Where(m => m.Status is OutboxStatus.Blocked or OutboxStatus.Failed && !channel.ReportedFailures.Contains(m.Id)).ToList();
        if (fresh.Count == 0)
        {
            return 0;
        }

        var names = TrackerService.NamesByTeamsId(audit, channel);
        var who = fresh.Select(m => names.GetValueOrDefault(m.TargetUserId ?? string.Empty, "a representative")).Distinct().ToList();
        var card = ChairCards.Notice("Some audit tools could not be delivered",
            $"WorkshopBot could not reach {string.Join(", ", who)} for \"{audit.Title}\". They may not have installed the app or may have blocked it. "
            + "Ask them to open WorkshopBot in Teams, then press Issue on the audit again: only missing tools are sent.", Tone.Error,
            CardKit.Go(AuditVerbs.Dashboard, new AuditRefData(audit.Id), "Open the audit"));
        await messenger.SendToPersonAsync(channel, audit.Chair, card, $"audit:{audit.Id:D}:undelivered:{string.Join('-', fresh.Select(m => m.Id))}", AuditMessenger.Correlation(audit.Id), ct).ConfigureAwait(false);
        await store.ChangeChannelAsync(audit.Id, c => c with { ReportedFailures = [.. c.ReportedFailures, .. fresh.Select(m => m.Id)] }, ct).ConfigureAwait(false);
        await trail.RecordAsync(new PersonRef("workshopbot", "WorkshopBot"), "audit.delivery-failed", AuditSubjects.Audit, audit.Id, new { notReached = who }, ct).ConfigureAwait(false);
        await tracker.RefreshAsync(audit.Id, ct).ConfigureAwait(false);
        return fresh.Count;
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Error, Message = "An audit background job failed; it will run again")]
    private partial void LogJobFailed(Exception exception);
}

/// <summary>What one pass of <see cref="AuditJobs.RunOnceAsync"/> did.</summary>
public sealed record AuditJobReport(int RemindersSent, int AlertsResent, int DeliveryFailuresReported);
