using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Protocol.Auth;
using WorkshopBot.Protocol.Connector;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Protocol;

/// <summary>
/// A token whose signature, issuer, audience and lifetime were verified is kept until it expires, so Teams' hour-long
/// token is not verified on every activity; what depends on the activity (the key's endorsement for its channel, the
/// serviceUrl) is still checked every time, a failed token is never kept, and a kept token past its expiry is refused.
/// </summary>
public sealed class VerifiedTokenReuse : IAsyncLifetime
{
    private const string AppId = "11111111-2222-3333-4444-555555555555";
    private const string ServiceUrl = "https://smba.trafficmanager.net/emea/";

    private readonly ManualTimeProvider _time = new();
    private TestTokenIssuer _issuer = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _issuer = await TestTokenIssuer.StartAsync(_time);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_issuer.BotSettings(AppId)).Build();
        _services = new ServiceCollection().AddLogging().AddSingleton<TimeProvider>(_time).AddBotConnector(configuration)
            .BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _issuer.DisposeAsync();
    }

    private BotTokenValidator Validator => (BotTokenValidator)_services.GetRequiredService<IBotTokenValidator>();

    [Fact]
    public async Task AKeptTokenPastItsExpiryIsRefused()
    {
        var token = _issuer.CreateToken(AppId, ServiceUrl, expires: _time.GetUtcNow().AddMinutes(10));
        Assert.True((await Validate(token)).IsAuthenticated);
        Assert.Equal(1, Validator.VerifiedTokenCount);

        _time.Advance(TimeSpan.FromMinutes(14));
        Assert.True((await Validate(token)).IsAuthenticated, "still within the five minutes' clock skew");

        _time.Advance(TimeSpan.FromMinutes(2));
        var late = await Validate(token);

        Assert.False(late.IsAuthenticated);
        Assert.Equal(0, Validator.VerifiedTokenCount);
    }

    [Fact]
    public async Task AKeptTokenIsStillRefusedForAChannelItsKeyIsNotEndorsedFor()
    {
        var token = _issuer.CreateToken(AppId, ServiceUrl);
        Assert.True((await Validate(token)).IsAuthenticated);
        Assert.Equal(1, Validator.VerifiedTokenCount);

        var webchat = await Validate(token, channelId: "webchat");
        var none = await Validate(token, channelId: null);

        Assert.False(webchat.IsAuthenticated);
        Assert.Contains("endorsed", webchat.FailureReason, StringComparison.Ordinal);
        Assert.False(none.IsAuthenticated);
        Assert.True((await Validate(token)).IsAuthenticated, "the refusals do not spoil the token for Teams");
    }

    [Fact]
    public async Task AKeptTokenIsStillRefusedForAnotherServiceUrl()
    {
        var token = _issuer.CreateToken(AppId, ServiceUrl);
        Assert.True((await Validate(token)).IsAuthenticated);

        var elsewhere = await Validate(token, activityServiceUrl: "https://smba.trafficmanager.net/amer/");

        Assert.False(elsewhere.IsAuthenticated);
        Assert.Contains("serviceurl", elsewhere.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATokenThatFailsIsNeverKept()
    {
        var wrongAudience = _issuer.CreateToken(AppId, ServiceUrl, audience: "another-bot");
        var wrongServiceUrl = _issuer.CreateToken(AppId, "https://smba.trafficmanager.net/amer/");
        var wrongChannel = _issuer.CreateToken(AppId, ServiceUrl);

        Assert.False((await Validate(wrongAudience)).IsAuthenticated);
        Assert.False((await Validate(wrongServiceUrl)).IsAuthenticated);
        Assert.False((await Validate(wrongChannel, channelId: "webchat")).IsAuthenticated);

        Assert.Equal(0, Validator.VerifiedTokenCount);
        Assert.False((await Validate(wrongAudience)).IsAuthenticated);
    }

    [Fact]
    public void TheCacheIsBoundedAndKeepsNothingNewWhenFullOfCurrentTokens()
    {
        var cache = new VerifiedTokenCache(_time, capacity: 2);
        var now = _time.GetUtcNow().UtcDateTime;
        var shortLived = new VerifiedToken(false, "k", ServiceUrl, AppId, null, now.AddMinutes(1));
        var longLived = shortLived with { Expires = now.AddHours(1) };

        cache.Add("a", shortLived);
        cache.Add("b", longLived);
        cache.Add("c", longLived);
        Assert.Equal(2, cache.Count);
        Assert.False(cache.TryGet("c", out _));

        _time.Advance(TimeSpan.FromMinutes(7));
        cache.Add("c", longLived);

        Assert.False(cache.TryGet("a", out _));
        Assert.True(cache.TryGet("b", out _));
        Assert.True(cache.TryGet("c", out _));
    }

    private Task<BotAuthResult> Validate(string token, string? activityServiceUrl = ServiceUrl, string? channelId = "msteams") =>
        Validator.ValidateAsync("Bearer " + token, activityServiceUrl, channelId, CancellationToken.None);
}
