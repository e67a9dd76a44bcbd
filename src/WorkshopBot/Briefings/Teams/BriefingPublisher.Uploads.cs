// The DOCX in each channel's Files: the background upload's steps (claim, upload, finish) and the chair's Retry upload.
using WorkshopBot.Audits.Domain;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Jobs;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Storage;
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
        return await ClaimedAsync(changed, auditId, version, claim, now + lease, cancellationToken).ConfigureAwait(false);
    }

    // The claim stored with this unit of work, with the upload's intent beside it; null when it was refused.
    private async Task<ClaimedUpload?> ClaimedAsync(Changed<BriefingRecord, ChannelPublication> changed, Guid auditId, int version,
        string claim, DateTimeOffset until, CancellationToken cancellationToken)
    {
        if (changed is not { Saved: true, Value: { } record } || record.Version(version) is not { } claimed)
        {
            return null;
        }

        var upload = new ClaimedUpload(auditId, record.TenantId, changed.Result.Value!, claimed.Content, claim,
            PublishedOn(record, version));
        await IntendFileAsync(upload, until, cancellationToken).ConfigureAwait(false);
        return upload;
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
    public Task<FileUploadState?> FinishUploadAsync(ClaimedUpload claimed, FileUploadResult result, DateTimeOffset? retryAt,
        CancellationToken cancellationToken) => FinishUploadAsync(claimed, result, retryAt, false, cancellationToken);

    // As above; a chair's Retry upload (retriedByChair) is logged as theirs (briefing.upload.retried), once, not by the bot.
    private async Task<FileUploadState?> FinishUploadAsync(ClaimedUpload claimed, FileUploadResult result, DateTimeOffset? retryAt,
        bool retriedByChair, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        ArgumentNullException.ThrowIfNull(result);
        var p = claimed.Publication;
        var changed = await store.ChangeAsync(claimed.AuditId, r => r.FinishUpload(p.ChannelId, p.Version, p.Attempt, claimed.Claim,
            result.Succeeded, result.WebUrl, result.Error, retryAt), cancellationToken).ConfigureAwait(false);
        await RecordFileAsync(claimed.AuditId, claimed.TenantId, p, result, changed.Value, changed.Saved, claimed.Claim, cancellationToken)
            .ConfigureAwait(false);
        if (!changed.Saved || changed.Result.Value is not { } finished)
        {
            return null;
        }

        if (finished.Upload == FileUploadState.Pending)
        {
            return finished.Upload;
        }

        if (!retriedByChair)
        {
            await trail.RecordForAsync(AuditSubjects.BotActor, claimed.TenantId ?? p.TenantId, Uploaded, "briefing",
                claimed.AuditId.ToString("D"), new { version = p.Version, channelId = p.ChannelId, succeeded = result.Succeeded,
                    attempt = p.Attempt, tries = finished.UploadTries }, cancellationToken).ConfigureAwait(false);
        }

        // Never for a post replaced or withdrawn meanwhile: the link would bring its text back.
        if (result.Succeeded && result.WebUrl is not null && changed.Value is { } record && record.IsLive(finished))
        {
            await AddLinkAsync(record, finished, cancellationToken).ConfigureAwait(false);
        }

        return finished.Upload;
    }

    /// <summary>
    /// Tries the DOCX upload again for one channel and, once the post is delivered, adds the link to it. Made as the background
    /// upload makes one, each step stored before the next: the claim with the file's intent (<see cref="BriefingRecord.ClaimRetry"/>,
    /// <see cref="BriefingFiles.Intend"/>), the upload, then its outcome, kept as the background upload keeps it. So a withdrawal
    /// committing in the same seconds either comes first (the claim is refused, nothing is uploaded) or finds the upload
    /// claimed: its file is then recorded as one to delete when the upload finishes, or looked for by name were this instance
    /// to die before then. This turn stores only its own audit-log entry.
    /// </summary>
    public async Task<UploadRetryReport> RetryUploadAsync(
        Guid auditId, int version, string channelId, PersonRef by, CancellationToken cancellationToken)
    {
        var record = await store.GetAsync(auditId, cancellationToken).ConfigureAwait(false);
        var publication = record?.FindPublication(channelId, version);
        if (publication is null || record?.Version(version)?.Content is null)
        {
            return new UploadRetryReport(FileUploadResult.Failed("This briefing was not published to that channel."), false, true);
        }

        if (!files.IsEnabled)
        {
            return new UploadRetryReport(FileUploadResult.Failed("Microsoft Graph is not configured."), false, true);
        }

        if (await RetryRefusalAsync(record!, publication, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return new UploadRetryReport(FileUploadResult.Failed(refused), false, true);
        }

        var claim = Guid.NewGuid().ToString("N");
        var lease = BriefingUploads.LeaseFor(graph.Value);
        var claimed = await runner.RunAsync((services, ct) => services.GetRequiredService<BriefingPublisher>()
            .ClaimRetryAsync(auditId, channelId, version, claim, lease, ct), cancellationToken).ConfigureAwait(false);
        if (claimed is null)
        {
            // A withdrawal, a newer post or another retry came first.
            return await RetryOvertakenAsync(auditId, channelId, version, cancellationToken).ConfigureAwait(false);
        }

        var result = await UploadClaimedAsync(claimed, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var kept = await runner.RunAsync((services, ct) => services.GetRequiredService<BriefingPublisher>()
            .FinishUploadAsync(claimed, result, null, true, ct), cancellationToken).ConfigureAwait(false);
        await trail.RecordAsync(by, "briefing.upload.retried", "briefing", auditId,
            new { version, channelId, succeeded = result.Succeeded && kept == FileUploadState.Uploaded }, cancellationToken)
            .ConfigureAwait(false);
        return kept is null
            ? await RetryOvertakenAsync(auditId, channelId, version, cancellationToken).ConfigureAwait(false)
            : new UploadRetryReport(result, kept == FileUploadState.Uploaded, true);
    }

    /// <summary>Claims the chair's Retry upload in this unit of work, with the file's intent; null when it was refused.</summary>
    public async Task<ClaimedUpload?> ClaimRetryAsync(Guid auditId, string channelId, int version, string claim, TimeSpan lease,
        CancellationToken cancellationToken)
    {
        var until = time.GetUtcNow() + lease;
        var changed = await store.ChangeAsync(auditId, r => r.ClaimRetry(channelId, version, claim, until), cancellationToken)
            .ConfigureAwait(false);
        return await ClaimedAsync(changed, auditId, version, claim, until, cancellationToken).ConfigureAwait(false);
    }

    // Why a Retry upload is not made, as read before its claim: the post no longer shows the version, the upload is on its
    // way already, or the post itself never reached the channel.
    private async Task<string?> RetryRefusalAsync(BriefingRecord record, ChannelPublication publication,
        CancellationToken cancellationToken) =>
        !record.IsLive(publication) ? NoLongerPosted // A link added to its card would bring the old text back.
        : publication.Upload == FileUploadState.Pending ? UploadOnItsWay // A second upload here would only race it.
        : await FailedForGoodAsync(publication, cancellationToken).ConfigureAwait(false) ? NotDelivered // Publishing again posts it.
        : null;

    // The retry's claim or outcome was overtaken: what the briefing says now, for the chair.
    private async Task<UploadRetryReport> RetryOvertakenAsync(Guid auditId, string channelId, int version,
        CancellationToken cancellationToken)
    {
        var current = await store.GetAsync(auditId, cancellationToken).ConfigureAwait(false);
        var publication = current?.FindPublication(channelId, version);
        var refused = publication is null ? null : await RetryRefusalAsync(current!, publication, cancellationToken).ConfigureAwait(false);
        return refused is null
            ? new UploadRetryReport(FileUploadResult.Failed(DocumentChanges.ChangedElsewhere), false, false)
            : new UploadRetryReport(FileUploadResult.Failed(refused), false, true);
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
        var groupId = await TeamGroupOfAsync(channel, cancellationToken).ConfigureAwait(false);
        return groupId is null
            ? FileUploadResult.Failed(
                "The team's Microsoft 365 group is not known yet; it is learned when WorkshopBot is installed in the team.")
            : await files.UploadToChannelAsync(groupId, channel.ConversationId, BriefingDocx.FileName(content, version, published), docx,
                cancellationToken)
                .ConfigureAwait(false);
    }
}
