using WorkshopBot.Storage;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Workshop.Storage;

/// <summary>
/// The read of <see cref="IWorkshopVoteStore.ReadVoterAsync"/>, to go to the database along with another: a vote reads
/// its workshop and the voter's state in one round trip (<see cref="IDocumentStore.GetAlongAsync{T}"/>).
/// </summary>
public interface IVoterQueries
{
    StoreQuery<VoterState> VoterQuery(Guid workshopId, string pollId, string voterKey);

    /// <summary>
    /// The poll's running counts, voters and its workshop's participants as this instance last read them, if that read (or a
    /// later one that found the counts unchanged) was sent at most <paramref name="maxAge"/> ago and after the mark
    /// <paramref name="after"/> was taken (so it holds every commit finished by then); else null.
    /// </summary>
    PollCountsCopy? RecentCounts(string pollId, TimeSpan maxAge, long after);

    /// <summary>A new mark, later than every mark and read taken before it (see <see cref="RecentCounts"/>).</summary>
    long NextMark();

    /// <summary>
    /// The user keys of the workshop's participants (as votes name their voter), at most <paramref name="limit"/> of them:
    /// who may vote when voting opens (<see cref="Teams.WorkshopAccess.RememberEveryoneAsync"/>).
    /// </summary>
    Task<IReadOnlyList<string>> VoterKeysAsync(Guid workshopId, int limit, CancellationToken cancellationToken);
}

/// <summary>A poll's running counts, its voters and its workshop's participants, as read a moment ago.</summary>
public sealed record PollCountsCopy(IReadOnlyList<OptionTally> Tally, int Voters, int Participants);
