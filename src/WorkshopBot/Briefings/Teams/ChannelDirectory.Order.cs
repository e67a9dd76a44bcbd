using System.Globalization;
using WorkshopBot.Storage;

namespace WorkshopBot.Briefings.Teams;

/// <summary>The order people see channels in: by the names shown, as an English reader expects, whatever the store.</summary>
public sealed partial class ChannelDirectory
{
    /// <summary>
    /// Names compared as in English (en-GB): upper and lower case and accents together (a, A, á, b), "2 Early Help" and "10
    /// Early Help" before letters, digit by digit. Fixed here, not left to the database, whose collation is the server's.
    /// </summary>
    public static readonly StringComparer NameOrder = StringComparer.Create(CultureInfo.GetCultureInfo("en-GB"), CompareOptions.None);

    /// <summary>
    /// Channels as the publish picker lists them: by team name, then channel name, each as shown (<see cref="NameOf"/>), in
    /// <see cref="NameOrder"/>; two of the same names by id, so the order never changes between two openings.
    /// </summary>
    public static IReadOnlyList<ConversationRecord> InPickerOrder(IEnumerable<ConversationRecord> channels) =>
        channels.OrderBy(c => TeamShown(c.TeamName), NameOrder)
            .ThenBy(c => ChannelShown(c.ChannelName, c.ConversationId, c.TeamId), NameOrder)
            .ThenBy(c => c.ConversationId, StringComparer.Ordinal).ToList();

    private static string TeamShown(string? teamName) => string.IsNullOrWhiteSpace(teamName) ? "Unnamed team" : teamName;

    private static string ChannelShown(string? channelName, string channelId, string? teamId) =>
        !string.IsNullOrWhiteSpace(channelName) ? channelName
        : string.Equals(channelId, teamId, StringComparison.Ordinal) ? General
        : "Unnamed channel";
}
