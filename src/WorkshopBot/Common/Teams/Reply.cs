using WorkshopBot.Cards;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Common.Teams;

/// <summary>Answers to an <c>Action.Execute</c>: the card that replaces the one acted on.</summary>
public static class Reply
{
    /// <summary>The card serialised once, into the answer as it is (not parsed into a document and written again).</summary>
    public static InvokeResponse Card(AdaptiveCard card) => Card(AdaptiveCardJson.SerializeToUtf8Bytes(card));

    /// <summary>A card already serialised (UTF-8 JSON), into the answer as it is.</summary>
    public static InvokeResponse Card(byte[] utf8Card) => new(200, AdaptiveCardInvokeResponse.Card(new RawJson(utf8Card)));

    public static InvokeResponse Notice(string title, string text, Tone tone, params CardAction[] actions) =>
        Card(NoticeCard.Create(title, text, tone, actions));

    /// <summary>
    /// A polite refusal. Say what the person may do instead; reveal nothing of what they may not see. Amber, not red
    /// and bold: a refusal is not a fault, and red stays for what must not be missed (an alert that did not arrive).
    /// </summary>
    public static InvokeResponse Refusal(string title, string text, params CardAction[] actions) =>
        Notice(title, text, Tone.Warning, actions);

    /// <summary>The title of <see cref="NotAvailable"/>.</summary>
    public const string NotAvailableTitle = "Not available to you";

    /// <summary>
    /// The one refusal for something that is not there or that this person may not open or change: the same card in
    /// both cases and in every feature, naming nothing (no title, no person, no agency), so holding an id teaches
    /// nobody whether it exists.
    /// </summary>
    public static InvokeResponse NotAvailable() =>
        Refusal(NotAvailableTitle, "This card refers to something that is not there, or that only its chair or the people "
            + "it was sent to can open. Nothing was changed. Type **help** to see what you can do.");
}
