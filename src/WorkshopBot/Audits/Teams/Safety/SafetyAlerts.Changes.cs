// The representative changes the answer behind an alert: to no (an open alert stays open, marked withdrawn, and is
// still re-sent until acknowledged; an acknowledged one's people are told) and back to yes (the same open alert carries
// the concern again). Never a silent cancellation, never a second open alert for one return.
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Common;

namespace WorkshopBot.Audits.Teams;

public sealed partial class SafetyAlerts
{
    /// <summary>
    /// Tells the chair and named lead that the representative changed their answer to no. Each open alert for the
    /// return is not cancelled but marked "withdrawn by the representative", and re-sent so until acknowledged,
    /// counting from now; the return's latest alert, when already acknowledged, is marked too and those it went to, and
    /// whoever acknowledged it, are sent a short card saying so (they may have acted on it). Each is told once, in the
    /// same unit of work as the mark. Null when no alert was marked; otherwise the (first) alert and the people the bot
    /// could not reach in Teams.
    /// </summary>
    public async Task<RaisedAlert?> WithdrawAsync(Audit audit, AuditReturn ret, PersonRef by, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(ret);
        RaisedAlert? told = null;
        var alerts = await ForReturnAsync(audit, ret, ct).ConfigureAwait(false);
        // An acknowledged alert before the latest carried an earlier yes (one an older version let change to no untold).
        var latest = alerts.LastOrDefault()?.Id;
        var marked = alerts.Where(e => !e.IsWithdrawn && (!e.IsAcknowledged || e.Id == latest)).ToList();
        // Marked as raised, their gates entered by id first: the one order within a kind (see DocumentGates).
        await store.EnterEscalationsInOrderAsync(marked.Select(e => e.Id), ct).ConfigureAwait(false);
        foreach (var alert in marked)
        {
            var changed = await store.ChangeEscalationAsync(alert.Id, e => e.Withdraw(time.GetUtcNow()), ct).ConfigureAwait(false);
            if (!changed.Saved)
            {
                continue;
            }

            // Acknowledged meanwhile, or before: told with the short card either way.
            var escalation = changed.Value!;
            var unreached = escalation.IsAcknowledged
                ? await SendWithdrawnAfterAcknowledgementAsync(audit, escalation, ct).ConfigureAwait(false)
                : await SendAsync(audit, escalation, ct, (OpenWithdrawnMessage(escalation), WithdrawnKey(escalation)))
                    .ConfigureAwait(false);
            await trail.RecordAsync(by, "safety.withdrawn", AuditSubjects.Escalation, escalation.Id, new
            {
                auditId = audit.Id,
                returnId = ret.Id,
                withdrawal = escalation.Withdrawals,
                afterAcknowledgement = escalation.IsAcknowledged,
                notReached = unreached.Count,
            }, ct).ConfigureAwait(false);
            told ??= new RaisedAlert(escalation, unreached);
        }

        return told;
    }

    /// <summary>
    /// The return's open alert as it stands, and those it goes to whom the bot cannot reach in Teams, to tell the
    /// representative again where it went (a save pressed twice); nothing is sent. Null when none is open.
    /// </summary>
    public async Task<RaisedAlert?> OpenAlertAsync(Audit audit, AuditReturn ret, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(ret);
        if (await OpenForReturnAsync(audit, ret, ct).ConfigureAwait(false) is not { } open)
        {
            return null;
        }

        return new RaisedAlert(open, await UnreachedAsync(audit, open, ct).ConfigureAwait(false));
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
        var now = time.GetUtcNow();
        var fingerprint = await fingerprints.FunctionAsync(ct).ConfigureAwait(false);
        var changed = await store.ChangeEscalationAsync(open.Id, e =>
        {
            detailsBefore = e.DetailsUpdates;
            return e.Reraise(ret, now, fingerprint);
        }, ct).ConfigureAwait(false);
        if (!changed.Saved)
        {
            return null;
        }

        var escalation = changed.Value!;
        var detailsChanged = escalation.DetailsUpdates != detailsBefore;
        var message = $"The representative answered yes again at {Moments.DateAndTime(now)}: this concern stands"
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

    /// <summary>What the open alert, sent again marked withdrawn, says: it stays open, with its reminders, until acknowledged.</summary>
    private static string OpenWithdrawnMessage(SafetyEscalation escalation) =>
        $"The representative changed their answer to no at {Moments.DateAndTime(escalation.WithdrawnAt)}. Nobody has acknowledged "
        + "what they first reported, so this alert stays open, with its reminders, until it is acknowledged: check with them "
        + "that no child is unsafe now.";

    /// <summary>One message per person per withdrawal, however often the representative's save is run again.</summary>
    private static string WithdrawnKey(SafetyEscalation escalation) => $"withdrawn:{escalation.Withdrawals}";

    /// <summary>
    /// Sends the short "withdrawn after acknowledgement" card to those the alert went to who still answer for it and to
    /// whoever acknowledged it (even a named lead replaced since: they may have acted on it). Returns those not reached.
    /// </summary>
    private Task<List<PersonRef>> SendWithdrawnAfterAcknowledgementAsync(Audit audit, SafetyEscalation escalation,
        CancellationToken ct)
    {
        var recipients = escalation.RoutedTo.Where(p => StillAnswersFor(audit, escalation, p)).ToList();
        if (escalation.AcknowledgedBy is { } acknowledger && !recipients.Any(p => p.IsSamePerson(acknowledger)))
        {
            recipients.Add(acknowledger);
        }

        return QueueAsync(audit, recipients, SafetyCard.WithdrawnAfterAcknowledgement(audit, escalation),
            person => $"safety:{escalation.Id:D}:{person.UserId}:{WithdrawnKey(escalation)}", ct);
    }

    /// <summary>What the updated card says: the chair is told of a change even when it lies beyond the part the alert shows.</summary>
    private static string DetailsChangedMessage(SafetyEscalation escalation) =>
        escalation.Details.EndsWith(SafetyEscalation.MoreInTheReturn, StringComparison.Ordinal)
        || escalation.Details.Length > SafetyCard.ConcernShown
            ? "The representative has added to or changed the details of this concern. The alert shows only the first part: "
                + "the change may be further on, in the return."
            : "The representative has added to or changed the details of this concern.";
}
