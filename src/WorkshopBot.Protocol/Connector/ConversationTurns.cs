namespace WorkshopBot.Protocol.Connector;

/// <summary>
/// One request at a time per conversation through <see cref="ConversationRateLimitHandler"/>. Teams counts a request in a
/// conversation's windows when it arrives, and only its answer tells the bot that it has arrived; while a request is on its
/// way (queued on a loaded machine, or on the network) a slot reckoned for the next from the first one's start can be too
/// early, and Teams answers 429. Waiting for the answer first reckons every slot from a time no earlier than Teams'. The
/// outbox already sends a conversation's messages one after another, so this costs it nothing; it matters for callers
/// that send to one conversation at once.
/// </summary>
public sealed class ConversationTurns(TimeProvider timeProvider)
{
    private readonly Dictionary<string, Turn> _turns = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Conversations with a request under way or waiting (for tests and diagnostics).</summary>
    public int Held
    {
        get
        {
            lock (_gate)
            {
                return _turns.Count;
            }
        }
    }

    /// <summary>
    /// Waits, for at most <paramref name="maxWait"/>, until no other request to <paramref name="key"/> is under way; the
    /// returned turn must be disposed when Teams has answered. Past <paramref name="maxWait"/>:
    /// <see cref="RateLimitedException"/> (nothing was sent), to try again a second later.
    /// </summary>
    public async ValueTask<IDisposable> EnterAsync(string key, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        Turn turn;
        lock (_gate)
        {
            if (!_turns.TryGetValue(key, out turn!))
            {
                turn = new Turn(this, key);
                _turns[key] = turn;
            }

            turn.Users++;
        }

        try
        {
            if (turn.Semaphore.Wait(0, CancellationToken.None))
            {
                return turn;
            }

            if (maxWait == TimeSpan.MaxValue || maxWait == Timeout.InfiniteTimeSpan)
            {
                await turn.Semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
                return turn;
            }

            using var timeout = new CancellationTokenSource(maxWait < TimeSpan.Zero ? TimeSpan.Zero : maxWait, timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                await turn.Semaphore.WaitAsync(linked.Token).ConfigureAwait(false);
                return turn;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new RateLimitedException(key, timeProvider.GetUtcNow() + TimeSpan.FromSeconds(1));
            }
        }
        catch
        {
            Leave(turn, entered: false);
            throw;
        }
    }

    private void Leave(Turn turn, bool entered)
    {
        lock (_gate)
        {
            if (entered)
            {
                turn.Semaphore.Release();
            }

            if (--turn.Users == 0)
            {
                _turns.Remove(turn.Key);
                turn.Semaphore.Dispose();
            }
        }
    }

    private sealed class Turn(ConversationTurns owner, string key) : IDisposable
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public string Key { get; } = key;

        public int Users { get; set; }

        public void Dispose() => owner.Leave(this, entered: true);
    }
}
