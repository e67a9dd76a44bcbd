// A child unsafe now never waits on a paperwork state: "yes" pressed on a card of a return submitted since raises the alert
// beside the return, which stays as submitted (see SafetyEscalation.RaiseOnSubmittedReturn).
using System.Globalization;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Common;

namespace WorkshopBot.Audits.Teams;

public sealed partial class SafetyAlerts
{
    /// <summary>
    /// Raises and sends the alert for <paramref name="concerns"/>, new immediate concerns on an older card of the submitted
    /// return <paramref name="ret"/>; logged as <c>safety.raised</c> (<c>afterSubmission</c>). One alert per submission of the
    /// return, whichever of its older cards is pressed and however often: its id is derived from the return and the version
    /// it was submitted at, so a second press, Teams sending the press again, or two presses at once find it raised (two at
    /// once: the store's unique key lets one commit, and the other's turn runs again), and nothing more is sent. Null when it
    /// could not be raised; otherwise the alert and the people the bot could not reach in Teams. While the return's alert
    /// raised before it was submitted is still open, that alert carries the concern instead (<see cref="CarryAsync"/>).
    /// </summary>
    public async Task<RaisedAlert?> RaiseOnSubmittedAsync(Audit audit, AuditReturn ret, IReadOnlyCollection<AnswerInput> concerns,
        PersonRef by, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(ret);
        var id = DerivedIds.Of("safety-after-submission", ret.Id.ToString("D"), ret.Version.ToString(CultureInfo.InvariantCulture));
        if ((await store.GetEscalationAsync(id, ct).ConfigureAwait(false))?.Value is { } already)
        {
            return new RaisedAlert(already, await UnreachedAsync(audit, already, ct).ConfigureAwait(false));
        }

        var alerts = await ForReturnAsync(audit, ret, ct).ConfigureAwait(false);
        if (alerts.FirstOrDefault(e => e.CarriedAfterSubmission == ret.Version) is { } carried)
        {
            // Pressed again, or sent again by Teams: the same answer, and nothing more sent.
            return new RaisedAlert(carried, await UnreachedAsync(audit, carried, ct).ConfigureAwait(false), Updated: true);
        }

        if (alerts.FirstOrDefault(e => !e.IsAcknowledged) is { } open
            && await CarryAsync(audit, ret, open, concerns, by, ct).ConfigureAwait(false) is { } updated)
        {
            return updated;
        }

        var raised = SafetyEscalation.RaiseOnSubmittedReturn(id, audit, ret, concerns, by, time.GetUtcNow(),
            options.Value.SafetyResendAfter);
        if (!raised.Succeeded || !await store.InsertEscalationAsync(raised.Value!, ct).ConfigureAwait(false))
        {
            return null;
        }

        var escalation = raised.Value!;
        var unreached = await SendAsync(audit, escalation, ct).ConfigureAwait(false);
        await trail.RecordAsync(by, "safety.raised", AuditSubjects.Escalation, escalation.Id, new
        {
            auditId = audit.Id,
            returnId = ret.Id,
            caseReference = ret.CaseReference.Value,
            agency = ret.AgencyId,
            routedTo = escalation.RoutedTo.Select(p => p.UserId),
            notReached = unreached.Count,
            afterSubmission = true,
            questions = concerns.Select(c => c.QuestionId),
        }, ct).ConfigureAwait(false);
        return new RaisedAlert(escalation, unreached);
    }

    /// <summary>
    /// The return's alert raised before it was submitted is still open: it carries the concern pressed on the older card, sent
    /// to the chair and named lead as an update (one message each, keyed as a yes again), and logged as <c>safety.reraised</c>
    /// (<c>afterSubmission</c>). Null when it could not be changed (acknowledged meanwhile): a new alert is raised instead.
    /// </summary>
    private async Task<RaisedAlert?> CarryAsync(Audit audit, AuditReturn ret, SafetyEscalation open,
        IReadOnlyCollection<AnswerInput> concerns, PersonRef by, CancellationToken ct)
    {
        var detailsBefore = open.DetailsUpdates;
        var now = time.GetUtcNow();
        var fingerprint = await fingerprints.FunctionAsync(ct).ConfigureAwait(false);
        var changed = await store.ChangeEscalationAsync(open.Id, e =>
        {
            detailsBefore = e.DetailsUpdates;
            return e.CarryOnSubmittedReturn(ret, concerns, now, fingerprint);
        }, ct).ConfigureAwait(false);
        if (!changed.Saved)
        {
            // Two presses at once: the other carried it, and this one sends nothing more.
            return changed.Value is { } same && same.CarriedAfterSubmission == ret.Version
                ? new RaisedAlert(same, await UnreachedAsync(audit, same, ct).ConfigureAwait(false), Updated: true)
                : null;
        }

        var escalation = changed.Value!;
        var detailsChanged = escalation.DetailsUpdates != detailsBefore;
        var message = $"The representative answered yes again at {Moments.DateAndTime(now)}, on an earlier card of their return, "
            + "which they have submitted since: this concern stands"
            + (detailsChanged ? ", and its details have changed." : ". No new details came with it.");
        var unreached = await SendAsync(audit, escalation, ct, (message, $"reraised:{escalation.Reraises}")).ConfigureAwait(false);
        await trail.RecordAsync(by, "safety.reraised", AuditSubjects.Escalation, escalation.Id, new
        {
            auditId = audit.Id,
            returnId = ret.Id,
            reraise = escalation.Reraises,
            detailsChanged,
            notReached = unreached.Count,
            afterSubmission = true,
            questions = concerns.Select(c => c.QuestionId),
        }, ct).ConfigureAwait(false);
        return new RaisedAlert(escalation, unreached, Updated: true);
    }

    /// <summary>Those the alert goes to whom the bot cannot reach in Teams now; nothing is sent.</summary>
    private async Task<List<PersonRef>> UnreachedAsync(Audit audit, SafetyEscalation escalation, CancellationToken ct)
    {
        var channel = (await store.GetChannelAsync(audit.Id, ct).ConfigureAwait(false))?.Value;
        var unreached = new List<PersonRef>();
        foreach (var person in escalation.RoutedTo.Where(p => StillAnswersFor(audit, escalation, p) && !IsOwnAlert(audit, escalation, p)))
        {
            if (channel is null || !await messenger.CanReachAsync(channel, person, ct).ConfigureAwait(false))
            {
                unreached.Add(person);
            }
        }

        return unreached;
    }
}
