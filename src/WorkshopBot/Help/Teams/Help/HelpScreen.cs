using Microsoft.Extensions.Options;
using WorkshopBot.Cards;
using WorkshopBot.Common.Teams;
using WorkshopBot.Conversations;
using WorkshopBot.Help.Domain;
using WorkshopBot.Hosting;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Help.Teams;

/// <summary>Data of <see cref="HelpScreen.Show"/>; carries nothing but keeps the data typed.</summary>
public sealed record ShowHelpData;

/// <summary>Data of <see cref="HelpScreen.RunCommand"/>: the typed command a help card button stands for.</summary>
public sealed record HelpCommandData(string? Command);

/// <summary>The welcome card when the bot is added, and the help card: what this person may do.</summary>
public sealed class HelpScreen(Roles roles, IEnumerable<IRepresentativeLookup> representatives, IOptions<WorkshopBotOptions> options)
{
    /// <summary>"What can I do?" on the welcome card: answers with the help card in place.</summary>
    public const string Show = "help.show";

    /// <summary>
    /// A button on the help card (Action.Submit): runs the command it names exactly as if it had been typed, so the same
    /// handler answers and checks the person's role.
    /// </summary>
    public const string RunCommand = "help.command";

    public const string NotUnderstood = "Sorry, I did not understand that. Type **help** to see what you can do.";

    public static void Map(ActivityRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        router.OnCommand("help", (turn, _, ct) => turn.Screen<HelpScreen>().SendHelpAsync(turn, ct));
        router.OnSubmit<HelpCommandData>(RunCommand, async (turn, data, ct) =>
        {
            // Only the commands the card offers; anything else a forged or old card carries is not understood.
            if (!HelpCard.Buttons.Any(b => string.Equals(b.Command, data.Command, StringComparison.OrdinalIgnoreCase))
                || !await router.RunCommandAsync(turn, data.Command!, ct).ConfigureAwait(false))
            {
                await turn.SendTextAsync(NotUnderstood, ct).ConfigureAwait(false);
            }
        });
        router.OnCardAction<ShowHelpData>(Show, (turn, _, ct) => turn.Screen<HelpScreen>().ShowHelpAsync(turn, ct));
        router.OnConversationUpdate((turn, ct) => turn.Screen<HelpScreen>().WelcomeAsync(turn, ct));
        router.OnUnmatchedMessage((turn, ct) => turn.SendTextAsync(NotUnderstood, ct));
    }

    public async Task WelcomeAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        // Teams sends conversationUpdate (bot in membersAdded) and installationUpdate for one install; greeting on
        // the first alone avoids two welcome cards. installationUpdate still refreshes the stored reference.
        if (turn.Activity.Type != ActivityTypes.ConversationUpdate || !ConversationTracker.IsBotAdded(turn.Activity))
        {
            return;
        }

        var card = HelpCard.Welcome(options.Value.PartnershipName, turn.IsPersonal);
        await turn.SendCardAsync(AdaptiveCardJson.ToJsonElement(card), cancellationToken).ConfigureAwait(false);
    }

    public async Task SendHelpAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var card = HelpCard.Help(await CapabilitiesAsync(turn, cancellationToken).ConfigureAwait(false));
        await turn.SendCardAsync(AdaptiveCardJson.ToJsonElement(card), cancellationToken).ConfigureAwait(false);
    }

    public async Task<InvokeResponse> ShowHelpAsync(TurnContext turn, CancellationToken cancellationToken) =>
        Reply.Card(HelpCard.Help(await CapabilitiesAsync(turn, cancellationToken).ConfigureAwait(false)));

    private async Task<UserCapabilities> CapabilitiesAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var isRepresentative = false;
        foreach (var lookup in representatives)
        {
            isRepresentative |= await lookup.IsRepresentativeAsync(turn.Person(), cancellationToken).ConfigureAwait(false);
        }

        return new UserCapabilities(roles.IsAdmin(turn.Person()), roles.MayCreateAudits(turn.Person()), isRepresentative, turn.IsPersonal);
    }
}
