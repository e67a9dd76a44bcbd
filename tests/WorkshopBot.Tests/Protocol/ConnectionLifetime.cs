using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Protocol.Auth;
using WorkshopBot.Protocol.Connector;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Protocol;

/// <summary>
/// The outbox is a singleton holding one connector client, so the client's handler is never replaced by the factory:
/// DNS changes of smba.trafficmanager.net (and of Entra ID, and the OpenID metadata host) reach the bot only because its
/// pooled connections are closed after two minutes (BotConnectorServiceCollectionExtensions.PooledConnectionLifetime). That
/// holds whatever handler lifetime the clients are given (an infinite one, say, since the outbox keeps its handler anyway).
/// </summary>
public sealed class ConnectionLifetime
{
    [Theory]
    [InlineData(nameof(IConnectorClient))]
    [InlineData(BotAppCredential.HttpClientName)]
    [InlineData(BotTokenValidator.MetadataHttpClientName)]
    public void PooledConnectionsAreRecycledEveryTwoMinutesEvenWhenTheHandlerIsKeptForever(string client)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = BotTestHost.AppId,
            ["MicrosoftAppPassword"] = "secret",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddBotConnector(configuration);
        // The factory's own primary handler recycles connections only as often as it replaces handlers (2 min by default).
        services.AddHttpClient(client).SetHandlerLifetime(Timeout.InfiniteTimeSpan);

        using var provider = services.BuildServiceProvider();
        HttpMessageHandler handler = provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(client);
        while (handler is DelegatingHandler { InnerHandler: { } inner })
        {
            handler = inner;
        }

        var primary = Assert.IsType<SocketsHttpHandler>(handler);
        Assert.Equal(TimeSpan.FromMinutes(2), primary.PooledConnectionLifetime);
        // The service URL policy (and, for Entra ID and the metadata, the configured address) approves the first hop only.
        Assert.False(primary.AllowAutoRedirect);
    }
}
