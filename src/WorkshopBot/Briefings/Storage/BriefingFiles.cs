using System.Data.Common;
using Dapper;
using WorkshopBot.Storage;

namespace WorkshopBot.Briefings.Storage;

/// <summary>
/// One Word file of a briefing in a channel's Files, as the store keeps it (<c>briefing_files</c>): where Graph keeps it, and
/// whether it stays there or is to be deleted. Ids only: never its name or its text. <see cref="GroupId"/> is set on an
/// upload's intent only when its organisation is erased (<c>erase-tenant</c>), which takes away the channel's record the
/// deletion would otherwise find the team's group through.
/// </summary>
public sealed record BriefingFile(
    long Id, string TenantId, Guid AuditId, int Version, string ChannelId, string? DriveId, string? ItemId, string Status,
    string? Reason, int Attempts, DateTimeOffset? NextAttemptAt, string? LastError, DateTimeOffset? ReportedAt, string? NameHash = null,
    string? GroupId = null)
{
    /// <summary>
    /// False for an upload's intent (<see cref="BriefingFiles.Intend"/>): Graph's ids are not known, and the file, if Graph
    /// stored it, is found in the channel's folder by <see cref="NameHash"/>.
    /// </summary>
    public bool Located => DriveId is { Length: > 0 } && ItemId is { Length: > 0 };
}

/// <summary>
/// The Word files the bot put in channels' Files, and their deletion. An upload's file is recorded with its outcome
/// (<see cref="Record"/>): <see cref="Kept"/> while its post shows its version, else <see cref="Pending"/> at once. A
/// withdrawal (<see cref="QueueWithdrawn"/>) or a purge (<see cref="QueuePurgedAsync"/>) turns the kept files of the versions it
/// takes away into <see cref="Pending"/> in its own transaction, so a crash after its commit still deletes them. The background
/// deletion (<c>BriefingFileDeletions</c>) claims one under a lease (<see cref="ClaimAsync"/>), asks Graph outside any
/// transaction, and keeps the outcome only while its claim stands.
/// </summary>
public sealed partial class BriefingFiles
{
    private readonly StorageDatabase _database;

    internal BriefingFiles(StorageDatabase database) => _database = database;

    public const string Kept = "Kept";
    public const string Pending = "Pending";
    public const string Deleted = "Deleted";
    public const string Failed = "Failed";

    /// <summary>Why a file is deleted: its version was withdrawn.</summary>
    public const string Withdrawn = "withdrawn";

    /// <summary>Why a file is deleted: its audit was purged under the retention policy.</summary>
    public const string Purged = "purged";

    /// <summary>Why a file is deleted: its upload finished after its post stopped showing its version.</summary>
    public const string NoLongerPosted = "no-longer-posted";

    private const string Columns = """
        id AS Id, tenant_id AS TenantId, audit_id AS AuditId, version AS Version, channel_id AS ChannelId, drive_id AS DriveId,
        item_id AS ItemId, status AS Status, reason AS Reason, attempts AS Attempts, next_attempt_at AS NextAttemptAt,
        last_error AS LastError, reported_at AS ReportedAt, name_hash AS NameHash, group_id AS GroupId
        """;

    /// <summary>
    /// Records, with the rest of <paramref name="work"/>, an uploaded file: kept, or (<paramref name="keep"/> false) to be
    /// deleted at once. The same file recorded again changes nothing, but a kept one recorded as to be deleted is queued.
    /// </summary>
    public static void Record(StoreWork work, BriefingFileUpload file, bool keep, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(file);
        var at = UnixTime.ToMs(now);
        work.Execute("briefing file recorded", _ =>
        [
            new StoreStatement("""
                INSERT INTO briefing_files (tenant_id, audit_id, version, channel_id, drive_id, item_id, status, reason,
                    next_attempt_at, created_at, updated_at)
                VALUES (@Tenant, @Audit, @Version, @Channel, @Drive, @Item, @Status, @Reason, @Due, @At, @At)
                ON CONFLICT (drive_id, item_id) DO UPDATE SET status = 'Pending', reason = excluded.reason,
                    next_attempt_at = excluded.next_attempt_at, updated_at = excluded.updated_at
                WHERE briefing_files.status = 'Kept' AND excluded.status = 'Pending'
                """, null, ("@Tenant", file.TenantId), ("@Audit", file.AuditId.ToString("D")), ("@Version", file.Version),
                ("@Channel", file.ChannelId), ("@Drive", file.DriveId), ("@Item", file.ItemId), ("@Status", keep ? Kept : Pending),
                ("@Reason", keep ? null : NoLongerPosted), ("@Due", keep ? null : at), ("@At", at)),
        ]);
    }

    /// <summary>Queues, with <paramref name="work"/>, the deletion of the kept files of versions to <paramref name="through"/>.</summary>
    public static void QueueWithdrawn(StoreWork work, Guid auditId, int through, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(work);
        var at = UnixTime.ToMs(now);
        work.Execute("briefing files of withdrawn versions queued for deletion", _ =>
        [
            new StoreStatement($"""
                UPDATE briefing_files SET status = 'Pending', reason = '{Withdrawn}', next_attempt_at = @At, updated_at = @At
                WHERE audit_id = @Audit AND version <= @Through AND status = 'Kept'
                """, null, ("@Audit", auditId.ToString("D")), ("@Through", through), ("@At", at)),
        ]);
    }

    /// <summary>
    /// Queues, inside the purge's transaction, the deletion of the kept files of every version but <paramref name="keptVersions"/>
    /// (those the partnership keeps past retention, whose posts stay). Returns how many were queued.
    /// </summary>
    public static Task<int> QueuePurgedAsync(DbConnection connection, DbTransaction transaction, Guid auditId,
        IReadOnlyCollection<int> keptVersions, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(keptVersions);
        var except = keptVersions.Count == 0 ? string.Empty : $" AND version NOT IN ({string.Join(", ", keptVersions.Select(v => v.ToString(
            System.Globalization.CultureInfo.InvariantCulture)))})";
        return connection.ExecuteAsync(new CommandDefinition($"""
            UPDATE briefing_files SET status = 'Pending', reason = '{Purged}', next_attempt_at = @at, updated_at = @at
            WHERE audit_id = @audit AND status = 'Kept'{except}
            """, new { audit = auditId.ToString("D"), at = UnixTime.ToMs(now) }, transaction, cancellationToken: cancellationToken));
    }

    /// <summary>The files to delete now: queued, due, and held by no live claim; oldest first.</summary>
    public async Task<IReadOnlyList<BriefingFile>> ListDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"""
            SELECT {Columns} FROM briefing_files
            WHERE status = 'Pending' AND next_attempt_at <= @now AND (lease_until IS NULL OR lease_until <= @now)
            ORDER BY next_attempt_at, id
            LIMIT @max
            """, new { now = UnixTime.ToMs(now), max }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToFile()).ToList();
    }

    /// <summary>Every file recorded for the audit, whatever its state (for the chair's and the admins' view, and tests).</summary>
    public async Task<IReadOnlyList<BriefingFile>> ListAsync(Guid auditId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM briefing_files WHERE audit_id = @audit ORDER BY id", new { audit = auditId.ToString("D") },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToFile()).ToList();
    }

    /// <summary>
    /// Claims a queued deletion for <paramref name="owner"/> until <paramref name="until"/>, counting the try; false when it is
    /// no longer queued, not yet due, or another pass holds it. One statement: two passes never both claim it.
    /// </summary>
    public async Task<bool> ClaimAsync(long id, string owner, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE briefing_files SET lease_owner = @owner, lease_until = @until, attempts = attempts + 1, updated_at = @now
            WHERE id = @id AND status = 'Pending' AND next_attempt_at <= @now AND (lease_until IS NULL OR lease_until <= @now)
            """, new { id, owner, now = UnixTime.ToMs(now), until = UnixTime.ToMs(until) }, cancellationToken: cancellationToken))
            .ConfigureAwait(false) == 1;
    }

    /// <summary>
    /// Keeps the outcome of <paramref name="owner"/>'s try while its claim stands: deleted, or queued again until
    /// <paramref name="retryAt"/>. False when the claim had run out and another pass took the file over.
    /// </summary>
    public async Task<bool> FinishAsync(long id, string owner, DateTimeOffset? retryAt, string? error, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var set = retryAt is null
            ? "status = 'Deleted', completed_at = @now, next_attempt_at = NULL"
            : "next_attempt_at = @retryAt";
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition($"""
            UPDATE briefing_files SET {set}, last_error = @error, lease_owner = NULL, lease_until = NULL, updated_at = @now
            WHERE id = @id AND lease_owner = @owner AND status = 'Pending'
            """, new { id, owner, retryAt = UnixTime.ToMs(retryAt) ?? 0, error, now = UnixTime.ToMs(now) },
            cancellationToken: cancellationToken)).ConfigureAwait(false) == 1;
    }

    /// <summary>
    /// Records, with the rest of <paramref name="work"/> (its audit-log entry), that the file is deleted. The work conflicts,
    /// storing nothing, when the claim is no longer the pass's.
    /// </summary>
    public static void Done(StoreWork work, long id, string owner, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(work);
        work.Execute("briefing file deleted", _ =>
        [
            new StoreStatement("""
                UPDATE briefing_files SET status = 'Deleted', last_error = NULL, lease_owner = NULL, lease_until = NULL,
                    next_attempt_at = NULL, updated_at = @At, completed_at = @At
                WHERE id = @Id AND lease_owner = @Owner AND status = 'Pending'
                """, 1, ("@Id", id), ("@Owner", owner), ("@At", UnixTime.ToMs(now))),
        ]);
    }

    /// <summary>
    /// Records, with the rest of <paramref name="work"/> (the admins' card saying so), that Graph refused the deletion for good:
    /// the file stays Failed, with why, in view. The work conflicts, storing nothing, when the claim is no longer the pass's.
    /// </summary>
    public static void Fail(StoreWork work, long id, string owner, string error, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(work);
        var at = UnixTime.ToMs(now);
        work.Execute("briefing file deletion failed for good", _ =>
        [
            new StoreStatement("""
                UPDATE briefing_files SET status = 'Failed', last_error = @Error, lease_owner = NULL, lease_until = NULL,
                    next_attempt_at = NULL, updated_at = @At, completed_at = @At, reported_at = @At
                WHERE id = @Id AND lease_owner = @Owner AND status = 'Pending'
                """, 1, ("@Id", id), ("@Owner", owner), ("@Error", error), ("@At", at)),
        ]);
    }

    private sealed class Row
    {
        public long Id { get; set; }
        public string TenantId { get; set; } = "";
        public string AuditId { get; set; } = "";
        public long Version { get; set; }
        public string ChannelId { get; set; } = "";
        public string? DriveId { get; set; }
        public string? ItemId { get; set; }
        public string Status { get; set; } = "";
        public string? Reason { get; set; }
        public long Attempts { get; set; }
        public long? NextAttemptAt { get; set; }
        public string? LastError { get; set; }
        public long? ReportedAt { get; set; }
        public string? NameHash { get; set; }
        public string? GroupId { get; set; }

        public BriefingFile ToFile() => new(Id, TenantId, Guid.Parse(AuditId), (int)Version, ChannelId, DriveId, ItemId, Status, Reason,
            (int)Attempts, NextAttemptAt is { } n ? UnixTime.FromMs(n) : null, LastError, ReportedAt is { } r ? UnixTime.FromMs(r) : null,
            NameHash, GroupId);
    }
}

/// <summary>An uploaded Word file as <see cref="BriefingFiles.Record"/> keeps it: whose, which version, where, and Graph's ids.</summary>
public sealed record BriefingFileUpload(string TenantId, Guid AuditId, int Version, string ChannelId, string? DriveId, string? ItemId);
