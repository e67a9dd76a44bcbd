// Where the Word files the bot put in channels' Files are kept, so a withdrawn version's (or a purged audit's) can be deleted.
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Storage;

namespace WorkshopBot.Briefings.Teams;

public sealed partial class BriefingPublisher
{
    /// <summary>
    /// Records, in this unit of work, the file a successful upload put in the channel's Files (<see cref="BriefingFiles.Record"/>;
    /// nothing when Graph gave no ids): kept while <paramref name="record"/> (read in this unit of work; null when the briefing
    /// is no longer stored) still shows its version in that channel, else queued for deletion at once, since its upload
    /// finished after a withdrawal, a newer post or a purge that could not know of it. A kept file's briefing is written back
    /// when <paramref name="saved"/> says this work has not changed it already: a withdrawal or purge that read it before then
    /// conflicts, and runs again finding the file recorded.
    /// </summary>
    private async Task RecordFileAsync(Guid auditId, string? tenantId, ChannelPublication publication, FileUploadResult result,
        BriefingRecord? record, bool saved, string claim, CancellationToken cancellationToken)
    {
        var located = result.Succeeded && result.DriveId is { Length: > 0 } && result.ItemId is { Length: > 0 };
        BriefingFiles.Settle(work.Store, new BriefingFileUpload(tenantId ?? publication.TenantId, auditId, publication.Version,
            publication.ChannelId, result.DriveId, result.ItemId), claim, located, time.GetUtcNow());
        if (!located || result.DriveId is not { } drive || result.ItemId is not { } item)
        {
            return;
        }

        var current = record?.FindPublication(publication.ChannelId, publication.Version);
        var keep = current is not null && record!.Version(publication.Version) is not null && record.IsLive(current);
        if (keep && !saved)
        {
            await store.MarkChangedAsync(auditId, cancellationToken).ConfigureAwait(false);
        }

        BriefingFiles.Record(work.Store, new BriefingFileUpload(tenantId ?? publication.TenantId, auditId, publication.Version,
            publication.ChannelId, drive, item), keep, time.GetUtcNow());
        if (!keep)
        {
            work.OnCommitted(deletions.Notify);
        }
    }

    /// <summary>
    /// Queues, in this unit of work, the deletion of every recorded Word file of the versions <paramref name="withdrawal"/>
    /// covers, and counts, among the channels where such a version's file was uploaded, those whose file is recorded (being
    /// deleted) and those whose file is not (uploaded before the bot recorded where it keeps them: left for the chair).
    /// </summary>
    private async Task<(int Deleting, int Left)> QueueWithdrawnFilesAsync(BriefingRecord record, BriefingWithdrawal withdrawal,
        CancellationToken cancellationToken)
    {
        // An upload's intent (its file's ids never recorded) is queued too, and looked for by name; it is not counted.
        var recorded = (await fileRecords.ListAsync(record.AuditId, cancellationToken).ConfigureAwait(false))
            .Where(f => f.Located && f.Version <= withdrawal.ThroughVersion && f.Status is BriefingFiles.Kept or BriefingFiles.Pending)
            .ToList();
        BriefingFiles.QueueWithdrawn(work.Store, record.AuditId, withdrawal.ThroughVersion, time.GetUtcNow());
        work.OnCommitted(deletions.Notify);
        var uploaded = record.Publications
            .Where(p => p.Upload == FileUploadState.Uploaded && record.WithdrawalOf(p.Version) == withdrawal).ToList();
        var deleting = recorded.Select(f => f.ChannelId).Distinct(StringComparer.Ordinal).Count();
        var left = uploaded.Where(p => !recorded.Any(f => f.Version == p.Version && f.ChannelId == p.ChannelId))
            .Select(p => p.ChannelId).Distinct(StringComparer.Ordinal).Count();
        return (deleting, left);
    }

    /// <summary>
    /// Records, in this unit of work, that the upload <paramref name="claimed"/> is about to be made: its intent, with the keyed
    /// fingerprint of the file's name, held until the claim's end (<see cref="BriefingFiles.Intend"/>).
    /// </summary>
    private async Task IntendFileAsync(ClaimedUpload claimed, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var p = claimed.Publication;
        var fingerprint = await names.FunctionAsync(cancellationToken).ConfigureAwait(false);
        var name = BriefingDocx.FileName(claimed.Content, p.Version, claimed.Published);
        BriefingFiles.Intend(work.Store, new BriefingFileUpload(claimed.TenantId ?? p.TenantId, claimed.AuditId, p.Version, p.ChannelId,
            null, null), fingerprint(name), claimed.Claim, until, time.GetUtcNow());
    }

    /// <summary>
    /// The Microsoft 365 group of the team whose channel this is (Graph's team id), as Teams told the bot when it was installed
    /// there; null when the bot does not know the channel or its team's group.
    /// </summary>
    public async Task<string?> TeamGroupOfAsync(string channelId, CancellationToken cancellationToken) =>
        await conversations.GetAsync(channelId, cancellationToken).ConfigureAwait(false) is { } channel
            ? await TeamGroupOfAsync(channel, cancellationToken).ConfigureAwait(false)
            : null;

    private async Task<string?> TeamGroupOfAsync(ConversationRecord channel, CancellationToken cancellationToken) =>
        channel.TeamId is null ? null
            : Guid.TryParse(channel.TeamId, out _) ? channel.TeamId
            : await store.FindTeamGroupIdAsync(channel.TeamId, cancellationToken).ConfigureAwait(false);
}
