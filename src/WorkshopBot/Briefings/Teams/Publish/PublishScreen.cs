using WorkshopBot.Briefings.Domain;
using WorkshopBot.Common;
using WorkshopBot.Common.Storage;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Briefings.Teams;

/// <summary>Data of <see cref="PublishScreen.ChooseChannels"/>.</summary>
public sealed record ChooseChannelsData(Guid AuditId);

/// <summary>The ChoiceSet "channels" arrives as comma-separated channel ids.</summary>
public sealed record PublishData(Guid AuditId, int Version, string? Channels);

/// <summary>Data of <see cref="PublishScreen.RetryUpload"/>: one channel's failed DOCX upload.</summary>
public sealed record RetryUploadData(Guid AuditId, int Version, string ChannelId);

/// <summary>
/// The chair publishes the approved version: chooses team channels, posts a new thread in each (the DOCX follows in the
/// background, <c>BriefingUploads</c>), and retries a DOCX upload that failed. The picker offers only the channels the chair
/// may reach (<see cref="ChannelDirectory.ListChannelsForAsync"/>); a channel named by a publish that is not among them (a
/// forged choice) is skipped in the same words as a channel the bot does not know, so the answer reveals nothing, and the
/// skip is logged (<see cref="Refused"/>).
/// </summary>
public sealed class PublishScreen(
    BriefingAccess access,
    BriefingPublisher publisher,
    BriefingPrivacy privacy,
    ChannelDirectory channels,
    AuditTrail trail)
{
    /// <summary>
    /// Audit-log action: a publish named channels not listed for the chair (unknown, removed, or not theirs to reach), which
    /// were skipped; counts only.
    /// </summary>
    public const string Refused = "briefing.publish.refused";

    public const string ChooseChannels = "briefing.publish.choose";
    public const string Publish = "briefing.publish";
    public const string RetryUpload = "briefing.upload.retry";

    public static void Map(ActivityRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        router.OnCardAction<ChooseChannelsData>(ChooseChannels,
            (turn, d, ct) => turn.Screen<PublishScreen>().ChooseChannelsAsync(turn, d, ct));
        router.OnCardAction<PublishData>(Publish, (turn, d, ct) => turn.Screen<PublishScreen>().PublishAsync(turn, d, ct));
        router.OnCardAction<RetryUploadData>(RetryUpload, (turn, d, ct) => turn.Screen<PublishScreen>().RetryUploadAsync(turn, d, ct));
    }

    public async Task<InvokeResponse> ChooseChannelsAsync(TurnContext turn, ChooseChannelsData data, CancellationToken cancellationToken)
    {
        var briefing = await access.ChairBriefingUnderWayAsync(turn, data.AuditId, cancellationToken).ConfigureAwait(false);
        if (briefing.Refused)
        {
            return briefing.Refusal;
        }

        if (briefing.Value.Record.Approved is not { } approved)
        {
            return Preview(briefing.Value.Record, "Approve the briefing before publishing it.");
        }

        if (NotPublishable(briefing.Value, approved) is { } refusal)
        {
            return refusal;
        }

        var named = await ReachableAsync(turn, cancellationToken).ConfigureAwait(false);
        return Reply.Card(PublishCard.ChooseChannels(data.AuditId, approved.Number,
            named.Select(c => (c.ConversationId, ChannelDirectory.NameOf(c))).ToList()));
    }

    public async Task<InvokeResponse> PublishAsync(TurnContext turn, PublishData data, CancellationToken cancellationToken)
    {
        var briefing = await access.ChairBriefingUnderWayAsync(turn, data.AuditId, cancellationToken).ConfigureAwait(false);
        if (briefing.Refused)
        {
            return briefing.Refusal;
        }

        var record = briefing.Value.Record;
        if (record.ApprovedVersion is not { } approved)
        {
            return Preview(record, "Approve the briefing before publishing it.");
        }

        if (approved != data.Version)
        {
            return Preview(record, $"Version {approved} is the approved version now. Choose Publish again.");
        }

        if (NotPublishable(briefing.Value, record.Approved!) is { } refusal)
        {
            return refusal;
        }

        var channelIds = CardInput.List(data.Channels);
        if (channelIds.Count == 0)
        {
            return BriefingReply.Refusal("No channel chosen", "Choose at least one channel to publish to.", data.AuditId);
        }

        // A channel not listed for this chair (a forged choice) is skipped as an unknown one is, in the same words.
        var reachable = await ReachableAsync(turn, cancellationToken).ConfigureAwait(false);
        var listed = reachable.Select(c => c.ConversationId).ToHashSet(StringComparer.Ordinal);
        var outside = channelIds.Distinct(StringComparer.Ordinal).Count(id => !listed.Contains(id));
        if (outside > 0)
        {
            await trail.RecordAsync(turn.Person(), Refused, "briefing", data.AuditId,
                new { version = data.Version, channels = channelIds.Count, notListed = outside }, cancellationToken).ConfigureAwait(false);
        }

        var report = await publisher.PublishAsync(data.AuditId, channelIds, reachable, turn.Person(), cancellationToken)
            .ConfigureAwait(false);
        return report.Saved
            ? Reply.Card(PublishCard.PublishResult(data.AuditId, approved, report.Outcomes, report.Unknown))
            : BriefingReply.Refusal("Not saved", DocumentChanges.ChangedElsewhere, data.AuditId);
    }

    public async Task<InvokeResponse> RetryUploadAsync(TurnContext turn, RetryUploadData data, CancellationToken cancellationToken)
    {
        var briefing = await access.ChairBriefingUnderWayAsync(turn, data.AuditId, cancellationToken).ConfigureAwait(false);
        if (briefing.Refused)
        {
            return briefing.Refusal;
        }

        if (briefing.Value.Record.Version(data.Version) is { } version && NotPublishable(briefing.Value, version) is { } refusal)
        {
            return refusal;
        }

        var retry = await publisher.RetryUploadAsync(data.AuditId, data.Version, data.ChannelId, turn.Person(), cancellationToken)
            .ConfigureAwait(false);
        if (!retry.Saved)
        {
            return BriefingReply.Refusal("Not saved", DocumentChanges.ChangedElsewhere, data.AuditId);
        }

        if (retry.Result.Error == BriefingPublisher.NoLongerPosted)
        {
            return BriefingReply.Refusal("Not uploaded", BriefingPublisher.NoLongerPosted, data.AuditId);
        }

        if (retry.Result.Error == BriefingPublisher.NotDelivered)
        {
            return BriefingReply.Refusal("Not delivered", BriefingPublisher.NotDelivered, data.AuditId);
        }

        if (retry.Result.Error == BriefingPublisher.UploadOnItsWay)
        {
            return BriefingReply.Notice("File on its way", BriefingPublisher.UploadOnItsWay, Tone.Info, data.AuditId);
        }

        if (!retry.Result.Succeeded)
        {
            var publication = briefing.Value.Record.FindPublication(data.ChannelId, data.Version);
            return publication is null
                ? BriefingReply.Refusal("Not published there", retry.Result.Error ?? "This briefing was not published to that channel.",
                    data.AuditId)
                : Reply.Card(PublishCard.PublishResult(data.AuditId, data.Version,
                [
                    new PublishOutcome(
                        data.ChannelId, publication.DisplayName, true, true, FileUploadState.Failed, null, retry.Result.Error),
                ], []));
        }

        return BriefingReply.Notice("File uploaded",
            retry.LinkAdded
                ? "The Word version is now in the channel's Files, and the post links to it."
                : "The Word version is now in the channel's Files. The channel post is still on its way, so it will not link to the file; "
                  + "find it in the channel's Files tab.",
            Tone.Success, data.AuditId);
    }

    /// <summary>
    /// The refusal when the version was withdrawn (a corrected version is published instead), or when its text fails the
    /// identifier and case-reference check now: approval checked it, but a version approved under an earlier rule, or before
    /// the partnership's allowed contacts changed, is not posted or uploaded to team channels (as a download link refuses it);
    /// nor one whose grades chart would disagree with its text (<see cref="GradeChart.Disagreement"/>).
    /// </summary>
    private InvokeResponse? NotPublishable(ChairedBriefing briefing, BriefingVersion version)
    {
        if (briefing.Record.WithdrawalOf(version.Number) is { } withdrawn)
        {
            return BriefingReply.Refusal("Not published", $"Version {version.Number} was withdrawn on {Moments.Day(withdrawn.At)}, so "
                + "it is not published again. To publish a corrected briefing, edit it, approve the new version and publish that.",
                briefing.Audit.Id);
        }

        // Approved before a chart had to agree with its box's text: not posted with a chart its own text contradicts.
        if (GradeChart.Disagreement(version.Content) is { } disagreement)
        {
            return BriefingReply.Refusal("Not published", $"Version {version.Number} cannot be published. {disagreement} Then approve "
                + "the new version.", briefing.Audit.Id);
        }

        return privacy.Screen(version.Content.FullText(), briefing.CaseReferences)
            .Refusal($"Version {version.Number} cannot be published", "Edit the box that contains it, then approve the new version.")
            is { } refusal
            ? BriefingReply.Refusal("Not published", refusal, briefing.Audit.Id)
            : null;
    }

    private Task<IReadOnlyList<WorkshopBot.Storage.ConversationRecord>> ReachableAsync(TurnContext turn,
        CancellationToken cancellationToken) =>
        channels.ListChannelsForAsync(turn.Person(), turn.Activity.From?.Id, turn.TenantId(), cancellationToken);

    private InvokeResponse Preview(BriefingRecord record, string notice) =>
        Reply.Card(ComposeCard.Preview(record, notice, privacy.CheckLatest(record)));
}
