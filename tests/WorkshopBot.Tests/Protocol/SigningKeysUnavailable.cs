using System.Net;
using WorkshopBot.Help.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Protocol;

/// <summary>
/// When the authority's signing keys cannot be fetched (login.botframework.com unreachable), a token cannot be checked:
/// the bot answers 503 with a Retry-After, not 401, since a 401 tells Teams the caller was at fault and the person's
/// action is dropped. Nothing runs and nothing is stored; the same activity goes through once the keys are back.
/// </summary>
public sealed class SigningKeysUnavailable : IAsyncLifetime
{
    private static readonly TestUser Kim = BotTestHost.User("Kim Keys Outage");
    private BotTestHost _host = null!;

    public async Task InitializeAsync() => _host = await BotTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AValidTokenIsAnswered503WhileTheKeysCannotBeFetchedAndAcceptedOnceTheyCan()
    {
        var chat = BotTestHost.PersonalChat(Kim);
        var help = _host.Message(Kim, chat, "help");
        _host.Issuer.KeysUnavailable = true;

        using var refused = await _host.PostAsync(help);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.True(_host.Issuer.KeySetRequests > 0, "The keys were never asked for.");
        Assert.Empty(_host.Connector.Requests);
        Assert.Null(await _host.Get<IProcessedActivityStore>().FindAsync(chat.Id, help.Id!));

        _host.Issuer.KeysUnavailable = false;
        using var redelivered = await _host.PostAsync(help);
        await _host.DrainOutboxAsync();

        Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        Assert.Single(_host.Sent(chat.Id));
    }

    [Fact]
    public async Task AnInvokeIsAnswered503TooNot401()
    {
        var chat = BotTestHost.PersonalChat(Kim);
        _host.Issuer.KeysUnavailable = true;

        var result = await _host.InvokeAsync(_host.CardAction(Kim, chat, HelpScreen.Show, new ShowHelpData()));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, result.Status);
        Assert.Empty(_host.Connector.Requests);
    }

    [Fact]
    public async Task AForgedTokenIsStill401WhenTheKeysAreAvailable()
    {
        var help = _host.Message(Kim, BotTestHost.PersonalChat(Kim), "help");
        var forged = _host.Issuer.CreateToken(BotTestHost.AppId, help.ServiceUrl,
            signingKey: TestTokenIssuer.CreateRsaKey(_host.Issuer.SigningKey.KeyId));

        using var response = await _host.PostAsync(help, "Bearer " + forged);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True(_host.Issuer.KeySetRequests > 0, "The keys were never asked for.");
        Assert.Empty(_host.Connector.Requests);
    }

    [Fact]
    public async Task AForgedTokenIsNeverAcceptedWhileTheKeysCannotBeFetched()
    {
        var help = _host.Message(Kim, BotTestHost.PersonalChat(Kim), "help");
        var forged = _host.Issuer.CreateToken(BotTestHost.AppId, help.ServiceUrl, signingKey: TestTokenIssuer.CreateRsaKey());
        _host.Issuer.KeysUnavailable = true;

        using var response = await _host.PostAsync(help, "Bearer " + forged);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Empty(_host.Connector.Requests);
    }
}
