namespace WorkshopBot.Workshop.Domain;

/// <summary>
/// Everything one vote needs, read in one go and none of it growing with the poll: the poll's rules, whether the voter
/// joined, the voter's own dots (with the version they were read at) and the poll's running counts. A vote is decided
/// here and written only if the voter's version and the poll's state are still the ones read.
/// </summary>
public sealed record VoterState(
    PollVotingRules? Rules,
    bool Joined,
    long Version,
    IReadOnlyDictionary<string, int> Ballot,
    IReadOnlyList<OptionTally> Tally,
    int Voters,
    int Participants)
{
    public int Used => Ballot.Values.Sum();

    /// <summary>Adds (+1) or takes back (-1) one dot on <paramref name="optionId"/>.</summary>
    public VoteDecision MoveDot(Guid workshopId, string voterKey, string optionId, int delta, DateTimeOffset now)
    {
        if (delta is not (1 or -1))
        {
            throw new ArgumentOutOfRangeException(nameof(delta), "A dot is added (+1) or removed (-1) one at a time.");
        }

        if (Refusal(workshopId, now) is { } refused)
        {
            return refused;
        }

        var current = Ballot.GetValueOrDefault(optionId);
        VoteOutcome? outcome = delta > 0
            ? Used + 1 > Rules!.DotsPerVoter ? VoteOutcome.OverBudget
                : current + 1 > Rules.MaxPerOption ? VoteOutcome.OverOptionLimit
                : null
            : current == 0 ? VoteOutcome.NothingToRemove : null;
        if (outcome is { } no)
        {
            return new VoteDecision(new VoteResult(no, Used, Rules!.DotsPerVoter), null);
        }

        var after = new Dictionary<string, int>(Ballot, StringComparer.Ordinal) { [optionId] = current + delta };
        if (after[optionId] == 0)
        {
            after.Remove(optionId);
        }

        return Accept(voterKey, after, now);
    }

    /// <summary>Replaces the voter's choices: one dot on each chosen option.</summary>
    public VoteDecision SetChoices(Guid workshopId, string voterKey, IReadOnlyCollection<string> optionIds, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(optionIds);
        if (Refusal(workshopId, now) is { } refused)
        {
            return refused;
        }

        var chosen = optionIds.Distinct(StringComparer.Ordinal).ToList();
        return chosen.Count > Rules!.DotsPerVoter
            ? new VoteDecision(new VoteResult(VoteOutcome.TooManyChoices, Used, Rules.DotsPerVoter), null)
            : Accept(voterKey, chosen.ToDictionary(o => o, _ => 1, StringComparer.Ordinal), now);
    }

    /// <summary>The state as the voter sees it once <paramref name="change"/> is stored: their ballot, and the counts with it.</summary>
    public VoterState After(VoteChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        // A vote changes one or two options of up to 40: the others are kept as they are, in their order.
        var tally = Tally.ToList();
        foreach (var moved in change.Changes)
        {
            var at = IndexOf(tally, moved.OptionId);
            if (at < 0)
            {
                tally.Add(Changed(new OptionTally(moved.OptionId, 0, 0), moved));
            }
            else
            {
                tally[at] = Changed(tally[at], moved);
            }
        }

        tally.RemoveAll(t => t.Dots <= 0);
        return this with
        {
            Version = change.ExpectedVersion + 1,
            Ballot = change.After,
            Tally = tally,
            Voters = Voters + change.VoterDelta,
        };
    }

    // A poll whose timer has run out is closed, though the phase timer closes it in the store only on its next round.
    private VoteDecision? Refusal(Guid workshopId, DateTimeOffset now)
    {
        VoteOutcome? outcome = Rules is null ? VoteOutcome.UnknownPoll
            : Rules.WorkshopId != workshopId ? VoteOutcome.OtherWorkshop
            : Rules.Status == PollVotingStatus.NotOpen ? VoteOutcome.NotOpen
            : Rules.Status == PollVotingStatus.Closed || Rules.ClosesAt <= now ? VoteOutcome.Closed
            : !Joined ? VoteOutcome.NotParticipant
            : null;
        return outcome is { } no ? new VoteDecision(new VoteResult(no, 0, Rules?.DotsPerVoter ?? 0), null) : null;
    }

    private VoteDecision Accept(string voterKey, Dictionary<string, int> after, DateTimeOffset now)
    {
        var change = new VoteChange(Rules!.PollId, voterKey, Version, Ballot, after, now);
        return new VoteDecision(new VoteResult(VoteOutcome.Accepted, change.UsedAfter, Rules.DotsPerVoter), change);
    }

    private static OptionTally Changed(OptionTally was, (string OptionId, int Before, int After) change) =>
        was with { Dots = was.Dots + change.After - change.Before, Voters = was.Voters + Sign(change.After) - Sign(change.Before) };

    private static int Sign(int dots) => dots > 0 ? 1 : 0;

    private static int IndexOf(List<OptionTally> tally, string optionId)
    {
        for (var i = 0; i < tally.Count; i++)
        {
            if (string.Equals(tally[i].OptionId, optionId, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>A decided vote: its outcome and, when accepted, the change to store.</summary>
public sealed record VoteDecision(VoteResult Result, VoteChange? Change);

/// <summary>
/// One voter's ballot going from <see cref="Before"/> to <see cref="After"/> (dots per option), valid only while their
/// version is still <see cref="ExpectedVersion"/> (0: they have no ballot row yet) and the poll is open; and, when
/// <see cref="WorkshopVersion"/> is set, while what it was decided on in the workshop (the poll's ideas shown, phase and
/// rules) has not changed since that version.
/// </summary>
public sealed record VoteChange(
    string PollId,
    string VoterKey,
    long ExpectedVersion,
    IReadOnlyDictionary<string, int> Before,
    IReadOnlyDictionary<string, int> After,
    DateTimeOffset At)
{
    /// <summary>
    /// The workshop's stored version the vote was decided on; 0 when the commit does not depend on it. The vote counts
    /// only while the poll's basis (its ideas shown, phase and rules) has not moved since that version, whatever else of
    /// the workshop changed.
    /// </summary>
    public long WorkshopVersion { get; init; }

    public int UsedBefore => Before.Values.Sum();

    public int UsedAfter => After.Values.Sum();

    /// <summary>+1 when the voter starts having dots on the poll, -1 when they stop, else 0.</summary>
    public int VoterDelta => (UsedAfter > 0 ? 1 : 0) - (UsedBefore > 0 ? 1 : 0);

    /// <summary>The options whose dots change, in a fixed order.</summary>
    public IEnumerable<(string OptionId, int Before, int After)> Changes => Before.Keys.Union(After.Keys)
        .Order(StringComparer.Ordinal)
        .Select(o => (o, Before.GetValueOrDefault(o), After.GetValueOrDefault(o)))
        .Where(c => c.Item2 != c.Item3);
}
