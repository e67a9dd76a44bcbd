using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkshopBot.Hosting;
using WorkshopBot.Protocol.Connector;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Protocol;

/// <summary>
/// The bot cannot get its own token for the connector (an expired client secret, an Entra ID outage): nothing is sent,
/// the activity is still answered as usual (never a 500), and the outbox delivers a committed turn's replies once the
/// token can be had again.
/// </summary>
public sealed class BotTokenUnavailable : IAsyncLifetime
{
    private const string OtherTenant = "9a8b7c6d-0000-4000-8000-00000000beef";
    private readonly SwitchableBotTokenProvider _tokens = new();
    private BotTestHost _host = null!;

    public async Task InitializeAsync() => _host = await BotTestHost.StartAsync(options => options.Services = services =>
    {
        services.RemoveAll<IBotTokenProvider>();
        services.AddSingleton<IBotTokenProvider>(_tokens);
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ACommittedTurnIsAnsweredAndItsReplyGoesOnceTheTokenWorksAgain()
    {
        var person = BotTestHost.User("Token Outage Chair");
        var chat = BotTestHost.PersonalChat(person);
        var help = _host.Message(person, chat, "help");

        using var response = await _host.PostAsync(help);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(_tokens.Failures > 0, "The turn's reply was never tried.");
        Assert.Empty(_host.Sent(chat.Id));
        Assert.NotNull(await _host.Get<IProcessedActivityStore>().FindAsync(chat.Id, help.Id!));

        _tokens.Failing = false;
        await _host.DrainOutboxAsync();

        var answer = Assert.Single(_host.Sent(chat.Id));
        Assert.NotEmpty(answer.Cards);
        Assert.All(_host.Connector.Requests, r => Assert.Equal("Bearer " + FakeBotTokenProvider.DefaultToken, r.Authorization));
    }

    /// <summary>
    /// An outage longer than the outbox's attempts (5, 30 s apart) spends none of them: nothing could be sent, so the
    /// reply (a safety alert, say) still goes once the token can be had.
    /// </summary>
    [Fact]
    public async Task AnOutageLongerThanTheOutboxsAttemptsSpendsNoneOfThem()
    {
        var clock = new ManualTimeProvider();
        var tokens = new SwitchableBotTokenProvider();
        await using var host = await BotTestHost.StartAsync(options =>
        {
            options.Time = clock;
            options.Services = services =>
            {
                services.RemoveAll<IBotTokenProvider>();
                services.AddSingleton<IBotTokenProvider>(tokens);
            };
        });
        var person = BotTestHost.User("Long Outage Chair");
        var chat = BotTestHost.PersonalChat(person);

        using var response = await host.PostAsync(host.Message(person, chat, "help"));
        // Six minutes of outage, the outbox trying once each time the message is due again.
        for (var i = 0; i < 12; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(31));
            await host.DrainOutboxAsync(maxRounds: 1);
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(tokens.Failures > 5, $"{tokens.Failures} tries during the outage");
        Assert.Empty(host.Sent(chat.Id));
        tokens.Failing = false;
        clock.Advance(TimeSpan.FromSeconds(31));
        await host.DrainOutboxAsync(maxRounds: 1);
        Assert.Single(host.Sent(chat.Id));
    }

    [Fact]
    public async Task ARefusalIsStillAnswered200WhenItsPoliteMessageCannotBeSent()
    {
        var outsider = BotTestHost.User("Token Outage Outsider");
        var chat = BotTestHost.PersonalChat(outsider);
        var message = _host.Message(outsider, chat, "new audit");
        message = message with
        {
            Conversation = message.Conversation! with { TenantId = OtherTenant },
            ChannelData = BotJson.ToElement(new TeamsChannelData
            {
                Tenant = new TenantInfo { Id = OtherTenant },
            }),
        };

        using var response = await _host.PostAsync(message);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, _tokens.Failures);
        Assert.Empty(_host.Connector.Requests);
        Assert.Null(await _host.Get<IConversationStore>().GetAsync(chat.Id));
    }

    [Fact]
    public async Task TheConnectorClientReportsANotSentTransientFailure()
    {
        var client = _host.Get<IConnectorClient>();

        var error = await Assert.ThrowsAsync<BotTokenUnavailableException>(() => client.SendToConversationAsync(
            _host.ServiceUrl, "a:token-outage", new Activity { Type = "message", Text = "x" }));

        Assert.Null(error.StatusCode);
        Assert.Equal(BotTokenUnavailableException.Code, error.ErrorCode);
        Assert.IsType<Microsoft.Identity.Client.MsalServiceException>(error.InnerException);
        Assert.Empty(_host.Connector.Requests);
    }
}
