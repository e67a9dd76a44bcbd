namespace WorkshopBot.Protocol.Connector;

/// <summary>Per-request facts the connector client hands to its handlers.</summary>
public static class ConnectorRequest
{
    /// <summary>Set on sends, replies and updates: the conversation whose rate limit applies.</summary>
    public static readonly HttpRequestOptionsKey<string> RateLimitedConversation = new("WorkshopBot.Connector.RateLimitedConversation");
}
