using System.Net;
using System.Net.Sockets;
using System.Text;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Foundation;

/// <summary>
/// The token is checked before a byte of the body is read: a caller without a good one is answered 401 whatever it sends
/// (a malformed body, one over the cap, one that never finishes), and learns nothing of what the bot would make of it.
/// With a good token, a malformed body is still 400 and one over the cap 413 (<see cref="MalformedInput"/>); the checks
/// that need the activity (its serviceUrl against the token's claim, the channel its key is endorsed for) come after, and
/// still refuse with 401 (<see cref="InboundAuthentication"/>, <see cref="InboundChannelEndorsement"/>).
/// </summary>
public sealed class TokenBeforeBody : IAsyncLifetime
{
    private BotTestHost _host = null!;

    public async Task InitializeAsync() => _host = await BotTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string, string> UnauthenticatedBodies
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var token in new[] { "none", "garbage", "expired", "wrong-audience" })
            {
                foreach (var body in new[] { "not-json", "empty", "over-the-cap", "over-the-cap-chunked" })
                {
                    data.Add(token, body);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(UnauthenticatedBodies))]
    public async Task WithoutAGoodTokenAnyBodyIs401(string token, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body switch
        {
            "not-json" => "{not json",
            "empty" => "",
            _ => "{\"type\":\"message\",\"text\":\"" + new string('x', 300 * 1024) + "\"}",
        });
        HttpContent content = body == "over-the-cap-chunked" ? new StreamContent(new MemoryStream(bytes)) : new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = content };
        request.Headers.TransferEncodingChunked = body == "over-the-cap-chunked" ? true : null;
        if (Header(token) is { } header)
        {
            request.Headers.TryAddWithoutValidation("Authorization", header);
        }

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        Assert.Empty(_host.Connector.Requests);
    }

    [Fact]
    public async Task ABodyThatNeverFinishesIsNotWaitedForWithoutAToken()
    {
        // Claims 200,000 bytes, sends 10 and stalls: the answer must not wait for the rest.
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, _host.Client.BaseAddress!.Port);
        var stream = client.GetStream();
        var head = "POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "Authorization: Bearer not-a-token\r\nContent-Length: 200000\r\n\r\n{\"type\":\"m";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));

        var buffer = new byte[64];
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var read = await stream.ReadAsync(buffer, patience.Token);

        Assert.StartsWith("HTTP/1.1 401", Encoding.ASCII.GetString(buffer, 0, read), StringComparison.Ordinal);
    }

    private string? Header(string kind) => kind switch
    {
        "none" => null,
        "garbage" => "Bearer garbage",
        "expired" => "Bearer " + _host.Issuer.CreateToken(BotTestHost.AppId, _host.ServiceUrl,
            notBefore: DateTimeOffset.UtcNow.AddHours(-2), expires: DateTimeOffset.UtcNow.AddHours(-1)),
        _ => "Bearer " + _host.Issuer.CreateToken("00000000-1111-2222-3333-444444444444", _host.ServiceUrl),
    };
}
