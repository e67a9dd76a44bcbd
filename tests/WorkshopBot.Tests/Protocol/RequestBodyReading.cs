using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Protocol.Auth;
using WorkshopBot.Protocol.Hosting;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Protocol;

/// <summary>
/// The body of <c>/api/messages</c> is read once the token is checked, into pooled buffers that grow as bytes arrive, never
/// sized from the Content-Length the caller claims (a caller with a token, or any loopback caller in development mode).
/// Large bodies still arrive whole, with or without a Content-Length.
/// </summary>
public sealed class RequestBodyReading : IAsyncLifetime
{
    private static readonly TestUser Kim = BotTestHost.User("Kim Large Body");
    private BotTestHost _host = null!;

    public async Task InitializeAsync() => _host = await BotTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AnActivityOfNearlyTheLimitArrivesWhole(bool chunked)
    {
        var chat = BotTestHost.PersonalChat(Kim);
        var json = BotJson.Serialize(_host.Message(Kim, chat, "help"));
        var body = Encoding.UTF8.GetBytes(json[..^1] + ",\"padding\":\"" + new string('x', 200 * 1024) + "\"}");
        HttpContent content = chunked ? new StreamContent(new MemoryStream(body)) : new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = content };
        request.Headers.TransferEncodingChunked = chunked;
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + _host.Issuer.CreateToken(BotTestHost.AppId, _host.ServiceUrl));

        using var response = await _host.Client.SendAsync(request);
        await _host.DrainOutboxAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(_host.Sent(chat.Id));
    }

    [Fact]
    public async Task ABodyOverTheLimitWithoutAContentLengthIs413()
    {
        var json = BotJson.Serialize(_host.Message(Kim, BotTestHost.PersonalChat(Kim), "help"));
        var body = Encoding.UTF8.GetBytes(json[..^1] + ",\"padding\":\"" + new string('x', 300 * 1024) + "\"}");
        using var content = new StreamContent(new MemoryStream(body));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + _host.Issuer.CreateToken(BotTestHost.AppId, _host.ServiceUrl));

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(_host.Connector.Requests);
    }

    [Fact]
    public async Task AClaimedContentLengthIsNotAllocatedBeforeTheBytesArrive()
    {
        // A constructed request, so that the whole read runs synchronously on this thread and its allocations can be
        // counted: 250,000 bytes claimed, 10 sent (the rest never arrives), answered 400 as before. Development mode, so
        // that the body is read with no token to check first.
        var services = new ServiceCollection()
            .AddLogging()
            .Configure<BotAuthenticationOptions>(o => o.MicrosoftAppId = "")
            .Configure<BotEndpointOptions>(_ => { })
            .BuildServiceProvider();
        _ = Handle(services); // warm-up: JIT and the buffer pool

        var before = GC.GetAllocatedBytesForCurrentThread();
        var handled = Handle(services);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(handled.IsCompletedSuccessfully, "The read did not complete synchronously: the count would be wrong.");
        var http = new DefaultHttpContext { RequestServices = services };
        await (await handled).ExecuteAsync(http);
        Assert.Equal(StatusCodes.Status400BadRequest, http.Response.StatusCode);
        Assert.True(allocated < 64 * 1024, $"Allocated {allocated:N0} bytes for a body of 10 bytes that claimed 250,000.");
    }

    private static Task<IResult> Handle(IServiceProvider services)
    {
        var http = new DefaultHttpContext { RequestServices = services };
        http.Connection.RemoteIpAddress = IPAddress.Loopback;
        http.Request.Host = new HostString("localhost", 3978);
        http.Request.ContentType = "application/json";
        http.Request.ContentLength = 250_000;
        http.Request.Body = new MemoryStream("{\"type\":\"m"u8.ToArray());
        return BotEndpoint.HandleAsync(http, CancellationToken.None);
    }
}
