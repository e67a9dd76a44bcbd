using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Common;
using WorkshopBot.Storage;

namespace WorkshopBot.Audits.Jobs;

// The automatic reminder round before the due date, and what the chair is told when it reached nobody.
public sealed partial class AuditJobs
{
    /// <summary>
    /// The automatic reminder round of the due date <paramref name="due"/>: one per due date (the dedupe key carries it too);
    /// extending the date allows another, unless its reminder time had passed by then (the extension's notice has just told
    /// them the new date). A round that could reach none of the representatives with a return outstanding is not done: the
    /// chair is told once, and each later pass tries again, quietly, until it reminds someone or the returns are due. A round
    /// the chair sent by hand since the reminder time stands for it, so nobody is reminded twice within minutes.
    /// </summary>
    private static async Task<(int Reminders, AuditChannel Channel)> AutomaticRoundAsync(IServiceProvider services, Audit audit,
        AuditChannel channel, DateTimeOffset at, DateTimeOffset due, CancellationToken ct)
    {
        var store = services.GetRequiredService<AuditStore>();
        var trail = services.GetRequiredService<AuditTrail>();
        if (channel.ManualRemindedAt >= at)
        {
            return (0, (await store.ChangeChannelAsync(audit.Id, c => c.AutoRemindedForDue = due, ct).ConfigureAwait(false))!);
        }

        var sender = services.GetRequiredService<ReminderSender>();
        var name = RoundOf(due);
        var round = await sender.SendAsync(audit, name, ct).ConfigureAwait(false);
        if (round.RemindedNobody && round.Outstanding > 0)
        {
            if (channel.AutoRemindedNobodyForDue == due)
            {
                return (0, channel); // The chair knows; nothing is stored or logged until the round reminds someone.
            }

            var told = await sender.TellChairNobodyRemindedAsync(audit, channel, name, round, ct).ConfigureAwait(false);
            channel = (await store.ChangeChannelAsync(audit.Id, c => c.AutoRemindedNobodyForDue = due, ct).ConfigureAwait(false))!;
            await trail.RecordForAsync(AuditSubjects.BotActor, audit.TenantId, "audit.reminded", AuditSubjects.Audit,
                AuditStore.Key(audit.Id), new { sent = 0, notReached = round.Unreachable.Count, automatic = true, chairTold = told }, ct)
                .ConfigureAwait(false);
            return (0, channel);
        }

        channel = (await store.ChangeChannelAsync(audit.Id, c => c.AutoRemindedForDue = due, ct).ConfigureAwait(false))!;
        await trail.RecordForAsync(AuditSubjects.BotActor, audit.TenantId, "audit.reminded", AuditSubjects.Audit, AuditStore.Key(audit.Id),
            new { sent = round.Sent, notReached = round.Unreachable.Count, automatic = true }, ct).ConfigureAwait(false);
        return (round.Sent, channel);
    }

    /// <summary>
    /// Once every reminder of the due date's automatic round is through the outbox: when Teams delivered none of them (each
    /// refused, or given up on), the chair is told once whom to remind, as when nobody could be reached; when it delivered
    /// some, the chair is told once which agencies were not reminded (not reachable when the round went, or not delivered),
    /// by agency name (<see cref="NotRemindedAsync"/>). A reminder withdrawn from a replaced representative does not count
    /// (the new one's, sent instead, does). Until then, nothing.
    /// </summary>
    private static async Task<AuditChannel> SettleAutomaticRoundAsync(IServiceProvider services, Audit audit, AuditChannel channel,
        DateTimeOffset due, CancellationToken ct)
    {
        var name = RoundOf(due);
        var queued = (await services.GetRequiredService<IOutboxStore>().ListByCorrelationAsync(AuditMessenger.Correlation(audit.Id), ct)
                .ConfigureAwait(false))
            .Where(m => AuditMessageKey.Parse(m.DedupeKey) is { Kind: AuditMessageKind.Reminder } key && key.Round == name).ToList();
        var round = queued.Where(m => m.LastError != IOutboxStore.NoLongerForError).ToList();
        if (round.Any(m => m.Status is OutboxStatus.Pending or OutboxStatus.InFlight))
        {
            return channel;
        }

        // When the round went: its reminders are queued together (one sent to a replacement representative later, and one
        // withdrawn from the person replaced, keep their own times). A return created after it could not have been reminded.
        var sentAt = queued.Count == 0 ? (DateTimeOffset?)null : queued.Min(m => m.CreatedAt);

        if (round.Count > 0 && round.All(m => m.Status is OutboxStatus.Blocked or OutboxStatus.Failed))
        {
            // Those it could not reach at all (nothing was queued to them) were not reminded either: named on the same notice.
            var queuedFor = round.Select(m => AuditMessageKey.Parse(m.DedupeKey)?.ReturnId).ToHashSet();
            var unqueued = await NotRemindedAsync(services, audit, sentAt, queuedFor, ct).ConfigureAwait(false);
            var told = await services.GetRequiredService<ReminderSender>().TellChairNotDeliveredAsync(audit, channel, round,
                unqueued.Select(a => a.Representative!.DisplayName).Distinct().ToList(), ct).ConfigureAwait(false);
            await services.GetRequiredService<AuditTrail>().RecordForAsync(AuditSubjects.BotActor, audit.TenantId,
                "audit.delivery-failed", AuditSubjects.Audit, AuditStore.Key(audit.Id),
                new
                {
                    notReached = round.Select(m => m.Id), notQueued = unqueued.Select(a => a.Id), automaticReminders = true,
                    chairTold = told,
                }, ct).ConfigureAwait(false);
        }
        else if (round.Count > 0 && await NotRemindedAsync(services, audit, sentAt, Delivered(round), ct).ConfigureAwait(false)
                     is { Count: > 0 } missed)
        {
            var told = await services.GetRequiredService<ReminderSender>().TellChairNotRemindedAsync(audit, channel, name,
                missed.Select(a => a.Name).ToList(), ct).ConfigureAwait(false);
            await services.GetRequiredService<AuditTrail>().RecordForAsync(AuditSubjects.BotActor, audit.TenantId,
                "audit.not-reminded", AuditSubjects.Audit, AuditStore.Key(audit.Id),
                new { agencies = missed.Select(a => a.Id), automatic = true, chairTold = told }, ct).ConfigureAwait(false);
        }

        var store = services.GetRequiredService<AuditStore>();
        return (await store.ChangeChannelAsync(audit.Id, c => c.AutoReminderSettledForDue = due, ct).ConfigureAwait(false))!;
    }

    /// <summary>
    /// The agencies, in the audit's order, with a return still outstanding that the round did not remind them of: none of
    /// <paramref name="reminded"/> (the returns whose reminder was delivered, or, for a round Teams delivered to nobody, was
    /// queued at all: their representative could not be reached in Teams, so none was). Only returns there when the round
    /// went (<paramref name="sentAt"/>; one stored by an older version without its creation time counts as there). An agency
    /// with no representative is not counted: the tracker shows it.
    /// </summary>
    private static async Task<List<AuditAgency>> NotRemindedAsync(IServiceProvider services, Audit audit, DateTimeOffset? sentAt,
        IReadOnlySet<Guid?> reminded, CancellationToken ct)
    {
        var missed = (await services.GetRequiredService<AuditStore>().ListReturnsAsync(audit.Id, ct).ConfigureAwait(false))
            .Select(r => r.Value)
            .Where(r => !r.IsReadOnly && !reminded.Contains(r.Id) && !(r.CreatedAt > sentAt))
            .Select(r => r.AgencyId).ToHashSet();
        return audit.Agencies.Where(a => missed.Contains(a.Id) && a.Representative is not null).ToList();
    }

    /// <summary>The returns whose reminder of the round Teams delivered.</summary>
    private static HashSet<Guid?> Delivered(IReadOnlyList<OutboxMessage> round) =>
        round.Where(m => m.Status == OutboxStatus.Sent).Select(m => AuditMessageKey.Parse(m.DedupeKey)?.ReturnId).ToHashSet();

    /// <summary>The automatic round's name in its reminders' keys: one round per due date.</summary>
    private static string RoundOf(DateTimeOffset due) => $"auto-{due.ToUnixTimeSeconds()}";
}
