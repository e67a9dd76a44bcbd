namespace WorkshopBot.Protocol.Hosting;

/// <summary>
/// Thrown by the app's <see cref="ITurnCoordinator"/> when a turn could not be done for a passing reason on the bot's side
/// (its store busy or out of reach for a moment), with nothing of it stored: the endpoint answers 503 with Retry-After
/// instead of 500, so Teams and anything watching know to try again, and a person who pressed a card's button is told.
/// </summary>
public sealed class TurnUnavailableException : Exception
{
    public TurnUnavailableException(string reason, TimeSpan retryAfter, Exception innerException)
        : base("The turn could not be done just now: " + reason, innerException)
    {
        Reason = reason;
        RetryAfter = retryAfter;
    }

    /// <summary>What failed, without any value the failure may quote (the exception's type and error code).</summary>
    public string Reason { get; }

    /// <summary>When to try again.</summary>
    public TimeSpan RetryAfter { get; }
}
