using System.Text.Json.Serialization;

namespace WorkshopBot.Cards;

/// <summary>
/// A Teams-only chart. Hosts that do not know charts render <see cref="Fallback"/>, so give one that says the
/// same thing in text (a TextBlock, FactSet or Table).
/// </summary>
public abstract record ChartElement : CardElement
{
    public string? Title { get; init; }

    public ChartColorSet? ColorSet { get; init; }

    public required CardElement Fallback { get; init; }
}

public sealed record VerticalBarChart : ChartElement
{
    public required IReadOnlyList<BarChartPoint> Data { get; init; }

    public string? XAxisTitle { get; init; }

    public string? YAxisTitle { get; init; }

    public bool? ShowBarValues { get; init; }
}

public sealed record HorizontalBarChart : ChartElement
{
    public required IReadOnlyList<BarChartPoint> Data { get; init; }

    public string? XAxisTitle { get; init; }

    public string? YAxisTitle { get; init; }
}

public sealed record DonutChart : ChartElement
{
    public required IReadOnlyList<ChartSlice> Data { get; init; }
}

public sealed record PieChart : ChartElement
{
    public required IReadOnlyList<ChartSlice> Data { get; init; }
}

/// <summary>One bar: its label on the category axis and its value.</summary>
public sealed record BarChartPoint(string X, double Y)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Color { get; init; }
}

/// <summary>One slice of a donut or pie chart.</summary>
public sealed record ChartSlice(string Legend, double Value)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Color { get; init; }
}
