using Microsoft.Extensions.Options;

namespace WorkshopBot.Protocol.Connector;

/// <summary>
/// An optional deadline for the connector calls a caller makes in one async flow (the outbox sets one a safe margin
/// before the lease it holds runs out). Within it, <see cref="ConnectorRetryHandler"/> starts no attempt, and waits for
/// no retry pause, and <see cref="ConversationRateLimitHandler"/> waits for no slot, unless the attempt that follows,
/// bounded by <see cref="BotConnectorOptions.AttemptTimeout"/>, can end by the deadline. The deadline is only compared
/// with the <see cref="TimeProvider"/>'s clock, never timed, so it adds no timer (and test clocks see none). It flows with
/// the async call, like the current HttpContext: one instance serves every caller.
/// </summary>
public sealed class SendDeadline(TimeProvider time, IOptions<BotConnectorOptions> options)
{
    private readonly AsyncLocal<DateTimeOffset?> _current = new();

    /// <summary>The deadline of the calls made in this async flow; null when the caller set none.</summary>
    public DateTimeOffset? Current => _current.Value;

    /// <summary>Sets the deadline for the calls made in this async flow until the result is disposed.</summary>
    public IDisposable Begin(DateTimeOffset deadline)
    {
        var previous = _current.Value;
        _current.Value = deadline;
        return new Scope(this, previous);
    }

    /// <summary>Whether an attempt started after waiting <paramref name="wait"/> from now can end by the deadline.</summary>
    public bool Allows(TimeSpan wait) =>
        _current.Value is not { } deadline || time.GetUtcNow() + wait + options.Value.AttemptTimeout <= deadline;

    /// <summary>
    /// The longest wait from now after which an attempt can still end by the deadline (never negative); null without one.
    /// </summary>
    public TimeSpan? RoomToWait()
    {
        if (_current.Value is not { } deadline)
        {
            return null;
        }

        var room = deadline - options.Value.AttemptTimeout - time.GetUtcNow();
        return room < TimeSpan.Zero ? TimeSpan.Zero : room;
    }

    private sealed class Scope(SendDeadline owner, DateTimeOffset? previous) : IDisposable
    {
        public void Dispose() => owner._current.Value = previous;
    }
}

/// <summary>
/// A send stopped by its <see cref="SendDeadline"/>. Without <see cref="WasCutOff"/>, nothing was sent by the call: no
/// time was left for an attempt to end before the deadline. With it, the caller stopped the send at the deadline while a
/// call was still running, so what it was posting may have reached Teams. No status; transient for whoever sends again
/// later under a new deadline.
/// </summary>
public sealed class SendDeadlineReachedException : ConnectorException
{
    public const string Code = "SendDeadlineReached";

    public SendDeadlineReachedException(DateTimeOffset deadline, Exception? cutOff = null)
        : base(cutOff is null
                ? $"No time is left for an attempt before the send's deadline {deadline:O}: nothing was sent."
                : $"The send was stopped at its deadline {deadline:O}; what it was posting may have reached Teams.",
            null, Code, null, cutOff)
    {
        Deadline = deadline;
    }

    public DateTimeOffset Deadline { get; }

    /// <summary>Stopped while a call was running: what it was posting may have reached Teams.</summary>
    public bool WasCutOff => InnerException is not null;
}
