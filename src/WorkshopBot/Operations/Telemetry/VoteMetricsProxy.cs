using System.Reflection;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Operations.Telemetry;

/// <summary>
/// Counts votes by operation and outcome around whatever vote store is registered, whatever methods it grows: calls
/// pass through untouched, and a <see cref="VoteResult"/> coming back is counted.
/// </summary>
public class VoteMetricsProxy : DispatchProxy
{
    private IWorkshopVoteStore? _inner;
    private BotMetrics? _metrics;

    public static IWorkshopVoteStore Wrap(IWorkshopVoteStore inner, BotMetrics metrics)
    {
        var proxy = Create<IWorkshopVoteStore, VoteMetricsProxy>();
        var self = (VoteMetricsProxy)(object)proxy;
        self._inner = inner;
        self._metrics = metrics;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        object? result;
        try
        {
            result = targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }

        var operation = targetMethod.Name.Replace("Async", "", StringComparison.Ordinal);
        return result is Task<VoteResult> vote ? CountAsync(vote, operation) : result;
    }

    private async Task<VoteResult> CountAsync(Task<VoteResult> vote, string operation)
    {
        var result = await vote.ConfigureAwait(false);
        _metrics?.Vote(operation, result.Outcome.ToString());
        return result;
    }
}
