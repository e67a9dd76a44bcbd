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
    /// could not be raised; otherwise the alert and the people the bot could not reach in Teams.
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
