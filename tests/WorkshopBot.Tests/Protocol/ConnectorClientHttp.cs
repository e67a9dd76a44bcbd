using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Cards;
using WorkshopBot.Protocol.Connector;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Protocol;

/// <summary>The connector client against a real loopback fake connector.</summary>
public sealed class ConnectorClientHttp : IAsyncLifetime
{
    private const string ChannelThreadId = "19:abc123@thread.tacv2;messageid=1700000000000";
    private const string PersonalConversationId = "a:1xYz-conversation";

    private readonly ManualTimeProvider _time = new() { AutoAdvance = true };
    private readonly FakeBotTokenProvider _tokens = new();
    private readonly List<ServiceProvider> _providers = [];
    private FakeConnector _connector = null!;

    public async Task InitializeAsync() => _connector = await FakeConnector.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task EscapesChannelThreadIdInPath()
    {
        var client = Client();

        await client.SendToConversationAsync(_connector.LocalhostBaseUrl, ChannelThreadId, Message("hello"));

        var request = Assert.Single(_connector.Requests);
        Assert.Equal("/v3/conversations/19%3Aabc123%40thread.tacv2%3Bmessageid%3D1700000000000/activities", request.RawTarget);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    public async Task RefusesDotSegmentIdsAndSendsNothing(string id)
    {
        var client = Client();

        await Assert.ThrowsAsync<ArgumentException>(() => client.GetMemberAsync(_connector.LocalhostBaseUrl, ChannelThreadId, id));
        await Assert.ThrowsAsync<ArgumentException>(() => client.SendToConversationAsync(_connector.LocalhostBaseUrl, id, Message("x")));

        Assert.Empty(_connector.Requests);
    }

    [Fact]
    public async Task EscapesActivityAndUserIds()
    {
        _connector.Roster.Add(new TeamsChannelAccount { Id = "29:1user/with?odd#chars", Name = "Test Member A" });
        var client = Client();

        await client.ReplyToActivityAsync(_connector.LocalhostBaseUrl, ChannelThreadId, "1700000000000;x", Message("reply"));
        var member = await client.GetMemberAsync(_connector.LocalhostBaseUrl, ChannelThreadId, "29:1user/with?odd#chars");

        Assert.Equal("Test Member A", member.Name);
        Assert.EndsWith("/activities/1700000000000%3Bx", _connector.Requests[0].RawTarget, StringComparison.Ordinal);
        Assert.EndsWith("/members/29%3A1user%2Fwith%3Fodd%23chars", _connector.Requests[1].RawTarget, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendsActivityAsCamelCaseJsonAndReturnsId()
    {
        var client = Client();

        var response = await client.SendToConversationAsync(_connector.LocalhostBaseUrl, PersonalConversationId, Message("hello there"));

        Assert.StartsWith("fake-message-", response.Id, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(Assert.Single(_connector.Requests).Body);
        Assert.Equal("message", body.RootElement.GetProperty("type").GetString());
        Assert.Equal("hello there", body.RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public async Task NormalisesServiceUrlWithoutTrailingSlash()
    {
        var client = Client();

        await client.SendToConversationAsync(_connector.LocalhostBaseUrl.TrimEnd('/'), PersonalConversationId, Message("x"));

        Assert.Equal("/v3/conversations/a%3A1xYz-conversation/activities", Assert.Single(_connector.Requests).RawTarget);
    }

    [Fact]
    public async Task UpdatesWithPutAndDeletesWithDelete()
    {
        var client = Client();

        var updated = await client.UpdateActivityAsync(_connector.LocalhostBaseUrl, PersonalConversationId, "msg-7", Message("v2"));
        await client.DeleteActivityAsync(_connector.LocalhostBaseUrl, PersonalConversationId, "msg-7");

        Assert.Equal("msg-7", updated.Id);
        Assert.Equal(["PUT", "DELETE"], _connector.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task CreatesConversation()
    {
        var client = Client();
        var parameters = new ConversationParameters
        {
            IsGroup = false,
            Bot = new ChannelAccount { Id = "28:bot" },
            Members = [new ChannelAccount { Id = "29:user" }],
            TenantId = "tenant-1",
        };

        var created = await client.CreateConversationAsync(_connector.LocalhostBaseUrl, parameters);

        Assert.Equal("a:personal-29:user", created.Id);
        Assert.NotNull(created.ActivityId);
        var request = Assert.Single(_connector.Requests);
        Assert.Equal("/v3/conversations", request.RawTarget);
        using var body = JsonDocument.Parse(request.Body);
        Assert.False(body.RootElement.GetProperty("isGroup").GetBoolean());
        Assert.Equal("tenant-1", body.RootElement.GetProperty("tenantId").GetString());
    }

    [Fact]
    public async Task PagesThroughMembersWithContinuationToken()
    {
        for (var i = 1; i <= 5; i++)
        {
            _connector.Roster.Add(new TeamsChannelAccount { Id = $"29:member-{i}", Name = $"Test Member {i}" });
        }

        var client = Client();
        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await client.GetPagedMembersAsync(_connector.LocalhostBaseUrl, ChannelThreadId,
                pageSize: 2, continuationToken: token);
            seen.AddRange(page.Members.Select(m => m.Id));
            token = page.ContinuationToken;
        }
        while (token is not null);

        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"29:member-{i}"), seen);
        Assert.Equal(3, _connector.Requests.Count);
        Assert.EndsWith("pagedmembers?pageSize=2&continuationToken=2", _connector.Requests[1].RawTarget, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListsTeamChannels()
    {
        _connector.TeamChannels["19:team@thread.tacv2"] =
        [
            new ChannelInfo { Id = "19:team@thread.tacv2", Name = "General" },
            new ChannelInfo { Id = "19:c2@thread.tacv2", Name = "Audits" },
        ];
        var client = Client();

        var list = await client.GetTeamChannelsAsync(_connector.LocalhostBaseUrl, "19:team@thread.tacv2");

        Assert.Equal(["General", "Audits"], list.Conversations.Select(c => c.Name));
        Assert.Equal("/v3/teams/19%3Ateam%40thread.tacv2/conversations", Assert.Single(_connector.Requests).RawTarget);
    }

    [Fact]
    public async Task AttachesTokenForAllowedHost()
    {
        var client = Client();

        await client.SendToConversationAsync(_connector.LocalhostBaseUrl, PersonalConversationId, Message("x"));

        Assert.Equal("Bearer " + FakeBotTokenProvider.DefaultToken, Assert.Single(_connector.Requests).Authorization);
    }

    [Fact]
    public async Task OmitsTokenForHostNotOnAllowList()
    {
        // Same server, but addressed as 127.0.0.1, which is not on the list (only 'localhost' is).
        var client = Client();

        await client.SendToConversationAsync(_connector.BaseUrl, PersonalConversationId, Message("x"));

        Assert.Null(Assert.Single(_connector.Requests).Authorization);
        Assert.Equal(0, _tokens.Calls);
    }

    [Fact]
    public async Task AttachesTokenForLoopbackWhenAllowedForTests()
    {
        var client = Client(new() { ["Bot:AllowedServiceUrlHosts:0"] = null, ["Bot:AllowLoopbackServiceUrls"] = "true" });

        await client.SendToConversationAsync(_connector.BaseUrl, PersonalConversationId, Message("x"));

        Assert.Equal("Bearer " + FakeBotTokenProvider.DefaultToken, Assert.Single(_connector.Requests).Authorization);
    }

    [Fact]
    public async Task DevelopmentModeSendsToLoopbackWithoutToken()
    {
        var client = Client(development: true);

        await client.SendToConversationAsync(_connector.BaseUrl, PersonalConversationId, Message("x"));

        Assert.Null(Assert.Single(_connector.Requests).Authorization);
    }

    [Fact]
    public async Task DevelopmentModeRefusesNonLoopbackServiceUrl()
    {
        var client = Client(development: true);

        var error = await Assert.ThrowsAsync<ServiceUrlNotAllowedException>(
            () => client.SendToConversationAsync("https://smba.trafficmanager.net/emea/", PersonalConversationId, Message("x")));

        Assert.Equal("smba.trafficmanager.net", error.Host);
        Assert.Equal(0, _tokens.Calls);
    }

    [Fact]
    public async Task RetriesThrottlingHonouringRetryAfter()
    {
        _connector.Inject("/activities", new InjectedFailure(429, "TooManyRequests", TimeSpan.FromSeconds(2), Times: 2));
        var client = Client();

        var response = await client.SendToConversationAsync(_connector.LocalhostBaseUrl, PersonalConversationId, Message("x"));

        Assert.NotNull(response.Id);
        Assert.Equal([429, 429, 201], _connector.Requests.Select(r => r.StatusCode));
        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2)], RetryDelays());
    }

    /// <summary>
    /// A Retry-After longer than a send may wait (Bot:Connector:MaxRateLimitWait, 3 s) is not waited out inline: the
    /// send fails at once saying when to come back, and the conversation stays held back until then.
    /// </summary>
    [Fact]
    public async Task ALongRetryAfterFailsAtOnceWithItsTimeInsteadOfWaiting()
    {
        _connector.Inject("/activities", new InjectedFailure(429, "TooManyRequests", TimeSpan.FromSeconds(7)));
        var client = Client();
        var start = _time.GetUtcNow();

        var refused = await Assert.ThrowsAsync<RateLimitedException>(() =>
            client.SendToConversationAsync(_connector.LocalhostBaseUrl, PersonalConversationId, Message("x")));

        Assert.Equal([429], _connector.Requests.Select(r => r.StatusCode));
        Assert.Equal(start + TimeSpan.FromSeconds(7), refused.RetryAt);
        Assert.Empty(RetryDelays());
    }

    [Fact]
    public async Task CapsLongRetryAfter()
    {
        _connector.Inject("/activities", new InjectedFailure(429, null, TimeSpan.FromMinutes(10)));
        var client = Client();
        var start = _time.GetUtcNow();

        var refused = await Assert.ThrowsAsync<RateLimitedException>(() =>
            client.SendToConversationAsync(_connector.LocalhostBaseUrl, PersonalConversationId, Message("x")));

        Assert.Equal(start + TimeSpan.FromSeconds(60), refused.RetryAt);
    }

    [Fact]
    public async Task BacksOffWithJitterOnServiceUnavailableThenSucceeds()
    {
        _connector.Inject("/activities", new InjectedFailure(503, Times: 2));
        var client = Client();

        await client.SendToConversationAsync(_connector.LocalhostBaseUrl, PersonalConversationId, Message("x"));

        Assert.Equal([503, 503, 201], _connector.Requests.Select(r => r.StatusCode));
        // Full jitter with the fixed fraction 0.5: 0.5 * 500 ms, then 0.5 * 1000 ms.
        Assert.Equal([TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500)], RetryDelays());
    }

    [Theory]
    [InlineData(412)]
    [InlineData(502)]
    [InlineData(504)]
    public async Task RetriesOtherTransientStatuses(int status)
    {
        _connector.Inject("/members", new InjectedFailure(status));
        _connector.Roster.Add(new TeamsChannelAccount { Id = "29:u" });
        var client = Client();

        await client.GetMemberAsync(_connector.LocalhostBaseUrl, PersonalConversationId, "29:u");

        Assert.Equal([status, 200], _connector.Requests.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task GivesUpAfterMaxAttempts()
    {
        _connector.Inject("/activities", new InjectedFailure(503, "ServiceUnavailable", Times: 10));
        var client = Client();

        var error = await Assert.ThrowsAsync<ConnectorException>(
            () => client.SendToConversationAsync(_connector.LocalhostBaseUrl, PersonalConversationId, Message("x")));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal("ServiceUnavailable", error.ErrorCode);
        Assert.Equal(4, _connector.Requests.Count);
    }

    [Fact]
    public async Task HonoursConfiguredMaxAttempts()
    {
        _connector.Inject("/activities", new InjectedFailure(429, null, TimeSpan.FromSeconds(1), Times: 10));
        var client = Client(new() { ["Bot:Connector:MaxAttempts"] = "2" });

        var error = await Assert.ThrowsAsync<ConnectorException>(
            () => client.SendToConversationAsync(_connector.LocalhostBaseUrl, PersonalConversationId, Message("x")));

        Assert.True(error.IsThrottled);
        Assert.Equal(TimeSpan.FromSeconds(1), error.RetryAfter);
        Assert.Equal(2, _connector.Requests.Count);
    }

    [Theory]
    [InlineData("MessageWritesBlocked")]
    [InlineData("ConversationBlockedByUser")]
    public async Task DoesNotRetryBlocked(string code)
    {
        _connector.Inject("/activities", new InjectedFailure(403, code, Times: 5));
        var client = Client();

        var error = await Assert.ThrowsAsync<ConnectorException>(
            () => client.SendToConversationAsync(_connector.LocalhostBaseUrl, PersonalConversationId, Message("x")));

        Assert.True(error.IsBlocked);
        Assert.Equal(code, error.ErrorCode);
        Assert.Single(_connector.Requests);
    }

    [Fact]
    public async Task DoesNotRetryTooLarge()
    {
        _connector.Inject("/activities", new InjectedFailure(413, "MessageSizeTooBig", Times: 5));
        var client = Client();

        var error = await Assert.ThrowsAsync<ConnectorException>(
            () => client.SendToConversationAsync(_connector.LocalhostBaseUrl, PersonalConversationId, Message("x")));

        Assert.True(error.IsTooLarge);
        Assert.False(error.IsBlocked);
        Assert.Single(_connector.Requests);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    [InlineData(500)]
    public async Task DoesNotRetryOtherErrors(int status)
    {
        _connector.Inject("/activities", new InjectedFailure(status, "Whatever", Times: 5));
        var client = Client();

        var error = await Assert.ThrowsAsync<ConnectorException>(
            () => client.SendToConversationAsync(_connector.LocalhostBaseUrl, PersonalConversationId, Message("x")));

        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Single(_connector.Requests);
    }

    [Fact]
    public async Task RetriesNetworkErrorsThenSurfacesConnectorException()
    {
        var client = Client();
        var closedPort = _connector.LocalhostBaseUrl;
        await _connector.DisposeAsync();
        _connector = await FakeConnector.StartAsync();

        var error = await Assert.ThrowsAsync<ConnectorException>(
            () => client.SendToConversationAsync(closedPort, PersonalConversationId, Message("x")));

        Assert.Null(error.StatusCode);
        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Equal(3, RetryDelays().Count);
    }

    [Fact]
    public async Task RetriesAttemptThatTimesOut()
    {
        _connector.Inject("/activities", new InjectedFailure(503, Hang: TimeSpan.FromSeconds(30)));
        var client = Client(new() { ["Bot:Connector:AttemptTimeout"] = "00:00:00.3" });

        var response = await client.SendToConversationAsync(_connector.LocalhostBaseUrl, PersonalConversationId, Message("x"));

        Assert.NotNull(response.Id);
        Assert.Single(RetryDelays());
    }

    /// <summary>
    /// Real time: 9 sends need the 7-per-second and 8-per-2-seconds windows, 2 to 3 seconds in all. The first seven are slow
    /// to reach Teams (0.4 s on the way, more than the limiter's margin), as on a slow network or a busy machine: Teams counts
    /// them when they arrive, so the eighth, whose slot came a second after theirs, must wait for their answers.
    /// </summary>
    [Fact]
    public async Task BurstToOneConversationStaysWithinTeamsLimits()
    {
        // The eighth and ninth may wait past the usual 3 s for slow answers on a loaded machine.
        var client = Client(new() { ["Bot:Connector:MaxRateLimitWait"] = "00:00:20" }, realTime: true);
        var arrived = 0;
        _connector.Arriving = async () =>
        {
            if (Interlocked.Increment(ref arrived) <= 7)
            {
                await Task.Delay(400);
            }
        };

        var sends = Enumerable.Range(0, 9)
            .Select(i => client.SendToConversationAsync(_connector.LocalhostBaseUrl, ChannelThreadId, Message($"update {i}")))
            .ToList();
        await Task.WhenAll(sends);

        Assert.Equal(0, _connector.ThrottledCount);
        Assert.Equal(9, _connector.Requests.Count);
    }

    /// <summary>
    /// The policy approves the first address only, so a redirect is not followed: an allowed host answering 307 would
    /// otherwise carry the activity, case text and all, to a host the policy refuses (here 127.0.0.1, not on the list).
    /// </summary>
    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task ARedirectIsAFailedSendNotFollowed(int status)
    {
        var builder = LoopbackServer.SlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        await using var redirector = builder.Build();
        var asked = 0;
        redirector.Run(context =>
        {
            Interlocked.Increment(ref asked);
            context.Response.StatusCode = status;
            context.Response.Headers.Location = _connector.BaseUrl.TrimEnd('/') + context.Request.Path + context.Request.QueryString;
            return Task.CompletedTask;
        });
        await redirector.StartAsync();
        var allowed = LoopbackServer.BaseUrl(redirector).Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        var client = Client();

        var failed = await Assert.ThrowsAsync<ConnectorException>(
            () => client.SendToConversationAsync(allowed, PersonalConversationId, Message("a case's words")));

        Assert.Equal((HttpStatusCode)status, failed.StatusCode);
        Assert.Equal(1, asked);
        Assert.Empty(_connector.Requests);
    }

    private static Activity Message(string text) => new() { Type = ActivityTypes.Message, Text = text };

    /// <summary>Delays the retry handler waited for (the limiter never waits in these small tests).</summary>
    private List<TimeSpan> RetryDelays() => [.. _time.RequestedDelays.Where(d => d > TimeSpan.Zero && d != Timeout.InfiniteTimeSpan)];

    private IConnectorClient Client(Dictionary<string, string?>? overrides = null, bool development = false, bool realTime = false)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Bot:AllowedServiceUrlHosts:0"] = "localhost",
        };
        if (!development)
        {
            settings["MicrosoftAppId"] = "11111111-2222-3333-4444-555555555555";
            settings["MicrosoftAppPassword"] = "not-a-real-secret";
        }

        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IBotTokenProvider>(_tokens)
            .AddSingleton<IJitterSource>(new FixedJitterSource(0.5));
        if (!realTime)
        {
            services.AddSingleton<TimeProvider>(_time);
        }

        var provider = services
            .AddBotConnector(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<IConnectorClient>();
    }
}
