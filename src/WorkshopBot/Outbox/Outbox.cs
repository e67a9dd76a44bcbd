using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;

namespace WorkshopBot.Outbox;

/// <summary>Queues messages into the current <see cref="UnitOfWork"/> (see <see cref="IOutbox"/>).</summary>
public sealed class Outbox(UnitOfWork work, TimeProvider time) : IOutbox
{
    public string Send(ConversationRecord conversation, Activity activity, string dedupeKey, string? correlationId)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        return Enqueue(New(OutboxKind.Send, conversation.TenantId ?? "", conversation.ServiceUrl, activity, dedupeKey, correlationId) with
        {
            ConversationId = conversation.ConversationId,
        });
    }

    public string SendToUser(string serviceUrl, string tenantId, string userId, Activity activity, string dedupeKey,
        string? correlationId, string? serviceUrlFrom = null) =>
        Enqueue(New(OutboxKind.CreatePersonalConversation, tenantId, serviceUrl, activity, dedupeKey, correlationId) with
        {
            TargetUserId = userId,
            ServiceUrlFrom = serviceUrlFrom is { Length: > 0 } ? serviceUrlFrom : null,
        });

    public string PostToChannel(
        string serviceUrl, string tenantId, string channelId, Activity activity, string dedupeKey, string? correlationId) =>
        Enqueue(New(OutboxKind.CreateChannelThread, tenantId, serviceUrl, activity, dedupeKey, correlationId) with
        {
            TargetChannelId = channelId,
        });

    public string Update(string serviceUrl, string tenantId, string conversationId, string activityId, Activity activity, string dedupeKey,
        string? correlationId)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return Enqueue(New(OutboxKind.Update, tenantId, serviceUrl, activity with { Id = activityId }, dedupeKey, correlationId) with
        {
            ConversationId = conversationId,
            ActivityId = activityId,
        });
    }

    public string UpdatePosted(
        string serviceUrl, string tenantId, string postedKey, Activity activity, string dedupeKey, string? correlationId) =>
        Enqueue(New(OutboxKind.Update, tenantId, serviceUrl, activity, dedupeKey, correlationId) with { UpdateOfKey = postedKey });

    public string Reply(TurnContext turn, Activity activity, string? dedupeKey = null)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(activity);
        var key = dedupeKey ?? ReplyKey(turn, work.NextReplyNumber());
        var addressed = activity with
        {
            ChannelId = activity.ChannelId ?? turn.Activity.ChannelId,
            Conversation = activity.Conversation ?? turn.Activity.Conversation,
            From = activity.From ?? turn.Activity.Recipient,
            Recipient = activity.Recipient ?? turn.Activity.From,
        };
        Enqueue(New(OutboxKind.Send, turn.TenantId.Length > 0 ? turn.TenantId : "none", turn.ServiceUrl, addressed, key, null) with
        {
            ConversationId = turn.ConversationId,
        });
        work.AddReply(key);
        return key;
    }

    /// <summary>The key of the n-th reply to an activity: the same each time the turn runs, unique per activity.</summary>
    public static string ReplyKey(TurnContext turn, int number)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var activity = turn.Activity.Id is { Length: > 0 } id ? id : Guid.NewGuid().ToString("N");
        return $"reply:{turn.ConversationId}:{activity}:{number}";
    }

    private NewOutboxMessage New(
        OutboxKind kind, string tenantId, string serviceUrl, Activity activity, string dedupeKey, string? correlationId) => new()
    {
        Kind = kind,
        TenantId = tenantId,
        ServiceUrl = serviceUrl,
        PayloadJson = BotJson.Serialize(activity with { Type = activity.Type ?? ActivityTypes.Message }),
        DedupeKey = dedupeKey,
        CorrelationId = correlationId,
        CreatedAt = time.GetUtcNow(),
    };

    private string Enqueue(NewOutboxMessage message)
    {
        work.Store.Enqueue(message);
        return message.DedupeKey;
    }
}
