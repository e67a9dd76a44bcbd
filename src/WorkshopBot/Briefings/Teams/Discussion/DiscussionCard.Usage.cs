using WorkshopBot.Briefings.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;
using static WorkshopBot.Briefings.Teams.BriefingCardParts;

namespace WorkshopBot.Briefings.Teams;

/// <summary>
/// One channel's use of the briefing; <see cref="Name"/> is "Team > Channel" as Teams names it now (as recorded when posted
/// when not given); <see cref="Undelivered"/> when its post failed for good, so the channel never got it;
/// <see cref="Withdrawn"/> when the version posted there was withdrawn. <see cref="Discussions"/> are those of the version
/// posted there; <see cref="Earlier"/> those the channel recorded of an earlier version (withdrawn or replaced since), which do
/// not count as a discussion of this one.
/// </summary>
public sealed record ChannelUsage(
    ChannelPublication Publication, IReadOnlyList<TeamDiscussion> Discussions, string? Name = null, bool Undelivered = false,
    BriefingWithdrawal? Withdrawn = null, IReadOnlyList<TeamDiscussion>? Earlier = null)
{
    public string DisplayName => Name ?? Publication.DisplayName;

    /// <summary>The discussions of an earlier version recorded in the channel (none when not given).</summary>
    public IReadOnlyList<TeamDiscussion> EarlierDiscussions => Earlier ?? [];
}

/// <summary>The chair's view of which teams have discussed the briefing.</summary>
public static partial class DiscussionCard
{
    /// <summary>
    /// The chair's view: per channel, the discussions recorded or the reminders sent, and the Word file when it is not in the
    /// channel's Files (yet), with Retry upload where it failed; a withdrawn post says so, and its discussions stay listed.
    /// Withdraw is offered while any channel shows the briefing.
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
            var recorded = channel.Discussions.Count == 0 ? "no discussion recorded"
                : $"{CardKit.Plural(channel.Discussions.Count, "discussion")} recorded, "
                  + $"{channel.Discussions.Sum(d => d.Attended)} attended";
            var heading = channel.Withdrawn is { } withdrawn
                ? $"{ShownChannel(channel.DisplayName)}: withdrawn on {EnglandTime.DateOf(withdrawn.At).ToString("d MMM yyyy", English)} "
                  + $"({recorded})."
                : channel.Discussions.Count == 0 && channel.Undelivered
                ? $"{ShownChannel(channel.DisplayName)}: not delivered (the post failed): publish again to this channel."
                : channel.Discussions.Count == 0
                ? $"{ShownChannel(channel.DisplayName)}: no discussion "
                  + (channel.EarlierDiscussions.Count > 0 ? $"of version {p.Version} " : string.Empty) + "recorded yet "
                  + $"(posted {EnglandTime.DateOf(p.PostedAt).ToString("d MMM yyyy", English)}"
                  + $"{(p.RemindersSent > 0 ? $", {CardKit.Plural(p.RemindersSent, "reminder")} sent" : string.Empty)})."
                : $"{ShownChannel(channel.DisplayName)}: {recorded}.";
            budget -= CardBytes.Of(heading) + ElementOverhead;
            body.Add(new TextBlock { Text = heading, Wrap = true, Weight = TextWeight.Bolder, Separator = true });
            if (channel.Withdrawn is null)
            {
                body.AddRange(UploadNote(auditId, p, channel.DisplayName, channel.Undelivered, out var cost));
                budget -= cost;
            }

            budget = AddDiscussions(body, channel.Discussions, budget, earlier: false);
            if (channel.EarlierDiscussions is { Count: > 0 } earlier && budget > 0)
            {
                // Shown, so the chair sees the team's work, but not counted: the version they discussed was withdrawn or replaced.
                var text = $"Of an earlier version: {CardKit.Plural(earlier.Count, "discussion")} recorded, "
                    + $"{earlier.Sum(d => d.Attended)} attended (not counted for version {p.Version}).";
                budget -= CardBytes.Of(text) + ElementOverhead;
                body.Add(new TextBlock { Text = text, Wrap = true, Size = TextSize.Small, IsSubtle = true });
                budget = AddDiscussions(body, earlier, budget, earlier: true);
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
        if (channels.Any(c => c.Discussions.Count == 0 && !c.Undelivered && c.Withdrawn is null))
        {
            actions.Add(ExecuteAction.Create(DiscussionScreen.Remind, new RemindData(auditId), "Remind channels that have not"));
        }

        if (channels.Any(c => c.Withdrawn is null && !c.Undelivered))
        {
            actions.Add(ExecuteAction.Create(WithdrawScreen.Confirm, new WithdrawData(auditId), "Withdraw"));
        }

        actions.Add(BriefingReply.BackToBriefing(auditId));
        return new AdaptiveCard { FallbackText = $"Use of the briefing: {title}", Body = body, Actions = actions };
    }

    /// <summary>
    /// The latest five discussions, each a line (of an earlier version, with its number); what is left of the budget. A team's
    /// words reach the chair here, so they are read again as an export reads them (<see cref="ExportRedactor"/>): what the
    /// start-up sweep removes, stored after it ran, is shown as its marker.
    /// </summary>
    private static int AddDiscussions(List<CardElement> body, IReadOnlyList<TeamDiscussion> discussions, int budget, bool earlier)
    {
        var clean = new ExportRedactor();
        foreach (var discussion in discussions.TakeLast(5))
        {
            var text = $"{discussion.DiscussedOn.ToString("d MMM yyyy", English)}"
                + (earlier ? $" (version {discussion.BriefingVersion})" : string.Empty) + $", {discussion.Attended} attended "
                + $"({MarkdownText.Escape(discussion.RecordedBy.DisplayName)}"
                + (discussion.ChangedBy is { } changer && changer.UserId != discussion.RecordedBy.UserId
                    ? $", updated by {MarkdownText.Escape(changer.DisplayName)}" : string.Empty) + "): "
                + MarkdownText.Escape(BriefingText.LimitWords(clean.Text(discussion.Reflections), 60))
                + (discussion.TeamActions.Length > 0
                    ? $" Team actions: {MarkdownText.Escape(BriefingText.LimitWords(clean.Text(discussion.TeamActions), 40))}"
                    : string.Empty);
            budget -= CardBytes.Of(text) + ElementOverhead;
            body.Add(new TextBlock { Text = text, Wrap = true, Size = TextSize.Small, IsSubtle = earlier ? true : null });
            if (budget <= 0)
            {
                break;
            }
        }

        return budget;
    }
}
