using WorkshopBot.Briefings.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Teams;
using static WorkshopBot.Briefings.Teams.BriefingCardParts;

namespace WorkshopBot.Briefings.Teams;

/// <summary>
/// One channel's use of the briefing; <see cref="Name"/> is "Team > Channel" as Teams names it now (as recorded when posted
/// when not given); <see cref="Undelivered"/> when its post failed for good, so the channel never got it.
/// </summary>
public sealed record ChannelUsage(
    ChannelPublication Publication, IReadOnlyList<TeamDiscussion> Discussions, string? Name = null, bool Undelivered = false)
{
    public string DisplayName => Name ?? Publication.DisplayName;
}

/// <summary>
/// The cards of the team's discussion: the briefing as a channel sees it, the reminder, the "Our team discussed this"
/// form, and the chair's view of which teams have discussed it.
/// </summary>
public static class DiscussionCard
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
        var note = "Recorded by " + new string('x', 64) + ": 99 attended on 30 September 2026. Thank you.";
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
    /// identifier check found (<paramref name="check"/>, with the box to confirm).
    /// </summary>
    public static AdaptiveCard Form(Briefing briefing, int version, string channelId, DateOnly today,
        DiscussionSaveData? previous = null, IdentifierCheck? check = null, string? error = null)
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
                ErrorMessage = $"1 to {TeamDiscussion.MaxAttended}.",
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
                Value = previous?.Reflections,
            },
            new TextInput
            {
                Id = CardKit.InputId(nameof(DiscussionSaveData.TeamActions)),
                Label = "What your team will do",
                IsMultiline = true,
                MaxLength = TeamDiscussion.MaxTextLength,
                Value = previous?.TeamActions,
            },
        ];
        if (error is not null)
        {
            body.Insert(0, new TextBlock { Text = error, Wrap = true, Color = TextColor.Attention });
        }

        if (check is { HasFindings: true })
        {
            body.Add(new TextBlock { Text = check.Summary, Wrap = true, Color = TextColor.Attention });
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
                    new DiscussionSaveData(briefing.AuditId, version, channelId, null, null, null, null, null), "Save")
                    with { AssociatedInputs = AssociatedInputs.Auto, Style = ActionStyle.Positive },
                ExecuteAction.Create(DiscussionScreen.Back, new DiscussionFormData(briefing.AuditId, version, channelId),
                    "Back to the briefing") with { AssociatedInputs = AssociatedInputs.None },
            ],
        };
    }

    /// <summary>
    /// The chair's view: per channel, the discussions recorded or the reminders sent, and the Word file when it is not in the
    /// channel's Files (yet), with Retry upload where it failed.
    /// </summary>
    public static AdaptiveCard Usage(Guid auditId, string title, IReadOnlyList<ChannelUsage> channels)
    {
        var body = new List<CardElement>
        {
            new TextBlock
            {
                Text = $"Use of the briefing: {MarkdownText.Escape(title)}", Weight = TextWeight.Bolder, Size = TextSize.Medium,
                Wrap = true,
                Style = TextBlockStyle.Heading,
            },
        };
        if (channels.Count == 0)
        {
            body.Add(new TextBlock { Text = "The briefing has not been published to any channel yet.", Wrap = true });
        }

        var budget = ListBudget;
        var shown = 0;
        foreach (var channel in channels)
        {
            // Past the budget the remaining channels are summed up in one line, so the card stays under 28 KB.
            if (budget <= 0)
            {
                break;
            }

            shown++;
            var p = channel.Publication;
            var heading = channel.Discussions.Count == 0 && channel.Undelivered
                ? $"{ShownChannel(channel.DisplayName)}: not delivered (the post failed): publish again to this channel."
                : channel.Discussions.Count == 0
                ? $"{ShownChannel(channel.DisplayName)}: no discussion recorded yet "
                  + $"(posted {EnglandTime.DateOf(p.PostedAt).ToString("d MMM yyyy", English)}"
                  + $"{(p.RemindersSent > 0 ? $", {CardKit.Plural(p.RemindersSent, "reminder")} sent" : string.Empty)})."
                : $"{ShownChannel(channel.DisplayName)}: {CardKit.Plural(channel.Discussions.Count, "discussion")} recorded, "
                  + $"{channel.Discussions.Sum(d => d.Attended)} attended.";
            budget -= heading.Length + ElementOverhead;
            body.Add(new TextBlock { Text = heading, Wrap = true, Weight = TextWeight.Bolder, Separator = true });
            body.AddRange(UploadNote(auditId, p, channel.DisplayName, channel.Undelivered, out var cost));
            budget -= cost;
            foreach (var discussion in channel.Discussions.TakeLast(5))
            {
                var text = $"{discussion.DiscussedOn.ToString("d MMM yyyy", English)}, {discussion.Attended} attended "
                    + $"({MarkdownText.Escape(discussion.RecordedBy.DisplayName)}): "
                    + MarkdownText.Escape(BriefingText.LimitWords(discussion.Reflections, 60))
                    + (discussion.TeamActions.Length > 0
                        ? $" Team actions: {MarkdownText.Escape(BriefingText.LimitWords(discussion.TeamActions, 40))}"
                        : string.Empty);
                budget -= text.Length + ElementOverhead;
                body.Add(new TextBlock { Text = text, Wrap = true, Size = TextSize.Small });
                if (budget <= 0)
                {
                    break;
                }
            }
        }

        if (shown < channels.Count)
        {
            var rest = channels.Skip(shown).ToList();
            var recorded = rest.Count(c => c.Discussions.Count > 0);
            body.Add(new TextBlock
            {
                Text = $"{CardKit.Plural(rest.Count, "more channel")}: {recorded} {(recorded == 1 ? "has" : "have")} recorded a "
                    + $"discussion, {rest.Count - recorded} {(rest.Count - recorded == 1 ? "has" : "have")} not.",
                Wrap = true,
                Separator = true,
            });
        }

        var actions = new List<CardAction>();
        if (channels.Any(c => c.Discussions.Count == 0 && !c.Undelivered))
        {
            actions.Add(ExecuteAction.Create(DiscussionScreen.Remind, new RemindData(auditId), "Remind channels that have not"));
        }

        actions.Add(BriefingReply.BackToBriefing(auditId));
        return new AdaptiveCard { FallbackText = $"Use of the briefing: {title}", Body = body, Actions = actions };
    }
}
