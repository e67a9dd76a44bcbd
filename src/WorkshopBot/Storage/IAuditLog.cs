namespace WorkshopBot.Storage;

/// <summary>
/// One entry of the append-only audit log: who did what to which subject, in which organisation (the tenant; null for
/// entries stored before it was kept, and in development).
/// </summary>
public sealed record AuditEvent(
    long Id,
    DateTimeOffset At,
    string ActorId,
    string? ActorName,
    string Action,
    string SubjectType,
    string SubjectId,
    string? DetailJson,
    string? TenantId = null);

/// <summary>An entry to append; the log assigns the id. The tenant is the organisation the entry belongs to.</summary>
public sealed record NewAuditEvent(
    DateTimeOffset At,
    string ActorId,
    string? ActorName,
    string Action,
    string SubjectType,
    string SubjectId,
    string? DetailJson = null,
    string? TenantId = null);

/// <summary>
/// Append-only record of who did what. The database refuses UPDATE and DELETE on the table (triggers), so entries
/// cannot be rewritten even by code that bypasses this interface.
/// </summary>
public interface IAuditLog
{
    Task<AuditEvent> AppendAsync(NewAuditEvent entry, CancellationToken cancellationToken = default);

    /// <summary>Entries about one subject, oldest first.</summary>
    Task<IReadOnlyList<AuditEvent>> ListAsync(string subjectType, string subjectId,
        CancellationToken cancellationToken = default);

    /// <summary>The latest entries, newest first.</summary>
    Task<IReadOnlyList<AuditEvent>> ListRecentAsync(int max, CancellationToken cancellationToken = default);
}
