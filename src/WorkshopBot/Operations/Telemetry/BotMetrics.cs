using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace WorkshopBot.Operations.Telemetry;

/// <summary>
/// The bot's instruments on the <see cref="BotTelemetry.MeterName"/> meter (from <see cref="IMeterFactory"/>). Tags are
/// kinds, outcomes and status codes only. Gauges read the last sample of <see cref="OperationsMonitor"/>.
/// </summary>
public sealed class BotMetrics
{
    private readonly Counter<long> _activities;
    private readonly Histogram<double> _handlerDuration;
    private readonly Histogram<double> _commitDuration;
    private readonly Counter<long> _outboxOutcomes;
    private readonly Counter<long> _undeliverable;
    private readonly Counter<long> _connectorRequests;
    private readonly Histogram<double> _connectorDuration;
    private readonly Counter<long> _votes;
    private readonly Counter<long> _purged;

    public BotMetrics(IMeterFactory meters, OperationsSample sample)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(sample);
        var meter = meters.Create(BotTelemetry.MeterName);
        _activities = meter.CreateCounter<long>("workshopbot.activities", "{activity}",
            "Activities received, by type and outcome (handled, replayed, refused_tenant, failed).");
        _handlerDuration = meter.CreateHistogram<double>("workshopbot.handler.duration", "s",
            "Time from an activity's arrival to its answer, commit and immediate replies included.");
        _commitDuration = meter.CreateHistogram<double>("workshopbot.store.commit.duration", "s",
            "Time to commit one unit of work (group commit wait included), by outcome.");
        _outboxOutcomes = meter.CreateCounter<long>("workshopbot.outbox.outcomes", "{message}",
            "Outbox delivery outcomes (sent, rescheduled, postponed, blocked, failed), by message kind.");
        _undeliverable = meter.CreateCounter<long>("workshopbot.outbox.undeliverable", "{message}",
            "Messages that failed for good (failed or blocked), by message kind.");
        _connectorRequests = meter.CreateCounter<long>("workshopbot.connector.requests", "{request}",
            "HTTP attempts to the Bot Framework connector, by operation and status code (429 included).");
        _connectorDuration = meter.CreateHistogram<double>("workshopbot.connector.duration", "s",
            "Duration of one HTTP attempt to the connector.");
        _votes = meter.CreateCounter<long>("workshopbot.votes", "{vote}", "Workshop votes, by operation and outcome.");
        _purged = meter.CreateCounter<long>("workshopbot.retention.purged", "{audit}", "Audits purged by the retention job.");
        meter.CreateObservableGauge("workshopbot.outbox.depth", () => sample.Current.OutboxDepth, "{message}",
            "Outbox messages not yet completed (pending or in flight).");
        meter.CreateObservableGauge("workshopbot.outbox.oldest_due_age", () => sample.Current.OldestDueAge.TotalSeconds, "s",
            "How long the oldest due outbox message has waited for an attempt (0 when none).");
        meter.CreateObservableGauge("workshopbot.outbox.oldest_queued_age", () => sample.Current.OldestQueuedAge.TotalSeconds, "s",
            "Age of the oldest outbox message still to be sent, from when it was queued however often it was put off (0 when none).");
        meter.CreateObservableGauge("workshopbot.safety_alerts.unacknowledged", () => sample.Current.UnacknowledgedSafetyAlerts,
            "{alert}", "Immediate-safety alerts nobody has acknowledged yet.");
    }

    public void Activity(string type, string route, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { "activity.type", type }, { "workshopbot.route", route }, { "workshopbot.outcome", outcome } };
        _activities.Add(1, tags);
        _handlerDuration.Record(elapsed.TotalSeconds, tags);
    }

    public void Commit(string outcome, TimeSpan elapsed) =>
        _commitDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("workshopbot.outcome", outcome));

    public void OutboxOutcome(string kind, string outcome) =>
        _outboxOutcomes.Add(1, new("workshopbot.message.kind", kind), new("workshopbot.outcome", outcome));

    public void Undeliverable(string kind, string status) =>
        _undeliverable.Add(1, new("workshopbot.message.kind", kind), new("workshopbot.outcome", status));

    public void ConnectorRequest(string method, string operation, int status, TimeSpan elapsed)
    {
        var tags = new TagList
        {
            { "http.request.method", method }, { "workshopbot.connector.operation", operation }, { "http.response.status_code", status },
        };
        _connectorRequests.Add(1, tags);
        _connectorDuration.Record(elapsed.TotalSeconds, tags);
    }

    public void Vote(string operation, string outcome) =>
        _votes.Add(1, new("workshopbot.vote.operation", operation), new("workshopbot.outcome", outcome));

    public void Purged(string rule) => _purged.Add(1, new KeyValuePair<string, object?>("workshopbot.retention.rule", rule));
}
