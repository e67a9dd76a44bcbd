using WorkshopBot.Protocol.Connector;

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
    /// is extended to cover the whole send (<see cref="SendLease"/>).
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    public int BatchSize { get; set; } = 50;

    /// <summary>Conversations sent to at once; each conversation is sent to in order.</summary>
    public int MaxParallelConversations { get; set; } = 8;

    /// <summary>Attempts before a message is recorded as failed (each attempt already retries transient errors).</summary>
    public int MaxAttempts { get; set; } = 5;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a message Teams keeps throttling (429: nothing was accepted) is postponed, after its Retry-After, without
    /// spending an attempt. Throttling only says "later"; a card such as a closed poll's final result must not be given up
    /// because a busy conversation was throttled a few times. Past this age a 429 counts as a failed attempt again.
    /// </summary>
    public TimeSpan ThrottledRetryFor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// This instance's name in outbox leases, stable across restarts so that a restarted instance takes back at once
    /// what it had in flight (instead of waiting for the lease to expire). Empty: App Service's WEBSITE_INSTANCE_ID,
    /// else the container's HOSTNAME, else the machine name. Give each instance sharing a PostgreSQL store its own.
    /// Leases are taken as <c>{instance id}/{a random id per run}</c>, so a run's leases are fenced from an earlier run's.
    /// </summary>
    public string? InstanceId { get; set; }

    /// <summary>
    /// The lease a message holds from the start of its send: <see cref="Lease"/>, or, when longer, the longest one send can
    /// take with the connector's retries, so no other instance takes a message the connector may still be posting. A send
    /// makes at most two connector calls (opening a chat, then posting); each makes up to MaxAttempts attempts of at most
    /// AttemptTimeout after a wait of up to MaxRateLimitWait for its rate-limit slot, with at most the longer of
    /// RetryMaxDelay and MaxRetryAfter between attempts. A minute more covers the token and the store.
    /// With the defaults: 2 x (4 x (30 s + 3 s) + 3 x 60 s) + 60 s = 11 min 24 s.
    /// </summary>
    public TimeSpan SendLease(BotConnectorOptions connector)
    {
        ArgumentNullException.ThrowIfNull(connector);
        var attempts = Math.Max(1, connector.MaxAttempts);
        var pause = connector.RetryMaxDelay > connector.MaxRetryAfter ? connector.RetryMaxDelay : connector.MaxRetryAfter;
        var call = (connector.AttemptTimeout + connector.MaxRateLimitWait) * attempts + pause * (attempts - 1);
        var send = call * 2 + TimeSpan.FromMinutes(1);
        return send > Lease ? send : Lease;
    }

    /// <summary>The instance id in use (see <see cref="InstanceId"/>).</summary>
    public string ResolveInstanceId() =>
        !string.IsNullOrWhiteSpace(InstanceId) ? InstanceId.Trim()
        : Environment.GetEnvironmentVariable("WEBSITE_INSTANCE_ID") is { Length: > 0 } appService ? appService
        : Environment.GetEnvironmentVariable("HOSTNAME") is { Length: > 0 } host ? host
        : Environment.MachineName;
}
