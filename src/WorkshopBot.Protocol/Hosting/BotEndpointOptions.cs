namespace WorkshopBot.Protocol.Hosting;

/// <summary>Limits of the inbound endpoint (section <c>Bot</c>).</summary>
public sealed class BotEndpointOptions
{
    /// <summary>Largest accepted request body. Teams messages are at most about 100 KB; 256 KB leaves room.</summary>
    public int MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// Channels the bot serves (<c>activity.channelId</c>). Teams only: an activity from Web Chat or Direct Line is
    /// refused with 403 even with a valid token, since people there are not Entra identities of the partnership. The
    /// Agents Playground sends <c>msteams</c> too (start it with <c>-c msteams</c>).
    /// </summary>
    public List<string> AllowedChannelIds { get; set; } = ["msteams"];

    /// <summary>
    /// How long after an invoke arrives its turn is answered at the latest, whatever it waits for (4 s; Teams gives an invoke
    /// about 5 s before it shows the person an error, and the rest is the network's). Within it the connector starts no
    /// rate-limit wait that would end after it (<see cref="Connector.SendDeadline.BeginTurn"/>), and the turn's answer waits
    /// for its own replies (Outbox:ReplyWait) only while it lasts.
    /// </summary>
    public TimeSpan AnswerWithin { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>
    /// Lets a bot with no <c>MicrosoftAppId</c> (local development mode: no authentication) start when the host environment
    /// is not <c>Development</c>: for test runs and tools that start the built bot themselves. It still starts only when
    /// every address it listens on is loopback. Off by default: a deployed bot missing its app id refuses to start.
    /// </summary>
    public bool AllowDevelopmentMode { get; set; }
}
