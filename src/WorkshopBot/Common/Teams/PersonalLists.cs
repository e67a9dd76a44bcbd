using WorkshopBot.Cards;
using WorkshopBot.Protocol.Routing;

namespace WorkshopBot.Common.Teams;

/// <summary>
/// Lists that belong to one person ("my audits", "my actions", "returns") are shown only in that person's 1:1 chat with
/// the bot. Typed in a channel or a group chat, the answer would be posted for every member to read, so the bot points to
/// the personal chat instead and shows nothing of the list there.
/// </summary>
public static class PersonalLists
{
    public const string Title = "This list is yours alone";

    /// <summary>
    /// True when the turn is in a personal chat; otherwise sends the pointer to the personal chat, and the caller stops.
    /// </summary>
    public static async Task<bool> InPersonalChatAsync(TurnContext turn, string command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (turn.IsPersonal)
        {
            return true;
        }

        await turn.SendCardAsync(AdaptiveCardJson.ToJsonElement(NoticeCard.Create(Title, Pointer(command), Tone.Info)), ct)
            .ConfigureAwait(false);
        return false;
    }

    /// <summary>The sentence that sends a person to their personal chat to type <paramref name="command"/>.</summary>
    public static string Pointer(string command) =>
        $"Everyone here would see it, so I show it only in our personal chat. Open your chat with me and type **{command}**.";
}
