using System.Net;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Foundation;

/// <summary>
/// The channel an activity claims must be one the bot serves (Teams) and one the token's signing key is endorsed for.
/// Probed over real HTTP with tokens signed by locally generated keys: an activity that says "webchat" or "directline"
/// (where people are not the partnership's Entra users) is refused, whatever its token, and nothing is stored.
/// </summary>
public sealed class InboundChannelEndorsement : IAsyncLifetime
{
    private BotTestHost _host = null!;

    public async Task InitializeAsync() => _host = await BotTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string?, string[], HttpStatusCode> Matrix => new()
    {
        // channelId claimed by the activity, endorsements of the key that signed its token, expected answer
        { "msteams", ["msteams"], HttpStatusCode.OK },
        { "msteams", ["msteams", "webchat"], HttpStatusCode.OK },
        { "webchat", ["msteams"], HttpStatusCode.Unauthorized },
        { "directline", ["msteams"], HttpStatusCode.Unauthorized },
        { "msteams", ["webchat"], HttpStatusCode.Unauthorized },
        { "msteams", [], HttpStatusCode.Unauthorized },
        { null, ["msteams"], HttpStatusCode.Unauthorized },
        { "webchat", ["webchat"], HttpStatusCode.Forbidden },
        { "directline", ["directline", "webchat"], HttpStatusCode.Forbidden },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task AnActivityIsHandledOnlyFromTeamsWithAKeyEndorsedForIt(string? channelId, string[] endorsements,
        HttpStatusCode expected)
    {
        var key = TestTokenIssuer.CreateRsaKey();
        _host.Issuer.PublishKey(key, endorsements);
        var chair = BotTestHost.User("Chair Impersonator");
        var activity = _host.Message(chair, BotTestHost.PersonalChat(chair), "help") with { ChannelId = channelId };

        using var response = await _host.PostAsync(activity,
            "Bearer " + _host.Issuer.CreateToken(BotTestHost.AppId, _host.ServiceUrl, signingKey: key));
        await _host.DrainOutboxAsync();

        Assert.Equal(expected, response.StatusCode);
        var conversations = await _host.Get<IConversationStore>().ListActiveAsync(cancellationToken: CancellationToken.None);
        if (expected == HttpStatusCode.OK)
        {
            Assert.NotEmpty(_host.Sent());
            Assert.NotEmpty(conversations);
        }
        else
        {
            Assert.Empty(_host.Sent());
            Assert.Empty(conversations);
        }
    }
}
