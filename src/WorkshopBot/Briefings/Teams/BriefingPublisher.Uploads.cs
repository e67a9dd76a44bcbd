// The DOCX in each channel's Files: the background upload's steps (claim, upload, finish) and the chair's Retry upload.
using WorkshopBot.Audits.Domain;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;
using WorkshopBot.Storage;

namespace WorkshopBot.Briefings.Teams;

/// <summary>
/// A queued upload that a background pass has claimed (<see cref="BriefingRecord.ClaimUpload"/>): the publication as
/// claimed, the version's content to render, the pass's claim, which only it may finish, and the day the version was first
/// published, which the document and its file name give.
/// </summary>
public sealed record ClaimedUpload(
    Guid AuditId, string? TenantId, ChannelPublication Publication, Briefing Content, string Claim, DateOnly Published);

public sealed partial class BriefingPublisher
{
    /// <summary>Audit-log action: the background upload put a channel's DOCX in its Files, or gave up (ids and outcome only).</summary>
    public const string Uploaded = "briefing.uploaded";

    /// <summary>What Retry upload says while the upload is still queued: the background upload is making it.</summary>
    public const string UploadOnItsWay =
        "The Word version is on its way to the channel's Files; the post will link to it once it is there.";

    /// <summary>
    /// Claims the queued upload of (<paramref name="channelId"/>, <paramref name="version"/>, <paramref name="attempt"/>) for
    /// <paramref name="lease"/>; null when it no longer waits or another pass holds it. The claim is stored when the unit of
    /// work commits: a second instance claiming the same upload at the same moment conflicts, runs again, and finds it held.
    /// </summary>
    public async Task<ClaimedUpload?> ClaimUploadAsync(Guid auditId, string channelId, int version, int attempt, string claim,
        TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var changed = await store.ChangeAsync(auditId, r => r.ClaimUpload(channelId, version, attempt, claim, now, now + lease),
            cancellationToken).ConfigureAwait(false);
        return changed is { Saved: true, Value: { } record } && record.Version(version) is { } claimed
            ? new ClaimedUpload(auditId, record.TenantId, changed.Result.Value!, claimed.Content, claim, PublishedOn(record, version))
            : null;
    }

    /// <summary>
    /// Makes a claimed upload, writing nothing: to the channel's Files, unless the post failed for good (no post to link it
    /// from: publishing again uploads it) or the bot can no longer reach the channel.
    /// </summary>
    public async Task<FileUploadResult> UploadClaimedAsync(ClaimedUpload claimed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        var publication = claimed.Publication;
        if (!files.IsEnabled)
        {
            return FileUploadResult.Failed("Microsoft Graph is not configured.");
        }

        if (await FailedForGoodAsync(publication, cancellationToken).ConfigureAwait(false))
        {
            return FileUploadResult.Failed(NotDelivered);
        }

        var channel = await conversations.GetAsync(publication.ChannelId, cancellationToken).ConfigureAwait(false);
        return channel is not { Active: true } || !ChannelDirectory.InTenant(channel, publication.TenantId)
            ? FileUploadResult.Failed("WorkshopBot can no longer reach this channel.")
            : await UploadAsync(channel, claimed.Content, publication.Version, claimed.Published, cancellationToken)
                .ConfigureAwait(false);
    }

    /// <summary>
    /// Keeps a claimed upload's outcome, if the claim still stands: Uploaded (and the post gets the link once it is
    /// delivered, as after Retry upload), Failed (the chair's Retry upload button does it again), or with
    /// <paramref name="retryAt"/> queued again until then. The settled outcome is logged with the bot as the actor. Returns the
    /// upload's state as kept, or null when the claim had been taken over (the other pass's outcome is kept).
    /// </summary>
    public async Task<FileUploadState?> FinishUploadAsync(ClaimedUpload claimed, FileUploadResult result, DateTimeOffset? retryAt,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        ArgumentNullException.ThrowIfNull(result);
        var p = claimed.Publication;
        var changed = await store.ChangeAsync(claimed.AuditId, r => r.FinishUpload(p.ChannelId, p.Version, p.Attempt, claimed.Claim,
            result.Succeeded, result.WebUrl, result.Error, retryAt), cancellationToken).ConfigureAwait(false);
        await RecordFileAsync(claimed.AuditId, claimed.TenantId, p, result, changed.Value, changed.Saved, cancellationToken)
            .ConfigureAwait(false);
        if (!changed.Saved || changed.Result.Value is not { } finished)
        {
            return null;
        }

        if (finished.Upload == FileUploadState.Pending)
        {
            return finished.Upload;
        }

        await trail.RecordForAsync(AuditSubjects.BotActor, claimed.TenantId ?? p.TenantId, Uploaded, "briefing",
            claimed.AuditId.ToString("D"), new { version = p.Version, channelId = p.ChannelId, succeeded = result.Succeeded,
                attempt = p.Attempt, tries = finished.UploadTries }, cancellationToken).ConfigureAwait(false);
        // Never for a post replaced or withdrawn meanwhile: the link would bring its text back.
        if (result.Succeeded && result.WebUrl is not null && changed.Value is { } record && record.IsLive(finished))
        {
            await AddLinkAsync(record, finished, cancellationToken).ConfigureAwait(false);
        }

        return finished.Upload;
    }

    /// <summary>Tries the DOCX upload again for one channel and, once the post is delivered, adds the link to it.</summary>
    public async Task<UploadRetryReport> RetryUploadAsync(
        Guid auditId, int version, string channelId, PersonRef by, CancellationToken cancellationToken)
    {
        // Held: a withdrawal or a newer post landing before this commit makes the retry run again, and be refused.
        var record = await store.HoldAsync(auditId, cancellationToken).ConfigureAwait(false);
        var publication = record?.FindPublication(channelId, version);
        var content = record?.Version(version)?.Content;
        if (publication is null || content is null)
        {
            return new UploadRetryReport(FileUploadResult.Failed("This briefing was not published to that channel."), false, true);
        }

        if (!files.IsEnabled)
        {
            return new UploadRetryReport(FileUploadResult.Failed("Microsoft Graph is not configured."), false, true);
        }

        if (!record!.IsLive(publication))
        {
            // Its card no longer shows the briefing: a link added to it would bring the old text back.
            return new UploadRetryReport(FileUploadResult.Failed(NoLongerPosted), false, true);
        }

        if (publication.Upload == FileUploadState.Pending)
        {
            // The background upload is making it (or tries again shortly): a second upload here would only race it.
            return new UploadRetryReport(FileUploadResult.Failed(UploadOnItsWay), false, true);
        }

        if (await FailedForGoodAsync(publication, cancellationToken).ConfigureAwait(false))
        {
            // No post to link the file from: publishing again to the channel posts it, and uploads the file.
            return new UploadRetryReport(FileUploadResult.Failed(NotDelivered), false, true);
        }

        var channel = await conversations.GetAsync(channelId, cancellationToken).ConfigureAwait(false);
        // Not to a channel whose team removed the bot since: Graph would still let the bot write there.
        var result = channel is not { Active: true } || !ChannelDirectory.InTenant(channel, publication.TenantId)
            ? FileUploadResult.Failed("WorkshopBot can no longer reach this channel.")
            : await UploadAsync(channel, content, version, PublishedOn(record!, version), cancellationToken).ConfigureAwait(false);
        var updated = publication with
        {
            Upload = result.Succeeded ? FileUploadState.Uploaded : FileUploadState.Failed,
            FileUrl = result.WebUrl ?? publication.FileUrl,
            UploadError = result.Succeeded ? null : result.Error,
        };
        var saved = await RecordAsync(auditId, [updated], cancellationToken).ConfigureAwait(false);
        if (saved)
        {
            await RecordFileAsync(auditId, record!.TenantId, publication, result, record, saved, cancellationToken).ConfigureAwait(false);
        }

        await trail.RecordAsync(by, "briefing.upload.retried", "briefing", auditId,
            new { version, channelId, succeeded = result.Succeeded }, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded || !saved)
        {
            return new UploadRetryReport(result, false, saved);
        }

        // This turn's own change is seen: the briefing as it now stands, the link included.
        var current = await store.GetAsync(auditId, cancellationToken).ConfigureAwait(false) ?? record!;
        await AddLinkAsync(current, publication, cancellationToken).ConfigureAwait(false);
        return new UploadRetryReport(result, true, true);
    }

    /// <summary>
    /// The channel's post as it is to show now: the version's text, its link to the Word file once that is in the channel's
    /// Files, and the line saying when the team discussed it, all as stored (<paramref name="record"/>, read in this unit of
    /// work, and the meetings recorded in the channel for the version). Every replacement of the post is this whole card, so
    /// none drops what another added (the link, or the discussed line). Null when the version is no longer stored.
    /// </summary>
    public async Task<AdaptiveCard?> PostAsStoredAsync(BriefingRecord record, ChannelPublication publication,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(publication);
        var current = record.FindPublication(publication.ChannelId, publication.Version) ?? publication;
        if (record.Version(current.Version)?.Content is not { } content)
        {
            return null;
        }

        var meetings = await store.ListMeetingsAsync(record.AuditId, current, cancellationToken).ConfigureAwait(false);
        return DiscussionCard.Posted(content, current.Version, PublishedOn(record, current.Version), current.ChannelId,
            current.FileUrl, meetings.Count == 0 ? null : DiscussionCard.ChannelNote(meetings));
    }

    /// <summary>
    /// Replaces the channel's post with <see cref="PostAsStoredAsync"/>, through the outbox, once the post is there (the outbox
    /// waits for it if it is still on its way), under the post's key and <paramref name="keySuffix"/>.
    /// </summary>
    public async Task UpdatePostAsync(BriefingRecord record, ChannelPublication publication, string keySuffix,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(publication);
        if (await PostAsStoredAsync(record, publication, cancellationToken).ConfigureAwait(false) is not { } card)
        {
            return;
        }

        outbox.UpdatePosted(publication.ServiceUrl, publication.TenantId, publication.PostKey, CardMessage.Create(card),
            PostDedupeKey(record.AuditId, publication.Version, publication.ChannelId, publication.Attempt) + keySuffix,
            Correlation(record.AuditId));
    }

    // The post gets the link once it is delivered; one update per attempt. It keeps the line saying the team discussed it,
    // when a discussion was recorded before the file was uploaded: a discussion recorded while this is built makes this
    // work's commit conflict (DiscussionScreen marks the briefing changed), so it is built again with that line.
    private Task AddLinkAsync(BriefingRecord record, ChannelPublication publication, CancellationToken cancellationToken) =>
        UpdatePostAsync(record, publication, ":file", cancellationToken);

    // The day the version was first published (it always has one once posted anywhere, as it is when a file is uploaded).
    private DateOnly PublishedOn(BriefingRecord record, int version) => record.PublishedOn(version) ?? EnglandTime.Today(time);

    private async Task<FileUploadResult> UploadAsync(
        ConversationRecord channel, Briefing content, int version, DateOnly published, CancellationToken cancellationToken)
    {
        var docx = BriefingDocx.Render(content, BriefingDates.PublishedOn(published));
        var groupId = channel.TeamId is null ? null
            : Guid.TryParse(channel.TeamId, out _) ? channel.TeamId
            : await store.FindTeamGroupIdAsync(channel.TeamId, cancellationToken).ConfigureAwait(false);
        return groupId is null
            ? FileUploadResult.Failed(
                "The team's Microsoft 365 group is not known yet; it is learned when WorkshopBot is installed in the team.")
            : await files.UploadToChannelAsync(groupId, channel.ConversationId, BriefingDocx.FileName(content, version, published), docx,
                cancellationToken)
                .ConfigureAwait(false);
    }
}
