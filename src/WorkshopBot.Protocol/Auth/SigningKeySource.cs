using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace WorkshopBot.Protocol.Auth;

/// <summary>
/// One authority's signing keys. A <see cref="ConfigurationManager{T}"/> caches them (and refreshes them in the
/// background twice a day). Its own <c>RequestRefresh</c> refreshes in the background too, so the request that met
/// the unknown key would still fail; instead a forced refresh swaps in a new manager and awaits its first fetch.
/// </summary>
internal sealed class SigningKeySource
{
    private readonly string _metadataUrl;
    private readonly HttpDocumentRetriever _retriever;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private ConfigurationManager<OpenIdConnectConfiguration> _manager;
    private DateTimeOffset? _lastForcedRefresh;

    public SigningKeySource(string metadataUrl, HttpClient httpClient, TimeProvider time)
    {
        _metadataUrl = metadataUrl;
        _time = time;
        _retriever = new HttpDocumentRetriever(httpClient)
        {
            // Options validation already refused http for anything but loopback.
            RequireHttps = !Loopback.IsLoopbackUri(new Uri(metadataUrl)),
        };
        _manager = NewManager();
    }

    public Task<OpenIdConnectConfiguration> GetAsync(CancellationToken cancellationToken) =>
        Volatile.Read(ref _manager).GetConfigurationAsync(cancellationToken);

    /// <summary>Fresh keys, or null when refreshed too recently or the fetch failed (the old keys stay).</summary>
    public async Task<OpenIdConnectConfiguration?> RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _time.GetUtcNow();
            if (_lastForcedRefresh is { } last && now - last < BotTokenValidator.MinimumKeyRefreshInterval)
            {
                // Another request may just have refreshed: its keys are the current ones.
                return await GetAsync(cancellationToken).ConfigureAwait(false);
            }

            _lastForcedRefresh = now;
            var candidate = NewManager();
            try
            {
                var configuration = await candidate.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _manager, candidate);
                return configuration;
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    private ConfigurationManager<OpenIdConnectConfiguration> NewManager() =>
        new(_metadataUrl, new OpenIdConnectConfigurationRetriever(), _retriever)
        {
            RefreshInterval = BotTokenValidator.MinimumKeyRefreshInterval,
        };
}
