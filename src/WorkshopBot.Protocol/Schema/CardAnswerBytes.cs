using System.Buffers;
using System.Text.Json;

namespace WorkshopBot.Protocol.Schema;

/// <summary>
/// An <c>adaptiveCard/action</c> answer that replaces the card (<see cref="AdaptiveCardInvokeResponse.Card(RawJson)"/>),
/// written straight into the bytes of the answer's body: the bytes before the card and after it are those
/// <see cref="BotJson.Options"/> writes around it, so a card written between them needs no second copy to become the
/// body (a vote's ballot is about 3 KB).
/// </summary>
public static class CardAnswerBytes
{
    private static readonly byte[] Marker = "\"card\u0001here\""u8.ToArray();
    private static readonly (byte[] Before, byte[] After) Envelope = Split();

    /// <summary>The body's bytes before the card.</summary>
    public static ReadOnlySpan<byte> Before => Envelope.Before;

    /// <summary>The body's bytes after the card.</summary>
    public static ReadOnlySpan<byte> After => Envelope.After;

    /// <summary>
    /// The answer whose body is <paramref name="body"/>: <see cref="Before"/>, the card (<paramref name="cardLength"/>
    /// bytes, one JSON value), then <see cref="After"/>. The bytes are handed over: nobody may change them afterwards.
    /// </summary>
    public static InvokeResponse Answer(byte[] body, int cardLength)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (cardLength <= 0 || Before.Length + cardLength + After.Length != body.Length
            || !body.AsSpan(0, Before.Length).SequenceEqual(Before) || !body.AsSpan(Before.Length + cardLength).SequenceEqual(After))
        {
            throw new ArgumentException("The body is not a card between the answer's bytes.", nameof(body));
        }

        var card = new RawJson(body, Before.Length, cardLength);
        return new InvokeResponse(200, AdaptiveCardInvokeResponse.Card(card)) { BodyUtf8 = body };
    }

    /// <summary>
    /// The answer whose body is <see cref="Before"/>, <paramref name="card"/> (one JSON value), then <see cref="After"/>,
    /// written into the HTTP response as it is sent (<see cref="InvokeResponse.BodyParts"/>): no array of the whole body
    /// is made for it. Whatever needs the bytes whole (a kept answer, the card as a value) makes them from the parts.
    /// </summary>
    public static InvokeResponse Answer(Utf8Parts card)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (card.Length <= 0)
        {
            throw new ArgumentException("The card has no bytes.", nameof(card));
        }

        return new InvokeResponse(200, AdaptiveCardInvokeResponse.Card(new RawJson(card))) { BodyParts = new Enveloped(card) };
    }

    private static (byte[] Before, byte[] After) Split()
    {
        var body = JsonSerializer.SerializeToUtf8Bytes<object>(AdaptiveCardInvokeResponse.Card(new RawJson(Marker)), BotJson.Options);
        var at = body.AsSpan().IndexOf(Marker);
        if (at < 0 || body.AsSpan(at + Marker.Length).IndexOf(Marker) >= 0)
        {
            throw new InvalidOperationException("The answer's bytes around its card could not be found.");
        }

        return (body[..at], body[(at + Marker.Length)..]);
    }

    // The card between the answer's bytes.
    private sealed class Enveloped(Utf8Parts card) : Utf8Parts
    {
        public override int Length => Before.Length + card.Length + After.Length;

        public override void WriteTo(IBufferWriter<byte> writer)
        {
            writer.Write(Before);
            card.WriteTo(writer);
            writer.Write(After);
        }
    }
}
