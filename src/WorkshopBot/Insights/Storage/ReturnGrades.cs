using Dapper;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Insights.Domain;
using WorkshopBot.Storage;

namespace WorkshopBot.Insights.Storage;

/// <summary>
/// The grades of one tenant's submitted returns, read from <c>return_grades</c>: a few small columns per return, kept by
/// triggers on the documents table whatever writes a return (migration 0500), instead of every return's whole document.
/// Only the audits asked for are read, by index (tenant, audit).
/// </summary>
internal sealed class ReturnGrades(StorageDatabase database)
{
    public async Task<ILookup<Guid, GradedReturn>> ListAsync(string tenantId, IReadOnlyCollection<Guid> auditIds, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentNullException.ThrowIfNull(auditIds);
        if (auditIds.Count == 0)
        {
            return Array.Empty<Row>().ToLookup(r => Guid.Empty, r => r.ToGrade());
        }

        // Dapper spreads a list into IN (...) on SQLite and passes an array on PostgreSQL.
        var inAudits = database.Provider == StorageProvider.Postgres ? "audit_id = ANY(@audits)" : "audit_id IN @audits";
        await using var connection = await database.OpenAsync(ct).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"""
            SELECT audit_id AS AuditId, agency_name AS AgencyName, grade_label AS GradeLabel, grade_rank AS GradeRank,
                   scale_levels AS ScaleLevels
            FROM return_grades
            WHERE tenant_key = @tenantKey AND {inAudits} AND grade_label IS NOT NULL
            ORDER BY return_id
            """, new { tenantKey = SqlDocumentStore.TenantKey(tenantId), audits = auditIds.Select(AuditStore.Key).ToArray() },
            cancellationToken: ct)).ConfigureAwait(false);
        return rows.Where(r => Guid.TryParse(r.AuditId, out _)).ToLookup(r => Guid.Parse(r.AuditId!), r => r.ToGrade());
    }

    private sealed class Row
    {
        public string? AuditId { get; set; }

        public string? AgencyName { get; set; }

        public string? GradeLabel { get; set; }

        public long? GradeRank { get; set; }

        public long? ScaleLevels { get; set; }

        public GradedReturn ToGrade() =>
            new(AgencyName ?? string.Empty, GradeLabel ?? string.Empty, (int)(GradeRank ?? 0), (int)(ScaleLevels ?? 0));
    }
}
