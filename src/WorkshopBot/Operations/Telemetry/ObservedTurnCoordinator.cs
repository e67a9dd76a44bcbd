using System.Text.Json;
using WorkshopBot.Hosting;
using WorkshopBot.Protocol.Hosting;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;

namespace WorkshopBot.Operations.Telemetry;

/// <summary>
/// Traces and counts each turn around the real coordinator: a "turn" span for the whole of it (commit and immediate
/// replies included), a "handler" span for each run of the router, and the activity's type, route and outcome. The route
/// is a verb the router knows (never a verb a card made up), the activity type, or "message" for typed text.
/// </summary>
internal sealed class ObservedTurnCoordinator(ITurnCoordinator inner, ActivityRouter router, TenantGate tenants, BotMetrics metrics,
    UnitOfWork work, TimeProvider time) : ITurnCoordinator
{
    public async Task<InvokeResponse?> RunAsync(TurnContext turn, Func<CancellationToken, Task<InvokeResponse?>> dispatch,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(dispatch);
        var started = time.GetTimestamp();
        var type = KnownType(turn.Activity.Type);
        var route = RouteOf(turn.Activity);
        using var span = BotTelemetry.Turns.StartActivity("turn " + route);
        span?.SetTag("activity.type", type);
        span?.SetTag("workshopbot.route", route);
        var runs = 0;
        var replayed = false;
        var outcome = "failed";
        try
        {
            var response = await inner.RunAsync(turn, async ct =>
            {
                runs++;
                using var handler = BotTelemetry.Turns.StartActivity("handler " + route);
                handler?.SetTag("workshopbot.route", route);
                handler?.SetTag("workshopbot.turn.run", runs);
                try
                {
                    var answer = await dispatch(ct).ConfigureAwait(false);
                    handler?.SetTag("workshopbot.invoke.status", answer?.Status);
                    return answer;
                }
                catch (ActivityHandledBeforeException)
                {
                    // The replay check rode along with the handler's first read (TurnCoordinator): a replay, not a run.
                    replayed = true;
                    throw;
                }
            }, cancellationToken).ConfigureAwait(false);
            // A redelivery whose answer was not kept runs its handler for the answer and stores nothing: a replay too.
            replayed |= work.Redelivered;
            outcome = runs > 0 && !replayed ? "handled" : tenants.Serves(turn.TenantId) ? "replayed" : "refused_tenant";
            span?.SetTag("workshopbot.invoke.status", response?.Status);
            return response;
        }
        catch (Exception ex)
        {
            BotTelemetry.Fail(span, ex.GetType().Name);
            throw;
        }
        finally
        {
            span?.SetTag("workshopbot.outcome", outcome);
            span?.SetTag("workshopbot.turn.runs", runs);
            metrics.Activity(type, route, outcome, time.GetElapsedTime(started));
        }
    }

    private static string KnownType(string? type) => type switch
    {
        ActivityTypes.Message or ActivityTypes.Invoke or ActivityTypes.ConversationUpdate or ActivityTypes.InstallationUpdate => type,
        _ => "other",
    };

    /// <summary>The verb or invoke name when the router serves it; otherwise the activity type. Never text someone typed.</summary>
    private string RouteOf(WorkshopBot.Protocol.Schema.Activity activity)
    {
        if (activity.Type == ActivityTypes.Invoke)
        {
            var verb = ActivityRouter.CardActionVerbOf(activity);
            return verb is not null && router.CardActionVerbs.ContainsKey(verb) ? verb
                : activity.Name == InvokeNames.AdaptiveCardAction ? "card-action:unknown" : "invoke";
        }

        if (activity.Type == ActivityTypes.Message)
        {
            var verb = activity.Value is { ValueKind: JsonValueKind.Object } value
                && value.TryGetProperty(ActivityRouter.SubmitVerbProperty, out var v) && v.ValueKind == JsonValueKind.String
                ? v.GetString() : null;
            return verb is null ? "message" : router.SubmitVerbs.ContainsKey(verb) ? verb : "submit:unknown";
        }

        return KnownType(activity.Type);
    }
}
