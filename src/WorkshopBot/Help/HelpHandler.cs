using Microsoft.Extensions.Options;
using WorkshopBot.Cards;
using WorkshopBot.Conversations;
using WorkshopBot.Hosting;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Help;

/// <summary>Welcomes people when the bot is added and answers <c>help</c>.</summary>
public sealed class HelpHandler(Roles roles, IEnumerable<IRepresentativeLookup> representatives, IOptions<WorkshopBotOptions> options)
{
    public static void Map(ActivityRouter router)
    {
        router.OnCommand("help", (turn, _, ct) => Get(turn).SendHelpAsync(turn, ct));
        router.OnCardAction<ShowHelpData>(HelpVerbs.Show, (turn, _, ct) => Get(turn).ShowHelpAsync(turn, ct));
        router.OnConversationUpdate((turn, ct) => Get(turn).WelcomeAsync(turn, ct));
        router.OnUnmatchedMessage((turn, ct) => turn.SendTextAsync("Sorry, I did not understand that. Type **help** to see what you can do.", ct));
    }

    private static HelpHandler Get(TurnContext turn) => (HelpHandler)turn.Services.GetService(typeof(HelpHandler))!;

    public async Task WelcomeAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        // Teams sends conversationUpdate (bot in membersAdded) and installationUpdate for one install; greeting on
        // the first alone avoids two welcome cards. installationUpdate still refreshes the stored reference.
        if (turn.Activity.Type != ActivityTypes.ConversationUpdate || !ConversationTracker.IsBotAdded(turn.Activity))
        {
            return;
        }

        var card = HelpCards.Welcome(options.Value.PartnershipName, turn.IsPersonal);
        await turn.SendCardAsync(AdaptiveCardJson.ToJsonElement(card), cancellationToken).ConfigureAwait(false);
    }

    public async Task SendHelpAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var card = HelpCards.Help(await CapabilitiesAsync(turn, cancellationToken).ConfigureAwait(false));
        await turn.SendCardAsync(AdaptiveCardJson.ToJsonElement(card), cancellationToken).ConfigureAwait(false);
    }

    public async Task<InvokeResponse> ShowHelpAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var card = HelpCards.Help(await CapabilitiesAsync(turn, cancellationToken).ConfigureAwait(false));
        return new InvokeResponse(200, AdaptiveCardInvokeResponse.Card(AdaptiveCardJson.ToJsonElement(card)));
    }

    private async Task<UserCapabilities> CapabilitiesAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var isRepresentative = false;
        foreach (var lookup in representatives)
        {
            isRepresentative |= await lookup.IsRepresentativeAsync(turn.UserKey, cancellationToken).ConfigureAwait(false);
        }

        return new UserCapabilities(roles.IsAdmin(turn.UserKey), roles.MayCreateAudits(turn.UserKey), isRepresentative, turn.IsPersonal);
    }
}

/// <summary>Lets the audit feature tell the help card whether someone represents an agency, without help knowing audits.</summary>
public interface IRepresentativeLookup
{
    Task<bool> IsRepresentativeAsync(string userKey, CancellationToken cancellationToken);
}
