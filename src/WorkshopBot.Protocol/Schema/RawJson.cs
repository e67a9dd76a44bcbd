using System.Text.Json;
using System.Text.Json.Serialization;

namespace WorkshopBot.Protocol.Schema;

/// <summary>
/// A JSON value already serialised (UTF-8), written out as it is: a card rendered once goes into an invoke's answer
/// without being parsed into a document and written a second time. The bytes must be one valid JSON value.
/// </summary>
[JsonConverter(typeof(RawJsonConverter))]
public sealed class RawJson
{
    private readonly byte[] _utf8;
    private readonly int _start;
    private readonly int _length;

    public RawJson(byte[] utf8)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        _utf8 = utf8;
        _length = utf8.Length;
    }

    /// <summary>The value held in <paramref name="length"/> bytes of <paramref name="utf8"/> from <paramref name="start"/>.</summary>
    public RawJson(byte[] utf8, int start, int length)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, utf8.Length - start);
        _utf8 = utf8;
        _start = start;
        _length = length;
    }

    public ReadOnlySpan<byte> Utf8 => _utf8.AsSpan(_start, _length);
}

internal sealed class RawJsonConverter : JsonConverter<RawJson>
{
    public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return new RawJson(JsonSerializer.SerializeToUtf8Bytes(document.RootElement, options));
    }

    public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteRawValue(value.Utf8, skipInputValidation: true);
    }
}
