using System.Net;
using System.Net.Http.Headers;
using System.Text;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Foundation;

/// <summary>
/// Without an app id (local development mode) a loopback address is not enough: a web page the developer visits could
/// POST a text/plain "simple" request to localhost, or reach the bot through DNS rebinding under its own host name. So
/// the bot wants application/json, a Host header that is localhost or a loopback literal, and no proxy's headers.
/// </summary>
public sealed class DevelopmentModeCallers : IAsyncLifetime
{
    private static readonly TestUser Kim = BotTestHost.User("Kim Developer");
    private BotTestHost _host = null!;

    public async Task InitializeAsync() => _host = await BotTestHost.StartAsync(o =>
    {
        o.Settings["MicrosoftAppId"] = "";
        o.Settings["MicrosoftAppPassword"] = "";
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("localhost:3978")]
    [InlineData("LOCALHOST")]
    [InlineData("127.0.0.1:56150")]
    [InlineData("[::1]:3978")]
    public async Task AJsonPostToALoopbackHostIsAnswered(string hostHeader)
    {
        using var response = await PostAsync("application/json; charset=utf-8", request => request.Headers.Host = hostHeader);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(_host.Connector.Requests);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("text/plain; charset=utf-8")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData(null)]
    public async Task ABodyThatIsNotDeclaredJsonIsRefused415(string? contentType)
    {
        using var response = await PostAsync(contentType, _ => { });

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Empty(_host.Connector.Requests);
    }

    [Theory]
    [InlineData("attacker.example")]
    [InlineData("attacker.example:3978")]
    [InlineData("localhost.attacker.example")]
    [InlineData("127.0.0.1.nip.io:3978")]
    [InlineData("10.0.0.5:3978")]
    public async Task AHostHeaderThatIsNotLoopbackIsRefused403(string hostHeader)
    {
        using var response = await PostAsync("application/json", request => request.Headers.Host = hostHeader);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(_host.Connector.Requests);
    }

    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.7")]
    [InlineData("Forwarded", "for=203.0.113.7;proto=https")]
    [InlineData("X-Forwarded-Host", "bot.example.org")]
    public async Task ARequestAProxyForwardedIsRefused403(string header, string value)
    {
        using var response = await PostAsync("application/json", request => request.Headers.TryAddWithoutValidation(header, value));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(_host.Connector.Requests);
    }

    [Fact]
    public async Task WithAnAppIdAProxysHeadersAndAnotherHostAreAccepted()
    {
        // App Service's front end adds X-Forwarded-For and the public host name: the token is the check there.
        await using var host = await BotTestHost.StartAsync();
        var activity = host.Message(Kim, BotTestHost.PersonalChat(Kim), "help");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(BotJson.Serialize(activity), Encoding.UTF8, "application/json"),
        };
        request.Headers.Host = "workshopbot.azurewebsites.net";
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "203.0.113.7");
        var token = host.Issuer.CreateToken(BotTestHost.AppId, host.ServiceUrl);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(host.Connector.Requests);
    }

    private async Task<HttpResponseMessage> PostAsync(string? contentType, Action<HttpRequestMessage> adjust)
    {
        var activity = _host.Message(Kim, BotTestHost.PersonalChat(Kim), "help");
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(BotJson.Serialize(activity)));
        content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = content };
        adjust(request);
        return await _host.Client.SendAsync(request);
    }
}
