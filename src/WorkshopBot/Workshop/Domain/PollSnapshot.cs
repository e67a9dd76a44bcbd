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

        var counts = new OptionTally?[options.Count];
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = byOption.GetValueOrDefault(options[i].Id);
        }

        // Every ballot ranks, so one sort of plain keys, no comparer: fewer dots sort later, then the later place on the poll.
        var keys = new ulong[options.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = ((ulong)((long)int.MaxValue - (counts[i]?.Dots ?? 0)) << 32) | (uint)i;
        }

        Array.Sort(keys);
        var results = new List<OptionResult>(keys.Length);
        for (var i = 0; i < keys.Length; i++)
        {
            var at = (int)(uint)keys[i];
            var (option, counted) = (options[at], counts[at]);
            var dots = counted?.Dots ?? 0;
            var rank = i > 0 && results[i - 1].Dots == dots ? results[i - 1].Rank : i + 1;
            results.Add(new OptionResult(option.Id, option.Label, dots, counted?.Voters ?? 0, rank));
        }

        return results;
    }
}
