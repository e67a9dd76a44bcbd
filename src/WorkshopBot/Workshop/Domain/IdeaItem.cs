using WorkshopBot.Audits.Domain;
namespace WorkshopBot.Workshop.Domain;

/// <summary>
/// An idea on a board. On an anonymous board <see cref="AuthorKey"/> is null from the start: the author is never stored.
/// </summary>
public sealed record IdeaItem(
    string Id,
    string Text,
    string? AuthorKey,
    string? AgencyName,
    string? ThemeKey,
    string? CaseReference,
    bool Hidden,
    string? MergedIntoId,
    DateTimeOffset AddedAt)
{
    public bool IsVisible => !Hidden && MergedIntoId is null;

    /// <summary>
    /// On a named board, the agency its author had joined the workshop for when they added it (<see cref="IdeaCredit"/>):
    /// what an untagged idea is credited to, even once the chair has replaced them as that agency's representative. Null
    /// for an anonymous board's idea and for one stored before this was kept (credited as its author is joined now).
    /// </summary>
    public IdeaCredit? AuthorCredit { get; init; }
}

/// <summary>The agency an idea's author had joined for when they added it; <see cref="AgencyName"/> null when none.</summary>
public sealed record IdeaCredit(string? AgencyName);
