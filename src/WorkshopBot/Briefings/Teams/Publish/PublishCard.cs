using WorkshopBot.Briefings.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;
using static WorkshopBot.Briefings.Teams.BriefingCardParts;

namespace WorkshopBot.Briefings.Teams;

/// <summary>
/// One channel's line on the publish result card; <see cref="Reposted"/> when the post is queued again because the earlier
/// one was not delivered (it failed for good).
/// </summary>
public sealed record PublishOutcome(
    string ChannelId, string ChannelName, bool Posted, bool AlreadyPosted, FileUploadState Upload, string? FileUrl, string? UploadError,
    bool Reposted = false);

/// <summary>The chair's cards while publishing: the channels to choose from, and what publishing did in each.</summary>
public static class PublishCard
{
    /// <summary>Why a channel may be missing, and how to have a private or shared one listed.</summary>
    public const string ChannelsHint = "Only channels you are in are listed. To list a private or shared channel, mention "
        + "WorkshopBot there once.";

    public static AdaptiveCard ChooseChannels(Guid auditId, int version, IReadOnlyList<(string Id, string Name)> channels) => new()
    {
        FallbackText = "Choose channels to publish the briefing to",
        Body =
        [
            new TextBlock
            {
                Text = $"Publish version {version}", Weight = TextWeight.Bolder, Size = TextSize.Medium, Wrap = true,
                Style = TextBlockStyle.Heading,
            },
            channels.Count == 0
                ? new TextBlock
                {
                    Text = "No team channel is listed for you yet. Add WorkshopBot to a team you are in, or mention WorkshopBot once "
                        + "in a private or shared channel you are in, then try again.",
                    Wrap = true,
                }
                : new ChoiceSetInput
                {
                    Id = CardKit.InputId(nameof(PublishData.Channels)),
                    Label = "Channels (each gets a new thread)",
                    IsMultiSelect = true,
                    Style = ChoiceInputStyle.Expanded,
                    IsRequired = true,
                    ErrorMessage = "Choose at least one channel.",
                    Choices = channels.Take(100).Select(c => new Choice(c.Name, c.Id)).ToList(),
                },
            .. channels.Count == 0
                ? Array.Empty<CardElement>()
                : [new TextBlock { Text = ChannelsHint, Wrap = true, IsSubtle = true, Size = TextSize.Small }],
        ],
        Actions = channels.Count == 0
            ? [ExecuteAction.Create(ComposeScreen.Open, new OpenBriefingData(auditId), "Back")]
            : [
                ExecuteAction.Create(PublishScreen.Publish, new PublishData(auditId, version, null), "Publish")
                    with { AssociatedInputs = AssociatedInputs.Auto, Style = ActionStyle.Positive },
                ExecuteAction.Create(ComposeScreen.Open, new OpenBriefingData(auditId), "Back")
                    with { AssociatedInputs = AssociatedInputs.None },
            ],
    };

    public static AdaptiveCard PublishResult(
        Guid auditId, int version, IReadOnlyList<PublishOutcome> outcomes, IReadOnlyList<string> unknownChannels)
    {
        var body = new List<CardElement>
        {
            new TextBlock
            {
                Text = $"Briefing version {version}: publishing", Weight = TextWeight.Bolder, Size = TextSize.Medium, Wrap = true,
                Style = TextBlockStyle.Heading,
            },
        };
        var actions = new List<CardAction>();
        var budget = ListBudget;
        var notShown = new List<PublishOutcome>();
        foreach (var outcome in outcomes)
        {
            // Past the budget the rest are summed up in one line, so publishing to many channels still fits 28 KB.
            if (budget <= 0)
            {
                notShown.Add(outcome);
                continue;
            }

            var line = outcome.AlreadyPosted ? "already posted earlier; not posted again."
                : outcome.Reposted ? "the earlier post was not delivered, so it is queued as a new thread again."
                : "queued as a new thread.";
            var file = outcome.Upload switch
            {
                FileUploadState.Uploaded => " The Word version is in the channel's Files.",
                FileUploadState.Failed => " The Word version could not be put in the channel's Files: "
                    + $"{MarkdownText.Escape(outcome.UploadError)} The briefing is posted without its link.",
                FileUploadState.Pending => " " + BriefingPublisher.UploadOnItsWay,
                FileUploadState.NotConfigured => string.Empty,
                _ => string.Empty,
            };
            var text = $"{ShownChannel(outcome.ChannelName)}: {line}{file}";
            budget -= CardBytes.Of(text) + ElementOverhead;
            body.Add(new TextBlock
            {
                Text = text, Wrap = true, Color = outcome.Upload == FileUploadState.Failed ? TextColor.Warning : null,
            });
            if (outcome.Upload == FileUploadState.Failed)
            {
                budget -= outcome.ChannelId.Length + RetryActionOverhead;
                // Next to its channel: a card allows only a few top-level actions.
                body.Add(new ActionSet
                {
                    Actions =
                    [
                        ExecuteAction.Create(PublishScreen.RetryUpload, new RetryUploadData(auditId, version, outcome.ChannelId),
                            $"Retry upload: {Shorten(outcome.ChannelName)}"),
                    ],
                });
            }
        }

        if (notShown.Count > 0)
        {
            var failed = notShown.Count(o => o.Upload == FileUploadState.Failed);
            body.Add(new TextBlock
            {
                Text = $"{CardKit.Plural(notShown.Count, "more channel")}: {notShown.Count(o => !o.AlreadyPosted)} queued as a new thread, "
                    + $"{notShown.Count(o => o.AlreadyPosted)} already posted earlier."
                    + (failed > 0
                        ? $" The Word version could not be put in the Files of {failed} of them; retry the uploads shown above, "
                          + "then choose Publish again for the same channels to see the rest."
                        : string.Empty),
                Wrap = true,
                Color = failed > 0 ? TextColor.Warning : null,
            });
        }

        if (unknownChannels.Count > 0)
        {
            body.Add(new TextBlock
            {
                Text = (unknownChannels.Count == 1
                        ? "1 chosen channel is no longer available to WorkshopBot and was skipped."
                        : $"{unknownChannels.Count} chosen channels are no longer available to WorkshopBot and were skipped.")
                    + " To publish there, add WorkshopBot back to that team, or choose another channel.",
                Wrap = true,
                Color = TextColor.Warning,
            });
        }

        actions.Add(ExecuteAction.Create(DiscussionScreen.Usage, new UsageData(auditId), "Track use"));
        actions.Add(BriefingReply.BackToBriefing(auditId));
        return new AdaptiveCard { FallbackText = "Briefing published", Body = body, Actions = actions };
    }

    private static string Shorten(string text) => text.Length <= 30 ? text : TextCut.Prefix(text, 27) + "...";
}
