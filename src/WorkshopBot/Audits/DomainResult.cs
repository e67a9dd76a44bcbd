namespace WorkshopBot.Audits;

/// <summary>Why a domain operation was refused; lets the caller choose a response without parsing text.</summary>
public enum DomainErrorKind
{
    /// <summary>The input breaks a rule (too long, missing, out of range).</summary>
    Invalid,

    /// <summary>Something referred to does not exist (unknown question, case or agency).</summary>
    NotFound,

    /// <summary>Not possible in the current state or for this person (editing a submitted return).</summary>
    NotAllowed,

    /// <summary>The caller worked from an older version; someone else saved in between.</summary>
    Stale,

    /// <summary>The operation already happened (second submit, second acknowledgement); nothing changed.</summary>
    AlreadyDone,
}

/// <summary>A refusal with a message that can be shown to the user as it is.</summary>
public sealed record DomainError(DomainErrorKind Kind, string Message);

/// <summary>The outcome of an intent-named domain operation: success, or a user-facing refusal.</summary>
public sealed record DomainResult
{
    private DomainResult(DomainError? error) => Error = error;

    public static DomainResult Ok { get; } = new(error: null);

    public DomainError? Error { get; }

    public bool Succeeded => Error is null;

    /// <summary>The user-facing message, or empty on success.</summary>
    public string Message => Error?.Message ?? string.Empty;

    public static DomainResult Fail(DomainErrorKind kind, string message) => new(new DomainError(kind, message));

    public static DomainResult Invalid(string message) => Fail(DomainErrorKind.Invalid, message);

    public static DomainResult NotFound(string message) => Fail(DomainErrorKind.NotFound, message);

    public static DomainResult NotAllowed(string message) => Fail(DomainErrorKind.NotAllowed, message);

    public static DomainResult From(DomainError error) => new(error);
}

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
