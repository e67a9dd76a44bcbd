namespace WorkshopBot.Storage;

public enum OutboxKind
{
    /// <summary>Post a new activity to <see cref="OutboxMessage.ConversationId"/>.</summary>
    Send,

    /// <summary>Replace activity <see cref="OutboxMessage.ActivityId"/> in <see cref="OutboxMessage.ConversationId"/>.</summary>
    Update,

    /// <summary>Create (or find) the 1:1 chat with <see cref="OutboxMessage.TargetUserId"/> and post the payload.</summary>
    CreatePersonalConversation,

    /// <summary>Start a new thread in channel <see cref="OutboxMessage.TargetChannelId"/> with the payload.</summary>
    CreateChannelThread,
}

public enum OutboxStatus
{
    Pending,
    InFlight,
    Sent,

    /// <summary>The recipient cannot be reached (e.g. 403 MessageWritesBlocked); never retried.</summary>
    Blocked,

    /// <summary>Gave up: a permanent error or too many attempts.</summary>
    Failed,
}

/// <summary>A message to enqueue. <see cref="NextAttemptAt"/> defaults to <see cref="CreatedAt"/>.</summary>
public sealed record NewOutboxMessage
{
    public required string TenantId { get; init; }
    public required OutboxKind Kind { get; init; }
    public required string ServiceUrl { get; init; }
    public string? ConversationId { get; init; }
    public string? TargetUserId { get; init; }
    public string? TargetChannelId { get; init; }

    /// <summary>The activity to replace, for <see cref="OutboxKind.Update"/>.</summary>
    public string? ActivityId { get; init; }

    /// <summary>
    /// For <see cref="OutboxKind.Update"/> of a card the outbox itself posted: the dedupe key of the message that posted
    /// it. The activity id is read from that message once it is sent (the update waits until then).
    /// </summary>
    public string? UpdateOfKey { get; init; }

    /// <summary>
    /// For <see cref="OutboxKind.CreatePersonalConversation"/> queued from a channel or chat (an audit's, an action plan's):
    /// the conversation whose serviceUrl <see cref="ServiceUrl"/> was copied from. When no record of the person's 1:1 chat is
    /// stored at send time, the message goes to this conversation's serviceUrl as last heard (Teams may have moved it since),
    /// and to the copy only when no record of it is stored either. Null for the rest, and for messages queued before it was
    /// kept.
    /// </summary>
    public string? ServiceUrlFrom { get; init; }

    /// <summary>The activity JSON; opaque to the store.</summary>
    public required string PayloadJson { get; init; }

    /// <summary>Unique per intended delivery, e.g. "audit:12:return:police:reminder:1".</summary>
    public required string DedupeKey { get; init; }

    /// <summary>Groups a batch for listing, e.g. "audit:123".</summary>
    public string? CorrelationId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? NextAttemptAt { get; init; }
}

public sealed record OutboxMessage
{
    public required long Id { get; init; }
    public required string TenantId { get; init; }
    public required OutboxKind Kind { get; init; }
    public required string ServiceUrl { get; init; }
    public string? ConversationId { get; init; }
    public string? TargetUserId { get; init; }
    public string? TargetChannelId { get; init; }
    public string? ActivityId { get; init; }

    /// <summary>See <see cref="NewOutboxMessage.UpdateOfKey"/>.</summary>
    public string? UpdateOfKey { get; init; }

    /// <summary>See <see cref="NewOutboxMessage.ServiceUrlFrom"/>.</summary>
    public string? ServiceUrlFrom { get; init; }

    public required string PayloadJson { get; init; }
    public required string DedupeKey { get; init; }
    public string? CorrelationId { get; init; }
    public required OutboxStatus Status { get; init; }

    /// <summary>
    /// When the last send attempt began talking to Teams. A message found in flight after a crash with this set may have
    /// arrived already (the only ones a crash can duplicate); without it, it surely has not.
    /// </summary>
    public DateTimeOffset? AttemptStartedAt { get; init; }

    /// <summary>Failed attempts so far (incremented by Reschedule).</summary>
    public required int Attempts { get; init; }

    public required DateTimeOffset NextAttemptAt { get; init; }
    public DateTimeOffset? LeaseUntil { get; init; }
    public string? LeaseOwner { get; init; }
    public string? SentActivityId { get; init; }

    /// <summary>The conversation created by CreatePersonalConversation / CreateChannelThread.</summary>
    public string? ResultConversationId { get; init; }

    public string? LastError { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>
    /// For a message that failed for good (failed or blocked): when that was reported (see
    /// <see cref="IOutboxStore.MarkReportedAsync"/>); null until then, and for every other message.
    /// </summary>
    public DateTimeOffset? ReportedAt { get; init; }
}

/// <summary>
/// The durable outbox: requests enqueue, a background drainer claims due messages under a lease, sends them and
/// records the outcome. A crash mid-send leaves the message InFlight until its lease expires; then it is claimable
/// again. Mark*/Reschedule succeed only for the owner of the current lease.
/// </summary>
public partial interface IOutboxStore
{
    /// <summary>Adds a Pending message, or returns the existing one when <see cref="NewOutboxMessage.DedupeKey"/> is taken.</summary>
    Task<OutboxMessage> EnqueueAsync(NewOutboxMessage message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Atomically leases up to <paramref name="max"/> due messages (Pending and due, or InFlight with an expired
    /// lease) to <paramref name="owner"/> until now + <paramref name="lease"/>, oldest due first. Concurrent
    /// claimers never receive the same message while its lease is valid.
    /// </summary>
    Task<IReadOnlyList<OutboxMessage>> ClaimDueAsync(DateTimeOffset now, int max, TimeSpan lease, string owner,
        CancellationToken cancellationToken = default);

    Task<bool> MarkSentAsync(long id, string owner, string? sentActivityId, string? resultConversationId,
        DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Deletes a sent take-down (<see cref="TakeDownPrefix"/>) under its lease; false for any other message.</summary>
    Task<bool> ForgetSentAsync(long id, string owner, CancellationToken cancellationToken = default);

    Task<bool> MarkBlockedAsync(long id, string owner, string reason, DateTimeOffset at,
        CancellationToken cancellationToken = default);

    Task<bool> MarkFailedAsync(long id, string owner, string error, DateTimeOffset at,
        CancellationToken cancellationToken = default);

    /// <summary>Back to Pending at <paramref name="nextAttemptAt"/>, Attempts + 1, lease released.</summary>
    Task<bool> RescheduleAsync(long id, string owner, DateTimeOffset nextAttemptAt, string error, DateTimeOffset at,
        CancellationToken cancellationToken = default);

    Task<OutboxMessage?> GetAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Leases the Pending messages among <paramref name="dedupeKeys"/> (a turn's replies, to send at once),
    /// in queue order.</summary>
    Task<IReadOnlyList<OutboxMessage>> ClaimByKeysAsync(IReadOnlyCollection<string> dedupeKeys, DateTimeOffset now, TimeSpan lease,
        string owner, CancellationToken cancellationToken = default);

    /// <summary>The message queued under <paramref name="dedupeKey"/>, or null.</summary>
    Task<OutboxMessage?> FindByDedupeKeyAsync(string dedupeKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records that the send of a leased message is starting (see <see cref="OutboxMessage.AttemptStartedAt"/>) and, in the
    /// same owner-fenced statement, extends its lease to <paramref name="leaseUntil"/> so that the send is covered by it.
    /// False when <paramref name="owner"/> no longer holds the message (its lease expired and another instance took it,
    /// or it was completed): the caller must not send it.
    /// </summary>
    Task<bool> MarkAttemptStartedAsync(long id, string owner, DateTimeOffset at, DateTimeOffset leaseUntil,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Keeps the updates of one posted card in order; asked before the update <paramref name="id"/>, leased to
    /// <paramref name="owner"/>, is sent. Two updates are of the same card when they name the same posted message
    /// (<see cref="OutboxMessage.UpdateOfKey"/>) or the same conversation and activity id; the one queued later (the higher
    /// id) is the newer. <see cref="UpdateTurn.Superseded"/>: a newer update of the card is queued (whatever has become of
    /// it), so this one is never sent: it is recorded as failed in the same statement (<see cref="SupersededError"/>), its
    /// payload forgotten and marked reported (it was given up on purpose, nobody is told). <see cref="UpdateTurn.Wait"/>: an
    /// older update of the card is in flight under a live lease (its send may be under way, on any instance), so this one
    /// waits for it rather than land before it. Otherwise <see cref="UpdateTurn.Go"/>. Once a newer update is queued an
    /// older one is never sent, and the newer never goes while the older is in flight: so the newest update lands last.
    /// </summary>
    Task<UpdateTurn> TakeUpdateTurnAsync(long id, string owner, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Back to Pending at <paramref name="nextAttemptAt"/> without counting an attempt
    /// (rate-limited here, or waiting for another message).</summary>
    Task<bool> PostponeAsync(long id, string owner, DateTimeOffset nextAttemptAt, DateTimeOffset at,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// At start, and again at each beat: messages earlier runs of this instance had in flight when they stopped (or
    /// crashed) become due at once, instead of waiting for their leases to expire. An owner is
    /// <c>{instance}/{incarnation}</c> (see <see cref="OwnerOf"/>): released are the messages leased to
    /// <paramref name="instance"/> itself (as owners were named before incarnations) or to <c>{instance}/</c> with any
    /// incarnation but <paramref name="owner"/>'s, unless that run is alive (its last beat, <see cref="BeatRunAsync"/>, is
    /// at or after <paramref name="aliveSince"/>): another process running under the same instance id keeps what it holds.
    /// Returns how many, and how many of those had begun sending.
    /// </summary>
    Task<(int Released, int Started)> ReleaseOwnedAsync(string instance, string owner, DateTimeOffset now,
        DateTimeOffset aliveSince, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records that the run <paramref name="owner"/> of <paramref name="instance"/> is alive at <paramref name="now"/>
    /// (registering it, started now, at its first beat), and forgets other runs whose last beat is before
    /// <paramref name="aliveSince"/>. Returns how many other runs of the same instance are alive and have beaten since this
    /// one started: processes running under the same instance id (a run that crashed before this one started beats no
    /// more).
    /// </summary>
    Task<int> BeatRunAsync(string instance, string owner, DateTimeOffset now, DateTimeOffset aliveSince,
        CancellationToken cancellationToken = default);

    /// <summary>Forgets the run <paramref name="owner"/> as it stops, so that its next run takes back at once what it left.</summary>
    Task EndRunAsync(string owner, CancellationToken cancellationToken = default);

    /// <summary>The lease owner for one run (<paramref name="incarnation"/>) of the instance <paramref name="instance"/>.</summary>
    public static string OwnerOf(string instance, string incarnation) => instance + "/" + incarnation;

    /// <summary>Messages of a batch, in enqueue order.</summary>
    Task<IReadOnlyList<OutboxMessage>> ListByCorrelationAsync(string correlationId,
        CancellationToken cancellationToken = default);

    /// <summary>Messages not yet completed (Pending or InFlight).</summary>
    Task<long> CountPendingAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the payload of every message completed (sent, blocked or failed) before <paramref name="completedBefore"/>
    /// with <see cref="ForgottenPayload"/>: what a card said is not kept once it is delivered (a posted card is updated
    /// later through its row's sent activity id, which stays). Returns how many payloads were forgotten.
    /// </summary>
    Task<int> ForgetContentAsync(DateTimeOffset completedBefore, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives up every message queued before <paramref name="queuedBefore"/> and still not sent: pending, or in flight under a
    /// lease that has run out by <paramref name="now"/> (its instance died). Each is recorded as failed (<see cref="GivenUpError"/>)
    /// and its payload forgotten at once (<see cref="ForgottenPayload"/>): a card that is never delivered (the bot stopped for
    /// days, nothing drained the queue) does not keep what it said for ever. Its failure is reported as any other's
    /// (<see cref="ListUnreportedAsync"/>). A message whose send holds a live lease is left to finish. Returns how many.
    /// </summary>
    Task<int> GiveUpUnsentAsync(DateTimeOffset queuedBefore, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// For cards being taken down (a withdrawn briefing's posts, older posts replaced by a newer version): gives up every message
    /// still unsent (pending, or in flight under a lease that has run out by <paramref name="now"/>) that would post one of
    /// <paramref name="postedKeys"/> (dedupe keys) or update it (<see cref="OutboxMessage.UpdateOfKey"/>), so that nothing
    /// queued before puts what the card said back after the card that takes it down. Each is recorded as failed
    /// (<see cref="WithdrawnError"/>), its payload forgotten at once, and marked reported (<see cref="OutboxMessage.ReportedAt"/>):
    /// it was given up on purpose, nobody is told it failed. The updates among <paramref name="keep"/> (those that take the cards
    /// down) are left, unless the card they update is itself given up here (it is never posted: there is nothing to update).
    /// A message in flight under a live lease is left to finish. Returns how many were given up.
    /// </summary>
    Task<int> WithdrawUnsentAsync(IReadOnlyCollection<string> postedKeys, IReadOnlyCollection<string> keep, DateTimeOffset now,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Messages that failed for good (failed or blocked) from <paramref name="completedFrom"/> until before
    /// <paramref name="completedBefore"/> whose failure is not yet reported (<see cref="OutboxMessage.ReportedAt"/> is
    /// null), the earliest failed first, at most <paramref name="max"/>: those whose report a crash or a store error cut short.
    /// </summary>
    Task<IReadOnlyList<OutboxMessage>> ListUnreportedAsync(DateTimeOffset completedFrom, DateTimeOffset completedBefore, int max,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Records that the failure of message <paramref name="id"/> was reported. False when it was reported before, or has
    /// not failed for good. <see cref="StoreWork.MarkReported"/> does the same in a unit of work.
    /// </summary>
    Task<bool> MarkReportedAsync(long id, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// The start of the dedupe key of a retention take-down: the update that replaces a purged audit's posted card with a
    /// neutral one. It holds ids and that card only, and its row is deleted once it is sent (<see cref="ForgetSentAsync"/>).
    /// </summary>
    public const string TakeDownPrefix = "takedown:";

    /// <summary>The dedupe key of the admins' card that reports the failure of message <paramref name="id"/>.</summary>
    public static string UndeliverableReportKey(long id) =>
        "ops:undeliverable:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>What a completed message's payload becomes once forgotten: an empty message, no content.</summary>
    public const string ForgottenPayload = "{\"type\":\"message\"}";

    /// <summary>The error recorded for a message <see cref="WithdrawUnsentAsync"/> gave up.</summary>
    public const string WithdrawnError = "Not sent: the card it would post or update was taken down first, and what it said forgotten.";

    /// <summary>
    /// The error recorded for a message withdrawn just before its send because it was no longer for the person it was
    /// addressed to (<see cref="StoreWork.WithdrawLeased"/>).
    /// </summary>
    public const string NoLongerForError = "Not sent: no longer for the person it was addressed to; withdrawn, and what it said forgotten.";

    /// <summary>The error recorded for an update <see cref="TakeUpdateTurnAsync"/> found superseded.</summary>
    public const string SupersededError = "Not sent: a newer update of the same card was queued after it, and what it said forgotten.";

    /// <summary>The error recorded for a message <see cref="GiveUpUnsentAsync"/> gave up.</summary>
    public const string GivenUpError = "Not sent in time: given up, and what it said forgotten.";
}
