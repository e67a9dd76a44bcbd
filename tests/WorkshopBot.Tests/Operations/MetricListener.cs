using System.Diagnostics.Metrics;
using WorkshopBot.Operations.Telemetry;

namespace WorkshopBot.Tests.Operations;

/// <summary>
/// Records the values of two tags of every measurement of one of the bot's instruments (any host in this process:
/// assert with Contains, not counts).
/// </summary>
internal sealed class MetricListener : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<(string First, string Second)> _seen = [];

    public MetricListener(string instrumentName, string firstTag, string secondTag)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == BotTelemetry.MeterName && instrument.Name == instrumentName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            string? first = null, second = null;
            foreach (var tag in tags)
            {
                first = tag.Key == firstTag ? tag.Value?.ToString() : first;
                second = tag.Key == secondTag ? tag.Value?.ToString() : second;
            }

            lock (_seen)
            {
                _seen.Add((first ?? "", second ?? ""));
            }
        });
        _listener.Start();
    }

    public IReadOnlyList<(string First, string Second)> Seen
    {
        get
        {
            lock (_seen)
            {
                return [.. _seen];
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}
