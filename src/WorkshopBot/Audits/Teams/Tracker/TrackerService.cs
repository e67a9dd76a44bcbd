using Microsoft.Extensions.Options;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Cards;
using WorkshopBot.Common.Teams;
using WorkshopBot.Outbox;
using WorkshopBot.Storage;

namespace WorkshopBot.Audits.Teams;

/// <summary>
/// Posts the returns tracker to the chair's conversation through the outbox and keeps it up to date in place:
/// the message id is learnt from the outbox once the post has been delivered.
/// </summary>
public sealed class TrackerService(
    AuditStore store,
    ToolDelivery delivery,
    IOutbox outbox,
    IOutboxStore outboxStore,
    IConversationStore conversations,
    IOptions<AuditOptions> options,
    TimeProvider time)
{
    /// <summary>The tracker card as it stands now, with an optional message at the top.</summary>
    public async Task<AdaptiveCard> CardAsync(Audit audit, string? message, Tone tone, CancellationToken ct)
    {
        var returns = await store.ListReturnsAsync(audit.Id, ct).ConfigureAwait(false);
        var view = ReturnsTracker.Build(audit, returns.Select(r => r.Value), time);
        var channel = (await store.GetChannelAsync(audit.Id, ct).ConfigureAwait(false))?.Value;
        var delivered = channel is null ? DeliverySummary.None : await delivery.SummaryAsync(audit, channel, ct).ConfigureAwait(false);
        return TrackerCard.Tracker(audit, view, delivered, time.GetUtcNow(), message, tone);
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
        var sent = await outbox.SendAsync(conversation, CardMessage.Create(card), $"audit:{audit.Id:D}:tracker:post",
            AuditMessenger.Correlation(audit.Id), ct).ConfigureAwait(false);
        await store.ChangeChannelAsync(audit.Id, c => c.TrackerOutboxId = sent.Id, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Replaces the posted tracker with the current state. Marks it stale instead when it was updated moments ago or
    /// the post is not delivered yet; the background job brings a stale tracker up to date.
    /// </summary>
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
            await store.ChangeChannelAsync(auditId, c => c.TrackerStale = true, ct).ConfigureAwait(false);
            return;
        }

        var activityId = channel.TrackerActivityId;
        var conversationId = channel.TrackerConversationId;
        if (activityId is null)
        {
            var posted = await outboxStore.GetAsync(outboxId, ct).ConfigureAwait(false);
            if (posted?.SentActivityId is null)
            {
                await store.ChangeChannelAsync(auditId, c => c.TrackerStale = true, ct).ConfigureAwait(false);
                return;
            }

            activityId = posted.SentActivityId;
            conversationId = posted.ResultConversationId ?? posted.ConversationId;
        }

        var card = await CardAsync(audit, null, Tone.Info, ct).ConfigureAwait(false);
        var updated = await store.ChangeChannelAsync(auditId, c =>
        {
            c.TrackerActivityId = activityId;
            c.TrackerConversationId = conversationId;
            c.TrackerRevision++;
            c.TrackerStale = false;
            c.TrackerUpdatedAt = now;
        }, ct).ConfigureAwait(false);
        await outbox.UpdateAsync(channel.ServiceUrl, channel.TenantId, conversationId!, activityId, CardMessage.Create(card),
            $"audit:{auditId:D}:tracker:rev:{updated!.TrackerRevision}", AuditMessenger.Correlation(auditId), ct).ConfigureAwait(false);
    }
}
