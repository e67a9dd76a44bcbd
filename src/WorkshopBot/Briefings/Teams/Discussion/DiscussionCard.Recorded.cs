using WorkshopBot.Briefings.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;
using static WorkshopBot.Briefings.Teams.BriefingCardParts;

namespace WorkshopBot.Briefings.Teams;

/// <summary>What the cards say of a discussion already recorded: on the channel's post, to whoever saved it, and on the form.</summary>
public static partial class DiscussionCard
{
    /// <summary>
    /// The line on the channel's post, for everyone: the latest meeting recorded there and who first recorded it, and how
    /// many other meetings were recorded (so the line stays short however many there are); null when none is recorded.
    /// </summary>
    public static string? ChannelNote(IReadOnlyList<TeamDiscussion> meetings)
    {
        ArgumentNullException.ThrowIfNull(meetings);
        if (meetings.Count == 0)
        {
            return null;
        }

        var latest = meetings.OrderBy(d => d.DiscussedOn).ThenBy(d => d.LastChangedAt).Last();
        var others = meetings.Count - 1;
        return $"Discussed on {Day(latest.DiscussedOn)} (recorded by {MarkdownText.Escape(latest.RecordedBy.DisplayName)})"
            + (others == 0 ? "." : $", and on {CardKit.Plural(others, "other date")}.");
    }

    /// <summary>The line for whoever saved: what was recorded, or that it updated the discussion someone recorded first.</summary>
    public static string SavedNote(TeamDiscussion discussion)
    {
        ArgumentNullException.ThrowIfNull(discussion);
        var by = MarkdownText.Escape(discussion.RecordedBy.DisplayName);
        return discussion.ChangedBy is null
            ? $"Recorded by {by}: {discussion.Attended} attended on {Day(discussion.DiscussedOn)}. Thank you."
            : $"This updated the discussion of {Day(discussion.DiscussedOn)} recorded by {by}: {discussion.Attended} attended. Thank you.";
    }

    /// <summary>The form's line when it shows a meeting already recorded, saying that saving updates it.</summary>
    public static string UpdatesNote(TeamDiscussion discussion)
    {
        ArgumentNullException.ThrowIfNull(discussion);
        return $"This updates the discussion of {Day(discussion.DiscussedOn)} recorded by "
            + $"{MarkdownText.Escape(discussion.RecordedBy.DisplayName)}, shown below so you can correct it. "
            + "To record a different meeting, change the date.";
    }

    internal static string Day(DateOnly day) => day.ToString("d MMMM yyyy", English);
}
