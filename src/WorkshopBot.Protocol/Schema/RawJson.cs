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
    private readonly Utf8Parts? _parts;

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

    /// <summary>
    /// The value written by <paramref name="parts"/>, made into bytes only when asked for (<see cref="Utf8"/>): an answer
    /// whose body is written from the parts (<see cref="InvokeResponse.BodyParts"/>) never needs them.
    /// </summary>
    public RawJson(Utf8Parts parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        _utf8 = [];
        _parts = parts;
    }

    /// <summary>The value's bytes (made anew from its parts at each call, when it was given as parts).</summary>
    public ReadOnlySpan<byte> Utf8 => _parts is null ? _utf8.AsSpan(_start, _length) : _parts.ToArray();
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
