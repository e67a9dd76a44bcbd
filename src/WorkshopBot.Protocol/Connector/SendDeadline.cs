using Microsoft.Extensions.Options;

namespace WorkshopBot.Protocol.Connector;

/// <summary>
/// An optional deadline for the connector calls a caller makes in one async flow (the outbox sets one a safe margin
/// before the lease it holds runs out). Within it, <see cref="ConnectorRetryHandler"/> starts no attempt, and waits for
/// no retry pause, and <see cref="ConversationRateLimitHandler"/> waits for no slot, unless the attempt that follows,
/// bounded by <see cref="BotConnectorOptions.AttemptTimeout"/>, can end by the deadline. The deadline is only compared
/// with the <see cref="TimeProvider"/>'s clock, never timed, so it adds no timer (and test clocks see none). It flows with
/// the async call, like the current HttpContext: one instance serves every caller.
/// Two more bounds serve a turn, so that its rate-limit waits and the wait for its replies stay within one budget (Teams
/// gives an invoke about 5 s): <see cref="BeginTurn"/> says when its answer is due, and a read's Retry-After in the turn is
/// not waited past it (the read gets Teams' answer); <see cref="LimitWaits"/> bounds the rate-limit waits of the sends one
/// flow makes (the outbox's delivery of a turn's replies, until the turn is answered): a slot further away fails the send
/// with <see cref="RateLimitedException"/>, nothing sent, and the outbox keeps the message for later.
/// </summary>
public sealed class SendDeadline(TimeProvider time, IOptions<BotConnectorOptions> options)
{
    private readonly AsyncLocal<DateTimeOffset?> _current = new();
    private readonly AsyncLocal<TurnAnswer?> _turn = new();
    private readonly AsyncLocal<DateTimeOffset?> _waitsUntil = new();

    /// <summary>The deadline of the calls made in this async flow; null when the caller set none.</summary>
    public DateTimeOffset? Current => _current.Value;

    /// <summary>Sets the deadline for the calls made in this async flow until the result is disposed.</summary>
    public IDisposable Begin(DateTimeOffset deadline)
    {
        var previous = _current.Value;
        _current.Value = deadline;
        return new Scope(this, previous);
    }

    /// <summary>
    /// Starts a turn in this async flow: its answer is due <paramref name="within"/> from now. Disposing the result ends the
    /// turn for every flow that carries it, so work the turn started and that outlives it (a timer it armed, replies still
    /// being sent after the answer) is not bound by it.
    /// </summary>
    public IDisposable BeginTurn(TimeSpan within)
    {
        var turn = new TurnAnswer(time.GetUtcNow() + within);
        _turn.Value = turn;
        return turn;
    }

    /// <summary>
    /// Until the result is disposed, no rate-limit slot is waited for in this async flow that comes after
    /// <paramref name="until"/> (see <see cref="RoomToWait"/>).
    /// </summary>
    public IDisposable LimitWaits(DateTimeOffset until)
    {
        var previous = _waitsUntil.Value;
        _waitsUntil.Value = until;
        return new WaitsScope(this, previous);
    }

    /// <summary>How long until the turn in this flow is answered (never negative); null outside a turn, or once it is over.</summary>
    public TimeSpan? UntilAnswer()
    {
        if (_turn.Value?.Due is not { } due)
        {
            return null;
        }

        var left = due - time.GetUtcNow();
        return left < TimeSpan.Zero ? TimeSpan.Zero : left;
    }

    /// <summary>Whether an attempt started after waiting <paramref name="wait"/> from now can end by the deadline.</summary>
    public bool Allows(TimeSpan wait) =>
        _current.Value is not { } deadline || time.GetUtcNow() + wait + options.Value.AttemptTimeout <= deadline;

    /// <summary>
    /// The longest wait from now after which an attempt can still end by the deadline and start within
    /// <see cref="LimitWaits"/> (never negative); null without either.
    /// </summary>
    public TimeSpan? RoomToWait()
    {
        var now = time.GetUtcNow();
        TimeSpan? room = _current.Value is { } deadline ? deadline - options.Value.AttemptTimeout - now : null;
        if (_waitsUntil.Value is { } until && (room is null || until - now < room))
        {
            room = until - now;
        }

        return room < TimeSpan.Zero ? TimeSpan.Zero : room;
    }

    /// <summary>When a turn's answer is due; <see cref="Due"/> null once the turn is over.</summary>
    private sealed class TurnAnswer(DateTimeOffset due) : IDisposable
    {
        private long _dueTicks = due.UtcTicks;

        public DateTimeOffset? Due
        {
            get
            {
                var ticks = Interlocked.Read(ref _dueTicks);
                return ticks > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
            }
        }

        public void Dispose() => Interlocked.Exchange(ref _dueTicks, 0);
    }

    private sealed class Scope(SendDeadline owner, DateTimeOffset? previous) : IDisposable
    {
        public void Dispose() => owner._current.Value = previous;
    }

    private sealed class WaitsScope(SendDeadline owner, DateTimeOffset? previous) : IDisposable
    {
        public void Dispose() => owner._waitsUntil.Value = previous;
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
