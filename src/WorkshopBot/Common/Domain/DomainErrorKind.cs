namespace WorkshopBot.Common;

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
