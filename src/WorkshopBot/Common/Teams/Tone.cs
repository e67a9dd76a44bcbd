namespace WorkshopBot.Common.Teams;

/// <summary>
/// How a message on a card should look. <see cref="Warning"/> (amber) for a refusal and for a form sent back with what is
/// missing or wrong; <see cref="Error"/> (red and bold) only for what must not be missed: a child unsafe now, or a message
/// that did not reach someone (the architecture test ValidationTones lists where red is used).
/// </summary>
public enum Tone
{
    Info,
    Success,
    Warning,
    Error,
}
