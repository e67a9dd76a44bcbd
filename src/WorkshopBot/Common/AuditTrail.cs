using System.Text.Json;
using WorkshopBot.Common.Secrets;
using WorkshopBot.Storage;

namespace WorkshopBot.Common;

/// <summary>
/// The one way every feature writes to the append-only audit log: who, when, what, about which subject. Entries join the
/// turn's <see cref="UnitOfWork"/>, so an entry is stored exactly when the change it records is. The detail is
/// serialised the same way for every feature; it names ids, kinds and hashes (<see cref="Fingerprint"/>), never the
/// free text people typed, so erasing content never needs the append-only log changed. Each entry carries the tenant
/// of its organisation: the acting person's, or for an entry that names nobody or is made by the bot itself, the tenant
/// of its subject, which the caller passes (null only where there is none: development).
/// </summary>
public sealed class AuditTrail(UnitOfWork work, LogFingerprints fingerprints, TimeProvider time)
{
    /// <summary>The actor recorded for entries that must not name anyone (ideas on an anonymous board).</summary>
    public const string AnonymousActor = "anonymous";

    public Task RecordAsync(PersonRef who, string action, string subjectType, Guid subjectId, object? detail, CancellationToken ct) =>
        RecordAsync(who, action, subjectType, subjectId.ToString("D"), detail, ct);

    public Task RecordAsync(PersonRef who, string action, string subjectType, string subjectId, object? detail, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(who);
        return AppendAsync(who.UserId, who.DisplayName, who.TenantId, action, subjectType, subjectId, detail, ct);
    }

    /// <summary>
    /// An entry that names nobody, so the log cannot be used to find who wrote what; its tenant is the subject's (the
    /// workshop's), never the writer's own.
    /// </summary>
    public Task RecordAnonymousAsync(string? tenantId, string action, string subjectType, string subjectId, object? detail,
        CancellationToken ct) =>
        AppendAsync(AnonymousActor, null, tenantId, action, subjectType, subjectId, detail, ct);

    /// <summary>
    /// An entry made by the bot itself (a job, a download link used outside Teams), in the tenant of its subject (the
    /// audit's, the workshop's, the link's).
    /// </summary>
    public Task RecordForAsync(string actorId, string? tenantId, string action, string subjectType, string subjectId, object? detail,
        CancellationToken ct) =>
        AppendAsync(actorId, null, tenantId, action, subjectType, subjectId, detail, ct);

    /// <summary>
    /// What the log keeps of free text: a keyed fingerprint and its length to the nearest ten (see
    /// <see cref="LogFingerprints"/>), enough to tell that two entries concern the same words without keeping them or
    /// letting anyone who reads the log work them out.
    /// </summary>
    public static LoggedText? Fingerprint(string? text) => string.IsNullOrEmpty(text) ? null : new LoggedText(text);

    private async Task AppendAsync(string actorId, string? actorName, string? tenantId, string action, string subjectType,
        string subjectId, object? detail, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var json = detail is null
            ? null
            : JsonSerializer.Serialize(detail, await fingerprints.OptionsAsync(ct).ConfigureAwait(false));
        work.Store.Append(new NewAuditEvent(time.GetUtcNow(), actorId, actorName, action, subjectType, subjectId, json, tenantId));
    }
}
