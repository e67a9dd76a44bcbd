using WorkshopBot.Audits.Domain;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Audits.Teams;

/// <summary>
/// A section card pressed after its return was submitted saves nothing: submitted is final unless the chair reopens it. But a
/// child unsafe now never waits on a paperwork state: a new "yes" to an immediate-safety question on it raises the alert at
/// once, as a save from a current card would, with the details typed for it once they pass the identifier check (else
/// without them), beside the return, whose answers stay as submitted (the domain records no concern on a submitted return;
/// <see cref="SafetyAlerts.RaiseOnSubmittedAsync"/>). Pressed again, or sent again by Teams, the same alert is found and
/// nothing more is sent; the answer is the same. A "no", or any other change, is refused as read-only as before.
/// </summary>
public sealed partial class ReturnsScreen
{
    /// <summary>What the representative is told after raising an alert from a card of their submitted return.</summary>
    public const string SubmittedReturnUnchanged = "Your submitted return itself has not been changed: it still shows the answers "
        + "you submitted. If it needs correcting, ask the chair to reopen it.";

    private const string NotSentOnSubmitted = "The alert could not be sent: please contact the chair directly now. " + Referral;

    private async Task<InvokeResponse> SubmittedSectionAsync(TurnContext turn, PageSave page, IReadOnlyList<AnswerInput> answers,
        CancellationToken ct)
    {
        var (audit, now, me, step, data, typed) = page;
        var urgent = now.NewConcerns(data.SectionId, answers);
        if (urgent.Count == 0)
        {
            return await SectionNotSavedAsync(turn, audit, now, step, data.Page, typed, ReadOnlyRefusal, ct).ConfigureAwait(false);
        }

        var findings = privacy.Scan(urgent.Select(a => ($"Question {now.NumberOf(a.QuestionId)}", a.Narrative)).ToArray());
        var flagged = FreeTextCheck.Refuses(findings, data.ConfirmNotIdentifying)
            ? urgent.Where(a => IsFlagged(now, findings, a)).Select(a => a.QuestionId).ToList() : [];
        var concerns = urgent.Select(a => flagged.Contains(a.QuestionId) ? a with { Narrative = null } : a).ToList();
        var raised = await safety.RaiseOnSubmittedAsync(audit, now, concerns, me, ct).ConfigureAwait(false);
        var note = raised is null ? NotSentOnSubmitted : raised.Updated ? AlreadyOpenNote(audit, raised) : ConcernNote(audit, raised);
        var said = $"{note} {SubmittedReturnUnchanged}";
        if (flagged.Count > 0)
        {
            said += $" The details you typed for {ReturnsCard.QuestionNumbers(now, flagged)} were not sent with the alert, as they "
                + "may identify someone. Please give them to the chair directly, without the child's name, date of birth, NHS "
                + "number, address or phone number.";
        }

        var others = ReturnsCard.UnsavedQuestions(now, typed).Except(urgent.Select(a => a.QuestionId), StringComparer.Ordinal).ToList();
        if (others.Count > 0)
        {
            said += $" Your changes to {ReturnsCard.QuestionNumbers(now, others)} were not saved.";
        }

        return await SectionNotSavedAsync(turn, audit, now, step, data.Page, typed, said, ct, Tone.Warning).ConfigureAwait(false);
    }

    /// <summary>
    /// What the representative is told when their yes went, as an update, to the return's alert already open (raised before
    /// they submitted it): who has it and was told, and whom the bot could not reach in Teams.
    /// </summary>
    private static string AlreadyOpenNote(Audit audit, RaisedAlert raised)
    {
        var (reached, unreached) = Recipients(audit, raised);
        var told = reached.Count switch
        {
            0 => "Your immediate-safety alert for this return is already open, so no new alert was raised.",
            1 => $"{reached[0]} already has your immediate-safety alert for this return open, and has been told of this update.",
            _ => $"{string.Join(" and ", reached)} already have your immediate-safety alert for this return open, and have been "
                + "told of this update.",
        };
        told = char.ToUpperInvariant(told[0]) + told[1..];
        return unreached.Count == 0
            ? $"{told} {Referral}"
            : $"{told} WorkshopBot could not reach {string.Join(" or ", unreached)} in Teams: please contact them directly now. {Referral}";
    }
}
