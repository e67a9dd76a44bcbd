using System.Data.Common;
using System.Runtime.InteropServices;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Insights.Domain;
using WorkshopBot.Storage;

namespace WorkshopBot.Insights.Storage;

/// <summary>
/// The grades of one tenant's submitted returns, read from <c>return_grades</c>: a few small columns per return, kept by
/// triggers on the documents table whatever writes a return (migration 0500), instead of every return's whole document.
/// Only the audits asked for are read, one index range each (tenant, audit), in the order of the returns' ids. Rows are
/// read straight from the data reader, and equal grades share one record: a five-year partnership has over ten thousand.
/// </summary>
internal sealed class ReturnGrades(StorageDatabase database)
{
    public async Task<IReadOnlyDictionary<Guid, List<GradedReturn>>> ListAsync(string tenantId, IReadOnlyCollection<Guid> auditIds,
        CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentNullException.ThrowIfNull(auditIds);
        var byAudit = new Dictionary<Guid, List<GradedReturn>>();
        if (auditIds.Count == 0)
        {
            return byAudit;
        }

        await using var connection = await database.OpenAsync(ct).ConfigureAwait(false);
        await using var command = Command(connection, tenantId, auditIds.Select(AuditStore.Key).ToArray());
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        var shared = new Dictionary<GradedReturn, GradedReturn>();
        string? auditKey = null;
        List<GradedReturn>? grades = null;
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var key = reader.GetString(0);
            if (!string.Equals(key, auditKey, StringComparison.Ordinal))
            {
                auditKey = key;
                grades = Guid.TryParse(key, out var auditId)
                    ? CollectionsMarshal.GetValueRefOrAddDefault(byAudit, auditId, out _) ??= []
                    : null;
            }

            var grade = new GradedReturn(Text(reader, 1), Text(reader, 2), Number(reader, 3), Number(reader, 4));
            grades?.Add(CollectionsMarshal.GetValueRefOrAddDefault(shared, grade, out _) ??= grade);
        }

        return byAudit;
    }

    // Dapper would spread a list into IN (...) on SQLite and pass an array on PostgreSQL; the reader is read by hand here.
    private DbCommand Command(DbConnection connection, string tenantId, string[] audits)
    {
        var command = connection.CreateCommand();
        Add(command, "tenantKey", SqlDocumentStore.TenantKey(tenantId));
        string inAudits;
        if (database.Provider == StorageProvider.Postgres)
        {
            Add(command, "audits", audits);
            inAudits = "audit_id = ANY(@audits)";
        }
        else
        {
            for (var i = 0; i < audits.Length; i++)
            {
                Add(command, "a" + i, audits[i]);
            }

            inAudits = $"audit_id IN ({string.Join(", ", audits.Select((_, i) => "@a" + i))})";
        }

        command.CommandText = $"""
            SELECT audit_id, agency_name, grade_label, grade_rank, scale_levels
            FROM return_grades
            WHERE tenant_key = @tenantKey AND {inAudits} AND grade_label IS NOT NULL
            ORDER BY audit_id, return_id
            """;
        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static string Text(DbDataReader reader, int column) => reader.IsDBNull(column) ? string.Empty : reader.GetString(column);

    private static int Number(DbDataReader reader, int column) => reader.IsDBNull(column) ? 0 : Convert.ToInt32(reader.GetValue(column),
        System.Globalization.CultureInfo.InvariantCulture);
}
