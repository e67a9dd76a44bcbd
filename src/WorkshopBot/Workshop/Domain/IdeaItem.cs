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
}
