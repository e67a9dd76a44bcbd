namespace WorkshopBot.Protocol.Hosting;

/// <summary>Limits of the inbound endpoint (section <c>Bot</c>).</summary>
public sealed class BotEndpointOptions
{
    /// <summary>Largest accepted request body. Teams messages are at most about 100 KB; 256 KB leaves room.</summary>
    public int MaxRequestBodyBytes { get; set; } = 256 * 1024;
}
