namespace WorkshopBot.Workshop.Domain;

public enum ResultsVisibility
{
    /// <summary>Counts show as votes arrive.</summary>
    Live,

    /// <summary>Counts show once the poll closes, or when the chair reveals them.</summary>
    HiddenUntilClose,
}
