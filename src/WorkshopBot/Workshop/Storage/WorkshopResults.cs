using WorkshopBot.Audits.Domain;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Workshop.Storage;

/// <summary>
/// The workshop's outcome for the briefing: ranked visible ideas of every board (each with the agency it is credited to,
/// <see cref="IdeaAgencies"/>), the ratified grades and the partnership's recommendations.
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
            var agencies = new IdeaAgencies(session, votes);
            foreach (var poll in session.Polls.Where(p => p.Kind == PollKind.IdeaBoard))
            {
                var tally = await votes.TallyAsync(poll.Id, cancellationToken).ConfigureAwait(false);
                foreach (var result in PollSnapshot.Rank(poll.VotableOptions, tally))
                {
                    var item = poll.FindItem(result.OptionId)!;
                    var agency = await agencies.OfAsync(item, cancellationToken).ConfigureAwait(false);
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
}
