namespace WorkshopBot.Common;

/// <summary>A refusal with a message that can be shown to the user as it is.</summary>
public sealed record DomainError(DomainErrorKind Kind, string Message);
