using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;

namespace WorkshopBot.Conversations;

/// <summary>
/// Which posted messages show which audits, for retention to take them down (AuditPurge): a turn's replies, the cards it
/// posts or updates, and the card an <c>Action.Execute</c> answer replaces in place are tied to no audit by the outbox, and
/// Teams keeps them after the audit is purged. Recorded in the turn's own unit of work, so a message is never sent without
/// its record; ids only (tenant, service URL, conversation, activity, the outbox key), nothing the message said.
/// </summary>
public static class ShownMessages
{
    /// <summary>The table of the records (migration 2280), each the message's ids and an audit it may show.</summary>
    public const string Table = "audit_shown_messages";

    /// <summary>
    /// Records every message the turn queued (a reply, a card posted or updated) and the card its <c>Action.Execute</c>
    /// answer replaces (the message pressed: the invoke's <c>replyToId</c>) as showing each audit the turn read
    /// (<see cref="UnitOfWork.ShownAudits"/>). A message whose activity id Teams gives only once it is sent is recorded by
    /// its outbox key; the id is added when it is sent (<see cref="IOutboxStore.MarkSentAsync"/>).
    /// </summary>
    public static void Record(TurnContext turn, UnitOfWork work, DateTimeOffset at, InvokeResponse? response = null)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(work);
        ForgetReplaced(turn, work, response);
        if (work.ShownAudits.Count == 0)
        {
            return;
        }

        var messages = work.Store.Steps.OfType<StoreWork.EnqueueStep>().Select(s => s.Message)
            .Where(m => m.Kind != OutboxKind.Update || !string.IsNullOrEmpty(m.ActivityId))
            .Select(m => (m.TenantId, m.ServiceUrl, m.ConversationId, Activity: m.Kind == OutboxKind.Update ? m.ActivityId : null,
                Key: m.Kind == OutboxKind.Update ? null : m.DedupeKey))
            .ToList();
        if (turn.Activity is { Type: ActivityTypes.Invoke, Name: InvokeNames.AdaptiveCardAction, ReplyToId: { Length: > 0 } pressed }
            && turn.ConversationId.Length > 0)
        {
            messages.Add((turn.TenantId, turn.ServiceUrl, turn.ConversationId, pressed, null));
        }

        if (messages.Count == 0)
        {
            return;
        }

        var audits = work.ShownAudits.Select(a => a.ToString("D")).ToList();
        var ms = UnixTime.ToMs(at);
        work.Store.Execute("the messages that show the audits read", _ =>
        [
            .. from audit in audits
               from m in messages
               select new StoreStatement($"""
                   INSERT INTO {Table} (audit_id, tenant_id, service_url, conversation_id, activity_id, outbox_key, created_at)
                   VALUES (@Audit, @Tenant, @ServiceUrl, @Conversation, @Activity, @Key, @At)
                   ON CONFLICT DO NOTHING
                   """, null, ("@Audit", audit), ("@Tenant", m.TenantId), ("@ServiceUrl", m.ServiceUrl),
                   ("@Conversation", m.ConversationId), ("@Activity", m.Activity), ("@Key", m.Key), ("@At", ms)),
        ]);
    }

    /// <summary>
    /// In a 1:1 chat, the card an <c>Action.Execute</c> answer replaces with a card of its own shows only what that answer
    /// shows: the records of it showing audits this turn did not read go, in the turn's unit of work (the turn records it
    /// again as showing those it read). Only there: in a channel or group chat the answer replaces the card for the person
    /// who pressed, and the others still see the card as it was. Not for a turn whose cards are a poll's (found by its
    /// correlation; a vote's commit gains no statement), nor for an answer that is a message or a stored answer replayed.
    /// </summary>
    private static void ForgetReplaced(TurnContext turn, UnitOfWork work, InvokeResponse? response)
    {
        if (work.ShownByCorrelation || !turn.IsPersonal || turn.ConversationId.Length == 0
            || response is not { Status: 200, Body: AdaptiveCardInvokeResponse { StatusCode: 200 } answer }
            || answer.Type != AdaptiveCardInvokeResponse.CardType
            || turn.Activity is not
                { Type: ActivityTypes.Invoke, Name: InvokeNames.AdaptiveCardAction, ReplyToId: { Length: > 0 } pressed })
        {
            return;
        }

        var kept = work.ShownAudits.Select((a, i) => ($"@Kept{i}", (object?)a.ToString("D"))).ToList();
        var except = kept.Count == 0 ? string.Empty : $" AND audit_id NOT IN ({string.Join(", ", kept.Select(k => k.Item1))})";
        work.Store.Execute("the records of a card replaced in place", _ =>
        [
            new StoreStatement($"DELETE FROM {Table} WHERE conversation_id = @Conversation AND activity_id = @Activity{except}", null,
                [("@Conversation", turn.ConversationId), ("@Activity", pressed), .. kept]),
        ]);
    }
}
