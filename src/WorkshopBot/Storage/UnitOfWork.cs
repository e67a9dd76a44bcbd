using WorkshopBot.Common.Storage;
namespace WorkshopBot.Storage;

/// <summary>
/// The writes of one turn (or one job run) until they are committed together: documents loaded or created in it (an
/// identity map, so the turn sees its own changes and each document is written once, with the version it was read
/// at), the <see cref="StoreWork"/> steps, replies to deliver as soon as the work is committed, actions to run only
/// after the commit, and the per-document gates it holds. One per service scope: disposed with its scope, it releases
/// any gate still held, so a work that neither committed nor was abandoned (an endpoint or a step that threw) cannot keep
/// a document's gate.
/// </summary>
public sealed class UnitOfWork : IDisposable
{
    private readonly Dictionary<(string Collection, string Id), Tracked> _documents = [];
    private readonly List<string> _replies = [];
    private readonly List<Action> _afterCommit = [];
    private readonly Dictionary<(string Collection, string Id), IDisposable> _gates = [];
    private readonly HashSet<Guid> _shown = [];
    private int _replyCount;

    public StoreWork Store { get; } = new();

    private StoreQuery<StoredResponse?>? _replayCheck;

    /// <summary>
    /// True in a person's turn: what it reads is limited to <see cref="TenantId"/>'s objects (see DocumentChanges).
    /// Background jobs work for every tenant the bot serves and leave it false.
    /// </summary>
    public bool ActsForTenant { get; private set; }

    /// <summary>The organisation whose person this turn acts for (null only in development mode without one).</summary>
    public string? TenantId { get; private set; }

    /// <summary>Limits this unit of work to one organisation's objects; once set, it cannot change.</summary>
    public void ActFor(string? tenantId)
    {
        if (ActsForTenant && !string.Equals(TenantId, tenantId, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("A unit of work acts for one tenant only.");
        }

        ActsForTenant = true;
        TenantId = tenantId;
    }

    /// <summary>Dedupe keys of outbox messages that answer this turn in its own conversation (sent right after commit).</summary>
    public IReadOnlyList<string> Replies => _replies;

    /// <summary>The number of the next reply of this run of the turn (keeps reply keys the same when a turn runs again).</summary>
    public int NextReplyNumber() => ++_replyCount;

    public void AddReply(string dedupeKey) => _replies.Add(dedupeKey);

    /// <summary>
    /// The audits whose content (narratives, grades, case reference, title) this person's turn read, and so may show in what
    /// it posts or answers: each message it posts, and the card an <c>Action.Execute</c> answer replaces, is recorded as
    /// showing them, for retention to take down (see AuditPurge). Noted by DocumentChanges, in a person's turn only.
    /// </summary>
    public IReadOnlyCollection<Guid> ShownAudits => _shown;

    /// <summary>
    /// Everything this turn posts or answers is a poll's card, which retention finds by the poll's correlation: nothing is
    /// recorded as showing the audits it read (a vote then costs no extra statement; see <see cref="ShownAudits"/>).
    /// </summary>
    public bool ShownByCorrelation { get; private set; }

    /// <summary>See <see cref="ShownByCorrelation"/>.</summary>
    public void ShowOnlyCorrelatedCards() => ShownByCorrelation = true;

    /// <summary>Notes an audit the turn read (nothing for null; see <see cref="ShownAudits"/>).</summary>
    public void Shows(Guid? auditId)
    {
        if (auditId is { } id && ActsForTenant && !ShownByCorrelation)
        {
            _shown.Add(id);
        }
    }

    /// <summary>Runs <paramref name="action"/> once the work has committed (never if it did not).</summary>
    public void OnCommitted(Action action) => _afterCommit.Add(action);

    /// <summary>Keeps <paramref name="gate"/> (the gate of one document) until the work is committed or abandoned.</summary>
    internal void Hold(string collection, string id, IDisposable gate)
    {
        if (!_gates.TryAdd((collection, id), gate))
        {
            gate.Dispose();
        }
    }

    /// <summary>True when this work holds the gate of that document (until it commits or is abandoned).</summary>
    internal bool Holds(string collection, string id) => _gates.ContainsKey((collection, id));

    /// <summary>
    /// True when this work holds the gate of a document of that collection whose id sorts after <paramref name="id"/> (ordinal):
    /// that gate would be entered out of DocumentGates' order.
    /// </summary>
    internal bool HoldsAbove(string collection, string id)
    {
        foreach (var (heldCollection, heldId) in _gates.Keys)
        {
            if (string.Equals(heldCollection, collection, StringComparison.Ordinal) && string.CompareOrdinal(heldId, id) > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when this work holds the gate of any document but that one (see DocumentGates' order).</summary>
    internal bool HoldsOtherThan(string collection, string id) => _gates.Count > (Holds(collection, id) ? 1 : 0);

    /// <summary>
    /// Lets go of one document's gate before the work ends: for a document the work found it may not see (another
    /// organisation's), so a turn naming it keeps nobody waiting while it answers.
    /// </summary>
    internal void Release(string collection, string id)
    {
        if (_gates.Remove((collection, id), out var gate))
        {
            gate.Dispose();
        }
    }

    internal bool TryGet(string collection, string id, out Tracked tracked) => _documents.TryGetValue((collection, id), out tracked!);

    internal IEnumerable<Tracked> TrackedIn(string collection) => _documents.Values.Where(t => t.Collection == collection);

    /// <summary>Starts tracking a document read at <paramref name="version"/> (0 = created in this work).</summary>
    internal Tracked Track(string collection, string id, object value, long version, Func<object, DocumentRow> write,
        Func<object, long, Func<StorageProvider, IReadOnlyList<StoreStatement>>?>? dependents = null)
    {
        var tracked = new Tracked(collection, id, value, version, write) { Dependents = dependents };
        _documents[(collection, id)] = tracked;
        return tracked;
    }

    /// <summary>Adds the insert, update or deletion of every changed document to <see cref="Store"/> (just before commit).</summary>
    public void Flush()
    {
        foreach (var tracked in _documents.Values.Where(t => t.Changed))
        {
            if (tracked.Deleted)
            {
                // One created in this work and deleted again was never stored: there is nothing to delete.
                if (tracked.Version != 0)
                {
                    Store.Delete(tracked.Collection, tracked.Id, tracked.Version);
                }

                continue;
            }

            var row = tracked.Write(tracked.Value);
            if (tracked.Version == 0)
            {
                Store.Insert(tracked.Collection, tracked.Id, row.Json, row.Key1, row.Key2, row.TenantId);
            }
            else
            {
                // The rows that stand for parts of it which this change moved, at the version the update makes; before the
                // update, as a turn's own steps on those rows come before its documents (on PostgreSQL, rows taken in one order).
                if (tracked.Dependents?.Invoke(tracked.Value, tracked.Version + 1) is { } moved)
                {
                    Store.Execute($"{tracked.Collection}/{tracked.Id} dependents", moved);
                }

                Store.Update(tracked.Collection, tracked.Id, tracked.Version, row.Json, row.Key1, row.Key2, row.TenantId);
            }
        }
    }

    /// <summary>
    /// Leaves the turn's check that its activity was not handled before for the turn's first read to carry
    /// (<see cref="Common.Storage.DocumentChanges.ReadOnlyAlongAsync{T, TAlong}"/>), which then throws
    /// <see cref="ActivityHandledBeforeException"/> when it was. Kept across <see cref="Reset"/>: it is made once a turn.
    /// </summary>
    public void DeferReplayCheck(StoreQuery<StoredResponse?> check) => _replayCheck = check;

    /// <summary>
    /// The turn's activity was handled before and its answer was not kept (<see cref="StoredResponse.Afresh"/>): the
    /// handler answers from what it reads now and changes nothing, and the turn commits nothing whatever the handler
    /// queued. Set by the replay check; kept across <see cref="Reset"/>.
    /// </summary>
    public bool Redelivered { get; private set; }

    /// <summary>See <see cref="Redelivered"/>.</summary>
    public void MarkRedelivered() => Redelivered = true;

    /// <summary>
    /// The turn's processed mark keeps no person (<see cref="StoredResponse.PersonKey"/>): set by a handler whose change
    /// must not be tied to who made it (an idea on an anonymous board), as the mark's person and time would name the
    /// author beside the change's own time. The activity is still handled once; its replay by someone else gets the same
    /// answer, which names nobody. Cleared by <see cref="Reset"/>: a run after a conflict sets it again.
    /// </summary>
    public bool KeepsNoPerson { get; private set; }

    /// <summary>See <see cref="KeepsNoPerson"/>.</summary>
    public void KeepNoPerson() => KeepsNoPerson = true;

    /// <summary>The replay check left by <see cref="DeferReplayCheck"/> and not yet made, taken so nobody makes it twice.</summary>
    public StoreQuery<StoredResponse?>? TakeReplayCheck()
    {
        var check = _replayCheck;
        _replayCheck = null;
        return check;
    }

    /// <summary>Forgets everything for a fresh run of the turn (after a conflict); gates are released.</summary>
    public void Reset()
    {
        Store.Clear();
        _documents.Clear();
        _replies.Clear();
        _afterCommit.Clear();
        _shown.Clear();
        ShownByCorrelation = false;
        _replyCount = 0;
        KeepsNoPerson = false;
        ReleaseGates();
    }

    /// <summary>After a successful commit: runs the after-commit actions and releases the gates.</summary>
    public void Committed()
    {
        ReleaseGates();
        var actions = _afterCommit.ToList();
        _afterCommit.Clear();
        foreach (var action in actions)
        {
            action();
        }
    }

    /// <summary>When the work is abandoned (an error): releases the gates, runs nothing.</summary>
    public void Abandon() => Reset();

    /// <summary>At the end of its scope: releases any gate still held (nothing else; what was not committed is lost).</summary>
    public void Dispose() => ReleaseGates();

    private void ReleaseGates()
    {
        foreach (var gate in _gates.Values)
        {
            gate.Dispose();
        }

        _gates.Clear();
    }

    /// <summary>One document as stored: its JSON and lookup keys.</summary>
    public sealed record DocumentRow(string Json, string? Key1, string? Key2, string? TenantId);

    internal sealed class Tracked(string collection, string id, object value, long version, Func<object, DocumentRow> write)
    {
        public string Collection { get; } = collection;

        public string Id { get; } = id;

        public object Value { get; set; } = value;

        public long Version { get; } = version;

        public Func<object, DocumentRow> Write { get; } = write;

        public bool Changed { get; set; } = version == 0;

        /// <summary>Deleted in this work: its later reads do not find it, and the commit deletes it if it was stored.</summary>
        public bool Deleted { get; set; }

        /// <summary>
        /// The statements an update must add for the parts of the document that rows elsewhere stand for and that changed
        /// since it was read, for the store's provider (<see cref="Common.Storage.DocumentDependents{T}"/>), or null.
        /// </summary>
        public Func<object, long, Func<StorageProvider, IReadOnlyList<StoreStatement>>?>? Dependents { get; init; }
    }
}
