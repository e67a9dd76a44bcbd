using Microsoft.Extensions.Options;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;
using WorkshopBot.Outbox;
using WorkshopBot.Storage;

namespace WorkshopBot.Audits.Teams;

/// <summary>
/// Posts the returns tracker to the chair's conversation through the outbox and keeps it up to date in place:
/// the message id is learnt from the outbox once the post has been delivered.
/// </summary>
public sealed class TrackerService(AuditStore store, IOutbox outbox, IOutboxStore outboxStore, IConversationStore conversations, IOptions<AuditOptions> options, TimeProvider time)
{
    public async Task<ReturnsTrackerView> ViewAsync(Audit audit, CancellationToken ct)
    {
        var returns = await store.ListReturnsAsync(audit.Id, ct).ConfigureAwait(false);
        return ReturnsTracker.Build(audit, returns.Select(r => r.Value), time);
    }

    public async Task<Cards.AdaptiveCard> CardAsync(Audit audit, string? message, Tone tone, CancellationToken ct)
    {
        var view = await ViewAsync(audit, ct).ConfigureAwait(false);
        var channel = (await store.GetChannelAsync(audit.Id, ct).ConfigureAwait(false))?.Value;
        var delivery = channel is null ? DeliverySummary.None : await DeliveryAsync(audit, channel, ct).ConfigureAwait(false);
        return ChairCards.Tracker(audit, view, delivery, time.GetUtcNow(), message, tone);
    }

    /// <summary>How the audit tools were delivered, from the outbox's recorded outcomes.</summary>
    public async Task<DeliverySummary> DeliveryAsync(Audit audit, AuditChannel channel, CancellationToken ct)
    {
        var messages = await outboxStore.ListByCorrelationAsync(AuditMessenger.IssueCorrelation(audit.Id), ct).ConfigureAwait(false);
        var names = NamesByTeamsId(audit, channel);
        var unreachable = messages.Where(m => m.Status is OutboxStatus.Blocked or OutboxStatus.Failed)
            .Select(m => names.GetValueOrDefault(m.TargetUserId ?? string.Empty, "a representative") + (m.Status == OutboxStatus.Blocked ? " (has blocked or not installed the app)" : " (delivery failed)"))
            .Distinct()
            .Concat(channel.NoTeamsId.Select(n => $"{n} (not found in Teams)"))
            .ToList();
        return new DeliverySummary(
            messages.Count(m => m.Status == OutboxStatus.Sent),
            messages.Count(m => m.Status is OutboxStatus.Pending or OutboxStatus.InFlight),
            unreachable);
    }

    public Task<IReadOnlyList<OutboxMessage>> IssueMessagesAsync(Guid auditId, CancellationToken ct) =>
        outboxStore.ListByCorrelationAsync(AuditMessenger.IssueCorrelation(auditId), ct);

    public static Dictionary<string, string> NamesByTeamsId(Audit audit, AuditChannel channel)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var person in audit.Agencies.SelectMany(a => new[] { a.Representative, a.NamedLead }).Append(audit.Chair).OfType<PersonRef>())
        {
            if (channel.TeamsIds.TryGetValue(person.UserId, out var id))
            {
                names[id] = person.DisplayName;
            }
        }

        return names;
    }

    /// <summary>Posts the tracker once (dedupe) to the conversation where the chair set the audit up.</summary>
    public async Task PostAsync(Audit audit, CancellationToken ct)
    {
        var channel = (await store.GetChannelAsync(audit.Id, ct).ConfigureAwait(false))?.Value;
        if (channel is null || channel.TrackerOutboxId is not null)
        {
            return;
        }

        var conversation = await conversations.GetAsync(channel.ConversationId, ct).ConfigureAwait(false);
        if (conversation is null)
        {
            return;
        }

        var card = await CardAsync(audit, null, Tone.Info, ct).ConfigureAwait(false);
        var sent = await outbox.SendAsync(conversation, AuditMessenger.CardActivity(card), $"audit:{audit.Id:D}:tracker:post", AuditMessenger.Correlation(audit.Id), ct).ConfigureAwait(false);
        await store.ChangeChannelAsync(audit.Id, c => c with { TrackerOutboxId = sent.Id }, ct).ConfigureAwait(false);
    }

    /// <summary>Replaces the posted tracker with the current state; marks it stale when the post is not delivered yet.</summary>
    public async Task RefreshAsync(Guid auditId, CancellationToken ct)
    {
        var channel = (await store.GetChannelAsync(auditId, ct).ConfigureAwait(false))?.Value;
        var audit = (await store.GetAuditAsync(auditId, ct).ConfigureAwait(false))?.Value;
        if (channel?.TrackerOutboxId is not { } outboxId || audit is null)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (channel.TrackerUpdatedAt is { } last && now - last < options.Value.TrackerMinInterval)
        {
            await store.ChangeChannelAsync(auditId, c => c with { TrackerStale = true }, ct).ConfigureAwait(false);
            return;
        }

        var activityId = channel.TrackerActivityId;
        var conversationId = channel.TrackerConversationId;
        if (activityId is null)
        {
            var posted = await outboxStore.GetAsync(outboxId, ct).ConfigureAwait(false);
            if (posted?.SentActivityId is null)
            {
                await store.ChangeChannelAsync(auditId, c => c with { TrackerStale = true }, ct).ConfigureAwait(false);
                return;
            }

            activityId = posted.SentActivityId;
            conversationId = posted.ResultConversationId ?? posted.ConversationId;
        }

        var card = await CardAsync(audit, null, Tone.Info, ct).ConfigureAwait(false);
        var updated = await store.ChangeChannelAsync(auditId, c => c with
        {
            TrackerActivityId = activityId,
            TrackerConversationId = conversationId,
            TrackerRevision = c.TrackerRevision + 1,
            TrackerStale = false,
            TrackerUpdatedAt = now,
        }, ct).ConfigureAwait(false);
        await outbox.UpdateAsync(channel.ServiceUrl, channel.TenantId, conversationId!, activityId, AuditMessenger.CardActivity(card),
            $"audit:{auditId:D}:tracker:rev:{updated!.TrackerRevision}", AuditMessenger.Correlation(auditId), ct).ConfigureAwait(false);
    }
}
