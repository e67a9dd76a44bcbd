using System.Data.Common;
using System.Text.Json;
using Dapper;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Storage;

namespace WorkshopBot.Audits.Jobs;

/// <summary>
/// A retention deletion's entry in the audit log, written in the deletion's own transaction so that the entry and what it
/// records commit together: the bot as actor, the audit as subject, the tenant of what was purged (null when it had none),
/// counts only as detail (never what was deleted).
/// </summary>
internal static class DeletionLog
{
    private static readonly JsonSerializerOptions DetailJson = new(JsonSerializerDefaults.Web);

    public static Task<int> WriteAsync<TRecord>(DbConnection connection, DbTransaction transaction, string action, string auditKey,
        string? tenantId, TRecord record, DateTimeOffset now, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO audit_events (at, actor_id, actor_name, action, subject_type, subject_id, detail_json, tenant_id)
            VALUES (@at, @actor, NULL, @action, @subjectType, @key, @detail, @tenantId)
            """, new
        {
            at = UnixTime.ToMs(now), actor = AuditSubjects.BotActor, action, subjectType = AuditSubjects.Audit, key = auditKey,
            detail = JsonSerializer.Serialize(record, DetailJson), tenantId,
        }, transaction, cancellationToken: ct));
}
