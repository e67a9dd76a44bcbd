namespace WorkshopBot.Storage;

/// <summary>One entry of the append-only audit log: who did what to which subject.</summary>
public sealed record AuditEvent(
    long Id,
    DateTimeOffset At,
    string ActorId,
    string? ActorName,
    string Action,
    string SubjectType,
    string SubjectId,
    string? DetailJson);

/// <summary>An entry to append; the log assigns the id.</summary>
public sealed record NewAuditEvent(
    DateTimeOffset At,
    string ActorId,
    string? ActorName,
    string Action,
    string SubjectType,
    string SubjectId,
    string? DetailJson = null);

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
