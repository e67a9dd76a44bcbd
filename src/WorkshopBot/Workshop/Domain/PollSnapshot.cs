namespace WorkshopBot.Workshop.Domain;

/// <summary>A poll with its current counts, ranked.</summary>
public sealed record PollSnapshot(Poll Poll, IReadOnlyList<OptionResult> Results, int VoterCount, int Participants)
{
    public int TotalDots => Results.Sum(r => r.Dots);

    /// <summary>The poll with the counts of its votable options, as the vote store tallied them.</summary>
    public static PollSnapshot Of(Poll poll, IReadOnlyList<OptionTally> tally, int voters, int participants)
    {
        ArgumentNullException.ThrowIfNull(poll);
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
