using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace WorkshopBot.Tests.Support;

/// <summary>A token request the local endpoint received: path, query, form fields and headers.</summary>
public sealed record TokenRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string> Form,
    IReadOnlyDictionary<string, string> Headers,
    string IssuedToken);

/// <summary>
/// Entra ID's token endpoint (<c>POST {tenant}/oauth2/v2.0/token</c>, over https with a self-signed loopback
/// certificate, as MSAL talks only https to an authority) and App Service's managed-identity endpoint
/// (<c>GET msi/token</c> with the X-IDENTITY-HEADER secret, plain http as on App Service), on loopback.
/// Every token it issues is distinct, so a test can tell which request produced the token the bot used.
/// </summary>
public sealed class LocalTokenEndpoint : IAsyncDisposable
{
    public const string IdentityHeader = "local-identity-header-secret";

    private readonly WebApplication _app;
    private int _issued;

    private LocalTokenEndpoint(WebApplication app, X509Certificate2? certificate)
    {
        _app = app;
        ServerCertificate = certificate;
    }

    /// <summary>The https certificate (null for plain http).</summary>
    public X509Certificate2? ServerCertificate { get; }

    public string BaseUrl { get; private set; } = "";

    /// <summary>The App Service managed-identity endpoint (IDENTITY_ENDPOINT).</summary>
    public string ManagedIdentityEndpoint => BaseUrl + "msi/token";

    public ConcurrentQueue<TokenRequest> Requests { get; } = new();

    public string Authority(string tenant) => BaseUrl + tenant;

    public static async Task<LocalTokenEndpoint> StartAsync(bool https)
    {
        var certificate = https ? CreateServerCertificate() : null;
        var builder = LoopbackServer.SlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        var app = builder.Build();
        var endpoint = new LocalTokenEndpoint(app, certificate);
        app.Run(endpoint.HandleAsync);
        await app.StartAsync();
        endpoint.BaseUrl = LoopbackServer.BaseUrl(app);
        return endpoint;
    }

    /// <summary>A handler that trusts exactly this endpoint's certificate (for the bot's MSAL HttpClient).</summary>
    public HttpMessageHandler TrustingHandler() => new SocketsHttpHandler
    {
        SslOptions =
        {
            RemoteCertificateValidationCallback = (_, presented, _, _) =>
                presented is not null && ServerCertificate is not null
                && presented.GetCertHashString() == ServerCertificate.GetCertHashString(),
        },
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        ServerCertificate?.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var form = request.HasFormContentType
            ? (await request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        var query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var token = "local-token-" + Interlocked.Increment(ref _issued).ToString(CultureInfo.InvariantCulture);
        Requests.Enqueue(new TokenRequest(request.Method, request.Path.Value ?? "", query, form, headers, token));

        if (request.Method == "POST" && request.Path.Value?.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal) == true)
        {
            await context.Response.WriteAsJsonAsync(new Dictionary<string, object>
            {
                ["token_type"] = "Bearer",
                ["expires_in"] = 3600,
                ["ext_expires_in"] = 3600,
                ["access_token"] = token,
            });
            return;
        }

        if (request.Method == "GET" && request.Path.Value == "/msi/token")
        {
            if (request.Headers["X-IDENTITY-HEADER"] != IdentityHeader)
            {
                context.Response.StatusCode = 401;
                return;
            }

            var expires = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            await context.Response.WriteAsJsonAsync(new Dictionary<string, object>
            {
                ["access_token"] = token,
                ["expires_on"] = expires,
                ["resource"] = query.GetValueOrDefault("resource", ""),
                ["token_type"] = "Bearer",
                ["client_id"] = query.GetValueOrDefault("client_id", ""),
            });
            return;
        }

        context.Response.StatusCode = 404;
    }

    private static X509Certificate2 CreateServerCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    /// <summary>A self-signed client certificate with an exportable private key.</summary>
    public static X509Certificate2 CreateClientCertificate(string subject)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=" + subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null, X509KeyStorageFlags.Exportable);
    }
}
