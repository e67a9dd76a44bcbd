namespace WorkshopBot.Common;

/// <summary>The outcome of a domain operation that produces a value on success.</summary>
public sealed record DomainResult<T>
{
    private DomainResult(T? value, DomainError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public DomainError? Error { get; }

    public bool Succeeded => Error is null;

    public string Message => Error?.Message ?? string.Empty;

    public static DomainResult<T> Ok(T value) => new(value, error: null);

    public static DomainResult<T> Fail(DomainErrorKind kind, string message) => new(default, new DomainError(kind, message));

    public static DomainResult<T> From(DomainError error) => new(default, error);

    /// <summary>The value, or an exception naming the refusal; for callers that have already checked success.</summary>
    public T ValueOrThrow() =>
        Succeeded ? Value! : throw new InvalidOperationException($"Domain operation refused: {Error!.Message}");
}
