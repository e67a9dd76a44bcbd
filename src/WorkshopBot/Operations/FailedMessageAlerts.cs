using System.Data.Common;
using Microsoft.Extensions.Options;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Cards;
using WorkshopBot.Common.Storage;
using WorkshopBot.Common.Teams;
using WorkshopBot.Hosting;
using WorkshopBot.Operations.Telemetry;
using WorkshopBot.Outbox;
using WorkshopBot.Storage;

namespace WorkshopBot.Operations;

/// <summary>
/// A message that failed for good (failed, or blocked by its recipient): a metric and an error log always, and a card
/// to the partnership admins' channel (<c>WorkshopBot:AdminChannelId</c>) for every failed message and every
/// undeliverable immediate-safety alert. The card names the kind of message and the audit, never what it said.
/// Once the card is queued (in the same unit of work), or none is found due, the message is marked reported
/// (<see cref="OutboxMessage.ReportedAt"/>); one whose report was cut short is reported by <see cref="ReportMissedAsync"/>.
/// </summary>
public sealed partial class FailedMessageAlerts(
    BotMetrics metrics, WorkRunner runner, IOptionsMonitor<WorkshopBotOptions> options, TenantGate tenants, IOutboxStore store,
    TimeProvider time, ILogger<FailedMessageAlerts> logger) : IUndeliverableReports
{
    /// <summary>How far back <see cref="ReportMissedAsync"/> looks.</summary>
    public static readonly TimeSpan MissedWithin = TimeSpan.FromDays(7);

    /// <summary>How long a failure is left to the report made when it was stored before it counts as missed.</summary>
    public static readonly TimeSpan MissedAfter = TimeSpan.FromMinutes(1);

    /// <summary>The most messages one <see cref="ReportMissedAsync"/> reports; the rest wait for the next.</summary>
    public const int MissedBatch = 50;

    /// <summary>Reports a message the moment its failure is stored.</summary>
    public Task ReportAsync(OutboxMessage message, OutboxStatus status, CancellationToken cancellationToken) =>
        ReportAsync(message, status, missed: false, cancellationToken);

    /// <summary>
    /// Reports the messages that failed for good in the last <see cref="MissedWithin"/> and are not marked reported (the bot
    /// stopped before their report, or the store failed while queueing it), a batch of <see cref="MissedBatch"/> at most. Those
    /// that failed in the last <see cref="MissedAfter"/> are left to the report the instance that stored the failure is making.
    /// A card already queued for one is not queued again (its dedupe key is the message's).
    /// </summary>
    public async Task<int> ReportMissedAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        IReadOnlyList<OutboxMessage> missed;
        try
        {
            missed = await store.ListUnreportedAsync(now - MissedWithin, now - MissedAfter, MissedBatch, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            LogMissedReportsFailed(ex.GetType().Name);
            return 0;
        }

        foreach (var message in missed)
        {
            await ReportAsync(message, message.Status, missed: true, cancellationToken).ConfigureAwait(false);
        }

        return missed.Count;
    }

    /// <param name="missed">
    /// Reported by <see cref="ReportMissedAsync"/>, not when the failure was stored: not counted again (the instance that
    /// stored it counted it, unless it crashed first), and logged as a report made late.
    /// </param>
    private async Task ReportAsync(OutboxMessage message, OutboxStatus status, bool missed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var kind = MessageKind.Of(message);
        var outcome = status == OutboxStatus.Blocked ? "blocked" : "failed";
        if (!missed)
        {
            metrics.Undeliverable(kind.Kind, outcome);
        }
        else if (message.LastError == IOutboxStore.GivenUpError)
        {
            // Given up by the pruner, which reports nothing itself: counted here, where its report is made, as nowhere else.
            metrics.Undeliverable(kind.Kind, "given_up");
        }

        using var span = BotTelemetry.Outbox.StartActivity("outbox.undeliverable");
        span?.SetTag("workshopbot.message.id", message.Id);
        span?.SetTag("workshopbot.message.kind", kind.Kind);
        span?.SetTag("workshopbot.outcome", outcome);
        try
        {
            // Someone blocked the bot or never installed it: expected, told to the chair by the audit feature. An update of a
            // card that was itself never posted is not a failure of its own: the post's failure is the one to tell.
            var cardDue = (status != OutboxStatus.Blocked || kind.IsSafetyAlert)
                && !await UpdatesAnUnpostedCardAsync(message, cancellationToken).ConfigureAwait(false);
            if (cardDue && missed)
            {
                LogUndeliverableLate(message.Id, kind.Kind, outcome, kind.AuditId?.ToString() ?? "none");
            }
            else if (cardDue)
            {
                LogUndeliverable(message.Id, kind.Kind, outcome, kind.AuditId?.ToString() ?? "none");
            }

            var channelIds = options.CurrentValue.AdminChannels();
            if (!cardDue || channelIds.Count == 0 || kind.Kind == MessageKind.OperationsAlert)
            {
                await store.MarkReportedAsync(message.Id, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                return;
            }

            var posted = await runner.RunAsync((services, ct) => PostAsync(services, channelIds, tenants.ServesOneTenant, message,
                kind, outcome, time.GetUtcNow(), ct), cancellationToken).ConfigureAwait(false);
            if (posted == AdminPost.Unknown)
            {
                LogNoAdminChannel();
            }
            else if (posted == AdminPost.Inactive)
            {
                LogAdminChannelInactive();
            }
            else if (posted == AdminPost.OtherOrganisation)
            {
                LogOtherOrganisation(message.Id);
            }
            else if (posted == AdminPost.NoTenant)
            {
                LogAdminChannelWithoutTenant(message.Id);
            }
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or ArgumentException)
        {
            LogAdminCardFailed(ex.GetType().Name);
        }
    }

    /// <summary>
    /// An update whose card's post failed for good, was blocked or is not stored (one read, made for failures only): the
    /// update could never be sent, and the post's own report says so.
    /// </summary>
    private async Task<bool> UpdatesAnUnpostedCardAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (message.Kind != OutboxKind.Update || string.IsNullOrEmpty(message.UpdateOfKey) || !string.IsNullOrEmpty(message.ActivityId))
        {
            return false;
        }

        var posted = await store.FindByDedupeKeyAsync(message.UpdateOfKey, cancellationToken).ConfigureAwait(false);
        return posted is null or { Status: OutboxStatus.Failed or OutboxStatus.Blocked };
    }

    private enum AdminPost
    {
        Posted,
        Unknown,
        Inactive,
        OtherOrganisation,
        NoTenant,
    }

    /// <summary>
    /// Queues the card, and marks the message reported in the same unit of work; without a channel to post it to, marks it
    /// reported all the same (the warning logged is the record).
    /// </summary>
    private static async Task<AdminPost> PostAsync(IServiceProvider services, IReadOnlyList<string> channelIds, bool oneTenant,
        OutboxMessage message, MessageKind kind, string outcome, DateTimeOffset now, CancellationToken ct)
    {
        services.GetRequiredService<UnitOfWork>().Store.MarkReported(message.Id, now);
        var audit = kind.AuditId is { } auditId
            ? (await services.GetRequiredService<AuditStore>().GetAuditAsync(auditId, ct).ConfigureAwait(false))?.Value
            : null;
        var (channel, found) = await AdminChannelAsync(services.GetRequiredService<IConversationStore>(), channelIds, oneTenant,
            message.TenantId, audit is null ? null : audit.TenantId ?? "", ct).ConfigureAwait(false);
        if (channel is null)
        {
            return found;
        }

        var what = audit is null
            ? (kind.AuditId is not null ? "an audit that is no longer kept" : "no particular audit")
            : $"\"{CardKit.Literal(audit.Title)}\"";
        var why = outcome == "blocked"
            ? "The recipient has blocked WorkshopBot or removed it, so it can never arrive."
            : "Teams refused it, or every attempt failed.";
        var text = $"WorkshopBot could not deliver {kind.Label} for {what}. {why} "
            + (kind.IsSafetyAlert
                ? "Make sure the chair or the agency's named lead knows about the alert another way, and that it is acknowledged. "
                : string.Empty)
            + "Nothing of what it said is shown here. For IT support: outbox message "
            + (kind.AuditId is { } ofAudit ? $"{message.Id}, audit {ofAudit:D}." : $"{message.Id}.");
        CardAction[] actions = audit is null ? [] : [CardKit.Go(DashboardScreen.Dashboard, new AuditRefData(audit.Id), "Open the audit")];
        var card = NoticeCard.Create(kind.IsSafetyAlert ? "A safety alert could not be delivered" : "A message could not be delivered",
            text, Tone.Error, actions);
        services.GetRequiredService<IOutbox>().PostToChannel(channel.ServiceUrl, channel.TenantId ?? message.TenantId,
            channel.ConversationId,
            CardMessage.Create(card), IOutboxStore.UndeliverableReportKey(message.Id), "ops");
        return AdminPost.Posted;
    }

    /// <summary>
    /// The admins' channel of the message's organisation (and its audit's): one whose tenant is theirs, else one whose tenant
    /// is not known. Without one, why not: none of the channels is known, the organisation's was removed, or none is theirs.
    /// <paramref name="auditTenantId"/> is null when the message is of no audit, empty for an audit of no known tenant.
    /// The admins' channel is one organisation's: another's message, or its audit's title, is not shown there. A channel whose
    /// tenant is not known is used only when the bot serves one organisation (<paramref name="oneTenant"/>): serving several,
    /// it could be any of theirs.
    /// </summary>
    private static async Task<(ConversationRecord? Channel, AdminPost Why)> AdminChannelAsync(IConversationStore store,
        IReadOnlyList<string> channelIds, bool oneTenant, string? tenantId, string? auditTenantId, CancellationToken ct)
    {
        var why = AdminPost.Unknown;
        ConversationRecord? withoutTenant = null;
        foreach (var channelId in channelIds)
        {
            var channel = await store.GetAsync(channelId, ct).ConfigureAwait(false);
            if (channel is null)
            {
                continue;
            }

            if (!OfOrganisation(channel.TenantId, tenantId) || (auditTenantId is not null
                && !OfOrganisation(channel.TenantId, auditTenantId)))
            {
                why = why == AdminPost.Inactive ? why : AdminPost.OtherOrganisation;
                continue;
            }

            if (!channel.Active)
            {
                // The bot cannot post in the admins' channel (removed from its team or the channel, the channel deleted, or
                // Teams refusing it): Teams would refuse the card, and its failure would be one more failed message (never
                // reported, being an operations alert). The warning logged is the record.
                why = AdminPost.Inactive;
                continue;
            }

            if (!string.IsNullOrEmpty(channel.TenantId))
            {
                return (channel, AdminPost.Posted);
            }

            if (!oneTenant)
            {
                why = why == AdminPost.Inactive ? why : AdminPost.NoTenant;
                continue;
            }

            withoutTenant ??= channel;
        }

        return withoutTenant is null ? (null, why) : (withoutTenant, AdminPost.Posted);
    }

    /// <summary>Whether something of <paramref name="tenantId"/> may be shown in a channel of <paramref name="channelTenant"/>.</summary>
    private static bool OfOrganisation(string? channelTenant, string? tenantId) =>
        string.IsNullOrEmpty(channelTenant) || string.Equals(channelTenant, tenantId, StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(EventId = 1111, Level = LogLevel.Error,
        Message = "Outbox message {MessageId} ({Kind}) {Outcome} for good; audit {AuditId}")]
    private partial void LogUndeliverable(long messageId, string kind, string outcome, string auditId);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Error,
        Message = "Outbox message {MessageId} ({Kind}) {Outcome} for good and its report was cut short; reporting it now; audit {AuditId}")]
    private partial void LogUndeliverableLate(long messageId, string kind, string outcome, string auditId);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Error,
        Message = "Failed messages whose report was cut short could not be looked for ({ErrorType}); looked for again within minutes")]
    private partial void LogMissedReportsFailed(string errorType);

    [LoggerMessage(EventId = 1112, Level = LogLevel.Warning,
        Message = "WorkshopBot:AdminChannelId(s) name no channel WorkshopBot has been added to; no card was posted")]
    private partial void LogNoAdminChannel();

    [LoggerMessage(EventId = 1114, Level = LogLevel.Warning,
        Message = "WorkshopBot cannot post in the organisation's admins' channel (WorkshopBot:AdminChannelId(s)): the app was removed "
            + "from its team or from the channel, the channel was deleted, or Teams refused WorkshopBot's messages there; no card was "
            + "posted. Check the app is installed in that team, then mention WorkshopBot in the channel")]
    private partial void LogAdminChannelInactive();

    [LoggerMessage(EventId = 1115, Level = LogLevel.Warning,
        Message = "Outbox message {MessageId} is another organisation's than every admins' channel; no card was posted")]
    private partial void LogOtherOrganisation(long messageId);

    [LoggerMessage(EventId = 1116, Level = LogLevel.Warning,
        Message = "Outbox message {MessageId}: an admins' channel (WorkshopBot:AdminChannelId(s)) is of no known organisation and "
            + "WorkshopBot serves several, so no card was posted there. WorkshopBot learns its organisation when it next hears "
            + "from it")]
    private partial void LogAdminChannelWithoutTenant(long messageId);

    [LoggerMessage(EventId = 1113, Level = LogLevel.Error,
        Message = "The card to the admins' channel (or the record that none was due) could not be stored ({ErrorType}); "
            + "tried again within minutes")]
    private partial void LogAdminCardFailed(string errorType);
}
