// A live card refused for its serviceUrl's host: its conversation is marked inactive, as the outbox marks it. And the
// logs of dropped updates.
using System.Data.Common;
using WorkshopBot.Conversations;

namespace WorkshopBot.Workshop.Jobs;

public sealed partial class LiveCardCoalescer
{
    /// <summary>
    /// Marks the conversation inactive when the bot refuses its stored serviceUrl (<see cref="ConversationServiceUrls"/>, the
    /// outbox's own rule): later changes send nothing there, and the chair's cards say it cannot be reached, until the bot
    /// hears from it again. A store failure is logged; the card was dropped all the same.
    /// </summary>
    private async Task ForgetRefusedAsync(string conversationId, string pollId)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var serviceUrls = scope.ServiceProvider.GetRequiredService<ConversationServiceUrls>();
            if (await serviceUrls.ForgetRefusedAsync(conversationId, null, null, CancellationToken.None).ConfigureAwait(false))
            {
                LogConversationRefused(pollId);
            }
        }
        catch (DbException ex)
        {
            LogConversationNotMarked(ex, pollId);
        }
    }

    [LoggerMessage(EventId = 4106, Level = LogLevel.Warning,
        Message = "Live card update for poll {PollId}: WorkshopBot does not send to its conversation's stored serviceUrl; the "
            + "conversation is now marked inactive until WorkshopBot hears from it again")]
    private partial void LogConversationRefused(string pollId);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Warning,
        Message = "Live card update for poll {PollId}: its conversation, whose serviceUrl WorkshopBot refuses, could not be marked "
            + "inactive")]
    private partial void LogConversationNotMarked(Exception exception, string pollId);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning,
        Message = "Live card update for poll {PollId} dropped: Teams answered {Status} (card gone or no write access)")]
    private partial void LogUpdateDropped(string pollId, int status);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Warning,
        Message = "Live card update for poll {PollId} dropped: WorkshopBot does not send to host {Host}")]
    private partial void LogUpdateRefused(string pollId, string host);
}
