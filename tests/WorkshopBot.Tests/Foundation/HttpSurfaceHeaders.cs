using System.Net;
using System.Net.Http.Headers;
using System.Text;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Foundation;

/// <summary>
/// The HTTP surface in production mode (real Kestrel, real signed tokens): a body not declared JSON is refused 415 before
/// it is read, a 401 names the Bearer scheme and nothing else, and every answer carries Strict-Transport-Security, which
/// local development mode (loopback http) does not send.
/// </summary>
public sealed class HttpSurfaceHeaders : IAsyncLifetime
{
    private static readonly TestUser Sam = BotTestHost.User("Sam Chair");
    private BotTestHost _host = null!;

    public async Task InitializeAsync() => _host = await BotTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("text/plain")]
    [InlineData("text/plain; charset=utf-8")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/xml")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/json; charset=latin1")]
    [InlineData(null)]
    public async Task AWellTokenedBodyNotDeclaredJsonIsRefused415AndHandlesNothing(string? contentType)
    {
        using var response = await PostAsync(contentType, "Bearer " + _host.Issuer.CreateToken(BotTestHost.AppId, _host.ServiceUrl));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Empty(_host.Connector.Requests);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=UTF-8")]
    [InlineData("Application/JSON; charset=\"utf-8\"")]
    public async Task JsonWithOrWithoutItsCharsetIsAnswered(string contentType)
    {
        using var response = await PostAsync(contentType, "Bearer " + _host.Issuer.CreateToken(BotTestHost.AppId, _host.ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(_host.Connector.Requests);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Bearer not-a-token")]
    public async Task ARefusedTokenIs401WithTheBearerSchemeAndNoReasonWhateverTheBody(string authorization)
    {
        using var response = await PostAsync("text/plain", authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Null(challenge.Parameter);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/api/messages")]
    [InlineData("/tab/api/summary")]
    public async Task EveryAnswerInProductionModeAsksForHttps(string path)
    {
        using var request = new HttpRequestMessage(path == "/api/messages" ? HttpMethod.Post : HttpMethod.Get, path);
        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(["max-age=31536000; includeSubDomains"], response.Headers.GetValues("Strict-Transport-Security"));
    }

    [Fact]
    public async Task LocalDevelopmentModeDoesNotAskForHttps()
    {
        await using var host = await BotTestHost.StartAsync(o =>
        {
            o.Settings["MicrosoftAppId"] = "";
            o.Settings["MicrosoftAppPassword"] = "";
        });

        using var response = await host.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    private async Task<HttpResponseMessage> PostAsync(string? contentType, string authorization)
    {
        var activity = _host.Message(Sam, BotTestHost.PersonalChat(Sam), "help");
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(BotJson.Serialize(activity)));
        content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = content };
        if (authorization.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await _host.Client.SendAsync(request);
    }
}
