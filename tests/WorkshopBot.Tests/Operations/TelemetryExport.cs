using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Operations;

/// <summary>
/// With the standard OTEL_* settings naming a collector, a turn produces spans for every layer and the bot's metrics
/// reach it over OTLP/HTTP; no span or metric carries what people typed or their names.
/// </summary>
public sealed class TelemetryExport
{
    [Fact]
    public async Task WithoutACollectorNoSpanOrMetricIsRecorded()
    {
        await using var host = await BotTestHost.StartAsync();
        var person = BotTestHost.User("Ottoline Featherstonehaugh");

        await host.SayAsync(person, BotTestHost.PersonalChat(person), "help");

        Assert.Null(host.Services.GetService<TracerProvider>());
        Assert.Null(host.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task ATurnExportsSpansForEveryLayerAndMetricsWithoutFreeTextOrNames()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        await using var host = await BotTestHost.StartAsync(o =>
        {
            o.Settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.BaseUrl;
            o.Settings["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
            o.Settings["OTEL_SERVICE_NAME"] = "workshopbot-test";
        });
        var person = BotTestHost.User("Ottoline Featherstonehaugh");
        var chat = BotTestHost.PersonalChat(person);
        const string typed = "help me with Zebedee Quartermain please";

        await host.SendAsync(host.BotAdded(person, chat));
        await host.SayAsync(person, chat, typed);
        await host.DrainOutboxAsync();
        Assert.True(host.Get<TracerProvider>().ForceFlush(10_000));
        Assert.True(host.Get<MeterProvider>().ForceFlush(10_000));

        var traces = collector.Text("/v1/traces");
        foreach (var span in new[]
        {
            "POST /api/messages", "turn message", "handler message", "store.commit", "outbox.deliver", "connector conversations/activities",
        })
        {
            Assert.Contains(span, traces, StringComparison.Ordinal);
        }

        string[] sources =
            ["WorkshopBot.Endpoint", "WorkshopBot.Turns", "WorkshopBot.Store", "WorkshopBot.Outbox", "WorkshopBot.Connector"];
        foreach (var source in sources)
        {
            Assert.Contains(source, traces, StringComparison.Ordinal);
        }

        var metrics = collector.Text("/v1/metrics");
        foreach (var metric in new[]
        {
            "workshopbot.activities", "workshopbot.handler.duration", "workshopbot.store.commit.duration", "workshopbot.outbox.outcomes",
            "workshopbot.connector.requests", "workshopbot.outbox.depth", "workshopbot.outbox.oldest_due_age",
            "workshopbot.outbox.oldest_queued_age",
            "workshopbot.safety_alerts.unacknowledged",
        })
        {
            Assert.Contains(metric, metrics, StringComparison.Ordinal);
        }

        Assert.Contains("workshopbot-test", traces, StringComparison.Ordinal);
        var everything = collector.AllText;
        Assert.DoesNotContain("Featherstonehaugh", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("Zebedee", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("Quartermain", everything, StringComparison.Ordinal);
    }
}
