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
}
