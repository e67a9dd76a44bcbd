namespace WorkshopBot.Common;

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
