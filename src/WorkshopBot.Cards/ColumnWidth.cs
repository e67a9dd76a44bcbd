using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WorkshopBot.Cards;

/// <summary>
/// A column width: "auto", "stretch", a relative weight (a JSON number) or pixels ("60px").
/// Table columns accept only weights and pixels.
/// </summary>
[JsonConverter(typeof(ColumnWidthJsonConverter))]
public readonly record struct ColumnWidth
{
    private ColumnWidth(string? keywordOrPixels, int weight)
    {
        KeywordOrPixels = keywordOrPixels;
        Weight = weight;
    }

    /// <summary>"auto", "stretch" or "Npx"; null when the width is a weight.</summary>
    public string? KeywordOrPixels { get; }

    /// <summary>The relative weight when <see cref="KeywordOrPixels"/> is null.</summary>
    public int Weight { get; }

    public static ColumnWidth Auto { get; } = new("auto", 0);

    public static ColumnWidth Stretch { get; } = new("stretch", 0);

    public static ColumnWidth Weighted(int weight) =>
        weight > 0 ? new(null, weight) : throw new ArgumentOutOfRangeException(nameof(weight), weight, "A column weight must be positive.");

    public static ColumnWidth Pixels(int pixels) =>
        pixels > 0
            ? new(pixels.ToString(CultureInfo.InvariantCulture) + "px", 0)
            : throw new ArgumentOutOfRangeException(nameof(pixels), pixels, "A pixel width must be positive.");

    public override string ToString() => KeywordOrPixels ?? Weight.ToString(CultureInfo.InvariantCulture);
}

internal sealed class ColumnWidthJsonConverter : JsonConverter<ColumnWidth>
{
    public override ColumnWidth Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return ColumnWidth.Weighted(reader.GetInt32());
        }

        var text = reader.GetString() ?? throw new JsonException("A column width cannot be null.");
        if (string.Equals(text, "auto", StringComparison.OrdinalIgnoreCase))
        {
            return ColumnWidth.Auto;
        }

        if (string.Equals(text, "stretch", StringComparison.OrdinalIgnoreCase))
        {
            return ColumnWidth.Stretch;
        }

        if (text.EndsWith("px", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(text.AsSpan(0, text.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var pixels))
        {
            return ColumnWidth.Pixels(pixels);
        }

        // The schema also allows a weight written as a string ("2").
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var weight))
        {
            return ColumnWidth.Weighted(weight);
        }

        throw new JsonException($"'{text}' is not a column width.");
    }

    public override void Write(Utf8JsonWriter writer, ColumnWidth value, JsonSerializerOptions options)
    {
        if (value.KeywordOrPixels is { } text)
        {
            writer.WriteStringValue(text);
        }
        else
        {
            writer.WriteNumberValue(value.Weight);
        }
    }
}
