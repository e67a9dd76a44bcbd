using WorkshopBot.Cards;
using WorkshopBot.Help.Domain;
using WorkshopBot.Help.Teams;
using WorkshopBot.Tests.Cards;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Foundation;

/// <summary>Every card the foundation sends (welcome, help for each role) is valid Adaptive Card 1.5 and at most 28 KB.</summary>
[Collection(NodeToolsCollection.Name)]
public sealed class FoundationCards(NodeTools tools)
{
    [Fact]
    public void EveryWelcomeAndHelpCardIsValidAndSmall()
    {
        var cards = new Dictionary<string, AdaptiveCard>
        {
            ["welcome-personal"] = HelpCard.Welcome(new string('P', 120), isPersonal: true),
            ["welcome-channel"] = HelpCard.Welcome("North Safeguarding Children Partnership", isPersonal: false),
        };
        foreach (var admin in new[] { false, true })
        {
            foreach (var chair in new[] { false, true })
            {
                foreach (var rep in new[] { false, true })
                {
                    cards[$"help-admin{admin}-chair{chair}-rep{rep}"] =
                        HelpCard.Help(new UserCapabilities(admin, chair, rep, IsPersonalChat: !rep));
                }
            }
        }

        var results = new CardValidator(tools).Validate(cards);

        Assert.All(results, r => Assert.True(r.Valid, r.ToString()));
        Assert.All(cards, c => Assert.True(CardSizeLimit.Fits(c.Value), c.Key));
    }
}
