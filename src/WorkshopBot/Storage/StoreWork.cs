using System.Data.Common;
using Dapper;

namespace WorkshopBot.Storage;

/// <summary>How a commit of a <see cref="StoreWork"/> ended.</summary>
public enum CommitOutcome
{
    /// <summary>Every write was applied, in one transaction.</summary>
    Committed,

    /// <summary>A document changed since it was read (or an id was taken): nothing was written; read again and retry.</summary>
    Conflict,

    /// <summary>The activity was handled before: nothing was written;
    /// <see cref="CommitResult.Response"/> is the answer given then.</summary>
    AlreadyProcessed,
}

/// <summary>
/// The answer stored with a processed activity, replayed to a redelivery; or, when <see cref="Afresh"/>, the mark of an
/// activity whose answer was not kept (a vote's ballot): a redelivery is answered from what is stored now, changing nothing.
/// </summary>
public sealed record StoredResponse(int Status, string? Json)
{
    public bool Afresh { get; init; }

    /// <summary>
    /// The person the answer was given to (<c>TurnActor.PersonKey</c>), or null for a mark stored before people were kept
    /// with marks (or of an activity without a person): such a mark is replayed to the conversation's tenant.
    /// </summary>
    public string? PersonKey { get; init; }

    /// <summary>True when the mark names a person and it is not <paramref name="personKey"/>: the answer is not theirs.</summary>
    public bool AnsweredAnother(string? personKey) =>
        !string.IsNullOrEmpty(PersonKey) && !string.Equals(PersonKey, personKey, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A processed mark's row as stored: its status, the text kept before answers were packed, the packed answer, and the
    /// person it answered.
    /// </summary>
    internal static StoredResponse Read(int? status, string? json, byte[]? packed, string? personKey) => PackedAnswer.IsAfresh(packed)
        ? new StoredResponse(status ?? 200, null) { Afresh = true, PersonKey = personKey }
        : new StoredResponse(status ?? 200, PackedAnswer.Unpack(json, packed)) { PersonKey = personKey };
}

public sealed record CommitResult(CommitOutcome Outcome, StoredResponse? Response = null, string? Conflict = null)
{
    public static CommitResult Committed { get; } = new(CommitOutcome.Committed);
}

/// <summary>A custom step run inside the commit's transaction (e.g. a vote with its budget check); false = conflict.</summary>
public delegate Task<bool> StoreWorkStep(DbConnection connection, DbTransaction transaction, StorageProvider provider,
    CancellationToken cancellationToken);

/// <summary>
/// One statement of a <see cref="StoreWork.StatementsStep"/>: SQL with named parameters (<c>@Name</c>), and, when set,
/// the number of rows it must change for the work to commit (otherwise the work is a conflict).
/// </summary>
public sealed record StoreStatement(string Sql, int? ExpectedRows, params (string Name, object? Value)[] Parameters)
{
    /// <summary>
    /// Running it a second time in the same transaction, with the same parameters, changes nothing (taking a lock the
    /// transaction holds already): a batch that runs many works at once runs it once.
    /// </summary>
    public bool OncePerTransaction { get; init; }

    /// <summary>
    /// Parameters that add up (a running count). When a batch runs all at once, statements with the same SQL and the same
    /// other parameters run as one, with these summed; a sum of zero on every one runs nothing. Only for a statement that
    /// expects no row count and whose place among the batch's other statements does not matter.
    /// </summary>
    public IReadOnlyList<string>? Summed { get; init; }

    /// <summary>
    /// With <see cref="Summed"/>: parameters (whole numbers, such as a time) of which a merged statement keeps the largest,
    /// so statements that differ only in these and the summed ones still run as one.
    /// </summary>
    public IReadOnlyList<string>? Latest { get; init; }

    /// <summary>
    /// PostgreSQL: the same statement for many rows at once, each parameter an array (one element per statement, cast in
    /// the SQL). When a batch runs all at once, statements with the same SQL go as one, which must change the sum of their
    /// expected rows. Only for a statement whose place among the batch's other statements does not matter.
    /// </summary>
    public string? ArraySql { get; init; }
}

/// <summary>
/// What one turn (or one job run) writes, kept until <see cref="IStoreCommitter.CommitAsync"/> applies all of it in one
/// transaction: the processed-activity mark with the answer given, document inserts and version-checked updates,
/// outbox messages and audit-log entries. Either everything is stored or nothing is, so an effect the bot acknowledged
/// is never half-stored, and a redelivered activity finds either its mark and answer, or nothing at all.
/// </summary>
public sealed class StoreWork
{
    private readonly List<Step> _steps = [];

    /// <summary>The processed-activity mark, applied first; a second delivery of the same activity commits nothing.</summary>
    public ProcessedMark? Processed { get; private set; }

    public IReadOnlyList<Step> Steps => _steps;

    /// <summary>True when nothing would be written (a read-only turn still records its processed mark).</summary>
    public bool IsEmpty => _steps.Count == 0 && Processed is null;

    public bool HasOutboxMessages => _steps.Any(s => s is EnqueueStep);

    /// <remarks>The answer is packed here, on the turn's own thread, not by the group commit's leader for a whole batch.</remarks>
    public void MarkProcessed(string conversationId, string activityId, DateTimeOffset at, int responseStatus, string? responseJson,
        string? personKey = null) =>
        MarkProcessedUtf8(conversationId, activityId, at, responseStatus,
            responseJson is null ? null : System.Text.Encoding.UTF8.GetBytes(responseJson), personKey);

    /// <summary>
    /// Marks the activity handled without keeping its answer: a redelivery is answered afresh (<see cref="StoredResponse.Afresh"/>).
    /// </summary>
    public void MarkProcessedAfresh(string conversationId, string activityId, DateTimeOffset at, int responseStatus,
        string? personKey = null) =>
        Processed = new ProcessedMark(conversationId, activityId, at, responseStatus, PackedAnswer.AfreshMark(), personKey);

    /// <summary>
    /// The same, with the answer already serialised as UTF-8 (as the turn sends it), or null for none; kept for
    /// <paramref name="personKey"/> alone (the person it answers, <c>TurnActor.PersonKey</c>) when one is given.
    /// </summary>
    public void MarkProcessedUtf8(string conversationId, string activityId, DateTimeOffset at, int responseStatus,
        byte[]? responseUtf8, string? personKey = null) =>
        Processed = new ProcessedMark(conversationId, activityId, at, responseStatus,
            responseUtf8 is null ? null : PackedAnswer.PackUtf8(responseUtf8), personKey);

    public void Insert(string collection, string id, string json, string? key1, string? key2, string? tenantId) =>
        _steps.Add(new InsertStep(collection, id, json, key1, key2, tenantId));

    public void Update(string collection, string id, long expectedVersion, string json, string? key1, string? key2, string? tenantId) =>
        _steps.Add(new UpdateStep(collection, id, expectedVersion, json, key1, key2, tenantId));

    public void Delete(string collection, string id) => _steps.Add(new DeleteStep(collection, id));

    /// <summary>
    /// Deletes the document as read at <paramref name="expectedVersion"/>: one changed since makes the work a conflict. On
    /// SQLite with <c>secure_delete</c> on (<see cref="SecureDelete"/>), as what a person removes may hold their text.
    /// </summary>
    public void Delete(string collection, string id, long expectedVersion) =>
        Execute($"{collection}/{id} changed since version {expectedVersion}, which its deletion relied on",
            (connection, transaction, _, cancellationToken) => SecureDelete.RunAsync(connection, transaction, async () =>
                await connection.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM documents WHERE collection = @collection AND id = @id AND version = @expectedVersion",
                    new { collection, id, expectedVersion }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false) == 1,
                cancellationToken));

    public void Enqueue(NewOutboxMessage message) => _steps.Add(new EnqueueStep(message));

    /// <summary>
    /// Records, with the rest of the work, that the failure of outbox message <paramref name="outboxMessageId"/> was
    /// reported (<see cref="IOutboxStore.MarkReportedAsync"/>); one reported before is left as it is.
    /// </summary>
    public void MarkReported(long outboxMessageId, DateTimeOffset at) =>
        Execute("outbox message reported", _ => [SqlOutboxStore.MarkReportedStatement(outboxMessageId, at)]);

    /// <summary>
    /// Gives up, with the rest of the work, what would still post or update the cards <paramref name="postedKeys"/> being taken
    /// down, but the updates <paramref name="keep"/> that take them down (<see cref="IOutboxStore.WithdrawUnsentAsync"/>).
    /// </summary>
    public void WithdrawUnsent(IReadOnlyCollection<string> postedKeys, IReadOnlyCollection<string> keep, DateTimeOffset now) =>
        Execute("outbox messages of withdrawn cards given up", async (connection, transaction, provider, cancellationToken) =>
        {
            await SqlOutboxStore.WithdrawUnsentAsync(connection, transaction, provider, postedKeys, keep, now, cancellationToken)
                .ConfigureAwait(false);
            return true;
        });

    /// <summary>
    /// Withdraws, with the rest of the work, the outbox message <paramref name="outboxMessageId"/> that
    /// <paramref name="leaseOwner"/> has leased and not yet started to send, because it is no longer for the person it is
    /// addressed to (see <see cref="Outbox.IOutboxAddressees"/>). The work is a conflict, and stores nothing, when the owner
    /// no longer holds the message: then it is another instance's to send or withdraw, and nothing is recorded twice.
    /// </summary>
    public void WithdrawLeased(long outboxMessageId, string leaseOwner, DateTimeOffset at) =>
        Execute("outbox message no longer held by its lease owner", (connection, transaction, _, cancellationToken) =>
            SqlOutboxStore.WithdrawLeasedAsync(connection, transaction, outboxMessageId, leaseOwner, at, cancellationToken));

    public void Append(NewAuditEvent entry) => _steps.Add(new AppendStep(entry));

    /// <summary>
    /// Owes, with the rest of the work, the rewrite of the SQLite file and the emptying of its log that the retention job's
    /// next run makes (<see cref="IStoreCheckpoint.OweWipeAsync"/>): for work that rewrites text which must not stay in the
    /// file's free space (a withdrawn briefing's wording). Nothing on PostgreSQL.
    /// </summary>
    public void OweWipe() => Execute("database file rewrite owed",
        provider => provider == StorageProvider.Sqlite ? [StoreCheckpoint.OweWipeStatement()] : []);

    public void Execute(string description, StoreWorkStep step) => _steps.Add(new CustomStep(description, step));

    /// <summary>
    /// Statements run in order, each checked against its <see cref="StoreStatement.ExpectedRows"/>. Unlike a
    /// <see cref="StoreWorkStep"/>, nothing in them depends on an earlier one's answer, so the committer may send them
    /// with other works' statements in one round trip and check them all afterwards.
    /// </summary>
    public void Execute(string description, Func<StorageProvider, IReadOnlyList<StoreStatement>> statements) =>
        _steps.Add(new StatementsStep(description, statements));

    /// <summary>Forgets everything buffered (a turn about to be run again from fresh reads).</summary>
    public void Clear()
    {
        _steps.Clear();
        Processed = null;
    }

    public abstract record Step;

    /// <param name="ResponsePacked">The answer as <see cref="PackedAnswer"/> packs it, or null for a turn without one.</param>
    /// <param name="PersonKey">The person the answer was given to, or null for none (see <see cref="StoredResponse.PersonKey"/>).</param>
    public sealed record ProcessedMark(
        string ConversationId, string ActivityId, DateTimeOffset At, int ResponseStatus, byte[]? ResponsePacked,
        string? PersonKey = null);

    public sealed record InsertStep(string Collection, string Id, string Json, string? Key1, string? Key2, string? TenantId) : Step;

    public sealed record UpdateStep(string Collection, string Id, long ExpectedVersion, string Json, string? Key1, string? Key2,
        string? TenantId) : Step;

    public sealed record DeleteStep(string Collection, string Id) : Step;

    public sealed record EnqueueStep(NewOutboxMessage Message) : Step;

    public sealed record AppendStep(NewAuditEvent Entry) : Step;

    public sealed record CustomStep(string Description, StoreWorkStep Run) : Step;

    public sealed record StatementsStep(string Description, Func<StorageProvider, IReadOnlyList<StoreStatement>> Statements) : Step;
}

/// <summary>Applies a <see cref="StoreWork"/> atomically (see <see cref="SqlStoreCommitter"/>).</summary>
public interface IStoreCommitter
{
    Task<CommitResult> CommitAsync(StoreWork work, CancellationToken cancellationToken);
}
