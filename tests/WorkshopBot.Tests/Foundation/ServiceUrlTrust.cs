using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WorkshopBot.Cards;
using WorkshopBot.Help.Teams;
using WorkshopBot.Protocol.Auth;
using WorkshopBot.Protocol.Hosting;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Foundation;

/// <summary>
/// The bot's token goes only to allow-listed hosts, and nothing at all to a host that is neither listed nor loopback (an
/// activity naming one is refused at the door); without an app id the bot talks to loopback only.
/// </summary>
public sealed class ServiceUrlTrust
{
    private static readonly TestUser Kim = BotTestHost.User("Kim Practitioner");

    [Fact]
    public async Task AttachesTheTokenOnlyForAnAllowListedServiceUrl()
    {
        await using var host = await BotTestHost.StartAsync(o =>
        {
            o.Settings["Bot:AllowLoopbackServiceUrls"] = "false";
            o.Settings["Bot:AllowedServiceUrlHosts:0"] = "localhost";
        });
        var chat = BotTestHost.PersonalChat(Kim);

        // Same fake connector, reached as "localhost" (allowed) and as "127.0.0.1" (not allowed).
        await host.SendAsync(host.Message(Kim, chat, "help") with { ServiceUrl = host.Connector.LocalhostBaseUrl });
        await host.SendAsync(host.Message(Kim, chat, "help") with { ServiceUrl = host.Connector.BaseUrl });

        var requests = host.Connector.Requests.Where(r => r.Method == "POST").ToList();
        Assert.Equal(2, requests.Count);
        Assert.Equal("Bearer " + FakeBotTokenProvider.DefaultToken, requests[0].Authorization);
        Assert.Null(requests[1].Authorization);
    }

    [Theory]
    [InlineData("https://connector.example.invalid/emea/")]
    [InlineData("https://smba.trafficmanager.net.example.invalid/emea/")]
    [InlineData("http://smba.trafficmanager.net/emea/")]
    [InlineData("http://10.1.2.3:3978/")]
    public async Task RefusesAnActivityForAServiceUrlTheBotWouldNotAnswerBeforeAnythingRuns(string serviceUrl)
    {
        // Validly signed for that serviceUrl (as an AllowedCallers app or the bot's own app could be), but the bot would
        // never send there: 400, and nothing stored, queued or sent, so no change is made that could not be answered.
        await using var host = await BotTestHost.StartAsync();
        var chat = BotTestHost.PersonalChat(Kim);
        var message = host.Message(Kim, chat, "help");

        using var refused = await host.PostAsync(message with { ServiceUrl = serviceUrl });
        var invoke = await host.InvokeAsync(
            host.CardAction(Kim, chat, HelpScreen.Show, new ShowHelpData()) with { ServiceUrl = serviceUrl });
        await host.DrainOutboxAsync();

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invoke.Status);
        Assert.Empty(host.Connector.Requests);
        Assert.Null(await host.Get<IConversationStore>().GetAsync(chat.Id));
        Assert.Null(await host.Get<IProcessedActivityStore>().FindAsync(chat.Id, message.Id!));

        // The same activity from the trusted serviceUrl is handled as usual.
        await host.SendAsync(message);
        Assert.Single(host.Connector.Requests);
    }

    [Fact]
    public async Task DevelopmentModeAcceptsLoopbackWithoutATokenAndRepliesWithoutOne()
    {
        await using var host = await BotTestHost.StartAsync(o =>
        {
            o.Settings["MicrosoftAppId"] = "";
            o.Settings["MicrosoftAppPassword"] = "";
        });
        var chat = BotTestHost.PersonalChat(Kim);

        using var response = await host.PostAsync(host.Message(Kim, chat, "help"), authorization: "");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(host.Connector.Requests);
        Assert.Null(reply.Authorization);
    }

    [Fact]
    public async Task DevelopmentModeRefusesAnActivityForANonLoopbackServiceUrl()
    {
        await using var host = await BotTestHost.StartAsync(o =>
        {
            o.Settings["MicrosoftAppId"] = "";
            o.Settings["MicrosoftAppPassword"] = "";
        });
        var activity = host.Message(Kim, BotTestHost.PersonalChat(Kim), "help") with { ServiceUrl = "https://smba.trafficmanager.net/uk/" };

        using var response = await host.PostAsync(activity, authorization: "");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(host.Connector.Requests);
    }

    [Theory]
    [InlineData("10.1.2.3", StatusCodes.Status401Unauthorized)]
    [InlineData("192.168.0.10", StatusCodes.Status401Unauthorized)]
    [InlineData("127.0.0.1", StatusCodes.Status400BadRequest)]
    [InlineData("::1", StatusCodes.Status400BadRequest)]
    public async Task DevelopmentModeRefusesCallersThatAreNotLoopback(string remoteAddress, int expected)
    {
        // The remote address cannot be faked over real sockets here, so the endpoint runs on a constructed request.
        var services = new ServiceCollection()
            .AddLogging()
            .Configure<BotAuthenticationOptions>(_ => { })
            .Configure<BotEndpointOptions>(_ => { })
            .BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = services };
        http.Connection.RemoteIpAddress = IPAddress.Parse(remoteAddress);
        http.Request.Host = new HostString("localhost", 3978);
        http.Request.ContentType = "application/json";
        http.Request.Body = new MemoryStream("{}"u8.ToArray());

        var result = await BotEndpoint.HandleAsync(http, CancellationToken.None);
        await result.ExecuteAsync(http);

        Assert.Equal(expected, http.Response.StatusCode);
    }
}
