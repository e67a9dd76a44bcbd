using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;
using WorkshopBot.Protocol.Auth;

namespace WorkshopBot.Protocol.Connector;

/// <summary>
/// The bot's own identity towards Entra ID, for the connector and for Microsoft Graph: a client secret, a certificate
/// (file or store) or a user-assigned managed identity (MSAL's managed-identity API, which finds the endpoint from
/// the environment: App Service's IDENTITY_ENDPOINT / IDENTITY_HEADER, MSI_ENDPOINT, else the instance metadata
/// service). One MSAL application per authority, so MSAL's in-memory token cache is reused and refreshed early.
/// </summary>
public sealed class BotAppCredential : IDisposable
{
    /// <summary>The named HttpClient MSAL uses (tests give it a handler that trusts a loopback certificate).</summary>
    public const string HttpClientName = "WorkshopBot.Msal";

    private readonly BotAuthenticationOptions _auth;
    private readonly BotCredentialOptions _options;
    private readonly IMsalHttpClientFactory _http;
    private readonly Lazy<X509Certificate2?> _certificate;
    private readonly Lazy<IManagedIdentityApplication> _managedIdentity;
    private readonly ConcurrentDictionary<string, Lazy<IConfidentialClientApplication>> _clients = new(StringComparer.OrdinalIgnoreCase);

    public BotAppCredential(IOptions<BotAuthenticationOptions> auth, IOptions<BotCredentialOptions> options, IHttpClientFactory httpClients)
    {
        ArgumentNullException.ThrowIfNull(auth);
        ArgumentNullException.ThrowIfNull(options);
        _auth = auth.Value;
        _options = options.Value;
        _http = new MsalHttpClientFactory(httpClients);
        Kind = _options.KindFor(_auth);
        _certificate = new(() => Kind is BotCredentialKind.CertificateFile or BotCredentialKind.CertificateStore
            ? _options.LoadCertificate(Kind)
            : null);
        _managedIdentity = new(() => ManagedIdentityApplicationBuilder
            .Create(ManagedIdentityId.WithUserAssignedClientId(_auth.MicrosoftAppId!))
            .WithHttpClientFactory(_http)
            .Build());
    }

    public BotCredentialKind Kind { get; }

    /// <summary>
    /// An app-only token for <paramref name="scope"/> (e.g. <c>https://api.botframework.com/.default</c>). The
    /// authority is ignored for a managed identity, whose tokens always come from its own tenant.
    /// </summary>
    public async Task<string> AcquireTokenAsync(string authority, string scope, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(authority);
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        switch (Kind)
        {
            case BotCredentialKind.None:
                throw new InvalidOperationException("WorkshopBot has no identity configured (MicrosoftAppId is empty).");
            case BotCredentialKind.ManagedIdentity:
                var resource = scope.EndsWith("/.default", StringComparison.Ordinal) ? scope[..^"/.default".Length] : scope;
                var identity = await _managedIdentity.Value.AcquireTokenForManagedIdentity(resource)
                    .ExecuteAsync(cancellationToken).ConfigureAwait(false);
                return identity.AccessToken;
            default:
                var client = _clients.GetOrAdd(authority, a => new Lazy<IConfidentialClientApplication>(() => Build(a))).Value;
                var result = await client.AcquireTokenForClient([scope]).ExecuteAsync(cancellationToken).ConfigureAwait(false);
                return result.AccessToken;
        }
    }

    /// <summary>A short description for the start-up log (never the secret).</summary>
    public string Describe() => Kind switch
    {
        BotCredentialKind.ClientSecret => "client secret",
        BotCredentialKind.CertificateFile => "certificate file " + _options.MicrosoftAppCertificatePath,
        BotCredentialKind.CertificateStore => $"certificate {_options.NormalisedThumbprint} from {_options.StoreLocation}/My",
        BotCredentialKind.ManagedIdentity => "user-assigned managed identity " + _auth.MicrosoftAppId,
        _ => "none",
    };

    public void Dispose()
    {
        if (_certificate.IsValueCreated)
        {
            _certificate.Value?.Dispose();
        }
    }

    private IConfidentialClientApplication Build(string authority)
    {
        // A loopback authority is a test's token endpoint: MSAL cannot look it up in Entra ID's instance metadata.
        var known = !Uri.TryCreate(authority, UriKind.Absolute, out var uri) || !Loopback.IsLoopbackUri(uri);
        var builder = ConfidentialClientApplicationBuilder.Create(_auth.MicrosoftAppId)
            .WithAuthority(authority, validateAuthority: known)
            .WithInstanceDiscovery(known)
            .WithHttpClientFactory(_http);
        builder = Kind == BotCredentialKind.ClientSecret
            ? builder.WithClientSecret(_auth.MicrosoftAppPassword)
            : builder.WithCertificate(_certificate.Value!);
        return builder.Build();
    }

    private sealed class MsalHttpClientFactory(IHttpClientFactory factory) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => factory.CreateClient(HttpClientName);
    }
}
