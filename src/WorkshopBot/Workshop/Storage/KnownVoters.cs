using System.Collections.Concurrent;
using WorkshopBot.Common.Storage;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Workshop.Storage;

/// <summary>
/// Voters this instance has just read or counted, so that their next vote needs no read: the workshop as it was read
/// (the shared view, never changed) with its stored version, and the voter's own state as it stood after their last vote.
/// Also everyone who may vote on a poll this instance has just opened, with an empty ballot
/// (<see cref="Teams.WorkshopAccess.RememberEveryoneAsync"/>).
/// A vote decided on what is remembered here commits only while the voter's ballot, the poll's status and the workshop
/// are all still as remembered (<see cref="VoteSteps"/>); otherwise the turn runs again from fresh reads. Each entry is
/// used once (taken), so that run, and a voter's second click while the first is in flight, read. Bounded: when full,
/// every entry is let go; a poll's are let go when this instance closes it; and all with the workshop views when a
/// retention purge runs.
/// </summary>
public sealed class KnownVoters
{
    public const int Capacity = 100_000;

    private readonly ConcurrentDictionary<(string PollId, string PersonKey), KnownVoter> _known = new();

    public KnownVoters(DocumentViews? views = null) => views?.OnCleared(Clear);

    /// <summary>How many voters are remembered now (for tests).</summary>
    internal int Count => _known.Count;

    // About how many are remembered: ConcurrentDictionary.Count takes every lock of the dictionary, and asked on every vote
    // it made the votes of a burst wait on each other (the twenty-eighth round in ROUNDS.md).
    private int _count;

    public bool TryTake(string pollId, string personKey, out KnownVoter known)
    {
        if (!_known.TryRemove((pollId, personKey), out known!))
        {
            return false;
        }

        Interlocked.Decrement(ref _count);
        return true;
    }

    public void Remember(string pollId, string personKey, KnownVoter known)
    {
        ArgumentNullException.ThrowIfNull(known);
        if (Interlocked.Increment(ref _count) > Capacity)
        {
            Clear();
            Interlocked.Increment(ref _count);
        }

        // The poll's counts are not kept per voter: the ballot takes them from the poll's copy (IVoterQueries.RecentCounts).
        var remembered = known with { State = known.State with { Tally = [] } };
        if (!_known.TryAdd((pollId, personKey), remembered))
        {
            // Already there (a voter's two clicks): replaced, and counted once.
            Interlocked.Decrement(ref _count);
            _known[(pollId, personKey)] = remembered;
        }
    }

    /// <summary>
    /// Remembers every one of <paramref name="personKeys"/> on <paramref name="pollId"/> as <paramref name="known"/> (one
    /// shared entry: it is never changed), in place of what was remembered of them there; none when they would not fit.
    /// </summary>
    public void RememberAll(string pollId, IReadOnlyCollection<string> personKeys, KnownVoter known)
    {
        ArgumentNullException.ThrowIfNull(personKeys);
        ArgumentNullException.ThrowIfNull(known);
        if (Volatile.Read(ref _count) + personKeys.Count > Capacity)
        {
            return;
        }

        foreach (var person in personKeys)
        {
            if (_known.TryAdd((pollId, person), known))
            {
                Interlocked.Increment(ref _count);
            }
            else
            {
                _known[(pollId, person)] = known;
            }
        }
    }

    /// <summary>
    /// Lets go of every voter remembered on <paramref name="pollId"/> (its voting has closed: nobody votes on it again; or
    /// its results were revealed, which what is remembered no longer shows). Walks every entry, so only for a close or a
    /// reveal, never per vote.
    /// </summary>
    public void Forget(string pollId)
    {
        foreach (var entry in _known)
        {
            if (string.Equals(entry.Key.PollId, pollId, StringComparison.Ordinal) && _known.TryRemove(entry.Key, out _))
            {
                Interlocked.Decrement(ref _count);
            }
        }
    }

    public void Clear()
    {
        _known.Clear();
        Interlocked.Exchange(ref _count, 0);
    }
}

/// <summary>
/// A voter remembered by <see cref="KnownVoters"/>: the workshop read at <see cref="WorkshopVersion"/>, their state, and the
/// mark taken once their last vote on this instance committed (<see cref="IVoterQueries.NextMark"/>; 0 when remembered from a
/// read): a copy of the poll's counts read before then lacks that vote, so their ballot is not drawn from it.
/// </summary>
public sealed record KnownVoter(WorkshopSession Session, long WorkshopVersion, VoterState State, long CommittedAt);
