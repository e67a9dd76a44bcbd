using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkshopBot.Protocol.Auth;
using WorkshopBot.Protocol.Connector;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Protocol.Hosting;

/// <summary>
/// <c>POST /api/messages</c>: the token, then the size cap, parse, the activity against the token (its serviceUrl and
/// channel), de-duplicate, route. Bad input is a 4xx with no detail of the failure leaked (503 when the token cannot be
/// checked for want of signing keys); invokes are answered in the response body.
/// </summary>
public static partial class BotEndpoint
{
    /// <summary>Retry-After of the 503 answered while the authority's signing keys cannot be fetched.</summary>
    private const string KeysRetryAfterSeconds = "10";

    public static IEndpointConventionBuilder MapBotMessages(this IEndpointRouteBuilder endpoints, string pattern = "/api/messages") =>
        endpoints.MapPost(pattern, HandleAsync).DisableAntiforgery();

    internal static async Task<IResult> HandleAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var services = http.RequestServices;
        var auth = services.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value;
        var limits = services.GetRequiredService<IOptions<BotEndpointOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("WorkshopBot.Protocol.BotEndpoint");
        // From the request's arrival: an invoke's rate-limit waits and the wait for its replies fit in one answer budget.
        using var turnAnswer = services.GetService<SendDeadline>()?.BeginTurn(limits.AnswerWithin);

        if (auth.IsDevelopmentMode && !Loopback.IsLoopback(http.Connection.RemoteIpAddress))
        {
            Log.RejectedRemoteInDevelopment(logger);
            return Unauthorized(http);
        }

        if (auth.IsDevelopmentMode && DevelopmentCallers.Refusal(http.Request, out var reason) is { } refusal)
        {
            Log.RefusedInDevelopment(logger, reason);
            return TypedResults.StatusCode(refusal);
        }

        // The token first, before a byte of the body is read: a caller without a good one is answered 401 whatever it sends.
        var token = auth.IsDevelopmentMode ? null : await services.GetRequiredService<IBotTokenValidator>()
            .VerifyTokenAsync(http.Request.Headers.Authorization.ToString(), cancellationToken).ConfigureAwait(false);
        if (token?.Failure is { } refused)
        {
            return Refusal(http, logger, refused);
        }

        // Then what the body is declared to be, still before it is read: only JSON is parsed.
        if (!JsonContentType.IsJson(http.Request.ContentType))
        {
            Log.MalformedActivity(logger);
            return TypedResults.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }

        if (http.Request.ContentLength > limits.MaxRequestBodyBytes)
        {
            return TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var body = await ReadBodyAsync(http.Request, limits.MaxRequestBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var activity = Parse(body);
        if (activity is null)
        {
            Log.MalformedActivity(logger);
            return TypedResults.BadRequest();
        }

        if (activity.Type != ActivityTypes.Invoke)
        {
            // Only an invoke's answer carries what the person sees (a card); other activities are acknowledged as before.
            turnAnswer?.Dispose();
        }

        if (token is null)
        {
            // Without an app id the bot neither proves who it is nor checks callers, so it talks only to loopback.
            if (!Loopback.IsLoopbackUri(new Uri(activity.ServiceUrl!)))
            {
                Log.RejectedRemoteInDevelopment(logger);
                return Unauthorized(http);
            }
        }
        else if (services.GetRequiredService<IBotTokenValidator>().CheckActivity(token, activity.ServiceUrl, activity.ChannelId) is
            { IsAuthenticated: false } mismatch)
        {
            // The token's serviceurl claim, or its key's endorsement of the activity's channel.
            return Refusal(http, logger, mismatch);
        }

        if (!limits.AllowedChannelIds.Contains(activity.ChannelId ?? "", StringComparer.OrdinalIgnoreCase))
        {
            Log.ChannelNotServed(logger, activity.ChannelId ?? "(none)");
            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        }

        if (services.GetRequiredService<ServiceUrlPolicy>().Evaluate(activity.ServiceUrl) == ServiceUrlDecision.Refuse)
        {
            // The bot could never answer there: refused before anything of the turn is stored or done.
            Log.ServiceUrlRefused(logger, new Uri(activity.ServiceUrl!).IdnHost);
            return TypedResults.BadRequest();
        }

        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["ActivityId"] = activity.Id,
            ["ConversationId"] = activity.Conversation?.Id,
            ["ActivityType"] = activity.Type,
        });

        var router = services.GetRequiredService<ActivityRouter>();
        var coordinator = services.GetService<ITurnCoordinator>();
        var turn = new TurnContext(activity, services, services.GetRequiredService<IConnectorClient>(), services.GetService<ITurnSender>());
        try
        {
            var response = coordinator is null
                ? await router.DispatchAsync(turn, cancellationToken).ConfigureAwait(false)
                : await coordinator.RunAsync(turn, ct => router.DispatchAsync(turn, ct), cancellationToken).ConfigureAwait(false);
            Log.Handled(logger, activity.Type ?? "");
            if (response is null)
            {
                return TypedResults.Ok();
            }

            if (response.BodyUtf8 is { } utf8)
            {
                return new Utf8JsonResult(utf8, response.Status);
            }

            if (response.BodyParts is { } parts)
            {
                return new Utf8PartsResult(parts, response.Status);
            }

            return response.Body is null
                ? TypedResults.StatusCode(response.Status)
                : TypedResults.Json(response.Body, BotJson.Options, statusCode: response.Status);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Nothing of the turn was stored (its writes commit together or not at all), so Teams' redelivery of the
            // activity starts afresh. A card's button is never pressed again for the person: they are told, not shown a 500.
            // A passing failure (the store busy or out of reach for a moment) is a 503 with Retry-After, not a 500.
            var unavailable = ex as TurnUnavailableException;
            if (unavailable is null)
            {
                Log.HandlerFailed(logger, ex);
            }
            else
            {
                Log.TurnUnavailable(logger, unavailable.Reason);
            }

            if (activity.Type == ActivityTypes.Invoke && activity.Name == InvokeNames.AdaptiveCardAction)
            {
                return TypedResults.Json(AdaptiveCardInvokeResponse.Message(NothingDone), BotJson.Options);
            }

            if (unavailable is not null)
            {
                http.Response.Headers.RetryAfter = ((long)Math.Ceiling(unavailable.RetryAfter.TotalSeconds))
                    .ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }

            return TypedResults.StatusCode(StatusCodes.Status500InternalServerError);
        }
    }

    /// <summary>401 for a token refused; 503 with Retry-After when it could not be checked for want of signing keys.</summary>
    private static IResult Refusal(HttpContext http, ILogger logger, BotAuthResult result)
    {
        if (result.IsUnavailable)
        {
            // Not the caller's fault: a 401 would tell Teams the token was bad and the person's action would be lost.
            http.Response.Headers.RetryAfter = KeysRetryAfterSeconds;
            return TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        Log.Unauthenticated(logger, result.FailureReason ?? "unknown");
        return Unauthorized(http);
    }

    /// <summary>
    /// 401 with <c>WWW-Authenticate: Bearer</c> (RFC 6750): the scheme the caller must use, and nothing of why its token
    /// failed (no error code or description; the reason is only logged).
    /// </summary>
    private static IResult Unauthorized(HttpContext http)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return TypedResults.Unauthorized();
    }

    /// <summary>What a person who pressed a card's button is told when the turn failed on the bot's side.</summary>
    public const string NothingDone = "Sorry, that could not be done just now, and nothing was changed. Please try again in a moment.";

    /// <summary>
    /// Parses and checks the fields every routed activity needs; null when malformed: not JSON, text that is not valid
    /// UTF-16 once unescaped (a lone surrogate such as <c>"\ud800"</c>) or holding U+0000 anywhere, null entries in its
    /// lists, a serviceUrl that is not plain http(s) or carries credentials, two different tenant ids, or an identifier
    /// with a control character or over 1 KB (<see cref="ActivityIdentifiers"/>).
    /// </summary>
    internal static Activity? Parse(byte[] body)
    {
        Activity? activity;
        try
        {
            if (!JsonText.HasOnlyValidStrings(body))
            {
                return null;
            }

            activity = JsonSerializer.Deserialize<Activity>(body, BotJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json reports some unreadable text (e.g. invalid escapes) this way rather than as JSON errors.
            return null;
        }

        if (activity is null
            || string.IsNullOrWhiteSpace(activity.Type)
            || string.IsNullOrWhiteSpace(activity.Conversation?.Id)
            || !Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUri)
            || (serviceUri.Scheme != Uri.UriSchemeHttps && serviceUri.Scheme != Uri.UriSchemeHttp)
            || serviceUri.UserInfo.Length > 0
            || HasNull(activity.MembersAdded) || HasNull(activity.MembersRemoved)
            || HasNull(activity.Entities) || HasNull(activity.Attachments)
            || !TenantIsConsistent(activity)
            || !ActivityIdentifiers.AreSane(activity))
        {
            return null;
        }

        return activity;
    }

    private static bool HasNull<T>(IReadOnlyList<T?>? items)
        where T : class => items is not null && items.Any(i => i is null);

    private static bool TenantIsConsistent(Activity activity)
    {
        var fromConversation = activity.Conversation?.TenantId;
        var fromChannelData = activity.GetTeamsChannelData()?.Tenant?.Id;
        return string.IsNullOrEmpty(fromConversation) || string.IsNullOrEmpty(fromChannelData)
            || string.Equals(fromConversation, fromChannelData, StringComparison.OrdinalIgnoreCase);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1001, Level = LogLevel.Warning,
            Message = "Refused a request from or for a non-loopback address: no MicrosoftAppId is set (development mode)")]
        public static partial void RejectedRemoteInDevelopment(ILogger logger);

        [LoggerMessage(EventId = 1008, Level = LogLevel.Warning,
            Message = "Refused a request in development mode (no MicrosoftAppId): {Reason}")]
        public static partial void RefusedInDevelopment(ILogger logger, string reason);

        [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Refused a malformed activity")]
        public static partial void MalformedActivity(ILogger logger);

        [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Refused an unauthenticated request: {Reason}")]
        public static partial void Unauthenticated(ILogger logger, string reason);

        [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Handled {ActivityType}")]
        public static partial void Handled(ILogger logger, string activityType);

        [LoggerMessage(EventId = 1006, Level = LogLevel.Error, Message = "A handler failed")]
        public static partial void HandlerFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 1010, Level = LogLevel.Warning,
            Message = "A turn could not be done just now ({Reason}); nothing of it was stored, and it was answered 503")]
        public static partial void TurnUnavailable(ILogger logger, string reason);

        [LoggerMessage(EventId = 1009, Level = LogLevel.Warning,
            Message = "Refused an activity whose serviceUrl host {Host} WorkshopBot does not trust (see Bot:AllowedServiceUrlHosts)")]
        public static partial void ServiceUrlRefused(ILogger logger, string host);

        [LoggerMessage(EventId = 1007, Level = LogLevel.Warning,
            Message = "Refused an activity from channel {ChannelId}: not a channel WorkshopBot serves")]
        public static partial void ChannelNotServed(ILogger logger, string channelId);
    }
}
