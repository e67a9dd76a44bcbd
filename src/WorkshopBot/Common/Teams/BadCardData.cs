using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Common.Teams;

/// <summary>
/// The app-wide answer to card data that cannot be read (forged, or from a card an older version posted): a polite
/// card for <c>Action.Execute</c>, a message for <c>Action.Submit</c>. Nothing is changed.
/// </summary>
public static class BadCardData
{
    public const string Title = "This card could not be read";

    public const string Text =
        "Sorry, I could not read this card. It may be from an older version of WorkshopBot. Nothing was changed; "
        + "type **help** to start again.";

    public static async Task<InvokeResponse> AnswerAsync(TurnContext turn, string verb, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (turn.Activity.Type == ActivityTypes.Message)
        {
            await turn.SendTextAsync(Text, ct).ConfigureAwait(false);
            return new InvokeResponse(200);
        }

        return Reply.Refusal(Title, Text);
    }
}
