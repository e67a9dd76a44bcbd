namespace WorkshopBot.Workshop.Domain;

/// <summary>Which prompt an idea answered.</summary>
public enum IdeaBoardKind
{
    WorkedWell,
    CouldImprove,
    Custom,
}
