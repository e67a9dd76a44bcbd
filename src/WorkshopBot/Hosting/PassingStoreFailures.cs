using System.Globalization;
using WorkshopBot.Storage;

namespace WorkshopBot.Hosting;

/// <summary>
/// The plain HTTP endpoints (the tab's API, the download links) answer 503 with Retry-After, not 500, when the store was
/// busy or out of reach for a moment (<see cref="StoreFailures.IsPassing"/>): nothing was served or stored, and the same
/// request a moment later is answered. The bot's own endpoint does the same for a turn (TurnUnavailableException).
/// </summary>
internal static partial class PassingStoreFailures
{
    public static WebApplication AnswerPassingStoreFailuresWith503(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context).ConfigureAwait(false);
            }
            catch (Exception ex) when (StoreFailures.IsPassing(ex) && !context.Response.HasStarted)
            {
                LogUnavailable(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PassingStoreFailures)),
                    context.Request.Method, context.GetEndpoint()?.DisplayName ?? "", StoreFailures.Describe(ex));
                context.Response.Clear();
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter =
                    ((long)Math.Ceiling(StoreFailures.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                context.Response.Headers.CacheControl = "no-store";
            }
        });
        return app;
    }

    [LoggerMessage(EventId = 1517, Level = LogLevel.Warning,
        Message = "{Method} {Endpoint} could not be answered just now ({Reason}): answered 503 with Retry-After")]
    private static partial void LogUnavailable(ILogger logger, string method, string endpoint, string reason);
}
