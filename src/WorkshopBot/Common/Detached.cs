namespace WorkshopBot.Common;

/// <summary>
/// Starts work that outlives the flow starting it (a timer, a background loop, a commit leader serving other requests)
/// without that flow's async-local state. Otherwise the work carries, for as long as it runs, whatever the request that
/// happened to start it had set: its send deadline or rate-limit bound (<c>SendDeadline</c>), its turn's answer budget,
/// its logging scope and trace. A live card's flushes, for one, would keep the first voter's expired deadline.
/// </summary>
public static class Detached
{
    /// <summary><see cref="TimeProvider.CreateTimer"/>, whose callbacks run without the caller's async-local state.</summary>
    public static ITimer CreateTimer(TimeProvider time, TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(time);
        return WithoutFlow(() => time.CreateTimer(callback, state, dueTime, period));
    }

    /// <summary><see cref="Task.Run(Func{Task})"/>, without the caller's async-local state.</summary>
    public static Task Run(Func<Task> work) => WithoutFlow(() => Task.Run(work));

    private static T WithoutFlow<T>(Func<T> start)
    {
        if (ExecutionContext.IsFlowSuppressed())
        {
            return start();
        }

        var flow = ExecutionContext.SuppressFlow();
        try
        {
            return start();
        }
        finally
        {
            flow.Undo();
        }
    }
}
