using System.Collections.Concurrent;

namespace WorkshopBot.Briefings.Storage;

/// <summary>
/// Team to Microsoft 365 group ids that a read found stored lately. Teams names the group on every activity in a channel,
/// and the router's before-each hook keeps the map (<see cref="BriefingStore.RememberTeamGroupIdAsync"/>): without this,
/// every vote on a shared board in a channel would read the map once more. A pair is trusted for <see cref="TrustFor"/>
/// after a read found it, then read again; a pair not yet stored is never trusted, so a turn whose commit failed cannot
/// leave it unwritten. Bounded: when full, all are let go.
/// </summary>
public sealed class TeamGroupsSeen(TimeProvider time)
{
    public static readonly TimeSpan TrustFor = TimeSpan.FromMinutes(10);

    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, (string GroupId, DateTimeOffset FoundAt)> _found = new(StringComparer.Ordinal);

    /// <summary>True when a read found this very pair stored less than <see cref="TrustFor"/> ago.</summary>
    public bool IsStored(string teamId, string groupId) =>
        _found.TryGetValue(teamId, out var found)
        && string.Equals(found.GroupId, groupId, StringComparison.Ordinal)
        && time.GetUtcNow() - found.FoundAt < TrustFor;

    /// <summary>A read found the pair stored.</summary>
    public void FoundStored(string teamId, string groupId)
    {
        if (_found.Count >= Capacity)
        {
            _found.Clear();
        }

        _found[teamId] = (groupId, time.GetUtcNow());
    }
}
