using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;

namespace WorkshopBot.Outbox;

/// <summary>
/// Every message the bot sends goes here, never straight to the connector: it joins the turn's (or job's) unit of work,
/// so it is stored exactly when the change it announces is, and <see cref="OutboxDispatcher"/> delivers it within
/// Teams' limits, surviving restarts. A dedupe key names each intended delivery: queuing the same key again adds
/// nothing, and the key is how a later update finds the card a message posted. Each method returns that key.
/// </summary>
public interface IOutbox
{
    /// <summary>Posts into a conversation the bot already has (a stored reference).</summary>
    string Send(ConversationRecord conversation, Activity activity, string dedupeKey, string? correlationId);

    /// <summary>
    /// Opens (or reuses) the 1:1 chat with a user and posts there. <paramref name="serviceUrlFrom"/> names the conversation
    /// <paramref name="serviceUrl"/> was taken from (an audit's or an action plan's channel): when the bot has no record of
    /// the user's 1:1 chat at send time, the message goes to that conversation's serviceUrl as last heard, not the copy.
    /// </summary>
    string SendToUser(string serviceUrl, string tenantId, string userId, Activity activity, string dedupeKey, string? correlationId,
        string? serviceUrlFrom = null);

    /// <summary>Starts a new thread in a team channel.</summary>
    string PostToChannel(string serviceUrl, string tenantId, string channelId, Activity activity, string dedupeKey, string? correlationId);

    /// <summary>Replaces a message whose activity id is known.</summary>
    string Update(string serviceUrl, string tenantId, string conversationId, string activityId, Activity activity, string dedupeKey,
        string? correlationId);

    /// <summary>Replaces the card the message <paramref name="postedKey"/> posted, once that message is sent.</summary>
    string UpdatePosted(string serviceUrl, string tenantId, string postedKey, Activity activity, string dedupeKey, string? correlationId);

    /// <summary>
    /// Answers the turn in its own conversation. Delivered right after the turn commits (before Teams gets its answer),
    /// or by the dispatcher soon after if Teams' limits say wait. <paramref name="dedupeKey"/> defaults to one made from
    /// the activity, the same each time the turn runs.
    /// </summary>
    string Reply(TurnContext turn, Activity activity, string? dedupeKey = null);
}
