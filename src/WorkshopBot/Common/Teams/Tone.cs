namespace WorkshopBot.Common.Teams;

/// <summary>How a message on a card should look.</summary>
public enum Tone
{
    Info,
    Success,
    Warning,
    Error,
}
