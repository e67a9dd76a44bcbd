using System.Collections.Concurrent;
using WorkshopBot.Common.Storage;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Workshop.Storage;

/// <summary>
/// Voters this instance has just read or counted, so that their next vote needs no read: the workshop as it was read
/// (the shared view, never changed) with its stored version, and the voter's own state as it stood after their last vote.
/// A vote decided on what is remembered here commits only while the voter's ballot, the poll's status and the workshop
/// are all still as remembered (<see cref="VoteSteps"/>); otherwise the turn runs again from fresh reads. Each entry is
/// used once (taken), so that run, and a voter's second click while the first is in flight, read. Bounded: when full,
/// every entry is let go; and let go with the workshop views when a retention purge runs.
/// </summary>
public sealed class KnownVoters
{
    public const int Capacity = 100_000;

    private readonly ConcurrentDictionary<(string PollId, string PersonKey), KnownVoter> _known = new();

    public KnownVoters(DocumentViews? views = null) => views?.OnCleared(Clear);

    /// <summary>How many voters are remembered now (for tests).</summary>
    internal int Count => _known.Count;

    public bool TryTake(string pollId, string personKey, out KnownVoter known) =>
        _known.TryRemove((pollId, personKey), out known!);

    public void Remember(string pollId, string personKey, KnownVoter known)
    {
        ArgumentNullException.ThrowIfNull(known);
        if (_known.Count >= Capacity)
        {
            _known.Clear();
        }

        // The poll's counts are not kept per voter: the ballot takes them from the poll's copy (IVoterQueries.RecentCounts).
        _known[(pollId, personKey)] = known with { State = known.State with { Tally = [] } };
    }

    public void Clear() => _known.Clear();
}

/// <summary>
/// A voter remembered by <see cref="KnownVoters"/>: the workshop read at <see cref="WorkshopVersion"/>, their state, and the
/// mark taken once their last vote on this instance committed (<see cref="IVoterQueries.NextMark"/>; 0 when remembered from a
/// read): a copy of the poll's counts read before then lacks that vote, so their ballot is not drawn from it.
/// </summary>
public sealed record KnownVoter(WorkshopSession Session, long WorkshopVersion, VoterState State, long CommittedAt);
