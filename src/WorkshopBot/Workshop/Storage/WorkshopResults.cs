using WorkshopBot.Audits.Domain;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Workshop.Storage;

/// <summary>
/// The workshop's outcome for the briefing: ranked visible ideas of every board (each named idea with its agency), the
/// ratified grades and the partnership's recommendations.
/// </summary>
public sealed class WorkshopResults(WorkshopRepository workshops, IWorkshopVoteStore votes) : IWorkshopResults
{
    public async Task<WorkshopOutcome?> GetForAuditAsync(Guid auditId, CancellationToken cancellationToken)
    {
        var sessions = await workshops.ListForAuditAsync(auditId, cancellationToken).ConfigureAwait(false);
        if (sessions.Count == 0)
        {
            return null;
        }

        var ideas = new List<RankedIdea>();
        foreach (var session in sessions)
        {
            foreach (var poll in session.Polls.Where(p => p.Kind == PollKind.IdeaBoard))
            {
                var tally = await votes.TallyAsync(poll.Id, cancellationToken).ConfigureAwait(false);
                foreach (var result in PollSnapshot.Rank(poll.VotableOptions, tally))
                {
                    var item = poll.FindItem(result.OptionId)!;
                    var agency = item.AgencyName
                        ?? await AuthorsAgencyAsync(session, item.AuthorKey, cancellationToken).ConfigureAwait(false);
                    ideas.Add(new RankedIdea(item.Text, poll.Board ?? IdeaBoardKind.Custom, result.Dots, result.Rank, agency,
                        item.ThemeKey, item.CaseReference));
                }
            }
        }

        // A later workshop's ratification of the same case supersedes an earlier one.
        var judgements = sessions.SelectMany(s => s.Judgements)
            .GroupBy(j => j.CaseReference, StringComparer.Ordinal)
            .Select(g => g.OrderBy(j => j.RatifiedAt).Last())
            .OrderBy(j => j.CaseReference, StringComparer.Ordinal)
            .ToList();
        return new WorkshopOutcome(auditId, ideas, judgements)
        {
            Recommendations = sessions.SelectMany(s => s.Recommendations).ToList(),
        };
    }

    // On a named board an idea whose author did not tag an agency was raised by the agency the author joined for
    // (anonymous boards store no author, so their ideas stay unattributed).
    private async Task<string?> AuthorsAgencyAsync(WorkshopSession session, string? authorKey, CancellationToken cancellationToken)
    {
        if (authorKey is null)
        {
            return null;
        }

        var participant = await votes.GetParticipantAsync(session.Id, authorKey, cancellationToken).ConfigureAwait(false);
        return participant?.AgencyName ?? session.AgencyRepresentedBy(authorKey)?.Name;
    }
}
