using WorkshopBot.Hosting;
using WorkshopBot.Insights;
using WorkshopBot.Insights.Teams;
using WorkshopBot.Protocol.Auth;

namespace WorkshopBot.Tests.Insights;

/// <summary>
/// The tab's token is for the tab's app registration: WorkshopBot:Tab:ClientId when set (a bot that is a managed identity
/// has no registration to expose an API), the bot's app id otherwise.
/// </summary>
public sealed class TabClientIdAudiences
{
    private const string BotId = "7b2c1a8e-3f4d-4e5a-9b6c-0d1e2f3a4b5c";
    private const string TabId = "5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716";

    [Fact]
    public void TheTabsOwnClientIdIsTheAudienceWhenSet()
    {
        var audiences = TabSignIn.Audiences(new InsightsOptions { ClientId = " " + TabId + " " }, Bot(), App());

        Assert.Equal(["api://bot.example.org/" + TabId, TabId], audiences);
    }

    [Fact]
    public void WithoutOneTheBotsAppIdIsTheAudience()
    {
        var audiences = TabSignIn.Audiences(new InsightsOptions(), Bot(), App());

        Assert.Equal(["api://bot.example.org/" + BotId, BotId], audiences);
    }

    private static BotAuthenticationOptions Bot() =>
        new() { MicrosoftAppId = BotId, MicrosoftAppType = "UserAssignedMSI", MicrosoftAppTenantId = "4d3c2b1a-0f9e-4d8c-8b7a" };

    private static WorkshopBotOptions App() => new() { PublicBaseUrl = "https://bot.example.org" };
}
