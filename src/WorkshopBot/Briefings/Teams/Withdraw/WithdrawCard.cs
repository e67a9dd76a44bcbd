using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;

namespace WorkshopBot.Briefings.Teams;

/// <summary>The chair's cards while withdrawing a briefing: the confirmation, and what withdrawing did.</summary>
public static class WithdrawCard
{
    private const string Correction = "To publish a corrected briefing, edit it, approve the new version and publish that.";

    public static AdaptiveCard Confirm(Guid auditId, int channels, int discussions, DateTimeOffset now) => new()
    {
        FallbackText = "Withdraw the briefing?",
        Body =
        [
            new TextBlock
            {
                Text = "Withdraw the briefing?", Weight = TextWeight.Bolder, Size = TextSize.Medium, Wrap = true,
                Style = TextBlockStyle.Heading,
            },
            new TextBlock
            {
                Text = $"Its posts in {CardKit.Plural(channels, "channel")} will be replaced by a short note that it was withdrawn "
                    + $"on {Moments.Day(now)}: the briefing's text and the \"Our team discussed this\" button are removed, and no "
                    + "further discussions are recorded. "
                    + (discussions == 0 ? "No discussion has been recorded yet."
                        : $"The {CardKit.Plural(discussions, "discussion")} already recorded {(discussions == 1 ? "is" : "are")} kept.")
                    + " This cannot be undone.",
                Wrap = true,
            },
            new TextBlock { Text = Correction, Wrap = true, IsSubtle = true },
        ],
        Actions =
        [
            ExecuteAction.Create(WithdrawScreen.Withdraw, new WithdrawData(auditId), "Withdraw") with { Style = ActionStyle.Destructive },
            ExecuteAction.Create(DiscussionScreen.Usage, new UsageData(auditId), "Cancel"),
        ],
    };

    public static AdaptiveCard Done(Guid auditId, WithdrawReport report, int discussions)
    {
        ArgumentNullException.ThrowIfNull(report);
        var withdrawal = report.Result.Value!;
        var text = (report.Channels == 0
                ? "The briefing is withdrawn. None of its posts had been delivered, so no card needed changing."
                : $"The briefing's posts in {CardKit.Plural(report.Channels, "channel")} will show that it was withdrawn on "
                  + $"{Moments.Day(withdrawal.At)}, without its text or the discussion button.")
            + " No further discussions will be recorded"
            + (discussions == 0 ? "." : $"; the {CardKit.Plural(discussions, "discussion")} already recorded "
                + $"{(discussions == 1 ? "is" : "are")} kept.");
        List<CardElement> body =
        [
            new TextBlock
            {
                Text = "Briefing withdrawn", Weight = TextWeight.Bolder, Size = TextSize.Medium, Wrap = true,
                Style = TextBlockStyle.Heading,
            },
            new TextBlock { Text = text, Wrap = true },
        ];
        if (report.FilesDeleting > 0)
        {
            body.Add(new TextBlock
            {
                Text = $"Its Word version is being deleted from the Files of {CardKit.Plural(report.FilesDeleting, "channel")}. "
                    + "If that cannot be done, the partnership's admins are told.",
                Wrap = true,
            });
        }

        if (report.FilesLeft > 0)
        {
            body.Add(new TextBlock
            {
                Text = $"Its Word version is still in the Files of {CardKit.Plural(report.FilesLeft, "channel")}: it was put there "
                    + "before WorkshopBot kept track of such files, so please delete it from each channel's Files tab.",
                Wrap = true,
                Color = TextColor.Warning,
            });
        }

        body.Add(new TextBlock { Text = Correction, Wrap = true, IsSubtle = true });
        return new AdaptiveCard
        {
            FallbackText = "Briefing withdrawn",
            Body = body,
            Actions =
            [
                ExecuteAction.Create(DiscussionScreen.Usage, new UsageData(auditId), "Track use"),
                BriefingReply.BackToBriefing(auditId),
            ],
        };
    }
}
