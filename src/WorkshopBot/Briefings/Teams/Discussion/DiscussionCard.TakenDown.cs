using WorkshopBot.Briefings.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common;

namespace WorkshopBot.Briefings.Teams;

/// <summary>
/// What a channel's post (or reminder) becomes once it is taken down: replaced by a newer version's post, or withdrawn.
/// Neither carries any of the briefing's text (not even its title) nor the discussion button.
/// </summary>
public static partial class DiscussionCard
{
    /// <summary>An older version's post, once a newer version is posted to the same channel.</summary>
    public static AdaptiveCard Replaced(int newerVersion, DateTimeOffset postedAt) => TakenDown(
        "This briefing has been replaced",
        $"A newer version (version {newerVersion}) was posted in this channel on {Moments.Day(postedAt)}, as a new thread. "
        + "Please read and discuss that one instead. Any discussion your team recorded of this version is kept.");

    /// <summary>Every post and reminder of a withdrawn briefing.</summary>
    public static AdaptiveCard Withdrawn(BriefingWithdrawal withdrawal)
    {
        ArgumentNullException.ThrowIfNull(withdrawal);
        return TakenDown(
            "This briefing has been withdrawn",
            $"It was withdrawn by {(withdrawal.ByChair ? "the audit's chair" : "the partnership")} on {Moments.Day(withdrawal.At)}. "
            + "Please do not use it. Any discussion your team recorded is kept.");
    }

    private static AdaptiveCard TakenDown(string heading, string text) => new()
    {
        FallbackText = heading,
        Body =
        [
            new TextBlock { Text = heading, Weight = TextWeight.Bolder, Wrap = true, Style = TextBlockStyle.Heading },
            new TextBlock { Text = text, Wrap = true },
        ],
    };
}
