using WorkshopBot.Audits.Domain;
using WorkshopBot.Common;

namespace WorkshopBot.Audits.Storage;

/// <summary>
/// Moves an audit on to the stage an event begins (the workshop's first poll, the briefing's first approval, the action
/// plan's first action), in the event's own unit of work, with one <c>audit.stage-changed</c> log line. It never fails
/// the event: an audit not at a stage it can move on from (still Issued, already there or further, closed, not there)
/// stays as it is, and nothing is logged.
/// </summary>
public sealed class AuditStages(AuditStore store, AuditTrail trail)
{
    public const string StageChanged = "audit.stage-changed";

    /// <summary>
    /// Moves the audit on to <paramref name="stage"/> when it can (see <see cref="Audit.AdvanceTo"/>). With the audit as
    /// the caller already read it in this turn (<paramref name="seen"/>), nothing more is read when it cannot move;
    /// a move is made on a fresh read, so it joins the turn's commit and conflicts with any change made since.
    /// </summary>
    public async Task<bool> ReachedAsync(Guid auditId, AuditStatus stage, PersonRef who, Audit? seen, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(who);
        if (seen is not null && !seen.CanAdvanceTo(stage))
        {
            return false;
        }

        var moved = await store.ChangeAuditAsync(auditId, a => a.AdvanceTo(stage), ct).ConfigureAwait(false);
        if (!moved.Saved)
        {
            return false;
        }

        await trail.RecordAsync(who, StageChanged, AuditSubjects.Audit, auditId,
            new { from = moved.Result.Value.ToString(), to = stage.ToString() }, ct).ConfigureAwait(false);
        return true;
    }
}
