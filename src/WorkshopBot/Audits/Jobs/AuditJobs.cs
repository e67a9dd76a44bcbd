using Microsoft.Extensions.Options;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Common;
using WorkshopBot.Common.Storage;

namespace WorkshopBot.Audits.Jobs;

/// <summary>
/// Background work of the audit feature: automatic reminders before the due date, re-sending unacknowledged
/// safety alerts, telling the chair about tools that could not be delivered, and bringing the tracker posted in the
/// audit's channel up to date at any stage (an update held back, the due time passing: <see cref="TrackerService.IsBehind"/>).
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
    /// One pass of every job. Safety alerts go first (failed deliveries of unacknowledged ones reported to the representative,
    /// and a new named lead's to the chair; acknowledged ones checked until they reached everyone; then re-sends), each in its
    /// own unit of work, so neither another alert nor an audit's reminders can hold one back; then each audit collecting
    /// returns in its own unit of work (its reminders, records and tracker update commit together); then the tracker of each
    /// audit past that stage whose post is behind.
    /// A step that fails is logged and the pass goes on. Returns what it did.
    /// </summary>
    public async Task<AuditJobReport> RunOnceAsync(CancellationToken ct)
    {
        var resent = 0;
        List<Guid> issued;
        List<Guid> behind;
        IReadOnlyList<Guid> open;
        IReadOnlyList<Guid> watched;
        IReadOnlyList<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            open = await scope.ServiceProvider.GetRequiredService<SafetyAlerts>().ListOpenAsync(ct).ConfigureAwait(false);
            watched = await scope.ServiceProvider.GetRequiredService<SafetyAlerts>().ListWatchedAsync(ct).ConfigureAwait(false);
            due = await scope.ServiceProvider.GetRequiredService<SafetyAlerts>().ListDueAsync(ct).ConfigureAwait(false);
            var store = scope.ServiceProvider.GetRequiredService<AuditStore>();
            var audits = (await store.ListAuditsAsync(ct).ConfigureAwait(false)).Select(d => d.Value).ToList();
            issued = audits.Where(a => a.Status == AuditStatus.Issued).Select(a => a.Id).ToList();
            behind = await TrackersBehindAsync(store, audits.Where(a => a.Status > AuditStatus.Issued), ct).ConfigureAwait(false);
        }

        // The representative learns at once when the alert could not be delivered, rather than trusting it was.
        foreach (var escalationId in open)
        {
            await IsolatedAsync(() => runner.RunAsync((services, c) =>
                services.GetRequiredService<SafetyAlerts>().ReportUndeliveredAsync(escalationId, c), ct), ct).ConfigureAwait(false);
            // And the chair, when a named lead appointed while the alert was open could not be sent it.
            await IsolatedAsync(() => runner.RunAsync((services, c) =>
                services.GetRequiredService<SafetyAlerts>().ReportUnreachedLeadAsync(escalationId, c), ct), ct).ConfigureAwait(false);
        }

        // Acknowledged, but not yet known to have reached everyone else it went to: whoever acknowledged it, and the
        // representative, learn when it never reached the chair (or the named lead).
        foreach (var escalationId in watched)
        {
            await IsolatedAsync(() => runner.RunAsync((services, c) =>
                services.GetRequiredService<SafetyAlerts>().CheckAcknowledgedDeliveryAsync(escalationId, c), ct), ct)
                .ConfigureAwait(false);
        }

        foreach (var escalationId in due)
        {
            var sent = await IsolatedAsync(() => runner.RunAsync((services, c) =>
                services.GetRequiredService<SafetyAlerts>().ResendAsync(escalationId, c), ct), ct).ConfigureAwait(false);
            resent += sent ? 1 : 0;
        }

        var reminders = 0;
        var failuresReported = 0;
        foreach (var auditId in issued)
        {
            var (sent, reported) = await IsolatedAsync(() => runner.RunAsync((services, c) => RunForAuditAsync(services, auditId, c), ct),
                ct).ConfigureAwait(false);
            reminders += sent;
            failuresReported += reported;
        }

        foreach (var auditId in behind)
        {
            await IsolatedAsync(() => runner.RunAsync((services, c) => RefreshTrackerAsync(services, auditId, c), ct), ct)
                .ConfigureAwait(false);
        }

        return new AuditJobReport(reminders, resent, failuresReported);
    }

    /// <summary>
    /// The audits, past collecting returns (released, in the workshop, closed...), whose channel tracker is behind. Their
    /// trackers still show in the channel until the audit is purged (its record and channel record go then).
    /// </summary>
    private async Task<List<Guid>> TrackersBehindAsync(AuditStore store, IEnumerable<Audit> audits, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var behind = new List<Guid>();
        foreach (var audit in audits)
        {
            if ((await store.GetChannelAsync(audit.Id, ct).ConfigureAwait(false))?.Value is { } channel
                && TrackerService.IsBehind(audit, channel, now))
            {
                behind.Add(audit.Id);
            }
        }

        return behind;
    }

    /// <summary>
    /// Brings a tracker that is behind up to date. The commit depends on the channel record as read: another instance's
    /// pass that updated it a moment earlier wins, and this one, run again from fresh reads, finds nothing to do.
    /// </summary>
    private async Task<bool> RefreshTrackerAsync(IServiceProvider services, Guid auditId, CancellationToken ct)
    {
        var store = services.GetRequiredService<AuditStore>();
        var audit = (await store.GetAuditAsync(auditId, ct).ConfigureAwait(false))?.Value;
        var channelRead = await store.GetChannelAsync(auditId, ct).ConfigureAwait(false);
        if (audit is null || channelRead?.Value is not { } channel || !TrackerService.IsBehind(audit, channel, time.GetUtcNow()))
        {
            return false;
        }

        store.RequireUnchanged(channelRead);
        return await services.GetRequiredService<TrackerService>().RefreshAsync(auditId, ct).ConfigureAwait(false);
    }

    /// <summary>One step of the pass; a failure is logged (the step runs again next pass) and does not stop the others.</summary>
    private async Task<T?> IsolatedAsync<T>(Func<Task<T?>> step, CancellationToken ct)
    {
        try
        {
            return await step().ConfigureAwait(false);
        }
        catch (Exception ex) when (!(ct.IsCancellationRequested && ex is OperationCanceledException) && ex is not ObjectDisposedException)
        {
            LogJobFailed(ex);
            return default;
        }
    }

    private async Task<(int Reminders, int Reported)> RunForAuditAsync(IServiceProvider services, Guid auditId, CancellationToken ct)
    {
        var store = services.GetRequiredService<AuditStore>();
        var tracker = services.GetRequiredService<TrackerService>();
        var now = time.GetUtcNow();
        var read = await store.GetAuditAsync(auditId, ct).ConfigureAwait(false);
        var audit = read?.Value;
        var channelRead = await store.GetChannelAsync(auditId, ct).ConfigureAwait(false);
        var channel = channelRead?.Value;
        if (read is null || audit is not { Status: AuditStatus.Issued } || channelRead is null || channel is null)
        {
            return (0, 0);
        }

        // All of this relies on the returns still being collected: the commit depends on the audit staying as read, so
        // returns released for moderation (or the audit closed) before it land first and win, and the step runs again
        // from fresh reads and reminds nobody. It relies on the channel record too (the round already sent, the failures
        // already reported): another instance's pass that did the same a moment earlier wins, and this one finds it done.
        store.RequireUnchanged(read);
        store.RequireUnchanged(channelRead);

        var reminders = 0;
        if (audit.AutomaticReminderAt is { } at && now >= at && audit.ReturnsDueAt is { } due && now <= due
            && channel.AutoRemindedForDue != due)
        {
            (reminders, channel) = await AutomaticRoundAsync(services, audit, channel, at, due, ct).ConfigureAwait(false);
        }
        else if (audit.ReturnsDueAt is { } dueAt && channel.AutoRemindedForDue == dueAt && channel.AutoReminderSettledForDue != dueAt)
        {
            channel = await SettleAutomaticRoundAsync(services, audit, channel, dueAt, ct).ConfigureAwait(false);
        }

        var reported = await services.GetRequiredService<ToolDelivery>().ReportFailuresAsync(audit, channel, ct).ConfigureAwait(false);
        if (reported > 0 || TrackerService.IsBehind(audit, channel, now))
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
