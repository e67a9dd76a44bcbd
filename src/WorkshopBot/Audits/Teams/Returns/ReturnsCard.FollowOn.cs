using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Audits.Teams;

/// <summary>
/// What was typed and not saved, as the cards that follow the answer show it. The first card of
/// <see cref="FittedCards"/> is the answer to the card acted on, and an answer that gives back flagged text is kept nowhere
/// (see <c>RefusedEcho</c>). The cards after it are messages of their own, queued in the outbox, whose rows hold what they
/// say until they are sent and forgotten; the text on them was never checked (a stale or submitted card is not scanned
/// before it is refused). So there, as in text kept for its author (<see cref="FreeTextCheck.Keep"/>), what may identify
/// someone is replaced by a marker of its kind and the card says so; a text that could not be checked is not shown.
/// </summary>
public static partial class ReturnsCard
{
    public const string NotCheckedLater =
        "Not shown here: it could not be checked for personal information just now. Please type it again.";

    /// <summary>
    /// <paramref name="unsaved"/> as a card that follows the answer shows it: every text checked, what may identify someone
    /// replaced by a marker (<see cref="FreeTextCheck.Marked"/>), a text that could not be checked left out.
    /// </summary>
    public static IReadOnlyList<UnsavedText> ShownLater(IReadOnlyList<UnsavedText> unsaved, FreeTextCheck check)
    {
        ArgumentNullException.ThrowIfNull(unsaved);
        ArgumentNullException.ThrowIfNull(check);
        return unsaved.Select(u =>
        {
            if (u.Text is null || u.Removed || u.NotChecked)
            {
                return u;
            }

            var findings = check.Scan((u.Label, u.Text));
            return FreeTextCheck.Marked(u.Text, u.Label, findings) is { } marked
                ? u with { Text = marked.Text, Removed = marked.Removed }
                : u with { Text = null, NotChecked = true };
        }).ToList();
    }

    /// <summary>What a card that follows the answer adds to its hint when it shows markers for what it removed.</summary>
    private static string RemovedLaterNote(IReadOnlyList<UnsavedText> shown) => shown.Any(u => u.Removed)
        ? " What may identify someone shows as removed on this card: type it again only if it identifies nobody"
            + " (NHS numbers, full postcodes and dates of birth are never kept)."
        : "";
}
