using System.Globalization;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;

namespace WorkshopBot.Briefings.Teams;

/// <summary>
/// The cards that move a discussion recorded for the wrong date, or remove it: shown only to whoever first recorded it and
/// to the audit's chair.
/// </summary>
public static partial class DiscussionCard
{
    /// <summary>How many meetings the form offers to correct (the latest by date): a channel rarely records more.</summary>
    public const int CorrectableShown = 5;

    /// <summary>The form's list of the meetings the person may correct, latest first, one button each.</summary>
    internal static IEnumerable<CardElement> Corrections(Guid auditId, int version, string channelId,
        IReadOnlyList<TeamDiscussion> meetings)
    {
        yield return new TextBlock
        {
            Text = "Recorded for the wrong date? Change the date of a discussion, or remove it:", Wrap = true, Separator = true,
            Size = TextSize.Small,
        };
        yield return new ActionSet
        {
            Actions = meetings.OrderByDescending(d => d.DiscussedOn).Take(CorrectableShown)
                .Select(d => (CardAction)(ExecuteAction.Create(DiscussionScreen.Correct,
                    new DiscussionMeetingData(auditId, version, channelId, IsoDay(d.DiscussedOn)), $"Discussion of {Day(d.DiscussedOn)}")
                    with { AssociatedInputs = AssociatedInputs.None }))
                .ToList(),
        };
    }

    /// <summary>One meeting's record: the right date to give it, or removing it; with why a date was not kept.</summary>
    public static AdaptiveCard Correction(Briefing briefing, ChannelPublication publication, TeamDiscussion meeting, DateOnly today,
        string? error = null)
    {
        ArgumentNullException.ThrowIfNull(briefing);
        ArgumentNullException.ThrowIfNull(publication);
        ArgumentNullException.ThrowIfNull(meeting);
        var data = new DiscussionMeetingData(briefing.AuditId, publication.Version, publication.ChannelId, IsoDay(meeting.DiscussedOn));
        List<CardElement> body =
        [
            new TextBlock
            {
                Text = "Change the date or remove this discussion", Weight = TextWeight.Bolder, Size = TextSize.Medium, Wrap = true,
                Style = TextBlockStyle.Heading,
            },
            new TextBlock { Text = MarkdownText.Escape(briefing.Title), Wrap = true, IsSubtle = true },
            new TextBlock { Text = Describe(meeting), Wrap = true },
            new DateInput
            {
                Id = CardKit.InputId(nameof(DiscussionMoveData.MoveTo)),
                Label = "The date the team discussed it",
                IsRequired = true,
                ErrorMessage = "Give the date.",
                Min = EnglandTime.DateOf(publication.PostedAt), // the earliest a meeting can be (TeamDiscussion.CheckDate)
                Max = today,
                Value = meeting.DiscussedOn,
            },
        ];
        if (error is not null)
        {
            body.Insert(0, new TextBlock { Text = error, Wrap = true, Color = TextColor.Warning });
        }

        return new AdaptiveCard
        {
            FallbackText = "Change the date or remove this discussion",
            Body = body,
            Actions =
            [
                ExecuteAction.Create(DiscussionScreen.Move, new DiscussionMoveData(data.AuditId, data.Version, data.ChannelId,
                    data.Meeting, null), "Change the date") with { AssociatedInputs = AssociatedInputs.Auto, Style = ActionStyle.Positive },
                ExecuteAction.Create(DiscussionScreen.Remove, new DiscussionRemoveData(data.AuditId, data.Version, data.ChannelId,
                    data.Meeting, false), "Remove it") with { AssociatedInputs = AssociatedInputs.None },
                ExecuteAction.Create(DiscussionScreen.Back, new DiscussionFormData(data.AuditId, data.Version, data.ChannelId),
                    "Back to the briefing") with { AssociatedInputs = AssociatedInputs.None },
            ],
        };
    }

    /// <summary>Asks before a meeting's record is removed: it then no longer counts, and what the team wrote is deleted.</summary>
    public static AdaptiveCard ConfirmRemoval(Briefing briefing, ChannelPublication publication, TeamDiscussion meeting)
    {
        ArgumentNullException.ThrowIfNull(briefing);
        ArgumentNullException.ThrowIfNull(publication);
        ArgumentNullException.ThrowIfNull(meeting);
        var data = new DiscussionMeetingData(briefing.AuditId, publication.Version, publication.ChannelId, IsoDay(meeting.DiscussedOn));
        return new AdaptiveCard
        {
            FallbackText = "Remove this discussion?",
            Body =
            [
                new TextBlock
                {
                    Text = "Remove this discussion?", Weight = TextWeight.Bolder, Size = TextSize.Medium, Wrap = true,
                    Style = TextBlockStyle.Heading,
                },
                new TextBlock
                {
                    Text = Describe(meeting) + " Removing it deletes what the team wrote, and the meeting no longer counts as a "
                        + "discussion of the briefing. This cannot be undone.",
                    Wrap = true,
                },
            ],
            Actions =
            [
                ExecuteAction.Create(DiscussionScreen.Remove, new DiscussionRemoveData(data.AuditId, data.Version, data.ChannelId,
                    data.Meeting, true), "Remove it") with { Style = ActionStyle.Destructive },
                ExecuteAction.Create(DiscussionScreen.Correct, data, "Keep it"),
            ],
        };
    }

    /// <summary>The line for whoever moved a meeting's record to the right date.</summary>
    public static string MovedNote(TeamDiscussion meeting, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        return $"The discussion recorded by {MarkdownText.Escape(meeting.RecordedBy.DisplayName)} for {Day(meeting.DiscussedOn)} "
            + $"is now dated {Day(to)}. Thank you.";
    }

    /// <summary>The line for whoever removed a meeting's record.</summary>
    public static string RemovedNote(TeamDiscussion meeting)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        return $"The discussion of {Day(meeting.DiscussedOn)} recorded by {MarkdownText.Escape(meeting.RecordedBy.DisplayName)} "
            + "was removed.";
    }

    private static string Describe(TeamDiscussion meeting) =>
        $"The discussion of {Day(meeting.DiscussedOn)}, recorded by {MarkdownText.Escape(meeting.RecordedBy.DisplayName)}: "
        + $"{meeting.Attended} attended.";

    private static string IsoDay(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
