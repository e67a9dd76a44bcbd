// The representative changes the answer behind an open alert: to no (the alert stays open, marked withdrawn) and back to yes
// (the same alert carries the concern again). Never a silent cancellation, never a second alert for one return.
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Common;

namespace WorkshopBot.Audits.Teams;

public sealed partial class SafetyAlerts
{
    /// <summary>
    /// Tells the chair and named lead that the representative changed their answer to no, on each open alert for the return:
    /// the alert is not cancelled but marked "withdrawn by the representative" and re-sent so until acknowledged. Null when
    /// no open alert was marked; otherwise the (first) alert and the people the bot could not reach in Teams.
    /// </summary>
    public async Task<RaisedAlert?> WithdrawAsync(Audit audit, AuditReturn ret, PersonRef by, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(ret);
        RaisedAlert? told = null;
        var open = (await ForReturnAsync(audit, ret, ct).ConfigureAwait(false)).Where(e => !e.IsAcknowledged && !e.IsWithdrawn);
        foreach (var alert in open)
        {
            var changed = await store.ChangeEscalationAsync(alert.Id, e => e.Withdraw(time.GetUtcNow()), ct).ConfigureAwait(false);
            if (!changed.Saved)
            {
                continue;
            }

            var escalation = changed.Value!;
            var message = $"The representative changed their answer to no at {Moments.DateAndTime(escalation.WithdrawnAt)}. "
                + "This alert stays open until it is acknowledged: check with them that no child is unsafe now.";
            var unreached = await SendAsync(audit, escalation, ct, (message, $"withdrawn:{escalation.Withdrawals}")).ConfigureAwait(false);
            await trail.RecordAsync(by, "safety.withdrawn", AuditSubjects.Escalation, escalation.Id, new
            {
                auditId = audit.Id,
                returnId = ret.Id,
                withdrawal = escalation.Withdrawals,
                notReached = unreached.Count,
            }, ct).ConfigureAwait(false);
            told ??= new RaisedAlert(escalation, unreached);
        }

        return told;
    }

    /// <summary>The alerts raised from this return, oldest first.</summary>
    private async Task<List<SafetyEscalation>> ForReturnAsync(Audit audit, AuditReturn ret, CancellationToken ct) =>
        (await store.ListEscalationsAsync(audit.Id, ct).ConfigureAwait(false))
            .Where(e => e.ReturnId == ret.Id).OrderBy(e => e.RaisedAt).ThenBy(e => e.Id).ToList();

    /// <summary>The return's unacknowledged alert (the oldest, should an older version have left two), or null.</summary>
    private async Task<SafetyEscalation?> OpenForReturnAsync(Audit audit, AuditReturn ret, CancellationToken ct) =>
        (await ForReturnAsync(audit, ret, ct).ConfigureAwait(false)).FirstOrDefault(e => !e.IsAcknowledged);

    /// <summary>
    /// The representative answered yes again while the return's alert is open: that alert carries the concern again, sent as
    /// an update. Null when it could not be changed (acknowledged meanwhile, say): a new alert is raised instead.
    /// </summary>
    private async Task<RaisedAlert?> ReraiseAsync(Audit audit, AuditReturn ret, SafetyEscalation open, PersonRef by,
        CancellationToken ct)
    {
        var detailsBefore = open.DetailsUpdates;
        var changed = await store.ChangeEscalationAsync(open.Id, e =>
        {
            detailsBefore = e.DetailsUpdates;
            return e.Reraise(ret);
        }, ct).ConfigureAwait(false);
        if (!changed.Saved)
        {
            return null;
        }

        var escalation = changed.Value!;
        var detailsChanged = escalation.DetailsUpdates != detailsBefore;
        var message = $"The representative answered yes again at {Moments.DateAndTime(time.GetUtcNow())}: this concern stands"
            + (detailsChanged ? ", and its details have changed." : ".");
        var unreached = await SendAsync(audit, escalation, ct, (message, $"reraised:{escalation.Reraises}")).ConfigureAwait(false);
        await trail.RecordAsync(by, "safety.reraised", AuditSubjects.Escalation, escalation.Id, new
        {
            auditId = audit.Id,
            returnId = ret.Id,
            reraise = escalation.Reraises,
            detailsChanged,
            notReached = unreached.Count,
        }, ct).ConfigureAwait(false);
        return new RaisedAlert(escalation, unreached);
    }

    /// <summary>What the updated card says: the chair is told of a change even when it lies beyond the part the alert shows.</summary>
    private static string DetailsChangedMessage(SafetyEscalation escalation) =>
        escalation.Details.EndsWith(SafetyEscalation.MoreInTheReturn, StringComparison.Ordinal)
        || escalation.Details.Length > SafetyCard.ConcernShown
            ? "The representative has added to or changed the details of this concern. The alert shows only the first part: "
                + "the change may be further on, in the return."
            : "The representative has added to or changed the details of this concern.";
}
