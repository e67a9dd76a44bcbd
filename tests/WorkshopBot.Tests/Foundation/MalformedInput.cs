using System.Net;
using System.Text;
using WorkshopBot.Cards;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Foundation;

/// <summary>Bad bodies are 400 (or 413 when too large), never a 500, and change nothing.</summary>
public sealed class MalformedInput : IAsyncLifetime
{
    private BotTestHost _host = null!;

    public async Task InitializeAsync() => _host = await BotTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string> BadBodies => new()
    {
        "",
        "{",
        "not json at all",
        "[]",
        "null",
        "42",
        """{"id":"a1","text":"help","serviceUrl":"SERVICE","conversation":{"id":"c1"},"from":{"id":"u1"}}""",
        """{"type":"","serviceUrl":"SERVICE","conversation":{"id":"c1"}}""",
        """{"type":"message","serviceUrl":"SERVICE"}""",
        """{"type":"message","serviceUrl":"SERVICE","conversation":{"id":""}}""",
        """{"type":"message","serviceUrl":"not a url","conversation":{"id":"c1"}}""",
        """{"type":"message","serviceUrl":"ftp://host/","conversation":{"id":"c1"}}""",
        """{"type":["message"],"serviceUrl":"SERVICE","conversation":{"id":"c1"}}""",
        """{"type":"message","serviceUrl":"SERVICE","conversation":"c1"}""",
        """{"type":"message","serviceUrl":"SERVICE","conversation":{"id":"c1"},"timestamp":"yesterday"}""",
        // Text that is not valid UTF-16 once unescaped: a lone surrogate anywhere, in card data or a name.
        """{"type":"message","channelId":"msteams","serviceUrl":"SERVICE","conversation":{"id":"c1"},"value":{"verb":"\ud800"}}""",
        """{"type":"message","channelId":"msteams","serviceUrl":"SERVICE","conversation":{"id":"c1"},"text":"help \udfff"}""",
        """{"type":"message","channelId":"msteams","serviceUrl":"SERVICE","conversation":{"id":"c1"},"from":{"id":"u","name":"\ud83d"}}""",
        """{"type":"invoke","channelId":"msteams","serviceUrl":"SERVICE","conversation":{"id":"c1"},"value":{"\udc00":1}}""",
        // Nulls inside lists Teams never sends empty entries in.
        """{"type":"conversationUpdate","channelId":"msteams","serviceUrl":"SERVICE","conversation":{"id":"c1"},"membersAdded":[null]}""",
        """{"type":"conversationUpdate","channelId":"msteams","serviceUrl":"SERVICE","conversation":{"id":"c1"},"membersRemoved":[null]}""",
        """{"type":"message","channelId":"msteams","serviceUrl":"SERVICE","conversation":{"id":"c1"},"entities":[null],"text":"help"}""",
        """{"type":"message","channelId":"msteams","serviceUrl":"SERVICE","conversation":{"id":"c1"},"attachments":[null]}""",
        // Deeply nested JSON in card data and in channel data (deeper than the parser follows).
        """{"type":"message","channelId":"msteams","serviceUrl":"SERVICE","conversation":{"id":"c1"},"value":"""
            + new string('[', 5000) + new string(']', 5000) + "}",
        """{"type":"message","channelId":"msteams","serviceUrl":"SERVICE","conversation":{"id":"c1"},"channelData":"""
            + string.Concat(Enumerable.Repeat("{\"a\":", 5000)) + "1" + new string('}', 5000) + "}",
        // Two different tenants in one activity.
        """{"type":"message","channelId":"msteams","serviceUrl":"SERVICE","conversation":{"id":"c1","tenantId":"t-1"},"channelData":"""
            + """{"tenant":{"id":"t-2"}},"text":"help"}""",
    };

    /// <summary>A serviceUrl carrying credentials (user:pass@host) is refused as malformed, even with a good token.</summary>
    [Fact]
    public async Task ServiceUrlWithCredentialsIs400()
    {
        var serviceUrl = _host.ServiceUrl.Replace("http://", "http://user:pass@", StringComparison.Ordinal);
        var body = $$"""{"type":"message","channelId":"msteams","serviceUrl":"{{serviceUrl}}","conversation":{"id":"c1"},"text":"help"}""";

        using var response = await _host.PostRawAsync(body, serviceUrl);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_host.Connector.Requests);
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task MalformedActivityIs400(string body)
    {
        using var response = await _host.PostRawAsync(body.Replace("SERVICE", _host.ServiceUrl, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_host.Connector.Requests);
    }

    [Fact]
    public async Task BodyOverTheCapIs413()
    {
        var user = BotTestHost.User("Big Sender");
        var activity = _host.Message(user, BotTestHost.PersonalChat(user), "help " + new string('x', 300 * 1024));

        using var response = await _host.PostAsync(activity);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(_host.Connector.Requests);
    }

    [Fact]
    public async Task AChunkedActivityUnderTheCapIsHandledLikeOneWithALength()
    {
        var user = BotTestHost.User("Chunked Sender");
        var activity = _host.Message(user, BotTestHost.PersonalChat(user), "help");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(BotJson.Serialize(activity)))),
        };
        request.Headers.TransferEncodingChunked = true;
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + _host.Issuer.CreateToken(BotTestHost.AppId, _host.ServiceUrl));

        using var response = await _host.Client.SendAsync(request);
        await _host.DrainOutboxAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(_host.Connector.Requests);
    }

    [Fact]
    public async Task ChunkedBodyOverTheCapIs413()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StreamContent(new MemoryStream(
                Encoding.UTF8.GetBytes("{\"type\":\"message\",\"text\":\"" + new string('y', 400 * 1024) + "\"}"))),
        };
        request.Headers.TransferEncodingChunked = true;
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + _host.Issuer.CreateToken(BotTestHost.AppId, _host.ServiceUrl));

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task MalformedCardDataIsAPoliteRefusalNotAnError()
    {
        var user = BotTestHost.User("Forger");
        var chat = BotTestHost.PersonalChat(user);
        var invoke = _host.NewActivity("invoke", user, chat) with
        {
            Name = "adaptiveCard/action",
            Value = WorkshopBot.Protocol.Schema.BotJson.ToElement(
                new { action = new { type = "Action.Execute", verb = "help.show", data = "not an object" } }),
        };

        var result = await _host.InvokeAsync(invoke);

        Assert.True((int)result.Status is >= 200 and < 500, $"Got {(int)result.Status}");
    }
}
