using WorkshopBot.Audits.Domain;
using WorkshopBot.Common;
using WorkshopBot.Common.Storage;
using WorkshopBot.Storage;

namespace WorkshopBot.Audits.Storage;

/// <summary>
/// Audits, returns, alerts and their Teams context as documents, with optimistic versions. Every load-change-save goes
/// through <see cref="DocumentChanges"/> (one queue per document on this instance, retries from a fresh read, one
/// answer when others keep changing it).
/// </summary>
public sealed class AuditStore(DocumentChanges changes)
{
    public const string Audits = "audits";
    public const string Returns = "audit-returns";
    public const string Escalations = "audit-escalations";
    public const string Channels = "audit-channels";

    private readonly DocumentChanges _changes = changes;

    /// <summary>Audits, looked up by chair and by status.</summary>
    public static DocumentKind<Audit> AuditKind { get; } =
        new(Audits, a => Key(a.Id), a => a.Chair.UserId, a => a.Status.ToString(), a => a.TenantId, a => a.Id);

    /// <summary>Returns, looked up by audit and by agency.</summary>
    public static DocumentKind<AuditReturn> ReturnKind { get; } =
        new(Returns, r => Key(r.Id), r => Key(r.AuditId), r => r.AgencyId, r => r.TenantId, r => r.AuditId);

    /// <summary>
    /// Immediate-safety alerts, looked up by audit and by state: open; acknowledged with its delivery to the others it went
    /// to still being checked (<see cref="SafetyEscalation.DeliveryWatched"/>); or acknowledged.
    /// </summary>
    public static DocumentKind<SafetyEscalation> EscalationKind { get; } =
        new(Escalations, e => Key(e.Id), e => Key(e.AuditId),
            e => !e.IsAcknowledged ? "open" : e.DeliveryWatched ? "watched" : "acknowledged", e => e.TenantId, e => e.AuditId);

    public static DocumentKind<AuditChannel> ChannelKind { get; } = new(Channels, c => Key(c.AuditId), Tenant: c => c.TenantId);

    public Task<VersionedDocument<Audit>?> GetAuditAsync(Guid id, CancellationToken ct) =>
        _changes.GetVersionedAsync(AuditKind, Key(id), ct);

    /// <summary>
    /// Makes the unit of work's commit depend on an audit it only read (its status, say): changed by someone before the
    /// commit, and the work runs again from fresh reads (see <see cref="DocumentChanges.RequireUnchanged{T}"/>).
    /// </summary>
    public void RequireUnchanged(VersionedDocument<Audit> read) => _changes.RequireUnchanged(AuditKind, read);

    /// <summary>Makes the unit of work's commit depend on a channel record it only read (see the overload for an audit).</summary>
    public void RequireUnchanged(VersionedDocument<AuditChannel> read) => _changes.RequireUnchanged(ChannelKind, read);

    /// <summary>
    /// The audit, read with the unit of work's commit made to depend on it (<see cref="RequireUnchanged"/>), once the work
    /// holds the audit's gate (<see cref="DocumentChanges.HoldAsync{T}"/>): a change to the audit under way on this instance
    /// (a chair handover, a close) commits first and is what the check reads, and changes arriving meanwhile wait for this
    /// work's commit. Read before the gate, as before, a check (the chair's, say) was made on a version that a change
    /// already queued ahead of it was about to replace, and its turn ran again. The audit's gate is entered first or not at
    /// all (the order in <see cref="DocumentGates"/>): when the work already holds another document's gate, this is
    /// <see cref="RequireAuditAsync"/>, so hold the audit before the plan, briefing or return the turn goes on to change.
    /// </summary>
    public Task<VersionedDocument<Audit>?> HoldAuditAsync(Guid id, CancellationToken ct) =>
        _changes.HoldFirstAsync(AuditKind, Key(id), ct);

    /// <summary>
    /// The audit, read with the unit of work's commit made to depend on it (<see cref="RequireUnchanged"/>), without its gate:
    /// for a turn that queues on another document (a workshop's change checks its audit is not closed). Entering the
    /// audit's gate there as well would let a turn holding the workshop wait for one holding the audit, and the reverse,
    /// until both waits ran out (three seconds) and went ahead unqueued: under a crowd, a chair's press then lost to the
    /// version check five times and was refused.
    /// </summary>
    public async Task<VersionedDocument<Audit>?> RequireAuditAsync(Guid id, CancellationToken ct)
    {
        var read = await GetAuditAsync(id, ct).ConfigureAwait(false);
        if (read is not null)
        {
            RequireUnchanged(read);
        }

        return read;
    }

    public async Task<IReadOnlyList<VersionedDocument<Audit>>> ListAuditsAsync(CancellationToken ct) =>
        Versioned(await _changes.ListAsync(AuditKind, null, null, ct).ConfigureAwait(false), a => Key(a.Id));

    /// <summary>The audits of one organisation, any status, read by the tenant index (one read).</summary>
    public Task<IReadOnlyList<Audit>> ListAuditsOfTenantAsync(string? tenantId, CancellationToken ct) =>
        _changes.ListForTenantAsync(AuditKind, tenantId ?? string.Empty, ct);

    public Task<bool> InsertAuditAsync(Audit audit, CancellationToken ct) => _changes.InsertAsync(AuditKind, audit, ct);

    /// <summary>The audits <paramref name="chair"/> chairs in their own tenant (by the chair key), any status.</summary>
    public Task<IReadOnlyList<Audit>> ListChairedByAsync(PersonRef chair, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(chair);
        return _changes.ListAsync(AuditKind, chair.UserId, null, chair.TenantId, ct);
    }

    /// <summary>
    /// Loads an audit, lets the domain change it and saves it (see <see cref="DocumentChanges"/>). The audit's gate is
    /// entered first or not at all (<see cref="DocumentGates"/>): a turn already holding another document's gate (a
    /// workshop's first poll moving its audit on) changes it on a read made without the gate, its commit checking the
    /// version read.
    /// </summary>
    public Task<Changed<Audit, T>> ChangeAuditAsync<T>(Guid id, Func<Audit, DomainResult<T>> change, CancellationToken ct) =>
        _changes.ChangeFirstAsync(AuditKind, Key(id), change, ct);

    public Task<Changed<Audit, bool>> ChangeAuditAsync(Guid id, Func<Audit, DomainResult> change, CancellationToken ct) =>
        _changes.ChangeFirstAsync(AuditKind, Key(id), change, ct);

    public Task<VersionedDocument<AuditReturn>?> GetReturnAsync(Guid id, CancellationToken ct) =>
        _changes.GetVersionedAsync(ReturnKind, Key(id), ct);

    public async Task<IReadOnlyList<VersionedDocument<AuditReturn>>> ListReturnsAsync(Guid auditId, CancellationToken ct) =>
        Versioned(await _changes.ListAsync(ReturnKind, Key(auditId), null, ct).ConfigureAwait(false), r => Key(r.Id));

    /// <summary>The returns of an audit that have been submitted (and so may be reopened).</summary>
    public async Task<IReadOnlyList<AuditReturn>> ListSubmittedReturnsAsync(Guid auditId, CancellationToken ct) =>
        (await ListReturnsAsync(auditId, ct).ConfigureAwait(false)).Select(r => r.Value).Where(r => r.IsReadOnly).ToList();

    /// <summary>Every return the person represents an agency for, in their own organisation's audits that have been issued.</summary>
    public async Task<IReadOnlyList<(Audit Audit, AuditReturn Return)>> ListReturnsRepresentedByAsync(PersonRef person,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(person);
        var mine = new List<(Audit, AuditReturn)>();
        foreach (var audit in await ListRepresentedByAsync(person, ct).ConfigureAwait(false))
        {
            var agencies = audit.Agencies.Where(a => a.Representative?.IsSamePerson(person) == true)
                .Select(a => a.Id)
                .ToHashSet(StringComparer.Ordinal);
            if (agencies.Count == 0)
            {
                continue;
            }

            var returns = await ListReturnsAsync(audit.Id, ct).ConfigureAwait(false);
            mine.AddRange(returns.Select(r => r.Value).Where(r => agencies.Contains(r.AgencyId)).Select(r => (audit, r)));
        }

        return mine;
    }

    /// <summary>
    /// The issued audits of the person's organisation in which they represent an agency: an audit of another tenant is never
    /// the person's, whatever object id its representative has (the id is unique only within a tenant).
    /// </summary>
    private async Task<IReadOnlyList<Audit>> ListRepresentedByAsync(PersonRef person, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(person);
        return (await ListAuditsAsync(ct).ConfigureAwait(false)).Select(d => d.Value)
            .Where(a => a.Status != AuditStatus.Draft && AuditKind.BelongsTo(a, person.TenantId)
                && a.Agencies.Any(g => g.Representative?.IsSamePerson(person) == true))
            .ToList();
    }

    public Task<bool> InsertReturnAsync(AuditReturn ret, CancellationToken ct) => _changes.InsertAsync(ReturnKind, ret, ct);

    /// <summary>
    /// Writes a return read earlier, if nobody changed it since; false otherwise. For setting up a state directly (other
    /// features' tests); the audit feature changes returns through <see cref="ChangeReturnAsync"/>.
    /// </summary>
    public Task<bool> UpdateReturnAsync(VersionedDocument<AuditReturn> doc, CancellationToken ct)
    {
        _changes.Replace(ReturnKind, doc);
        return Task.FromResult(true);
    }

    public Task<Changed<AuditReturn, T>> ChangeReturnAsync<T>(Guid id, Func<AuditReturn, DomainResult<T>> change, CancellationToken ct) =>
        _changes.ChangeAsync(ReturnKind, Key(id), change, ct);

    public Task<Changed<AuditReturn, bool>> ChangeReturnAsync(Guid id, Func<AuditReturn, DomainResult> change, CancellationToken ct) =>
        _changes.ChangeAsync(ReturnKind, Key(id), change, ct);

    public Task<VersionedDocument<SafetyEscalation>?> GetEscalationAsync(Guid id, CancellationToken ct) =>
        _changes.GetVersionedAsync(EscalationKind, Key(id), ct);

    public async Task<IReadOnlyList<VersionedDocument<SafetyEscalation>>> ListOpenEscalationsAsync(CancellationToken ct) =>
        Versioned(await _changes.ListAsync(EscalationKind, null, "open", ct).ConfigureAwait(false), e => Key(e.Id));

    /// <summary>The acknowledged alerts whose delivery to the others they went to is still being checked.</summary>
    public async Task<IReadOnlyList<SafetyEscalation>> ListWatchedEscalationsAsync(CancellationToken ct) =>
        await _changes.ListAsync(EscalationKind, null, "watched", ct).ConfigureAwait(false);

    /// <summary>Every alert raised in an audit, acknowledged or not.</summary>
    public async Task<IReadOnlyList<SafetyEscalation>> ListEscalationsAsync(Guid auditId, CancellationToken ct) =>
        await _changes.ListAsync(EscalationKind, Key(auditId), null, ct).ConfigureAwait(false);

    public Task<bool> InsertEscalationAsync(SafetyEscalation escalation, CancellationToken ct) =>
        _changes.InsertAsync(EscalationKind, escalation, ct);

    /// <summary>
    /// Enters the gates of these alerts in the order of their ids, for a turn that goes on to change them in another order
    /// (as raised, say): the one order within a kind (see DocumentGates).
    /// </summary>
    public Task EnterEscalationsInOrderAsync(IEnumerable<Guid> ids, CancellationToken ct) =>
        _changes.EnterInOrderAsync(EscalationKind, ids.Select(Key), ct);

    public Task<Changed<SafetyEscalation, bool>> ChangeEscalationAsync(Guid id, Func<SafetyEscalation, DomainResult> change,
        CancellationToken ct) =>
        _changes.ChangeAsync(EscalationKind, Key(id), change, ct);

    public Task<VersionedDocument<AuditChannel>?> GetChannelAsync(Guid auditId, CancellationToken ct) =>
        _changes.GetVersionedAsync(ChannelKind, Key(auditId), ct);

    public Task<bool> InsertChannelAsync(AuditChannel channel, CancellationToken ct) => _changes.InsertAsync(ChannelKind, channel, ct);

    /// <summary>
    /// Applies a change to the channel record (null when there is none). Its changes are bookkeeping that must not be
    /// lost, so a record that keeps changing is an error rather than a message to anyone.
    /// </summary>
    public async Task<AuditChannel?> ChangeChannelAsync(Guid auditId, Action<AuditChannel> change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(change);
        var changed = await _changes.ChangeAsync(ChannelKind, Key(auditId), channel =>
        {
            change(channel);
            return DomainResult.Ok;
        }, ct).ConfigureAwait(false);
        return changed.Status switch
        {
            ChangeStatus.Saved => changed.Value,
            ChangeStatus.NotFound => null,
            _ => throw new InvalidOperationException($"The audit channel record {auditId} kept changing; giving up."),
        };
    }

    // Lists are read for their values; the version is not needed (changes go through ChangeAsync, which reads its own).
    private static List<VersionedDocument<T>> Versioned<T>(IReadOnlyList<T> values, Func<T, string> id) =>
        values.Select(v => new VersionedDocument<T>(id(v), 0, v, DateTimeOffset.MinValue)).ToList();

    public static string Key(Guid id) => id.ToString("D");
}
