namespace WorkshopBot.Workshop.Domain;

/// <summary>An agency of the audit as the workshop sees it (for Join and for tagging ideas).</summary>
public sealed record WorkshopAgency(string Id, string Name, string? RepresentativeUserId);
