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
        var byOption = new Dictionary<string, OptionTally>(tally.Count, StringComparer.Ordinal);
        foreach (var counted in tally)
        {
            byOption.Add(counted.OptionId, counted);
        }

        // Indexes sorted by dots, most first, then by their place on the poll: every ballot ranks, so no LINQ sort here.
        var counts = new OptionTally?[options.Count];
        var order = new int[options.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
            counts[i] = byOption.GetValueOrDefault(options[i].Id);
        }

        Array.Sort(order, (a, b) =>
            (counts[b]?.Dots ?? 0).CompareTo(counts[a]?.Dots ?? 0) is var byDots and not 0 ? byDots : a.CompareTo(b));
        var results = new List<OptionResult>(order.Length);
        for (var i = 0; i < order.Length; i++)
        {
            var (option, counted) = (options[order[i]], counts[order[i]]);
            var dots = counted?.Dots ?? 0;
            var rank = i > 0 && results[i - 1].Dots == dots ? results[i - 1].Rank : i + 1;
            results.Add(new OptionResult(option.Id, option.Label, dots, counted?.Voters ?? 0, rank));
        }

        return results;
    }
}
