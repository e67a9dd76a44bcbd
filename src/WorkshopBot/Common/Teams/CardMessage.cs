using WorkshopBot.Cards;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Common.Teams;

/// <summary>
/// The message activity that carries one card: what every feature posts, sends 1:1 or puts in place of an earlier card
/// through the outbox. Add an id or a conversation with <c>with { ... }</c> where an update needs them.
/// </summary>
public static class CardMessage
{
    public static Activity Create(AdaptiveCard card) =>
        new() { Type = ActivityTypes.Message, Attachments = [Attachment.AdaptiveCard(AdaptiveCardJson.ToJsonElement(card))] };
}
