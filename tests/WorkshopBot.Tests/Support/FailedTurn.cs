using WorkshopBot.Protocol.Hosting;

namespace WorkshopBot.Tests.Support;

/// <summary>How a test tells that the bot failed a turn on its own side, whatever the activity.</summary>
internal static class FailedTurn
{
    /// <summary>
    /// A status of 500 or more, or a card press answered 200 with <see cref="BotEndpoint.NothingDone"/> (what a failed
    /// card press gets in place of a 500, since Teams never presses it again).
    /// </summary>
    public static bool Of(int status, string? body) =>
        status >= 500 || (body?.Contains(BotEndpoint.NothingDone, StringComparison.Ordinal) ?? false);
}
