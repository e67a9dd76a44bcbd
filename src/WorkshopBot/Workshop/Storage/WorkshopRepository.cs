using WorkshopBot.Common.Storage;
using WorkshopBot.Storage;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Workshop.Storage;

/// <summary>
/// Workshops as JSON documents (collection "workshops", key1 = audit id, key2 = conversation id). Changes go through
/// <see cref="DocumentChanges"/> with <see cref="Kind"/>, so many people adding ideas at once queue per workshop on
/// this instance and the version check guards against other instances.
/// </summary>
public sealed class WorkshopRepository(DocumentChanges documents)
{
    public const string Collection = "workshops";

    /// <summary>
    /// The workshop document; each poll's vote basis (<see cref="Poll.VoteBasis"/>) is a dependent part: a save that
    /// changes it moves the poll's row in the vote store in the same commit (<see cref="VoteSteps.BasisMoved"/>), so
    /// votes decided before are sent back to fresh reads, and no other change of the workshop sends them back.
    /// </summary>
    public static readonly DocumentKind<WorkshopSession> Kind =
        new(Collection, s => KeyOf(s.Id), s => s.AuditId.ToString(), s => s.Conversation.ConversationId, s => s.TenantId,
            s => s.AuditId)
        {
            Dependents = new(VoteBases, VoteSteps.BasisMoved),
        };

    private static Dictionary<string, string> VoteBases(WorkshopSession session)
    {
        var bases = new Dictionary<string, string>(session.Polls.Count, StringComparer.Ordinal);
        foreach (var poll in session.Polls)
        {
            bases[poll.Id] = poll.VoteBasis;
        }

        return bases;
    }

    /// <summary>The document id of a workshop.</summary>
    public static string KeyOf(Guid workshopId) => workshopId.ToString();

    public Task<WorkshopSession?> GetAsync(Guid workshopId, CancellationToken cancellationToken) =>
        documents.GetAsync(Kind, KeyOf(workshopId), cancellationToken);

    /// <summary>
    /// The workshop, read with the turn's commit made to depend on it (see <see cref="DocumentChanges.HoldAsync{T}"/>):
    /// changed before the commit (its chair handed over, say), and the turn runs again from fresh reads. The read waits for
    /// changes to the workshop under way on this instance (an idea, another press), which then wait for this turn's commit,
    /// so a chair's press made while ideas pour in is not sent round again by each of them. For the chair's changes only:
    /// a vote never holds the workshop.
    /// </summary>
    public async Task<WorkshopSession?> HoldAsync(Guid workshopId, CancellationToken cancellationToken) =>
        (await documents.HoldAsync(Kind, KeyOf(workshopId), cancellationToken).ConfigureAwait(false))?.Value;

    /// <summary>The workshop for reading only (a vote, a ballot): shared between turns, never to be changed.</summary>
    public Task<WorkshopSession?> ReadOnlyAsync(Guid workshopId, CancellationToken cancellationToken) =>
        documents.ReadOnlyAsync(Kind, KeyOf(workshopId), cancellationToken);

    /// <summary>As <see cref="ReadOnlyAsync"/>, with <paramref name="along"/> read in the same round trip.</summary>
    public Task<(WorkshopSession? Session, long Version, T Along)> ReadOnlyAlongAsync<T>(Guid workshopId, StoreQuery<T> along,
        CancellationToken cancellationToken) =>
        documents.ReadOnlyAlongAsync(Kind, KeyOf(workshopId), along, cancellationToken);

    public async Task<IReadOnlyList<WorkshopSession>> ListForAuditAsync(Guid auditId, CancellationToken cancellationToken) =>
        (await documents.ListAsync(Kind, auditId.ToString(), null, cancellationToken).ConfigureAwait(false))
            .OrderBy(w => w.StartedAt).ToList();

    public Task<bool> InsertAsync(WorkshopSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        return documents.InsertAsync(Kind, session, cancellationToken);
    }
}
