namespace WorkshopBot.Protocol.Connector;

/// <summary>Supplies the bot's outbound access token for the connector.</summary>
public interface IBotTokenProvider
{
    /// <summary>A bearer token for the connector, or null in development mode (no app id).</summary>
    Task<string?> GetTokenAsync(CancellationToken cancellationToken);
}
