using WorkshopBot.Briefings.Domain;
using WorkshopBot.Common;

namespace WorkshopBot.Briefings.Teams;

/// <summary>
/// Another feature that keeps a copy of something a briefing said (an action plan keeps the wording of the recommendation
/// each action came from), told of a withdrawal in the withdrawal's own unit of work: what it changes is committed with the
/// withdrawal or not at all, and a withdrawal refused (already withdrawn, or nothing posted) tells it nothing.
/// </summary>
public interface IBriefingWithdrawalFollower
{
    /// <param name="record">The briefing as the withdrawal left it (<paramref name="withdrawal"/> among its withdrawals).</param>
    Task WithdrawnAsync(BriefingRecord record, BriefingWithdrawal withdrawal, PersonRef by, CancellationToken cancellationToken);
}
