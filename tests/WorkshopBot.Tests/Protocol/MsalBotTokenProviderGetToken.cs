using Microsoft.Extensions.Options;
using WorkshopBot.Cards;
using WorkshopBot.Protocol.Auth;
using WorkshopBot.Protocol.Connector;

namespace WorkshopBot.Tests.Protocol;

public sealed class MsalBotTokenProviderGetToken
{
    [Fact]
    public async Task ReturnsNullInDevelopmentMode()
    {
        var provider = new MsalBotTokenProvider(Options.Create(new BotAuthenticationOptions()));

        Assert.Null(await provider.GetTokenAsync(CancellationToken.None));
    }

    [Fact]
    public void BuildsWithoutNetworkForHttpsAuthority()
    {
        var options = new BotAuthenticationOptions { MicrosoftAppId = "11111111-2222-3333-4444-555555555555", MicrosoftAppPassword = "not-a-real-secret" };

        var provider = new MsalBotTokenProvider(Options.Create(options));

        Assert.NotNull(provider);
    }

    [Fact]
    public void MsalRefusesPlainHttpAuthoritySoTestsReplaceTheProvider()
    {
        var options = new BotAuthenticationOptions
        {
            MicrosoftAppId = "11111111-2222-3333-4444-555555555555",
            MicrosoftAppPassword = "not-a-real-secret",
            ToChannelFromBotLoginUrl = "http://127.0.0.1:9/botframework.com",
        };

        // MSAL rejects non-https authorities when the app is built; the options validator reports it earlier.
        Assert.Throws<ArgumentException>(() => new MsalBotTokenProvider(Options.Create(options)));
    }
}
