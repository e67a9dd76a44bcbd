// Lanes and outcomes: one conversation's messages in order, isolated from the other lanes; recording a send that happened;
// forgetting a conversation Teams says the bot has left, or one whose stored serviceUrl the bot no longer sends to.
using System.Data.Common;
using WorkshopBot.Protocol.Connector;
using WorkshopBot.Storage;

namespace WorkshopBot.Outbox;

public sealed partial class OutboxDispatcher
{
    /// <summary>How often recording a sent message is tried before it is given up (and logged).</summary>
    private const int MarkSentAttempts = 4;

    private static readonly TimeSpan MarkSentBackoff = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Delivers one conversation's messages in order: once one has to wait, the rest wait too. Never throws: when a
    /// message fails unexpectedly (the store is down), the rest of its conversation is left as claimed, not sent ahead of
    /// it; all are claimable again in order once their leases run out, and the other conversations go on meanwhile.
    /// Returns whether any message was left to wait. <paramref name="inline"/>: a turn's own replies, which may try the bot's
    /// token before the token gate's next probe (see <see cref="TokenGate"/>).
    /// </summary>
    private async Task<bool> DeliverInOrderAsync(IEnumerable<OutboxMessage> messages, bool inline = false)
    {
        DateTimeOffset? heldUntil = null;
        foreach (var message in messages)
        {
            try
            {
                if (heldUntil is { } until)
                {
                    // A message before it in this conversation must wait: so must it, to keep the order.
                    await store.PostponeAsync(message.Id, _owner, until, time.GetUtcNow(), CancellationToken.None)
                        .ConfigureAwait(false);
                    continue;
                }

                // Once claimed, a message is delivered and recorded even if the host is stopping.
                heldUntil = await DeliverAsync(message, inline, CancellationToken.None).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A lane must not end the batch for the other conversations, whatever fails in it.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogLaneFailed(message.Id, ex);
                return true;
            }
        }

        return heldUntil is not null;
    }

    /// <summary>
    /// Records a message Teams has accepted. The statement is fenced by the lease and idempotent, so it is retried on a
    /// store error: left InFlight, the message would be claimed again once its lease ran out and posted a second time.
    /// </summary>
    private async Task MarkSentAsync(OutboxMessage message, string? activityId, string? conversationId)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (await (message.DedupeKey.StartsWith(IOutboxStore.TakeDownPrefix, StringComparison.Ordinal)
                    ? store.ForgetSentAsync(message.Id, _owner, CancellationToken.None)
                    : store.MarkSentAsync(message.Id, _owner, activityId, conversationId, time.GetUtcNow(), CancellationToken.None))
                    .ConfigureAwait(false))
                {
                    LogSent(message.Id, message.Kind.ToString());
                }
                else
                {
                    LogSentWithoutLease(message.Id);
                }

                return;
            }
            catch (DbException ex) when (attempt < MarkSentAttempts)
            {
                LogMarkSentRetry(message.Id, attempt, ex);
                await Task.Delay(MarkSentBackoff * Math.Pow(2, attempt - 1), time, CancellationToken.None).ConfigureAwait(false);
            }
            catch (DbException ex)
            {
                // Sent, but not recorded: the rest of its conversation still goes, in order, after it.
                LogSentNotRecorded(message.Id, ex);
                return;
            }
        }
    }

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning,
        Message = "Outbox message {MessageId} not sent: its lease ran out and another instance has taken it over")]
    private partial void LogLeaseLost(long messageId);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning,
        Message = "Outbox message {MessageId} was sent, but recording it failed (try {Attempt}); trying again")]
    private partial void LogMarkSentRetry(long messageId, int attempt, Exception exception);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Error,
        Message = "Outbox message {MessageId} was sent but could not be recorded; it may be sent again when its lease runs out")]
    private partial void LogSentNotRecorded(long messageId, Exception exception);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Error,
        Message = "Outbox message {MessageId} was sent after its lease was taken over; it may arrive twice")]
    private partial void LogSentWithoutLease(long messageId);

    [LoggerMessage(EventId = 2014, Level = LogLevel.Error,
        Message = "Delivering outbox message {MessageId} failed; the rest of its conversation waits for the leases to run out")]
    private partial void LogLaneFailed(long messageId, Exception exception);

    /// <summary>
    /// Teams says the bot is no longer in a channel or group chat (removed without the bot hearing, its removal event
    /// lost): the conversation is marked inactive as that event would have, so trackers, briefings and reminders stop
    /// queueing cards there (each would fail, and tell the admins, again) until the bot hears from it again. Only while its
    /// record still names <paramref name="sentTo"/>, the serviceUrl Teams answered at: one heard from since through another
    /// (by another instance, after this one read the record) is left active.
    /// </summary>
    private async Task ForgetRemovedConversationAsync(OutboxMessage message, Exception ex, string? sentTo)
    {
        var removed = ex is ConnectorException { ErrorCode: { } code } c
            && ((c.StatusCode == System.Net.HttpStatusCode.Forbidden
                    && string.Equals(code, BotNotInConversationRoster, StringComparison.OrdinalIgnoreCase))
                || (c.IsNotFound && string.Equals(code, ConversationNotFound, StringComparison.OrdinalIgnoreCase)));
        // Channels and group chats only ("19:..."): a person's 1:1 chat is found again by their id when next needed.
        if (removed && (message.TargetChannelId ?? message.ConversationId) is { } id && id.StartsWith("19:", StringComparison.Ordinal))
        {
            var key = Conversations.ConversationTracker.KeyOf(id);
            var marked = sentTo is null
                ? await conversations.MarkInactiveAsync(key, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false)
                : await conversations.MarkInactiveWhileAtAsync(key, sentTo, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
            if (marked)
            {
                LogConversationGone(message.Id);
            }
        }
    }

    /// <summary>
    /// The bot no longer sends to the host of the conversation's stored serviceUrl (taken off <c>Bot:AllowedServiceUrlHosts</c>
    /// since it was stored, say): the conversation is marked inactive as for a removal (see
    /// <see cref="ConversationServiceUrls.ForgetRefusedAsync"/>, which the live card uses too). For a card to a person with
    /// no 1:1 chat stored, that is the conversation its serviceUrl was taken from (<see cref="OutboxMessage.ServiceUrlFrom"/>),
    /// so that cards for the others in that channel stop being tried there too.
    /// </summary>
    private async Task ForgetRefusedConversationAsync(OutboxMessage message)
    {
        var conversationId = message.TargetChannelId ?? message.ConversationId;
        var marked = await serviceUrls.ForgetRefusedAsync(conversationId, message.TargetUserId, message.TenantId,
            CancellationToken.None).ConfigureAwait(false);
        if (!marked && conversationId is null && message.ServiceUrlFrom is { Length: > 0 } from)
        {
            marked = await serviceUrls.ForgetRefusedAsync(from, null, message.TenantId, CancellationToken.None).ConfigureAwait(false);
        }

        if (marked)
        {
            LogConversationRefused(message.Id);
        }
    }

    private const string BotNotInConversationRoster = "BotNotInConversationRoster";
    private const string ConversationNotFound = "ConversationNotFound";

    [LoggerMessage(EventId = 2017, Level = LogLevel.Warning,
        Message = "Outbox message {MessageId}: Teams says WorkshopBot is no longer in its conversation, now marked inactive")]
    private partial void LogConversationGone(long messageId);

    [LoggerMessage(EventId = 2019, Level = LogLevel.Warning,
        Message = "Outbox message {MessageId}: WorkshopBot does not send to its conversation's stored serviceUrl; the conversation "
            + "is now marked inactive until WorkshopBot hears from it again")]
    private partial void LogConversationRefused(long messageId);
}
