using System.Text.Json;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;

namespace WorkshopBot.Conversations;

/// <summary>Answering an activity handled before: the stored answer, to its own tenant and person only.</summary>
public sealed partial class TurnCoordinator
{
    /// <summary>
    /// The answer stored for this activity, unless the activity claims another tenant than the conversation it names
    /// belongs to, or the mark keeps the person it answered and that is someone else: then the refusal that names nothing
    /// (a stored answer may hold that organisation's content, or links for that person only). A mark stored before people
    /// were kept with marks is checked for the tenant alone.
    /// </summary>
    private async Task<InvokeResponse?> ReplayAsync(TurnContext turn, StoredResponse stored, CancellationToken cancellationToken)
    {
        if (stored.AnsweredAnother(turn.PersonKey()))
        {
            LogAnsweredAnother();
            return turn.Activity.Type == ActivityTypes.Invoke ? Reply.NotAvailable() : null;
        }

        var conversation = await conversations.GetAsync(ConversationTracker.KeyOf(turn.Activity), cancellationToken)
            .ConfigureAwait(false);
        if (conversation?.TenantId is { Length: > 0 } owner && !string.Equals(owner, turn.TenantId, StringComparison.OrdinalIgnoreCase))
        {
            return turn.Activity.Type == ActivityTypes.Invoke ? Reply.NotAvailable() : null;
        }

        return Replay(stored);
    }

    /// <summary>
    /// The turn's replay check for its first read to carry: a mark of another person than <paramref name="person"/> reads
    /// as an answer kept (even one that was not), so that read stops the handler and the turn is refused, not run again.
    /// </summary>
    private static StoreQuery<StoredResponse?> KeptFor(StoreQuery<StoredResponse?> check, string? person) =>
        new(check.Sql, async (rows, ct) =>
        {
            var stored = await check.Read(rows, ct).ConfigureAwait(false);
            return stored is { Afresh: true } && stored.AnsweredAnother(person) ? stored with { Afresh = false } : stored;
        }, [.. check.Parameters]);

    private static InvokeResponse Replay(StoredResponse stored)
    {
        var utf8 = stored.Json is null ? null : System.Text.Encoding.UTF8.GetBytes(stored.Json);
        return new(stored.Status, utf8 is null ? null : JsonDocument.Parse(utf8).RootElement.Clone()) { BodyUtf8 = utf8 };
    }

    [LoggerMessage(EventId = 1304, Level = LogLevel.Warning,
        Message = "A committed turn's replies could not be sent at once; the outbox will")]
    private partial void LogDeliverLater(Exception exception);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Warning, Message = "Refused an activity from a tenant WorkshopBot does not serve")]
    private partial void LogForeignTenant();

    [LoggerMessage(EventId = 1306, Level = LogLevel.Warning,
        Message = "Refused a stored answer to an activity of another person than the one it answered")]
    private partial void LogAnsweredAnother();

    [LoggerMessage(EventId = 1305, Level = LogLevel.Warning, Message = "Refused an activity without the person's Entra object id")]
    private partial void LogNoObjectId();

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Redelivered activity answered as before")]
    private partial void LogReplayed();

    [LoggerMessage(EventId = 1302, Level = LogLevel.Information, Message = "Turn writes conflicted (attempt {Attempt}): {Conflict}")]
    private partial void LogConflict(int attempt, string conflict);
}
