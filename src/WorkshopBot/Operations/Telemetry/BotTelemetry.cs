using System.Diagnostics;

namespace WorkshopBot.Operations.Telemetry;

/// <summary>
/// The bot's trace sources, one per layer, and its meter's name. Spans and metrics carry ids, kinds, counts and
/// status codes only: never free text, names or card content.
/// </summary>
public static class BotTelemetry
{
    public const string MeterName = "WorkshopBot";

    /// <summary>POST /api/messages: one span per request, with the HTTP status answered.</summary>
    public static readonly ActivitySource Endpoint = new("WorkshopBot.Endpoint");

    /// <summary>The turn (tenant gate, replay, commit) and each run of the router and its handler.</summary>
    public static readonly ActivitySource Turns = new("WorkshopBot.Turns");

    /// <summary>Commits of a unit of work (one transaction, group commit).</summary>
    public static readonly ActivitySource Store = new("WorkshopBot.Store");

    /// <summary>Delivery of one outbox message, and messages that failed for good.</summary>
    public static readonly ActivitySource Outbox = new("WorkshopBot.Outbox");

    /// <summary>Each HTTP attempt to the Bot Framework connector.</summary>
    public static readonly ActivitySource Connector = new("WorkshopBot.Connector");

    /// <summary>Background jobs (retention purge).</summary>
    public static readonly ActivitySource Jobs = new("WorkshopBot.Jobs");

    /// <summary>Every source above, for the tracer provider.</summary>
    public static IReadOnlyList<string> SourceNames { get; } =
        [Endpoint.Name, Turns.Name, Store.Name, Outbox.Name, Connector.Name, Jobs.Name];

    /// <summary>Marks a span as failed with an error type (a class name or code, never a message).</summary>
    public static void Fail(Activity? span, string errorType)
    {
        if (span is null)
        {
            return;
        }

        span.SetStatus(ActivityStatusCode.Error);
        span.SetTag("error.type", errorType);
    }
}
