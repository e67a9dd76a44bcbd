
namespace WorkshopBot.Workshop.Domain;

/// <summary>One option's result: dots (or votes), how many people gave them, and its rank (ties share a rank).</summary>
public sealed record OptionResult(string OptionId, string Label, int Dots, int Voters, int Rank);

/// <summary>A poll with its current counts, ranked.</summary>
public sealed record PollSnapshot(Poll Poll, IReadOnlyList<OptionResult> Results, int VoterCount, int Participants)
{
    public int TotalDots => Results.Sum(r => r.Dots);

    public static async Task<PollSnapshot> LoadAsync(WorkshopSession session, Poll poll, IWorkshopVoteStore votes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(poll);
        ArgumentNullException.ThrowIfNull(votes);
        var tally = await votes.TallyAsync(poll.Id, cancellationToken).ConfigureAwait(false);
        var voters = await votes.CountVotersAsync(poll.Id, cancellationToken).ConfigureAwait(false);
        var participants = await votes.CountParticipantsAsync(session.Id, cancellationToken).ConfigureAwait(false);
        return new PollSnapshot(poll, Rank(poll.VotableOptions, tally), voters, participants);
    }

    /// <summary>Options by dots, most first; options keep their order on a tie and share the rank (1, 1, 3).</summary>
    public static IReadOnlyList<OptionResult> Rank(IReadOnlyList<PollOption> options, IReadOnlyList<OptionTally> tally)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tally);
        var byOption = tally.ToDictionary(t => t.OptionId, StringComparer.Ordinal);
        var ordered = options
            .Select((o, index) => (Option: o, Index: index, Tally: byOption.GetValueOrDefault(o.Id)))
            .OrderByDescending(x => x.Tally?.Dots ?? 0)
            .ThenBy(x => x.Index)
            .ToList();
        var results = new List<OptionResult>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var dots = ordered[i].Tally?.Dots ?? 0;
            var rank = i > 0 && results[i - 1].Dots == dots ? results[i - 1].Rank : i + 1;
            results.Add(new OptionResult(ordered[i].Option.Id, ordered[i].Option.Label, dots, ordered[i].Tally?.Voters ?? 0, rank));
        }

        return results;
    }
}
