using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WorkshopBot.Protocol.Auth;

namespace WorkshopBot.Tests.Support;

/// <summary>
/// A fake Bot Framework / Entra ID token authority on a real loopback Kestrel server: serves OpenID metadata and a
/// JWKS with a freshly generated RSA key, and mints tokens (valid ones and deliberately bad ones).
/// Point <c>ToBotFromChannelOpenIdMetadataUrl</c> at <see cref="MetadataUrl"/> (see <see cref="BotSettings"/>).
/// </summary>
public sealed class TestTokenIssuer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly List<RsaSecurityKey> _published = [];
    private readonly Dictionary<string, string[]> _endorsements = new(StringComparer.Ordinal);
    private int _keySetRequests;
    private int _keysUnavailable;
    private int _metadataRequests;

    private TestTokenIssuer(WebApplication app, TimeProvider time)
    {
        _app = app;
        _time = time;
        SigningKey = CreateRsaKey("test-key-1");
        _published.Add(SigningKey);
    }

    /// <summary>The Bot Framework issuer (the default <c>ToBotFromChannelTokenIssuer</c>).</summary>
    public string Issuer => BotAuthenticationOptions.DefaultTokenIssuer;

    /// <summary>http://127.0.0.1:{port}/</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Bot Framework-style metadata (issuer <see cref="Issuer"/>).</summary>
    public string MetadataUrl => BaseUrl + "v1/.well-known/openidconfiguration";

    /// <summary>The published key new tokens are signed with by default.</summary>
    public RsaSecurityKey SigningKey { get; }

    /// <summary>How often the JWKS was fetched (to prove caching and refresh).</summary>
    public int KeySetRequests => Volatile.Read(ref _keySetRequests);

    public int MetadataRequests => Volatile.Read(ref _metadataRequests);

    /// <summary>While set, the key sets answer 503, as an unreachable authority would (metadata still answers).</summary>
    public bool KeysUnavailable
    {
        get => Volatile.Read(ref _keysUnavailable) == 1;
        set => Volatile.Write(ref _keysUnavailable, value ? 1 : 0);
    }

    public static async Task<TestTokenIssuer> StartAsync(TimeProvider? timeProvider = null)
    {
        var builder = LoopbackServer.SlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var issuer = new TestTokenIssuer(app, timeProvider ?? TimeProvider.System);
        issuer.MapRoutes();
        await app.StartAsync();
        issuer.BaseUrl = LoopbackServer.BaseUrl(app);
        return issuer;
    }

    public string EntraMetadataUrl(string tenantId) => $"{BaseUrl}{tenantId}/v2.0/.well-known/openid-configuration";

    public static string EntraV2Issuer(string tenantId) => $"https://login.microsoftonline.com/{tenantId}/v2.0";

    public static string EntraV1Issuer(string tenantId) => $"https://sts.windows.net/{tenantId}/";

    /// <summary>Configuration for a multi-tenant bot that trusts this issuer (merge into test configuration).</summary>
    public Dictionary<string, string?> BotSettings(string appId, string password = "test-secret") => new()
    {
        ["MicrosoftAppId"] = appId,
        ["MicrosoftAppPassword"] = password,
        ["ToBotFromChannelOpenIdMetadataUrl"] = MetadataUrl,
    };

    /// <summary>Configuration for a single-tenant bot that trusts this issuer for both token kinds.</summary>
    public Dictionary<string, string?> SingleTenantBotSettings(string appId, string tenantId, string password = "test-secret")
    {
        var settings = BotSettings(appId, password);
        settings["MicrosoftAppType"] = "SingleTenant";
        settings["MicrosoftAppTenantId"] = tenantId;
        settings["EntraOpenIdMetadataUrl"] = EntraMetadataUrl(tenantId);
        return settings;
    }

    public static RsaSecurityKey CreateRsaKey(string? keyId = null) =>
        new(RSA.Create(2048)) { KeyId = keyId ?? Guid.NewGuid().ToString("N") };

    /// <summary>The channels every published key is endorsed for unless <see cref="PublishKey"/> says otherwise.</summary>
    public static readonly string[] DefaultEndorsements = ["msteams"];

    /// <summary>
    /// Adds a key to the JWKS (simulates key rotation), endorsed for <paramref name="endorsements"/> (Teams when null;
    /// an empty list publishes the key without an <c>endorsements</c> member, as Entra ID key sets do).
    /// </summary>
    public void PublishKey(RsaSecurityKey key, string[]? endorsements = null)
    {
        lock (_gate)
        {
            _published.Add(key);
            _endorsements[key.KeyId] = endorsements ?? DefaultEndorsements;
        }
    }

    /// <summary>An RS256 (or <paramref name="alg"/>) token; null <paramref name="serviceUrl"/> leaves the claim out.</summary>
    public string CreateToken(
        string appId,
        string? serviceUrl,
        string? issuer = null,
        string? audience = null,
        DateTimeOffset? notBefore = null,
        DateTimeOffset? expires = null,
        SecurityKey? signingKey = null,
        string? alg = null,
        IDictionary<string, object>? extraClaims = null)
    {
        var now = _time.GetUtcNow();
        var claims = new Dictionary<string, object>(extraClaims ?? new Dictionary<string, object>());
        if (serviceUrl is not null)
        {
            claims["serviceurl"] = serviceUrl;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience ?? appId,
            IssuedAt = (notBefore ?? now.AddMinutes(-1)).UtcDateTime,
            NotBefore = (notBefore ?? now.AddMinutes(-1)).UtcDateTime,
            Expires = (expires ?? now.AddHours(1)).UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(signingKey ?? SigningKey, alg ?? SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>An unsigned token (<c>alg: none</c>, empty signature) with otherwise valid claims.</summary>
    public string CreateUnsignedToken(string appId, string? serviceUrl, string? issuer = null)
    {
        var header = Encode(new Dictionary<string, object> { ["alg"] = "none", ["typ"] = "JWT" });
        return header + "." + Encode(Payload(appId, serviceUrl, issuer)) + ".";
    }

    /// <summary>An HS256 token signed with a guessable shared secret (and the published key's kid).</summary>
    public string CreateHs256Token(string appId, string? serviceUrl, string secret = "secret", string? issuer = null) =>
        CreateHmacToken(appId, serviceUrl, Encoding.UTF8.GetBytes(secret), issuer);

    /// <summary>The classic algorithm-confusion attack: HS256 keyed with the published RSA public key.</summary>
    public string CreateHs256TokenKeyedWithPublicKey(string appId, string? serviceUrl) =>
        CreateHmacToken(appId, serviceUrl, SigningKey.Rsa.ExportSubjectPublicKeyInfo(), null);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private string CreateHmacToken(string appId, string? serviceUrl, byte[] secret, string? issuer)
    {
        var header = Encode(new Dictionary<string, object> { ["alg"] = "HS256", ["typ"] = "JWT", ["kid"] = SigningKey.KeyId });
        var signingInput = header + "." + Encode(Payload(appId, serviceUrl, issuer));
        var signature = HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64UrlEncoder.Encode(signature);
    }

    private Dictionary<string, object> Payload(string appId, string? serviceUrl, string? issuer)
    {
        var now = _time.GetUtcNow();
        var payload = new Dictionary<string, object>
        {
            ["iss"] = issuer ?? Issuer,
            ["aud"] = appId,
            ["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["iat"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
            ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
        };
        if (serviceUrl is not null)
        {
            payload["serviceurl"] = serviceUrl;
        }

        return payload;
    }

    private static string Encode(Dictionary<string, object> json) => Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(json));

    private void MapRoutes()
    {
        _app.MapGet("/v1/.well-known/openidconfiguration", () =>
        {
            Interlocked.Increment(ref _metadataRequests);
            return Results.Json(Metadata(Issuer, BaseUrl + "v1/keys"));
        });
        _app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (string tenant) =>
        {
            Interlocked.Increment(ref _metadataRequests);
            return Results.Json(Metadata(EntraV2Issuer(tenant), $"{BaseUrl}{tenant}/discovery/v2.0/keys"));
        });
        _app.MapGet("/v1/keys", KeySet);
        _app.MapGet("/{tenant}/discovery/v2.0/keys", (string tenant) => KeySet());
    }

    private static Dictionary<string, object> Metadata(string issuer, string jwksUri) => new()
    {
        ["issuer"] = issuer,
        ["authorization_endpoint"] = issuer + "/authorize",
        ["jwks_uri"] = jwksUri,
        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        ["token_endpoint_auth_methods_supported"] = new[] { "private_key_jwt" },
    };

    private IResult KeySet()
    {
        Interlocked.Increment(ref _keySetRequests);
        if (KeysUnavailable)
        {
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        List<(RsaSecurityKey Key, string[] Endorsements)> keys;
        lock (_gate)
        {
            keys = [.. _published.Select(k => (k, _endorsements.TryGetValue(k.KeyId, out var e) ? e : DefaultEndorsements))];
        }

        var json = keys.Select(entry =>
        {
            var parameters = entry.Key.Rsa.ExportParameters(includePrivateParameters: false);
            var jwk = new Dictionary<string, object>
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["alg"] = "RS256",
                ["kid"] = entry.Key.KeyId,
                ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            };
            if (entry.Endorsements.Length > 0)
            {
                jwk["endorsements"] = entry.Endorsements;
            }

            return jwk;
        }).ToList();
        return Results.Json(new Dictionary<string, object> { ["keys"] = json });
    }
}
