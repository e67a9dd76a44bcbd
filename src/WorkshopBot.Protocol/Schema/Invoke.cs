using System.Text.Json;
using System.Text.Json.Serialization;

namespace WorkshopBot.Protocol.Schema;

/// <summary>What the bot answers to an invoke, in the HTTP response.</summary>
public sealed record InvokeResponse(int Status, object? Body = null)
{
    /// <summary>
    /// <see cref="Body"/> already serialised with <see cref="BotJson.Options"/>, as UTF-8 (as stored with the turn's
    /// processed mark): the endpoint writes these bytes as they are instead of serialising the body a second time.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1819:Properties should not return arrays",
        Justification = "The bytes written as the HTTP body, handed over once; nobody changes them.")]
    public byte[]? BodyUtf8 { get; init; }

    /// <summary>
    /// <see cref="Body"/> as parts the endpoint writes straight into the HTTP response, when <see cref="BodyUtf8"/> is not
    /// set: an answer given on every vote (the ballot) without an array of its bytes made for each.
    /// </summary>
    public Utf8Parts? BodyParts { get; init; }
}

/// <summary>The <c>value</c> of an <c>adaptiveCard/action</c> invoke (Universal Actions).</summary>
public sealed record AdaptiveCardInvokeValue
{
    public AdaptiveCardInvokeAction? Action { get; init; }
    public string? Trigger { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed record AdaptiveCardInvokeAction
{
    public string? Type { get; init; }
    public string? Id { get; init; }
    public string? Verb { get; init; }
    public JsonElement? Data { get; init; }
}

/// <summary>The body of an <c>adaptiveCard/action</c> answer.</summary>
public sealed record AdaptiveCardInvokeResponse
{
    public const string CardType = "application/vnd.microsoft.card.adaptive";
    public const string MessageType = "application/vnd.microsoft.activity.message";
    public const string ErrorType = "application/vnd.microsoft.error";

    public int StatusCode { get; init; } = 200;
    public string Type { get; init; } = CardType;
    public object? Value { get; init; }

    /// <summary>Replace the card for the user who acted.</summary>
    public static AdaptiveCardInvokeResponse Card(JsonElement card) => new() { StatusCode = 200, Type = CardType, Value = card };

    /// <summary>Replace the card for the user who acted, with the card's JSON as it was serialised.</summary>
    public static AdaptiveCardInvokeResponse Card(RawJson card) => new() { StatusCode = 200, Type = CardType, Value = card };

    /// <summary>Show a short message instead of changing the card.</summary>
    public static AdaptiveCardInvokeResponse Message(string text) => new() { StatusCode = 200, Type = MessageType, Value = text };
}
