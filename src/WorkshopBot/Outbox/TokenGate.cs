namespace WorkshopBot.Outbox;

/// <summary>
/// The bot's token for Teams as this instance's sends last found it: one gate every message waits on while the token cannot
/// be had (an expired client secret, an Entra ID outage), rather than each message trying the token every RetryDelay. While
/// it is shut, one message at a time tries the token (the probe), at growing pauses: RetryDelay doubled for each failed
/// probe, up to MaxRetryDelay, less up to a quarter. The others are postponed to the next probe, and wait for its outcome
/// when it is under way; when any send gets a token (the probe, or a turn's own reply, which may probe at once), the gate
/// opens and they all go. Per instance, as the token cache is. Nothing here spends an attempt of a message.
/// </summary>
internal sealed class TokenGate
{
    private readonly Lock _lock = new();
    private int _failures;
    private long _generation;
    private DateTimeOffset _probeAt;
    private TaskCompletionSource? _probe;

    /// <summary>Whether the last send that tried the token got it (no probe is needed).</summary>
    public bool IsOpen => Volatile.Read(ref _failures) == 0;

    /// <summary>
    /// What a send may do at <paramref name="now"/>: go (as the probe, when the gate is shut), wait for the probe under way,
    /// or be postponed to the next probe. <paramref name="mayProbeEarly"/>: a turn's own reply, which probes before the next
    /// probe is due (a person is waiting for it; turns come no faster than people press).
    /// </summary>
    public TokenPass Enter(DateTimeOffset now, bool mayProbeEarly)
    {
        lock (_lock)
        {
            if (_failures == 0)
            {
                return new TokenPass(_generation, Probe: false, null, null);
            }

            if (_probe is { } running)
            {
                return new TokenPass(_generation, Probe: false, running.Task, null);
            }

            if (now >= _probeAt || mayProbeEarly)
            {
                _probe = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                return new TokenPass(_generation, Probe: true, null, null);
            }

            return new TokenPass(_generation, Probe: false, null, _probeAt);
        }
    }

    /// <summary>
    /// A send got a token: the gate opens, and what waits for the probe goes. Returns the time the waiting messages were
    /// postponed to when that is still ahead of <paramref name="now"/> (to bring them forward), else null.
    /// </summary>
    public DateTimeOffset? Had(DateTimeOffset now)
    {
        lock (_lock)
        {
            if (_failures == 0)
            {
                return null;
            }

            _failures = 0;
            _generation++;
            _probe?.TrySetResult();
            _probe = null;
            return _probeAt > now ? _probeAt : null;
        }
    }

    /// <summary>
    /// A send that entered with <paramref name="pass"/> found no token: the first such failure since the gate last changed
    /// shuts it (or, for a probe, pushes the next probe further off); others only learn the time. Returns when the message
    /// is to be tried again (the next probe; now when the gate has opened since).
    /// </summary>
    public DateTimeOffset Failed(TokenPass pass, DateTimeOffset now, Func<int, TimeSpan> pause)
    {
        lock (_lock)
        {
            if (pass.Generation == _generation)
            {
                _generation++;
                _probeAt = now + pause(_failures);
                _failures++;
                _probe?.TrySetResult();
                _probe = null;
            }

            return _failures == 0 ? now : _probeAt;
        }
    }

    /// <summary>
    /// A probe whose send ended without saying whether the token can be had (the send failed before it): what waits for it
    /// goes on, and the first of them probes instead.
    /// </summary>
    public void Left(TokenPass pass)
    {
        if (!pass.Probe)
        {
            return;
        }

        lock (_lock)
        {
            if (pass.Generation == _generation && _probe is { } running)
            {
                running.TrySetResult();
                _probe = null;
            }
        }
    }
}

/// <summary>
/// What <see cref="TokenGate.Enter"/> allows: go (<see cref="Probe"/> when the gate is shut), wait for <see cref="WaitFor"/>
/// (the probe under way) and ask again, or be postponed to <see cref="PostponeTo"/>.
/// </summary>
internal sealed record TokenPass(long Generation, bool Probe, Task? WaitFor, DateTimeOffset? PostponeTo);
