// Addressing: the serviceUrl a message goes to, the send itself within its lease and deadline, and one more try at the
// serviceUrl stored since when the one this instance remembered was refused or answered as gone.
using WorkshopBot.Protocol.Connector;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;

namespace WorkshopBot.Outbox;

public sealed partial class OutboxDispatcher
{
    /// <summary>
    /// The message sent to its conversation's serviceUrl as the bot last heard it (Teams may have moved it since the message,
    /// or the document it came from, copied it); the copy only when no record of the conversation is stored.
    /// </summary>
    private async Task<OutboxMessage> AddressedAsync(OutboxMessage message, CancellationToken cancellationToken) =>
        Addressed(message, await RecordOfAsync(message, stored: false, cancellationToken).ConfigureAwait(false)) ?? message;

    /// <summary>
    /// The record whose serviceUrl the message goes to: its conversation's (a thread's id names its channel), or the person's
    /// 1:1 chat's; for a card to a person with no 1:1 chat stored, that of the conversation its serviceUrl was copied from
    /// (<see cref="OutboxMessage.ServiceUrlFrom"/>; Teams may have moved it since). Null when none is stored (or the one
    /// stored is another organisation's): the message's copy is used. <paramref name="stored"/> reads the database, not what
    /// this instance remembers.
    /// </summary>
    private async Task<ConversationRecord?> RecordOfAsync(OutboxMessage message, bool stored, CancellationToken cancellationToken)
    {
        var conversationId = message.TargetChannelId ?? message.ConversationId;
        var record = await RecordOfAsync(conversationId, message.TargetUserId, message.TenantId, stored, cancellationToken)
            .ConfigureAwait(false);
        return record is not { ServiceUrl.Length: > 0 } && conversationId is null && message.ServiceUrlFrom is { Length: > 0 } from
            ? await RecordOfAsync(from, null, message.TenantId, stored, cancellationToken).ConfigureAwait(false) ?? record
            : record;
    }

    private Task<ConversationRecord?> RecordOfAsync(string? conversationId, string? targetUserId, string tenantId, bool stored,
        CancellationToken cancellationToken) => stored
        ? serviceUrls.StoredRecordOfAsync(conversationId, targetUserId, tenantId, cancellationToken)
        : serviceUrls.RecordOfAsync(conversationId, targetUserId, tenantId, cancellationToken);

    /// <summary>The message with the record's serviceUrl, or null when the record has none or the same.</summary>
    private static OutboxMessage? Addressed(OutboxMessage message, ConversationRecord? record) =>
        record is { ServiceUrl: { Length: > 0 } current } && current != message.ServiceUrl ? message with { ServiceUrl = current } : null;

    /// <summary>
    /// Sends the message; null when its lease was lost before the send. A conversation's record is remembered a short while
    /// by each instance, so this one may still hold a serviceUrl another instance has since replaced (Teams moved the
    /// conversation, or its old host was taken off the allowed list). When the send is refused for its host, or Teams
    /// answers that the conversation is not there, nothing was delivered: the record is read again from the database, and
    /// if its serviceUrl differs, the message is sent there, once, before the failure is recorded.
    /// </summary>
    private async Task<(string? ActivityId, string? ConversationId)?> SendFollowingAMoveAsync(
        OutboxMessage addressed, Activity activity, SendAttempt attempt, CancellationToken cancellationToken)
    {
        try
        {
            return await SendLeasedAsync(addressed, activity, attempt, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectorException ex) when (NothingThere(ex))
        {
            var moved = Addressed(addressed, await RecordOfAsync(addressed, stored: true, cancellationToken).ConfigureAwait(false));
            if (moved is null)
            {
                throw;
            }

            LogMovedSince(addressed.Id, Describe(ex));
            await tenantLimiter.AcquireAsync(addressed.TenantId, cancellationToken).ConfigureAwait(false);
            return await SendLeasedAsync(moved, activity, attempt, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// One send, fenced by the lease, which starts afresh for it; null (nothing sent) when the lease has run out and another
    /// instance has taken the message. It may have run out while earlier messages of its conversation were sent: then it is
    /// theirs to send, not this one's.
    /// </summary>
    private async Task<(string? ActivityId, string? ConversationId)?> SendLeasedAsync(
        OutboxMessage message, Activity activity, SendAttempt attempt, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var startedAt = time.GetUtcNow();
        if (!await store.MarkAttemptStartedAsync(message.Id, _owner, startedAt, startedAt + settings.Lease, CancellationToken.None)
            .ConfigureAwait(false))
        {
            return null;
        }

        // The send is over a margin before the lease ends: the connector starts nothing that could run past the deadline
        // (read on this clock, no timer), and a real-clock timer stops whatever still runs then (a token fetch).
        var until = startedAt + settings.SendDeadline;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(settings.SendDeadline);
        attempt.ServiceUrl = message.ServiceUrl;
        using (deadline.Begin(until))
        {
            try
            {
                return await SendAsync(message, activity, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new SendDeadlineReachedException(until, ex);
            }
        }
    }

    /// <summary>
    /// A failure that delivered nothing and says the serviceUrl used was the wrong one to use: refused for its host by the
    /// bot, or answered by Teams as no such conversation (404, 410), or as one the bot is not in.
    /// </summary>
    private static bool NothingThere(ConnectorException ex) => ex is ServiceUrlNotAllowedException
        || ex.IsNotFound || ex.StatusCode == System.Net.HttpStatusCode.Gone
        || (ex.StatusCode == System.Net.HttpStatusCode.Forbidden
            && string.Equals(ex.ErrorCode, BotNotInConversationRoster, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The serviceUrl a message was last sent to (null until a send starts): what a failure answered by Teams is about, so
    /// that a conversation is marked gone only while its record still names that serviceUrl.
    /// </summary>
    private sealed class SendAttempt
    {
        public string? ServiceUrl { get; set; }

        /// <summary>When a send that found no token goes again (the token gate's next probe).</summary>
        public DateTimeOffset? TokenRetryAt { get; set; }
    }

    [LoggerMessage(EventId = 2020, Level = LogLevel.Warning,
        Message = "Outbox message {MessageId} not delivered at the serviceUrl this instance remembered ({Reason}); its "
            + "conversation has been heard from through another since, so it is sent there")]
    private partial void LogMovedSince(long messageId, string reason);
}
