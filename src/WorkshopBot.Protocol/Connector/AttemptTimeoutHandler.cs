using Microsoft.Extensions.Options;

namespace WorkshopBot.Protocol.Connector;

/// <summary>
/// Bounds one HTTP attempt (innermost handler, so rate-limit waits do not count against it) and reports an
/// expired attempt as <see cref="TimeoutException"/>, which the retry handler retries.
/// </summary>
public sealed class AttemptTimeoutHandler(IOptions<BotConnectorOptions> options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // A real-clock safety net against hung connections, not part of the retry schedule.
        attempt.CancelAfter(options.Value.AttemptTimeout);
        try
        {
            return await base.SendAsync(request, attempt.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The connector did not answer within {options.Value.AttemptTimeout}.", ex);
        }
    }
}
