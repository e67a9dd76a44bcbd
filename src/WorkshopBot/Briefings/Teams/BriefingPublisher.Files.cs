// Where the Word files the bot put in channels' Files are kept, so a withdrawn version's (or a purged audit's) can be deleted.
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;

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
        BriefingRecord? record, bool saved, CancellationToken cancellationToken)
    {
        if (!result.Succeeded || result.DriveId is not { Length: > 0 } drive || result.ItemId is not { Length: > 0 } item)
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
        var recorded = (await fileRecords.ListAsync(record.AuditId, cancellationToken).ConfigureAwait(false))
            .Where(f => f.Version <= withdrawal.ThroughVersion && f.Status is BriefingFiles.Kept or BriefingFiles.Pending)
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
}
