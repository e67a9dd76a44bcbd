using WorkshopBot.Briefings.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Teams;
using static WorkshopBot.Briefings.Teams.BriefingCardParts;

namespace WorkshopBot.Briefings.Teams;

/// <summary>
/// The cards of the team's discussion: the briefing as a channel sees it, the reminder, the "Our team discussed this"
/// form, and the chair's view of which teams have discussed it.
/// </summary>
public static partial class DiscussionCard
{
    /// <summary>
    /// The card a channel sees: the briefing, a chart, the questions and "Our team discussed this"; its footer gives the day
    /// the version was first published (<see cref="BriefingRecord.PublishedOn"/>), the same in every channel.
    /// </summary>
    public static AdaptiveCard Posted(Briefing briefing, int version, DateOnly published, string channelId, string? fileUrl,
        string? recordedNote = null)
    {
        ArgumentNullException.ThrowIfNull(briefing);
        var body = new List<CardElement>
        {
            new TextBlock
            {
                Text = MarkdownText.Escape(briefing.Title), Weight = TextWeight.Bolder, Size = TextSize.Large, Wrap = true,
                Style = TextBlockStyle.Heading,
            },
            new TextBlock
            {
                Text = "Read it aloud at your next team meeting (about seven minutes), then discuss the questions at the end.",
                Wrap = true,
                IsSubtle = true,
            },
        };
        foreach (var box in briefing.Boxes)
        {
            body.AddRange(Box(briefing, box, chart: true));
        }

        body.AddRange(Footer(briefing.Footer, BriefingDates.PublishedOn(published)));
        if (recordedNote is not null)
        {
            body.Add(new TextBlock { Text = recordedNote, Wrap = true, Color = TextColor.Good });
        }

        var actions = new List<CardAction>
        {
            ExecuteAction.Create(DiscussionScreen.Form, new DiscussionFormData(briefing.AuditId, version, channelId),
                "Our team discussed this") with { Style = ActionStyle.Positive },
        };
        if (fileUrl is not null && Uri.TryCreate(fileUrl, UriKind.Absolute, out var url))
        {
            actions.Add(new OpenUrlAction(url, "Open the Word version"));
        }

        return new AdaptiveCard { FallbackText = briefing.Title, MsTeams = TeamsCardProperties.FullWidth, Body = body, Actions = actions };
    }

    /// <summary>
    /// What a box of the form holds in place of a text recorded before that today's identifier check would change: nothing
    /// of the text, and what to do.
    /// </summary>
    public const string WithheldPlaceholder = "Not shown: what was recorded here before no longer passes the check for details "
        + "that could identify a child or family. Please type it again.";

    /// <summary>The most a channel's card may take: Teams' older clients and connectors break above about 28 KB a card.</summary>
    public const int MaxPostedBytes = CardKit.MaxCardBytes;

    /// <summary>
    /// Why <paramref name="briefing"/> would be too large to post (as a channel sees it, with a long link to its Word version
    /// and a team's "recorded" line), or null when it fits. The word limit does not bound it: long words can pass it.
    /// </summary>
    public static string? TooLargeToPost(Briefing briefing, int version)
    {
        ArgumentNullException.ThrowIfNull(briefing);
        var link = "https://example.sharepoint.com/" + new string('x', 480);
        var name = new string('x', 64);
        var note = $"This updated the discussion of 30 September 2026 recorded by {name}: 500 attended. Thank you.\n\n"
            + $"Discussed on 30 September 2026 (recorded by {name}), and on 999 other dates.";
        var longest = new DateOnly(2026, 9, 30);
        var bytes = AdaptiveCardJson.SerializeToUtf8Bytes(Posted(briefing, version, longest, new string('x', 120), link, note)).Length;
        return bytes <= MaxPostedBytes
            ? null
            : $"The briefing is too large for a Teams channel card ({(bytes + 1023) / 1024} KB; a card holds {MaxPostedBytes / 1024} KB), "
                + "though within the word limit: long words or pasted links take the room. Shorten its longest points before approving.";
    }

    public static AdaptiveCard Reminder(Briefing briefing, int version, string channelId) => new()
    {
        FallbackText = $"Reminder: {briefing.Title}",
        Body =
        [
            new TextBlock
            {
                Text = $"Reminder: {MarkdownText.Escape(briefing.Title)}", Weight = TextWeight.Bolder, Wrap = true,
                Style = TextBlockStyle.Heading,
            },
            new TextBlock
            {
                Text = "No team has recorded a discussion of this briefing in this channel yet. "
                    + "When your team has discussed it, please record it.",
                Wrap = true,
            },
            .. briefing.DiscussionQuestions.Select(q => (CardElement)new TextBlock { Text = "- " + MarkdownText.Escape(q), Wrap = true }),
        ],
        Actions =
        [
            ExecuteAction.Create(DiscussionScreen.Form, new DiscussionFormData(briefing.AuditId, version, channelId),
                "Our team discussed this"),
        ],
    };

    /// <summary>
    /// The form, empty or as the team filled it in, with why it was not saved (<paramref name="error"/>) or what the
    /// identifier check found (<paramref name="check"/>, with the box to confirm). With <paramref name="updates"/>, the meeting
    /// already recorded that saving this date updates, and who recorded it. <paramref name="correctable"/> are the meetings
    /// recorded here that the person may move to another date or remove (see <see cref="DiscussionScreen.Correct"/>).
    /// <paramref name="withheld"/>: the texts of that meeting not shown again (they fail today's identifier check), each
    /// box then empty with <see cref="WithheldPlaceholder"/>.
    /// </summary>
    public static AdaptiveCard Form(Briefing briefing, int version, string channelId, DateOnly today,
        DiscussionSaveData? previous = null, IdentifierCheck? check = null, string? error = null, TeamDiscussion? updates = null,
        IReadOnlyList<TeamDiscussion>? correctable = null, (bool Reflections, bool TeamActions) withheld = default)
    {
        ArgumentNullException.ThrowIfNull(briefing);
        List<CardElement> body =
        [
            new TextBlock
            {
                Text = "Record your team's discussion", Weight = TextWeight.Bolder, Size = TextSize.Medium, Wrap = true,
                Style = TextBlockStyle.Heading,
            },
            new TextBlock { Text = MarkdownText.Escape(briefing.Title), Wrap = true, IsSubtle = true },
            .. briefing.DiscussionQuestions.Select(q =>
                (CardElement)new TextBlock { Text = "- " + MarkdownText.Escape(q), Wrap = true, Size = TextSize.Small }),
            new DateInput
            {
                Id = CardKit.InputId(nameof(DiscussionSaveData.DiscussedOn)),
                Label = "Date of the discussion",
                IsRequired = true,
                ErrorMessage = "Give the date.",
                Max = today,
                Value = CardInput.Date(previous?.DiscussedOn) ?? today,
            },
            new NumberInput
            {
                Id = CardKit.InputId(nameof(DiscussionSaveData.Attended)),
                Label = "How many attended",
                IsRequired = true,
                ErrorMessage = $"Give a number from 1 to {TeamDiscussion.MaxAttended}.",
                Min = 1,
                Max = TeamDiscussion.MaxAttended,
                Value = CardInput.Number(previous?.Attended),
            },
            new TextInput
            {
                Id = CardKit.InputId(nameof(DiscussionSaveData.Reflections)),
                Label = "Your team's reflections",
                IsMultiline = true,
                IsRequired = true,
                ErrorMessage = "Add your reflections.",
                MaxLength = TeamDiscussion.MaxTextLength,
                Value = CardKit.Clip(previous?.Reflections, TeamDiscussion.MaxTextLength),
                Placeholder = withheld.Reflections ? WithheldPlaceholder : null,
            },
            new TextInput
            {
                Id = CardKit.InputId(nameof(DiscussionSaveData.TeamActions)),
                Label = "What your team will do",
                IsMultiline = true,
                MaxLength = TeamDiscussion.MaxTextLength,
                Value = CardKit.Clip(previous?.TeamActions, TeamDiscussion.MaxTextLength),
                Placeholder = withheld.TeamActions ? WithheldPlaceholder : null,
            },
        ];
        if (updates is not null)
        {
            body.Insert(2, new TextBlock { Text = UpdatesNote(updates), Wrap = true, Color = TextColor.Accent });
        }

        if (error is not null)
        {
            body.Insert(0, new TextBlock { Text = error, Wrap = true, Color = TextColor.Warning });
        }

        if (correctable is { Count: > 0 })
        {
            body.AddRange(Corrections(briefing.AuditId, version, channelId, correctable));
        }

        if (check is { HasFindings: true })
        {
            body.Add(new TextBlock { Text = check.Summary, Wrap = true, Color = TextColor.Warning });
            if (check.Confirmable)
            {
                body.Add(new ToggleInput
                {
                    Id = CardKit.InputId(nameof(DiscussionSaveData.Confirm)),
                    Title = "I have checked: this does not identify a child or family",
                    ValueOn = "true",
                    ValueOff = "false",
                });
            }
        }

        return new AdaptiveCard
        {
            FallbackText = "Record your team's discussion",
            Body = body,
            Actions =
            [
                ExecuteAction.Create(DiscussionScreen.Save,
                    new DiscussionSaveData(briefing.AuditId, version, channelId, null, null, null, null, null), "Save our discussion")
                    with { AssociatedInputs = AssociatedInputs.Auto, Style = ActionStyle.Positive },
                ExecuteAction.Create(DiscussionScreen.Back, new DiscussionFormData(briefing.AuditId, version, channelId),
                    "Back to the briefing") with { AssociatedInputs = AssociatedInputs.None },
            ],
        };
    }
}
