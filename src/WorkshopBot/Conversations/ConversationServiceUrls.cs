using WorkshopBot.Protocol.Connector;
using WorkshopBot.Storage;

namespace WorkshopBot.Conversations;

/// <summary>
/// Where a send goes, and what follows when the bot refuses to go there. Teams may move a conversation to a new
/// serviceUrl: <see cref="ConversationTracker"/> keeps the conversation's record up to date as activities arrive, while
/// documents (an audit's channel, a briefing's channel, an action plan, a workshop) keep the copy they were made with. A
/// send takes the record's serviceUrl at send time, and the document's copy only when there is no record. A conversation
/// whose stored serviceUrl the bot refuses is marked inactive, by the outbox and by the live card alike.
/// </summary>
public sealed class ConversationServiceUrls(IConversationStore conversations, ServiceUrlPolicy policy, TimeProvider time)
{
    /// <summary>
    /// The serviceUrl of the conversation's record, else <paramref name="storedServiceUrl"/> (no record, or the record is
    /// another organisation's).
    /// </summary>
    public async Task<string> CurrentAsync(string? conversationId, string storedServiceUrl, string? tenantId,
        CancellationToken cancellationToken)
    {
        var record = await RecordOfAsync(conversationId, null, tenantId, cancellationToken).ConfigureAwait(false);
        return record is { ServiceUrl.Length: > 0 } ? record.ServiceUrl : storedServiceUrl;
    }

    /// <summary>
    /// The stored record of a conversation (a thread's id names its channel), or else of the user's 1:1 chat in the
    /// organisation; null when none is stored, or the one stored is another organisation's.
    /// </summary>
    public Task<ConversationRecord?> RecordOfAsync(string? conversationId, string? targetUserId, string? tenantId,
        CancellationToken cancellationToken) => RecordOfAsync(conversationId, targetUserId, tenantId, stored: false, cancellationToken);

    /// <summary>
    /// As <see cref="RecordOfAsync(string?, string?, string?, CancellationToken)"/>, read from the database even when this
    /// instance remembers the record: another instance may have heard from the conversation through a new serviceUrl within
    /// the short while a read is remembered. For a send that failed at the serviceUrl remembered.
    /// </summary>
    public Task<ConversationRecord?> StoredRecordOfAsync(string? conversationId, string? targetUserId, string? tenantId,
        CancellationToken cancellationToken) => RecordOfAsync(conversationId, targetUserId, tenantId, stored: true, cancellationToken);

    /// <summary>
    /// Whether a card queued for the user's 1:1 chat in the organisation, once the bot has their Teams id, can be expected to
    /// arrive: false when that chat is closed (they removed the app, or blocked it), or when no chat of theirs is stored and
    /// <paramref name="homeConversationId"/>, the conversation whose serviceUrl the card then goes through, has been marked
    /// inactive (the bot was removed from it, or its host is refused). The audits' and action plans' messengers' rule.
    /// </summary>
    public async Task<bool> PersonalChatReachableAsync(string userId, string? homeConversationId, string? tenantId,
        CancellationToken cancellationToken)
    {
        var personal = await RecordOfAsync(null, userId, tenantId, cancellationToken).ConfigureAwait(false);
        return personal?.Active
            ?? await RecordOfAsync(homeConversationId, null, tenantId, cancellationToken).ConfigureAwait(false) is not { Active: false };
    }

    private async Task<ConversationRecord?> RecordOfAsync(string? conversationId, string? targetUserId, string? tenantId, bool stored,
        CancellationToken cancellationToken)
    {
        var record = conversationId is { Length: > 0 } id
            ? stored
                ? await conversations.GetStoredAsync(ConversationTracker.KeyOf(id), cancellationToken).ConfigureAwait(false)
                : await conversations.GetAsync(ConversationTracker.KeyOf(id), cancellationToken).ConfigureAwait(false)
            : targetUserId is { Length: > 0 } user
                ? await conversations.FindPersonalAsync(user, tenantId, cancellationToken).ConfigureAwait(false)
                : null;
        return record is not null && !record.IsOfAnotherTenant(tenantId) ? record : null;
    }

    /// <summary>
    /// After a send was refused for its host (<see cref="ServiceUrlNotAllowedException"/>): the conversation is marked
    /// inactive as for a removal, so trackers, briefings, ballots, alerts and live cards report it as unreachable instead of
    /// trying again. Only while its stored serviceUrl itself is refused (one heard from since through an allowed host is left
    /// as it is, even when this instance read the record before that), and only the organisation's own. The bot takes it as
    /// active again when it next hears from it. True when marked now.
    /// </summary>
    public async Task<bool> ForgetRefusedAsync(string? conversationId, string? targetUserId, string? tenantId,
        CancellationToken cancellationToken)
    {
        var record = await RecordOfAsync(conversationId, targetUserId, tenantId, cancellationToken).ConfigureAwait(false);
        return record is { Active: true } && policy.Evaluate(record.ServiceUrl) == ServiceUrlDecision.Refuse
            && await conversations.MarkInactiveWhileAtAsync(record.ConversationId, record.ServiceUrl, time.GetUtcNow(), cancellationToken)
                .ConfigureAwait(false);
    }
}
