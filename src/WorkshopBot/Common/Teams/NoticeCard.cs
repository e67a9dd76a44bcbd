using WorkshopBot.Cards;

namespace WorkshopBot.Common.Teams;

/// <summary>
/// The one look of a short notice in every feature: a heading and a coloured banner, with optional buttons. Used for
/// refusals (<see cref="Tone.Warning"/>, see <see cref="Reply.Refusal"/>), confirmations and reminders alike, so people learn
/// one shape.
/// </summary>
public static class NoticeCard
{
    public static AdaptiveCard Create(string title, string text, Tone tone, params CardAction[] actions) => new()
    {
        FallbackText = title,
        Body = [CardKit.Heading(title), CardKit.Banner(text, tone)],
        Actions = actions.Length == 0 ? null : actions,
    };
}
