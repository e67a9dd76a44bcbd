namespace WorkshopBot.Protocol.Hosting;

/// <summary>
/// Remembers which activities were handled so a redelivered activity (same id in the same conversation)
/// is processed once. Implemented by the application's store.
/// </summary>
public interface IActivityDeduplicator
{
    /// <summary>True the first time this activity is seen; false for a duplicate.</summary>
    Task<bool> TryBeginAsync(string conversationId, string activityId, CancellationToken cancellationToken);

    /// <summary>Forgets an activity whose handling failed, so a redelivery can try again.</summary>
    Task ForgetAsync(string conversationId, string activityId, CancellationToken cancellationToken);
}
