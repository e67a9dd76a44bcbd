namespace WorkshopBot.Outbox;

/// <summary>How the outbox drains (section <c>Outbox</c>).</summary>
public sealed class OutboxOptions
{
    /// <summary>
    /// Whether the background drainer runs. Always on in production; tests turn it off to drain step by step
    /// with <see cref="OutboxDispatcher.DrainOnceAsync"/>.
    /// </summary>
    public bool RunInBackground { get; set; } = true;

    /// <summary>How often the drainer looks for due messages when nothing wakes it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a claimed message is reserved before another instance may take it over. When its send starts, its lease
    /// starts afresh, and the whole send runs under a deadline <see cref="SendMargin"/> before that lease ends (see
    /// <see cref="SendDeadline"/>). So a message whose instance died mid-send is taken over within one lease.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long before its lease ends a send must be over (20 s): room for stopping it, recording the outcome, and for
    /// the clocks of instances sharing a PostgreSQL store to differ a little. <see cref="Lease"/> minus this must leave
    /// room for one connector attempt (Bot:Connector:AttemptTimeout), or the bot does not start.
    /// </summary>
    public TimeSpan SendMargin { get; set; } = TimeSpan.FromSeconds(20);

    public int BatchSize { get; set; } = 50;

    /// <summary>Conversations sent to at once; each conversation is sent to in order.</summary>
    public int MaxParallelConversations { get; set; } = 8;

    /// <summary>Attempts before a message is recorded as failed (each attempt already retries transient errors).</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>
    /// The pause after a message's first failed attempt (30 s). Each further failed attempt doubles it, up to
    /// <see cref="MaxRetryDelay"/>, and each pause is shortened by up to a quarter (the same for a message and attempt
    /// every time) so that messages failed together do not all try again at once; a Retry-After from Teams is honoured.
    /// </summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest pause between two attempts of a message (10 min).</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long a message is tried again through an outage of Teams (a 502, 503 or 504, a timeout, no answer, a connection
    /// refused or reset) before it is given up, however many attempts that takes (24 h): Teams' incidents last longer than
    /// <see cref="MaxAttempts"/> attempts, and a return request or a safety alert must not be lost to one. Past this age
    /// such a failure counts against <see cref="MaxAttempts"/> again, as every other failure does. Shorter than two days,
    /// or the bot does not start (see <see cref="ThrottledRetryFor"/>).
    /// </summary>
    public TimeSpan TransientRetryFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a turn's answer waits for the turn's own replies to be sent (2 s; 0 to 10 s). Teams gives an invoke about
    /// 5 s before it shows the person an error, and delivers a message again when its answer is late, so a slow connector
    /// (its retries, a rate-limit wait) must not hold the answer: what is not sent by then goes on being sent in the
    /// background, in order, and the outbox keeps it until it is. An invoke waits no longer than is left of Bot:AnswerWithin,
    /// and its replies start no rate-limit wait past its answer (they are left to the outbox instead).
    /// </summary>
    public TimeSpan ReplyWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a message Teams keeps throttling (429: nothing was accepted) is postponed, after its Retry-After, without
    /// spending an attempt. Throttling only says "later"; a card such as a closed poll's final result must not be given up
    /// because a busy conversation was throttled a few times. Past this age a 429 counts as a failed attempt again. Shorter
    /// than two days, or the bot does not start: a message still not sent two days after it was queued is given up and what
    /// it said forgotten (<see cref="Conversations.ProcessedActivityPruner"/>).
    /// </summary>
    public TimeSpan ThrottledRetryFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// This instance's name in outbox leases, stable across restarts so that a restarted instance takes back at once
    /// what it had in flight (instead of waiting for the lease to expire). Empty: App Service's WEBSITE_INSTANCE_ID,
    /// else the container's HOSTNAME, else the machine name. Give each process sharing a store (several instances on one
    /// PostgreSQL database, or two processes on one host) its own. Leases are taken as
    /// <c>{instance id}/{a random id per run}</c>, and each run beats in the store every <see cref="Heartbeat"/> while it
    /// runs: a run takes back only what runs of its instance id hold whose beat has stopped (one that crashed, at start-up
    /// or within <see cref="RunStaleAfter"/> of its last beat; one that stopped gracefully, at once), never what a live run
    /// holds. Should two running processes resolve to the same id, each logs an error and reports it on <c>/readyz</c>
    /// (<c>sharedInstanceId</c>); their messages are still sent once, but one's messages are taken over only when their
    /// leases expire should it die.
    /// </summary>
    public string? InstanceId { get; set; }

    /// <summary>
    /// How long after it starts a send must be over: <see cref="Lease"/> minus <see cref="SendMargin"/> (1 min 40 s). No
    /// connector attempt starts, and no retry pause or rate-limit wait begins, unless the attempt after it, bounded by
    /// the connector's AttemptTimeout (30 s), can end by then; the connector's retries end early instead, and the outbox
    /// sends the message again later (a 429 or a rate-limit wait without spending an attempt, a 5xx or a timeout spending
    /// one, as when the connector's retries run out). Should the send still run at the deadline (the bot's token took
    /// that long), it is stopped there: a cut-off post may have reached Teams, so the message may arrive twice, as after
    /// a crash, and is logged so. With the defaults, a send whose attempts all hang makes three of them.
    /// </summary>
    public TimeSpan SendDeadline => Lease - SendMargin;

    /// <summary>
    /// How often a running dispatcher renews its beat in the store: a twelfth of <see cref="Lease"/> (10 s by default).
    /// </summary>
    public TimeSpan Heartbeat => Lease / 12;

    /// <summary>
    /// A run whose last beat is older than this (three <see cref="Heartbeat"/>s, 30 s by default) is taken for dead, and
    /// what it held in flight is taken back by the next run of its instance id, well before the leases would expire.
    /// </summary>
    public TimeSpan RunStaleAfter => Heartbeat * 3;

    /// <summary>The instance id in use (see <see cref="InstanceId"/>).</summary>
    public string ResolveInstanceId() =>
        !string.IsNullOrWhiteSpace(InstanceId) ? InstanceId.Trim()
        : Environment.GetEnvironmentVariable("WEBSITE_INSTANCE_ID") is { Length: > 0 } appService ? appService
        : Environment.GetEnvironmentVariable("HOSTNAME") is { Length: > 0 } host ? host
        : Environment.MachineName;
}
