namespace WorkshopBot.Outbox;

/// <summary>
/// Reports the messages that failed for good whose report was cut short: the bot stopped (or crashed) between storing
/// the failure and queueing the card about it, or the store failed while it queued it. <see cref="OutboxDispatcher"/>
/// runs it when it starts and every <see cref="OutboxDispatcher.MissedReportsInterval"/>.
/// </summary>
public interface IUndeliverableReports
{
    /// <summary>Reports what it finds, a bounded batch; returns how many messages it reported.</summary>
    Task<int> ReportMissedAsync(CancellationToken cancellationToken);
}
