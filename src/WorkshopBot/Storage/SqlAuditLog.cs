using Dapper;

namespace WorkshopBot.Storage;

internal sealed class SqlAuditLog(StorageDatabase database) : IAuditLog
{
    private const string Columns = """
        id AS Id, at AS At, actor_id AS ActorId, actor_name AS ActorName, action AS Action,
        subject_type AS SubjectType, subject_id AS SubjectId, detail_json AS DetailJson,
        tenant_id AS TenantId
        """;

    public async Task<AuditEvent> AppendAsync(NewAuditEvent entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrEmpty(entry.ActorId, nameof(entry.ActorId));
        ArgumentException.ThrowIfNullOrEmpty(entry.Action, nameof(entry.Action));
        ArgumentException.ThrowIfNullOrEmpty(entry.SubjectType, nameof(entry.SubjectType));
        ArgumentException.ThrowIfNullOrEmpty(entry.SubjectId, nameof(entry.SubjectId));
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleAsync<Row>(new CommandDefinition($"""
            INSERT INTO audit_events (at, actor_id, actor_name, action, subject_type, subject_id, detail_json, tenant_id)
            VALUES (@At, @ActorId, @ActorName, @Action, @SubjectType, @SubjectId, @DetailJson, @TenantId)
            RETURNING {Columns}
            """,
            new
            {
                At = UnixTime.ToMs(entry.At),
                entry.ActorId,
                entry.ActorName,
                entry.Action,
                entry.SubjectType,
                entry.SubjectId,
                entry.DetailJson,
                entry.TenantId,
            }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row.ToEvent();
    }

    public async Task<IReadOnlyList<AuditEvent>> ListAsync(string subjectType, string subjectId,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM audit_events WHERE subject_type = @subjectType AND subject_id = @subjectId ORDER BY id",
            new { subjectType, subjectId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToEvent()).ToList();
    }

    public async Task<IReadOnlyList<AuditEvent>> ListRecentAsync(int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM audit_events ORDER BY id DESC LIMIT @max",
            new { max }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToEvent()).ToList();
    }

    private sealed class Row
    {
        public long Id { get; set; }
        public long At { get; set; }
        public string ActorId { get; set; } = "";
        public string? ActorName { get; set; }
        public string Action { get; set; } = "";
        public string SubjectType { get; set; } = "";
        public string SubjectId { get; set; } = "";
        public string? DetailJson { get; set; }
        public string? TenantId { get; set; }

        public AuditEvent ToEvent() =>
            new(Id, UnixTime.FromMs(At), ActorId, ActorName, Action, SubjectType, SubjectId, DetailJson, TenantId);
    }
}
