using System.Net;
using Microsoft.IdentityModel.Tokens;
using WorkshopBot.Cards;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Foundation;

/// <summary>
/// POST /api/messages with real signed JWTs: only a token from the trusted issuer, for this app, in date, RS256,
/// with the activity's serviceUrl passes; everything else is 401 with no detail, and nothing is handled.
/// </summary>
public sealed class InboundAuthentication : IAsyncLifetime
{
    private static readonly TestUser Sam = BotTestHost.User("Sam Chair");
    private BotTestHost _host = null!;

    public async Task InitializeAsync() => _host = await BotTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string> BadTokens => new()
    {
        "expired",
        "not-yet-valid",
        "wrong-issuer",
        "wrong-audience",
        "unknown-key",
        "alg-none",
        "hs256-guessable-secret",
        "hs256-keyed-with-public-key",
        "missing-serviceurl",
        "mismatched-serviceurl",
        "no-header",
        "not-bearer",
        "garbage",
    };

    [Fact]
    public async Task AcceptsAValidToken()
    {
        using var response = await _host.PostAsync(Help());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(_host.CardsIn(BotTestHost.PersonalChat(Sam).Id));
    }

    [Fact]
    public async Task AcceptsATokenWithinFiveMinutesOfSkew()
    {
        var activity = Help();
        var token = _host.Issuer.CreateToken(BotTestHost.AppId, activity.ServiceUrl,
            notBefore: DateTimeOffset.UtcNow.AddMinutes(-70), expires: DateTimeOffset.UtcNow.AddMinutes(-3));

        using var response = await _host.PostAsync(activity, "Bearer " + token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AcceptsTheServiceUrlClaimWithADifferentCaseOrTrailingSlash()
    {
        var activity = Help();
        var token = _host.Issuer.CreateToken(BotTestHost.AppId, activity.ServiceUrl!.TrimEnd('/').ToUpperInvariant());

        using var response = await _host.PostAsync(activity, "Bearer " + token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task RefusesABadTokenWith401AndHandlesNothing(string kind)
    {
        var activity = Help();

        using var response = await _host.PostAsync(activity, Header(kind, activity.ServiceUrl!));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        // RFC 6750: the scheme to use, and nothing of why this token failed.
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).ToString());
        Assert.Empty(_host.Connector.Requests);
    }

    [Fact]
    public async Task RefusesATokenWhoseServiceUrlClaimIsNotTheActivitys()
    {
        var activity = Help() with { ServiceUrl = "https://smba.trafficmanager.net/uk/" };
        var token = _host.Issuer.CreateToken(BotTestHost.AppId, _host.ServiceUrl);

        using var response = await _host.PostAsync(activity, "Bearer " + token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private string Header(string kind, string serviceUrl)
    {
        var issuer = _host.Issuer;
        var app = BotTestHost.AppId;
        var now = DateTimeOffset.UtcNow;
        return kind switch
        {
            "expired" => "Bearer " + issuer.CreateToken(app, serviceUrl, notBefore: now.AddHours(-2), expires: now.AddMinutes(-6)),
            "not-yet-valid" => "Bearer " + issuer.CreateToken(app, serviceUrl, notBefore: now.AddMinutes(6), expires: now.AddHours(1)),
            "wrong-issuer" => "Bearer " + issuer.CreateToken(app, serviceUrl, issuer: "https://attacker.example"),
            "wrong-audience" => "Bearer " + issuer.CreateToken(app, serviceUrl, audience: Guid.NewGuid().ToString()),
            "unknown-key" => "Bearer " + issuer.CreateToken(app, serviceUrl, signingKey: TestTokenIssuer.CreateRsaKey()),
            "alg-none" => "Bearer " + issuer.CreateUnsignedToken(app, serviceUrl),
            "hs256-guessable-secret" =>
                "Bearer " + issuer.CreateHs256Token(app, serviceUrl, secret: "secretsecretsecretsecretsecretsecret"),
            "hs256-keyed-with-public-key" => "Bearer " + issuer.CreateHs256TokenKeyedWithPublicKey(app, serviceUrl),
            "missing-serviceurl" => "Bearer " + issuer.CreateToken(app, serviceUrl: null),
            "mismatched-serviceurl" => "Bearer " + issuer.CreateToken(app, "https://smba.trafficmanager.net/emea/"),
            "no-header" => "",
            "not-bearer" => "Basic " + Convert.ToBase64String("a:b"u8.ToArray()),
            "garbage" => "Bearer not.a.jwt",
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    private WorkshopBot.Protocol.Schema.Activity Help() => _host.Message(Sam, BotTestHost.PersonalChat(Sam), "help");
}
