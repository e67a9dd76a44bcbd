using WorkshopBot.Common;

namespace WorkshopBot.Workshop.Jobs;

// Lanes of conversations that have gone quiet are removed, so a long-running instance keeps none for a workshop long over.
public sealed partial class LiveCardCoalescer
{
    /// <summary>How long a conversation's lane stays once nothing waits in it and nothing is being sent.</summary>
    internal static readonly TimeSpan LaneIdleLifetime = TimeSpan.FromMinutes(5);

    /// <summary>How many conversations have a lane (for tests).</summary>
    internal int LaneCount => _lanes.Count;

    // Caller holds lane.Gate, and the lane has just become idle: nothing waits, nothing is sent, no slot timer is set.
    // Long past the interval, a new lane for the conversation sends at once as this one would have; the shared slots
    // still pace the conversation between instances.
    private void WatchIdle(string conversationId, Lane lane)
    {
        lane.IdleTimer?.Dispose();
        lane.IdleTimer = null;
        if (_stopping || lane.Removed)
        {
            return;
        }

        lane.IdleSince = time.GetUtcNow();
        lane.IdleTimer = Detached.CreateTimer(time, _ => RemoveIfIdle(conversationId, lane), null, LaneIdleLifetime,
            Timeout.InfiniteTimeSpan);
    }

    // Under the lane's gate, so a change can never be added to a lane being removed: MarkChanged takes the gate too,
    // and a change that finds the lane marked removed goes in a new one.
    private void RemoveIfIdle(string conversationId, Lane lane)
    {
        lock (lane.Gate)
        {
            if (lane.Removed || lane.Sending || lane.Dirty.Count > 0 || lane.Timer is not null
                || time.GetUtcNow() < lane.IdleSince + LaneIdleLifetime)
            {
                return;
            }

            lane.Removed = true;
            lane.IdleTimer?.Dispose();
            lane.IdleTimer = null;
            _lanes.TryRemove(new KeyValuePair<string, Lane>(conversationId, lane));
        }
    }

    private sealed class Lane
    {
        public Lock Gate { get; } = new();

        public List<Pending> Dirty { get; } = [];

        public DateTimeOffset? LastSentAt { get; set; }

        /// <summary>When the slot another instance held at this instance's last lost claim is free (null before any).</summary>
        public DateTimeOffset? SlotFreeAt { get; set; }

        public ITimer? Timer { get; set; }

        public bool Sending { get; set; }

        /// <summary>Since when nothing waits in the lane nor is being sent, and the timer that removes it once idle long.</summary>
        public DateTimeOffset IdleSince { get; set; }

        public ITimer? IdleTimer { get; set; }

        /// <summary>Taken out of the coalescer, idle: a change that found it goes in the conversation's new lane.</summary>
        public bool Removed { get; set; }
    }

    private sealed class Pending(Guid workshopId, string pollId)
    {
        public Guid WorkshopId { get; } = workshopId;

        public string PollId { get; } = pollId;

        public bool WaitForQuiet { get; set; }

        /// <summary>How long without changes a change that waits for quiet waits, when longer than one interval.</summary>
        public TimeSpan Quiet { get; set; }

        public DateTimeOffset ChangedAt { get; set; }

        /// <summary>When the first of the changes this card waits with came (for <see cref="LongestQuietWait"/>).</summary>
        public DateTimeOffset FirstChangedAt { get; set; }

        /// <summary>The last send of this card failed, and may have reached Teams all the same.</summary>
        public bool AfterFailure { get; set; }

        /// <summary>
        /// Only a card found behind its counts (<see cref="MarkBehind"/>), no change seen here: let go if the card is current
        /// by the time it would be sent.
        /// </summary>
        public bool CatchUp { get; set; }

        /// <summary>
        /// What the store said of the card, read after every change this entry holds had committed, when its claim of the
        /// slot was lost (null before any lost claim, and again once a newer change joins it): when its slot comes and the
        /// card is recorded as showing at least that, the update sent in the meantime was drawn after those changes.
        /// </summary>
        public ShownVersions? LostClaimRead { get; set; }

        public bool Is(Guid workshopId, string pollId) => WorkshopId == workshopId && PollId == pollId;

        public DateTimeOffset ReadyAt(TimeSpan interval)
        {
            if (!WaitForQuiet)
            {
                return DateTimeOffset.MinValue;
            }

            var quiet = ChangedAt + (Quiet > interval ? Quiet : interval);
            var latest = FirstChangedAt + LongestQuietWait(Quiet);
            return Quiet > interval && latest < quiet ? latest : quiet;
        }

        /// <summary>
        /// A long quiet spell (an idea board's, <see cref="WorkshopOptions.IdeaBoardQuiet"/>, so that typing is not lost) is
        /// waited for at most this long after the first change: a busy board still shows new ideas, and someone still
        /// typing then loses their text at most once in that time. The votes' short quiet spell has no such limit.
        /// </summary>
        public bool WaitedLongEnough(DateTimeOffset now, TimeSpan interval) =>
            Quiet > interval && now >= FirstChangedAt + LongestQuietWait(Quiet);

        private static TimeSpan LongestQuietWait(TimeSpan quiet) => quiet * 3;
    }
}
