using WorkshopBot.Cards;
using WorkshopBot.Conversations;
using WorkshopBot.Protocol.Connector;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Common.Teams;

/// <summary>A member of the team, offered as a representative or named lead.</summary>
public sealed record TeamMember(string TeamsId, string UserKey, string Name);

/// <summary>
/// The people of the conversation where the chair works, read from Teams when the chair picks people (an agency's
/// representative, an action's lead).
/// </summary>
internal static class TeamRoster
{
    private const int MaxPages = 10;

    /// <summary>Two pickers of this many people keep a card under 28 KB; larger teams see the first ones by name.</summary>
    public const int MaxChoices = 60;

    /// <summary>The first <see cref="MaxChoices"/> members as a picker's choices: the name shown, the Teams id sent.</summary>
    public static List<Choice> Choices(IEnumerable<TeamMember> members) =>
        members.Take(MaxChoices).Select(m => new Choice(m.Name, m.TeamsId)).ToList();

    /// <summary>The notice a picker shows when Teams gave no members (a conversation always has at least the chair).</summary>
    public const string Unavailable = "Teams did not list this team's members just now. Nothing was changed; try again in a moment.";

    /// <summary>
    /// Everyone in the conversation, page by page, by name. When Teams refuses or fails to answer, the members read so far
    /// (often none): the picker then says so (<see cref="Unavailable"/>) instead of the card action failing.
    /// </summary>
    public static async Task<IReadOnlyList<TeamMember>> MembersAsync(TurnContext turn, CancellationToken ct)
    {
        var members = new List<TeamMember>();
        string? token = null;
        try
        {
            for (var page = 0; page < MaxPages; page++)
            {
                var conversation = ConversationTracker.KeyOf(turn.Activity);
                var result = await turn.Connector.GetPagedMembersAsync(turn.ServiceUrl, conversation, 100, token, ct)
                    .ConfigureAwait(false);
                members.AddRange(result.Members.Select(ToMember));
                token = result.ContinuationToken;
                if (string.IsNullOrEmpty(token))
                {
                    break;
                }
            }
        }
        catch (ConnectorException)
        {
            // A conversation Teams does not know (or an outage): offer what was read, and the picker says it is short.
        }

        return members.OrderBy(m => m.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>The member with this Teams id, or null when there is none in this conversation (or the id is forged).</summary>
    public static async Task<TeamMember?> MemberAsync(TurnContext turn, string? teamsId, CancellationToken ct)
    {
        // "." and ".." (forged) would turn the look-up into another request to Teams: they name nobody.
        if (string.IsNullOrWhiteSpace(teamsId) || ConnectorClient.IsDotSegment(teamsId.Trim()))
        {
            return null;
        }

        try
        {
            return ToMember(await turn.Connector.GetMemberAsync(turn.ServiceUrl, ConversationTracker.KeyOf(turn.Activity), teamsId, ct)
                .ConfigureAwait(false));
        }
        catch (ConnectorException)
        {
            // Not a member of this conversation (or a forged id): treated as no choice.
            return null;
        }
    }

    private static TeamMember ToMember(TeamsChannelAccount m) =>
        new(m.Id, m.AadObjectId ?? m.Id, string.IsNullOrWhiteSpace(m.Name) ? m.Id : m.Name);
}
