using System.Text.Json;
using System.Text.Json.Serialization;

namespace WorkshopBot.Cards;

/// <summary>
/// Writes and reads a <see cref="Fact"/> or a <see cref="Choice"/> directly: on a long card (a ballot of 40 ideas) they
/// are most of its objects, and the reflection-based path spent more on each than on its two strings. The JSON is the
/// same as that path's: <c>title</c> then <c>value</c>, a null one left out; names are read in any case.
/// </summary>
internal abstract class TitleValueConverter<T> : JsonConverter<T>
    where T : class
{
    private static readonly JsonEncodedText TitleName = JsonEncodedText.Encode("title");
    private static readonly JsonEncodedText ValueName = JsonEncodedText.Encode("value");

    protected abstract T Create(string title, string value);

    protected abstract (string? Title, string? Value) Parts(T item);

    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"A {typeof(T).Name} is an object with a title and a value.");
        }

        string? title = null;
        string? value = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            if (string.Equals(name, "title", StringComparison.OrdinalIgnoreCase))
            {
                title = Text(ref reader);
            }
            else if (string.Equals(name, "value", StringComparison.OrdinalIgnoreCase))
            {
                value = Text(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return Create(title!, value!);
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var (title, text) = Parts(value);
        writer.WriteStartObject();
        if (title is not null)
        {
            writer.WriteString(TitleName, title);
        }

        if (text is not null)
        {
            writer.WriteString(ValueName, text);
        }

        writer.WriteEndObject();
    }

    private static string? Text(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Null => null,
        _ => throw new JsonException($"A {typeof(T).Name}'s title and value are text."),
    };
}

internal sealed class FactConverter : TitleValueConverter<Fact>
{
    protected override Fact Create(string title, string value) => new(title, value);

    protected override (string? Title, string? Value) Parts(Fact item) => (item.Title, item.Value);
}

internal sealed class ChoiceConverter : TitleValueConverter<Choice>
{
    protected override Choice Create(string title, string value) => new(title, value);

    protected override (string? Title, string? Value) Parts(Choice item) => (item.Title, item.Value);
}
