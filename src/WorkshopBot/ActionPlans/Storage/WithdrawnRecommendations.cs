using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common;
using WorkshopBot.Storage;

namespace WorkshopBot.ActionPlans.Storage;

/// <summary>
/// When a briefing is withdrawn, clears from each action of its audit the recommendation's wording it copied from a version
/// now withdrawn, unless a version that still stands makes the same recommendation (<see cref="RecommendationWording.ToClear"/>):
/// a briefing is withdrawn for what it said, and its text must not stay stored in the action plan. An action stored before
/// its source was kept is found by its wording. The rest of each action is kept as it was. Runs in the withdrawal's own unit
/// of work: every action changed is checked against the version it was read at, and an action created from the briefing
/// at the same moment holds the briefing (<see cref="ActionSources.HoldApprovedAsync"/>), so whichever commits second runs
/// again and either finds the new action here or is refused. One audit-log entry per action cleared, with its numbers only.
/// On SQLite the file is then owed a rewrite, so the wording does not stay in its free space either.
/// </summary>
public sealed class WithdrawnRecommendations(ActionStore actions, ActionSources sources, AuditTrail trail, UnitOfWork work)
    : IBriefingWithdrawalFollower
{
    /// <summary>Audit-log action: an action's copy of a withdrawn recommendation was cleared (numbers only, no text).</summary>
    public const string Cleared = "action.recommendation.cleared";

    public async Task WithdrawnAsync(BriefingRecord record, BriefingWithdrawal withdrawal, PersonRef by,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(withdrawal);
        var audit = await sources.FindAuditAsync(record.AuditId, record.TenantId, cancellationToken).ConfigureAwait(false);
        Func<Briefing, IReadOnlyList<Recommendation>> of = audit is null ? _ => [] : sources.RecommendationsOf(audit);
        var cleared = 0;
        var toClear = (await actions.ListForAuditAsync(record.AuditId, record.TenantId, cancellationToken).ConfigureAwait(false))
            .Where(action => RecommendationWording.ToClear(action, record, of)).ToList();
        // Cleared by number, their gates entered by id first: the one order within a kind (see DocumentGates).
        await actions.EnterInOrderAsync(toClear.Select(a => a.Id), cancellationToken).ConfigureAwait(false);
        foreach (var action in toClear)
        {
            var from = action.RecommendationFrom ?? RecommendationWording.FoundIn(action.Recommendation, record, of);
            var changed = await actions.ChangeAsync(action.Id, a => a.ClearWithdrawnRecommendation(from), cancellationToken)
                .ConfigureAwait(false);
            if (!changed.Saved)
            {
                continue;
            }

            cleared++;
            await trail.RecordAsync(by, Cleared, "action", action.Id, new
            {
                audit = record.AuditId, number = action.Number, briefingVersion = from?.Version, recommendation = from?.Number,
                withdrawnThrough = withdrawal.ThroughVersion,
            }, cancellationToken).ConfigureAwait(false);
        }

        if (cleared > 0)
        {
            work.Store.OweWipe();
        }
    }
}
