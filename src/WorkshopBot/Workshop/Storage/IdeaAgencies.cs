using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Workshop.Storage;

/// <summary>
/// The agency an idea is credited to, the one rule the briefing (<see cref="WorkshopResults"/>) and the CSV export both
/// follow: the agency its author tagged; else, on a named board, the agency its author had joined for when they added it
/// (<see cref="IdeaItem.AuthorCredit"/>: a representative the chair replaced since keeps the ideas they added for the
/// agency, not those added after). An idea stored before that was kept: the agency its author is joined for now (or, never
/// joined, the one they represented when the workshop started). Anonymous boards store no author, so their untagged ideas
/// are credited to no agency. Made for one workshop as read; each author's agency is read once.
/// </summary>
public sealed class IdeaAgencies(WorkshopSession session, IWorkshopVoteStore votes)
{
    private readonly Dictionary<string, string?> _authors = new(StringComparer.Ordinal);

    public async Task<string?> OfAsync(IdeaItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.AgencyName is not null)
        {
            return item.AgencyName;
        }

        if (item.AuthorKey is not { } author)
        {
            return null;
        }

        if (item.AuthorCredit is { } credit)
        {
            return credit.AgencyName;
        }

        if (!_authors.TryGetValue(author, out var agency))
        {
            var participant = await votes.GetParticipantAsync(session.Id, author, cancellationToken).ConfigureAwait(false);
            // Joined for no agency (an observer, or a representative since replaced) is no agency.
            agency = participant is null ? session.AgencyRepresentedBy(author)?.Name : participant.AgencyName;
            _authors[author] = agency;
        }

        return agency;
    }
}
