using System.Diagnostics;

namespace WorkshopBot.Operations.Telemetry;

/// <summary>
/// The innermost handler of the connector's HttpClient: one span and one count per HTTP attempt (so a 429 that the
/// retry handler then waits out is counted), tagged with the operation's shape and the status code. The URL itself
/// (service URL, conversation and activity ids) is not recorded.
/// </summary>
internal sealed class ConnectorTelemetryHandler(BotMetrics metrics, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var operation = Operation(request);
        var method = request.Method.Method;
        using var span = BotTelemetry.Connector.StartActivity("connector " + operation, ActivityKind.Client);
        span?.SetTag("http.request.method", method);
        span?.SetTag("workshopbot.connector.operation", operation);
        var started = time.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            span?.SetTag("http.response.status_code", status);
            if (status >= 400)
            {
                BotTelemetry.Fail(span, status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            metrics.ConnectorRequest(method, operation, status, time.GetElapsedTime(started));
            return response;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            BotTelemetry.Fail(span, ex.GetType().Name);
            metrics.ConnectorRequest(method, operation, 0, time.GetElapsedTime(started));
            throw;
        }
    }

    /// <summary>The path's shape with ids left out, e.g. "conversations/activities".</summary>
    internal static string Operation(HttpRequestMessage request)
    {
        var segments = request.RequestUri?.AbsolutePath.Trim('/').Split('/') ?? [];
        var v3 = Array.IndexOf(segments, "v3");
        if (v3 < 0)
        {
            return "other";
        }

        // v3/conversations[/{id}/activities[/{id}] | /{id}/pagedmembers | /{id}/members/{id}] and v3/teams/{id}/conversations.
        var named = segments.Skip(v3 + 1).Where((_, i) => i % 2 == 0).Take(3);
        return string.Join('/', named);
    }
}
