using WorkshopBot.Audits;
using WorkshopBot.Common;
using WorkshopBot.Storage;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Workshop.Storage;

/// <summary>
/// One lock per workshop for this instance: many people adding ideas at once then queue here instead of racing on
/// the document's version (the version still guards against other instances).
/// </summary>
public sealed class WorkshopWriteLocks
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, SemaphoreSlim> _locks = new();

    public SemaphoreSlim For(Guid workshopId) => _locks.GetOrAdd(workshopId, _ => new SemaphoreSlim(1, 1));
}

/// <summary>Workshops as JSON documents (collection "workshops", key1 = audit id, key2 = conversation id).</summary>
public sealed class WorkshopRepository(IDocumentStore store, WorkshopWriteLocks locks)
{
    public const string Collection = "workshops";
    private const int MaxAttempts = 8;

    public async Task<WorkshopSession?> GetAsync(Guid workshopId, CancellationToken cancellationToken) =>
        (await store.GetAsync<WorkshopSession>(Collection, workshopId.ToString(), cancellationToken: cancellationToken).ConfigureAwait(false))?.Value;

    public async Task<IReadOnlyList<WorkshopSession>> ListForAuditAsync(Guid auditId, CancellationToken cancellationToken) =>
        (await store.ListAsync<WorkshopSession>(Collection, key1: auditId.ToString(), cancellationToken: cancellationToken).ConfigureAwait(false))
            .Select(d => d.Value).OrderBy(w => w.StartedAt).ToList();

    public Task<bool> InsertAsync(WorkshopSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        return store.InsertAsync(Collection, session.Id.ToString(), session, session.AuditId.ToString(), session.Conversation.ConversationId,
            cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Applies <paramref name="change"/> to a fresh copy and saves it, retrying from a fresh read when another writer won.
    /// Returns null when the workshop does not exist; otherwise the change's result and the session as saved.
    /// </summary>
    public async Task<(DomainResult<T> Result, WorkshopSession Session)?> ChangeAsync<T>(Guid workshopId,
        Func<WorkshopSession, DomainResult<T>> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var gate = locks.For(workshopId);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            WorkshopSession? last = null;
            for (var attempt = 0; attempt < MaxAttempts; attempt++)
            {
                var document = await store.GetAsync<WorkshopSession>(Collection, workshopId.ToString(), cancellationToken: cancellationToken).ConfigureAwait(false);
                if (document is null)
                {
                    return null;
                }

                var session = document.Value;
                var result = change(session);
                if (!result.Succeeded)
                {
                    return (result, session);
                }

                if (await store.UpdateAsync(Collection, document.Id, document.Version, session, session.AuditId.ToString(),
                        session.Conversation.ConversationId, cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    return (result, session);
                }

                last = session;
            }

            // Another instance kept winning: a polite "try again" rather than an error.
            return (DomainResult<T>.Fail(DomainErrorKind.Stale, "Many changes are arriving at once. Please press the button again."), last!);
        }
        finally
        {
            gate.Release();
        }
    }

    public Task<(DomainResult<bool> Result, WorkshopSession Session)?> ChangeAsync(Guid workshopId,
        Func<WorkshopSession, DomainResult> change, CancellationToken cancellationToken) =>
        ChangeAsync(workshopId, s => change(s) is { Succeeded: false } failed
            ? DomainResult<bool>.From(failed.Error!)
            : DomainResult<bool>.Ok(true), cancellationToken);
}
