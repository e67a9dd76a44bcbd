using WorkshopBot.Cards;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Common.Teams;

/// <summary>Answers to an <c>Action.Execute</c>: the card that replaces the one acted on.</summary>
public static class Reply
{
    public static InvokeResponse Card(AdaptiveCard card) =>
        new(200, AdaptiveCardInvokeResponse.Card(AdaptiveCardJson.ToJsonElement(card)));

    public static InvokeResponse Notice(string title, string text, Tone tone, params CardAction[] actions) =>
        Card(NoticeCard.Create(title, text, tone, actions));

    /// <summary>A polite refusal. Say what the person may do instead; reveal nothing of what they may not see.</summary>
    public static InvokeResponse Refusal(string title, string text, params CardAction[] actions) =>
        Notice(title, text, Tone.Error, actions);
}
