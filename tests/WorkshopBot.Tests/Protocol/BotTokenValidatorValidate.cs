using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using WorkshopBot.Cards;
using WorkshopBot.Protocol.Auth;
using WorkshopBot.Protocol.Connector;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Protocol;

public sealed class BotTokenValidatorValidate : IAsyncLifetime
{
    private const string AppId = "11111111-2222-3333-4444-555555555555";
    private const string TenantId = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    private const string OtherTenantId = "99999999-8888-7777-6666-555555555555";
    private const string ServiceUrl = "https://smba.trafficmanager.net/emea/";

    private readonly ManualTimeProvider _time = new();
    private TestTokenIssuer _issuer = null!;
    private ServiceProvider? _services;

    public async Task InitializeAsync() => _issuer = await TestTokenIssuer.StartAsync(_time);

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await _issuer.DisposeAsync();
    }

    [Fact]
    public async Task AcceptsValidBotFrameworkToken()
    {
        var result = await Validate(Bearer(_issuer.CreateToken(AppId, ServiceUrl)));

        Assert.True(result.IsAuthenticated, result.FailureReason);
        Assert.Null(result.FailureReason);
    }

    [Fact]
    public async Task AcceptsServiceUrlDifferingInCaseAndTrailingSlash()
    {
        var result = await Validate(Bearer(_issuer.CreateToken(AppId, "HTTPS://SMBA.trafficmanager.net/emea")), ServiceUrl);

        Assert.True(result.IsAuthenticated, result.FailureReason);
    }

    [Fact]
    public async Task RejectsExpiredToken()
    {
        var token = _issuer.CreateToken(AppId, ServiceUrl,
            notBefore: _time.GetUtcNow().AddHours(-2), expires: _time.GetUtcNow().AddMinutes(-6));

        var result = await Validate(Bearer(token));

        Assert.False(result.IsAuthenticated);
    }

    [Fact]
    public async Task AcceptsTokenExpiredWithinClockSkew()
    {
        var token = _issuer.CreateToken(AppId, ServiceUrl,
            notBefore: _time.GetUtcNow().AddHours(-2), expires: _time.GetUtcNow().AddMinutes(-4));

        var result = await Validate(Bearer(token));

        Assert.True(result.IsAuthenticated, result.FailureReason);
    }

    [Fact]
    public async Task RejectsTokenNotYetValid()
    {
        var token = _issuer.CreateToken(AppId, ServiceUrl,
            notBefore: _time.GetUtcNow().AddMinutes(6), expires: _time.GetUtcNow().AddHours(1));

        var result = await Validate(Bearer(token));

        Assert.False(result.IsAuthenticated);
    }

    [Fact]
    public async Task AcceptsTokenNotYetValidWithinClockSkew()
    {
        var token = _issuer.CreateToken(AppId, ServiceUrl,
            notBefore: _time.GetUtcNow().AddMinutes(4), expires: _time.GetUtcNow().AddHours(1));

        var result = await Validate(Bearer(token));

        Assert.True(result.IsAuthenticated, result.FailureReason);
    }

    [Fact]
    public async Task UsesInjectedClockNotSystemClock()
    {
        var token = _issuer.CreateToken(AppId, ServiceUrl);
        await Validate(Bearer(token));

        _time.Advance(TimeSpan.FromHours(2));
        var later = await Validate(Bearer(token));

        Assert.False(later.IsAuthenticated);
    }

    [Fact]
    public async Task RejectsWrongIssuer()
    {
        var result = await Validate(Bearer(_issuer.CreateToken(AppId, ServiceUrl, issuer: "https://evil.example.com")));

        Assert.False(result.IsAuthenticated);
    }

    [Fact]
    public async Task RejectsWrongAudience()
    {
        var result = await Validate(Bearer(_issuer.CreateToken(AppId, ServiceUrl, audience: "another-bot")));

        Assert.False(result.IsAuthenticated);
    }

    [Fact]
    public async Task RejectsUnknownSigningKey()
    {
        var rogue = TestTokenIssuer.CreateRsaKey("rogue-key");

        var result = await Validate(Bearer(_issuer.CreateToken(AppId, ServiceUrl, signingKey: rogue)));

        Assert.False(result.IsAuthenticated);
    }

    [Fact]
    public async Task RejectsTokenSignedWithUnknownKeyReusingPublishedKid()
    {
        var impostor = TestTokenIssuer.CreateRsaKey(_issuer.SigningKey.KeyId);

        var result = await Validate(Bearer(_issuer.CreateToken(AppId, ServiceUrl, signingKey: impostor)));

        Assert.False(result.IsAuthenticated);
    }

    [Fact]
    public async Task PicksUpRotatedKeyOnUnknownKid()
    {
        Assert.True((await Validate(Bearer(_issuer.CreateToken(AppId, ServiceUrl)))).IsAuthenticated);
        var fetchesBefore = _issuer.KeySetRequests;
        var rotated = TestTokenIssuer.CreateRsaKey("rotated-key");
        _issuer.PublishKey(rotated);

        var result = await Validate(Bearer(_issuer.CreateToken(AppId, ServiceUrl, signingKey: rotated)));

        Assert.True(result.IsAuthenticated, result.FailureReason);
        Assert.True(_issuer.KeySetRequests > fetchesBefore);
    }

    [Fact]
    public async Task RefetchesKeysForUnknownKidAtMostOncePerFiveMinutes()
    {
        Assert.True((await Validate(Bearer(_issuer.CreateToken(AppId, ServiceUrl)))).IsAuthenticated);
        var rogue = TestTokenIssuer.CreateRsaKey("rogue-key");

        for (var i = 0; i < 3; i++)
        {
            Assert.False((await Validate(Bearer(_issuer.CreateToken(AppId, ServiceUrl, signingKey: rogue)))).IsAuthenticated);
        }

        var afterBurst = _issuer.KeySetRequests;
        _time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        Assert.False((await Validate(Bearer(_issuer.CreateToken(AppId, ServiceUrl, signingKey: rogue)))).IsAuthenticated);

        Assert.Equal(2, afterBurst);
        Assert.Equal(3, _issuer.KeySetRequests);
    }

    [Fact]
    public async Task CachesSigningKeysAcrossValidations()
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.True((await Validate(Bearer(_issuer.CreateToken(AppId, ServiceUrl)))).IsAuthenticated);
        }

        Assert.Equal(1, _issuer.KeySetRequests);
    }

    [Fact]
    public async Task RejectsAlgNone()
    {
        var result = await Validate(Bearer(_issuer.CreateUnsignedToken(AppId, ServiceUrl)));

        Assert.False(result.IsAuthenticated);
    }

    [Fact]
    public async Task RejectsHs256WithGuessableSecret()
    {
        var result = await Validate(Bearer(_issuer.CreateHs256Token(AppId, ServiceUrl, "secret")));

        Assert.False(result.IsAuthenticated);
    }

    [Fact]
    public async Task RejectsHs256KeyedWithPublicKey()
    {
        var result = await Validate(Bearer(_issuer.CreateHs256TokenKeyedWithPublicKey(AppId, ServiceUrl)));

        Assert.False(result.IsAuthenticated);
    }

    [Fact]
    public async Task RejectsRs384EvenWithPublishedKey()
    {
        var result = await Validate(Bearer(_issuer.CreateToken(AppId, ServiceUrl, alg: SecurityAlgorithms.RsaSha384)));

        Assert.False(result.IsAuthenticated);
    }

    [Fact]
    public async Task RejectsMissingServiceUrlClaim()
    {
        var result = await Validate(Bearer(_issuer.CreateToken(AppId, serviceUrl: null)));

        Assert.False(result.IsAuthenticated);
    }

    [Fact]
    public async Task RejectsMismatchedServiceUrl()
    {
        var result = await Validate(Bearer(_issuer.CreateToken(AppId, "https://smba.trafficmanager.net/amer/")));

        Assert.False(result.IsAuthenticated);
    }

    [Fact]
    public async Task RejectsMissingActivityServiceUrl()
    {
        var result = await Validate(Bearer(_issuer.CreateToken(AppId, ServiceUrl)), activityServiceUrl: null);

        Assert.False(result.IsAuthenticated);
    }

    [Fact]
    public async Task RejectsMissingHeader()
    {
        var result = await Validate(null);

        Assert.False(result.IsAuthenticated);
        Assert.NotNull(result.FailureReason);
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Bearer not-a-jwt")]
    [InlineData("Bearer a.b")]
    public async Task RejectsMalformedHeader(string header)
    {
        var result = await Validate(header);

        Assert.False(result.IsAuthenticated);
    }

    [Fact]
    public async Task FailureReasonNeverContainsTheToken()
    {
        var token = _issuer.CreateToken(AppId, ServiceUrl, audience: "another-bot");

        var result = await Validate(Bearer(token));

        Assert.False(result.IsAuthenticated);
        Assert.DoesNotContain(token.Split('.')[1], result.FailureReason!, StringComparison.Ordinal);
        Assert.DoesNotContain("another-bot", result.FailureReason!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RejectsEntraTokenForMultiTenantBot()
    {
        var token = _issuer.CreateToken(AppId, null, issuer: TestTokenIssuer.EntraV2Issuer(TenantId));

        var result = await Validate(Bearer(token));

        Assert.False(result.IsAuthenticated);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SingleTenantAcceptsEntraTokenOfOwnTenant(bool v2)
    {
        var issuer = v2 ? TestTokenIssuer.EntraV2Issuer(TenantId) : TestTokenIssuer.EntraV1Issuer(TenantId);
        var token = _issuer.CreateToken(AppId, serviceUrl: null, issuer: issuer, extraClaims: Caller(v2, AppId));

        var result = await Validate(Bearer(token), singleTenant: true);

        Assert.True(result.IsAuthenticated, result.FailureReason);
    }

    [Theory]
    [InlineData(true, null)]
    [InlineData(false, null)]
    [InlineData(true, "1c2d3e4f-5a6b-4c7d-8e9f-a0b1c2d3e4f5")]
    public async Task SingleTenantRejectsEntraTokenOfAnyOtherCaller(bool v2, string? caller)
    {
        // Any app registered in the tenant can get such a token for the bot's audience.
        var issuer = v2 ? TestTokenIssuer.EntraV2Issuer(TenantId) : TestTokenIssuer.EntraV1Issuer(TenantId);
        var token = _issuer.CreateToken(AppId, serviceUrl: null, issuer: issuer, extraClaims: caller is null ? null : Caller(v2, caller));

        var result = await Validate(Bearer(token), singleTenant: true);

        Assert.False(result.IsAuthenticated);
        Assert.Contains("AllowedCallers", result.FailureReason!, StringComparison.Ordinal);
    }

    private static Dictionary<string, object> Caller(bool v2, string appId) => new() { [v2 ? "azp" : "appid"] = appId };

    [Fact]
    public async Task SingleTenantStillAcceptsBotFrameworkToken()
    {
        var result = await Validate(Bearer(_issuer.CreateToken(AppId, ServiceUrl)), singleTenant: true);

        Assert.True(result.IsAuthenticated, result.FailureReason);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SingleTenantRejectsEntraTokenOfOtherTenant(bool v2)
    {
        var issuer = v2 ? TestTokenIssuer.EntraV2Issuer(OtherTenantId) : TestTokenIssuer.EntraV1Issuer(OtherTenantId);
        var token = _issuer.CreateToken(AppId, serviceUrl: null, issuer: issuer);

        var result = await Validate(Bearer(token), singleTenant: true);

        Assert.False(result.IsAuthenticated);
    }

    [Fact]
    public async Task SingleTenantRejectsEntraTokenWithMismatchedServiceUrl()
    {
        var token = _issuer.CreateToken(AppId, "https://elsewhere.botframework.com/", issuer: TestTokenIssuer.EntraV2Issuer(TenantId),
            extraClaims: Caller(true, AppId));

        var result = await Validate(Bearer(token), singleTenant: true);

        Assert.False(result.IsAuthenticated);
    }

    [Fact]
    public async Task SingleTenantRejectsEntraTokenForOtherAudience()
    {
        var token = _issuer.CreateToken(AppId, null, issuer: TestTokenIssuer.EntraV2Issuer(TenantId),
            audience: "https://graph.microsoft.com");

        var result = await Validate(Bearer(token), singleTenant: true);

        Assert.False(result.IsAuthenticated);
    }

    [Fact]
    public async Task FailsInDevelopmentMode()
    {
        var services = new ServiceCollection().AddLogging().AddBotConnector(new ConfigurationBuilder().Build()).BuildServiceProvider();
        await using var _ = services;

        var result = await services.GetRequiredService<IBotTokenValidator>()
            .ValidateAsync(Bearer(_issuer.CreateToken(AppId, ServiceUrl)), ServiceUrl, "msteams", CancellationToken.None);

        Assert.False(result.IsAuthenticated);
    }

    private static string Bearer(string token) => "Bearer " + token;

    private Task<BotAuthResult> Validate(string? header, string? activityServiceUrl = ServiceUrl, bool singleTenant = false,
        string? channelId = "msteams")
    {
        _services ??= Build(singleTenant);
        return _services.GetRequiredService<IBotTokenValidator>()
            .ValidateAsync(header, activityServiceUrl, channelId, CancellationToken.None);
    }

    private ServiceProvider Build(bool singleTenant)
    {
        var settings = singleTenant ? _issuer.SingleTenantBotSettings(AppId, TenantId) : _issuer.BotSettings(AppId);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(_time)
            .AddBotConnector(configuration)
            .BuildServiceProvider();
    }
}
