// An upload's intent, recorded before Graph is asked to store the file, and the pruning of rows that no longer serve.
using Dapper;
using WorkshopBot.Storage;

namespace WorkshopBot.Briefings.Storage;

public sealed partial class BriefingFiles
{
    /// <summary>How long a row of a file deleted from a channel's Files is kept, in view, before it is pruned.</summary>
    public static readonly TimeSpan KeepDeletedFor = TimeSpan.FromDays(30);

    /// <summary>
    /// Records, with the claim of an upload (<paramref name="work"/>), that the bot is about to put this version's Word file
    /// in the channel's Files: a row with no Graph ids and the keyed fingerprint of its name
    /// (<see cref="FileNameFingerprints"/>), held by <paramref name="claim"/> until
    /// <paramref name="until"/>, so no deletion pass looks for the file while the upload may still be making it. Kept like a
    /// file: a withdrawal or purge queues it, and the pass then finds the file by its name, if Graph stored it, and deletes
    /// it. The upload's outcome settles it (<see cref="Settle"/>); an instance that dies before then leaves it for them.
    /// </summary>
    public static void Intend(StoreWork work, BriefingFileUpload file, string nameHash, string claim, DateTimeOffset until,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(file);
        var at = UnixTime.ToMs(now);
        work.Execute("briefing file upload intended", _ =>
        [
            new StoreStatement("""
                INSERT INTO briefing_files (tenant_id, audit_id, version, channel_id, name_hash, status, lease_owner, lease_until,
                    created_at, updated_at)
                VALUES (@Tenant, @Audit, @Version, @Channel, @Hash, 'Kept', @Claim, @Until, @At, @At)
                ON CONFLICT (audit_id, version, channel_id) WHERE drive_id IS NULL DO UPDATE SET name_hash = excluded.name_hash,
                    lease_owner = excluded.lease_owner, lease_until = excluded.lease_until, updated_at = excluded.updated_at,
                    status = CASE WHEN briefing_files.status = 'Deleted' THEN 'Kept' ELSE briefing_files.status END,
                    completed_at = CASE WHEN briefing_files.status = 'Deleted' THEN NULL ELSE briefing_files.completed_at END
                """, null, ("@Tenant", file.TenantId), ("@Audit", file.AuditId.ToString("D")), ("@Version", file.Version),
                ("@Channel", file.ChannelId), ("@Hash", nameHash), ("@Claim", claim), ("@Until", UnixTime.ToMs(until)), ("@At", at)),
        ]);
    }

    /// <summary>
    /// Settles, with the upload's outcome (<paramref name="work"/>), the intent of the upload <paramref name="claim"/> made.
    /// With the file's ids known (<paramref name="located"/>: its own row now stands for it), the intent goes. Otherwise
    /// Graph may still have stored the file (it did not answer in time, say), so the intent stays, released: a withdrawal or
    /// purge then looks for the file, and a later upload that records the ids removes it.
    /// </summary>
    public static void Settle(StoreWork work, BriefingFileUpload file, string? claim, bool located, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(file);
        var where = "audit_id = @Audit AND version = @Version AND channel_id = @Channel AND drive_id IS NULL";
        var sql = located
            ? $"DELETE FROM briefing_files WHERE {where} AND status IN ('Kept', 'Pending')"
            : $"""
                UPDATE briefing_files SET lease_owner = NULL, lease_until = NULL, updated_at = @At
                WHERE {where} AND lease_owner = @Claim
                """;
        work.Execute("briefing file upload intent settled", _ =>
        [
            new StoreStatement(sql, null, ("@Audit", file.AuditId.ToString("D")), ("@Version", file.Version),
                ("@Channel", file.ChannelId), ("@Claim", claim ?? string.Empty), ("@At", UnixTime.ToMs(now))),
        ]);
    }

    /// <summary>
    /// Deletes the rows of files deleted from channels' Files (or of intents found to have left no file) longer than
    /// <see cref="KeepDeletedFor"/> ago: their deletion is logged in the audit log, and nothing is left to do with them.
    /// Kept, queued and failed rows stay. Returns how many went.
    /// </summary>
    public async Task<int> PruneAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM briefing_files WHERE status = 'Deleted' AND completed_at < @before",
            new { before = UnixTime.ToMs(now - KeepDeletedFor) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
