using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WorkshopBot.Cards;

/// <summary>Serialises cards and typed action data the way Teams expects them.</summary>
public static class AdaptiveCardJson
{
    public const string ContentType = AdaptiveCard.ContentType;

    /// <summary>camelCase, nulls omitted, enums as strings; read-only so it can be shared safely.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize(AdaptiveCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return JsonSerializer.Serialize(card, Options);
    }

    public static byte[] SerializeToUtf8Bytes(AdaptiveCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return JsonSerializer.SerializeToUtf8Bytes(card, Options);
    }

    /// <summary>The card as a JSON value, ready to be an attachment's <c>content</c> or an invoke response's <c>value</c>.</summary>
    public static JsonElement ToJsonElement(AdaptiveCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return JsonSerializer.SerializeToElement(card, Options);
    }

    /// <exception cref="JsonException">The text is not a card this model understands.</exception>
    public static AdaptiveCard Deserialize(string json) =>
        JsonSerializer.Deserialize<AdaptiveCard>(json, Options) ?? throw new JsonException("The JSON is null, not a card.");

    /// <summary>Serialises a typed action data record into the JSON an action carries.</summary>
    public static JsonElement ToData<TData>(TData data) => JsonSerializer.SerializeToElement(data, Options);

    /// <summary>Reads action data (<c>value.action.data</c>, or a submit's <c>value</c>) back into its record.</summary>
    /// <exception cref="JsonException">The data does not fit <typeparamref name="TData"/>.</exception>
    public static TData ReadData<TData>(JsonElement data) =>
        data.Deserialize<TData>(Options) ?? throw new JsonException($"The action data is null, not {typeof(TData).Name}.");

    /// <summary>The verb that <see cref="SubmitAction.Create{TData}"/> put into a submitted value, if any.</summary>
    public static bool TryGetSubmitVerb(JsonElement value, out string verb)
    {
        if (value.ValueKind == JsonValueKind.Object
            && value.TryGetProperty(SubmitAction.VerbProperty, out var property)
            && property.ValueKind == JsonValueKind.String)
        {
            verb = property.GetString()!;
            return true;
        }

        verb = string.Empty;
        return false;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Cards from other tools may put "type" after other properties.
            AllowOutOfOrderMetadataProperties = true,
            // Card text is shown, not embedded in HTML; escaping quotes and apostrophes only costs bytes.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        // No naming policy: a policy here would override the schema names the card enums declare.
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new FactConverter());
        options.Converters.Add(new ChoiceConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

/// <summary>Writes a refresh's action through the polymorphic base so it carries <c>"type": "Action.Execute"</c>.</summary>
internal sealed class DiscriminatedExecuteActionConverter : JsonConverter<ExecuteAction>
{
    public override ExecuteAction Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<CardAction>(ref reader, options) as ExecuteAction
            ?? throw new JsonException("A card refresh action must be an Action.Execute.");

    public override void Write(Utf8JsonWriter writer, ExecuteAction value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize<CardAction>(writer, value, options);
}
