namespace WorkshopBot.Common.Storage;

/// <summary>How a load-change-save ended.</summary>
public enum ChangeStatus
{
    /// <summary>The change was made; it is saved when the unit of work commits (with everything else the turn does).</summary>
    Saved,

    /// <summary>The domain refused the change; nothing was saved.</summary>
    Refused,

    /// <summary>There is no such document.</summary>
    NotFound,

}

/// <summary>
/// The outcome of <see cref="DocumentChanges.ChangeAsync{T, TResult}"/>: the status, the domain's result (its value on
/// success, its refusal otherwise) and the aggregate as saved, or as last read when nothing was saved.
/// </summary>
public sealed record Changed<T, TResult>(ChangeStatus Status, DomainResult<TResult> Result, T? Value)
    where T : class
{
    public bool Saved => Status == ChangeStatus.Saved;

    /// <summary>The message to show: the domain's refusal, or the one "someone else changed this" answer.</summary>
    public string Message => Result.Message;
}
