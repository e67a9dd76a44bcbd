using WorkshopBot.Audits.Domain;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Storage;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Audits.Teams;

/// <summary>Saving the steps of the audit tool: a page of a section, or the learning-and-grade summary.</summary>
public sealed partial class ReturnsScreen
{
    public async Task<InvokeResponse> SaveSectionAsync(TurnContext turn, SaveSectionData data, CancellationToken ct)
    {
        var represented = await RepresentedAsync(turn, data.AuditId, data.ReturnId, ct).ConfigureAwait(false);
        if (represented.Refused)
        {
            return represented.Refusal;
        }

        var (audit, ret, me) = represented.Value;
        var steps = ReturnSteps.Build(ret);
        var step = data.Step >= 0 && data.Step < steps.Count && steps[data.Step] is { IsSummary: false } named
            && named.Section!.Id == data.SectionId
            ? data.Step
            : steps.FirstOrDefault(s => !s.IsSummary && s.Section!.Id == data.SectionId)?.Index ?? -1;
        if (step < 0)
        {
            // A missing or forged section id must not land on the summary step, which has no section to show.
            return Reply.Card(ReturnsCard.Overview(audit, ret,
                "This card names a section that is not in this audit tool. Nothing was saved.", Tone.Warning));
        }

        var read = ReturnAnswers.TryRead(data, out var answers, out var longTyped, out var inputError);
        // The length before the identifier check: an answer over the limit is never scanned, nor shown back longer than it.
        var over = read ? OverTheLimit(ret, answers) : null;
        var typed = WithinLimit(longTyped);
        if (ret.IsReadOnly)
        {
            return read
                ? await SubmittedSectionAsync(turn, new PageSave(audit, ret, me, step, data, typed), WithoutOverLong(answers, over), ct)
                    .ConfigureAwait(false)
                : await SectionNotSavedAsync(turn, audit, ret, step, data.Page, typed, ReadOnlyRefusal, ct).ConfigureAwait(false);
        }

        if (!read)
        {
            return await SectionRefusedAsync(turn, audit, ret, step, data.Page, typed, inputError!, ct).ConfigureAwait(false);
        }

        if (data.Version != ret.Version)
        {
            return await StaleSectionAsync(turn, new PageSave(audit, ret, me, step, data, typed), WithoutOverLong(answers, over), ct)
                .ConfigureAwait(false);
        }

        var findings = privacy.Scan(answers.Where(a => over?.Answers.Contains(a) != true)
            .Select(a => ($"Question {ret.NumberOf(a.QuestionId)}", a.Narrative)).ToArray());
        if (over is not null || FreeTextCheck.Refuses(findings, data.ConfirmNotIdentifying))
        {
            // Refused for its length as for its text: the safety yes or no saved all the same, the rest waiting (WarnAsync).
            return await WarnAsync(turn, new PageSave(audit, ret, me, step, data, typed), answers, findings, ct, over)
                .ConfigureAwait(false);
        }

        // The questions the card showed, as the return it was drawn from paged them: where its move leads once saved.
        var shown = ShownOn(ret, steps[step].Section!, data.Page);
        var changed = await store.ChangeReturnAsync(ret.Id,
            r => r.SaveSection(data.SectionId, answers, data.Version, me, time.GetUtcNow()), ct).ConfigureAwait(false);
        if (!changed.Saved)
        {
            return changed switch
            {
                { Status: ChangeStatus.Refused, Value: { IsReadOnly: true } now } =>
                    await SubmittedSectionAsync(turn, new PageSave(audit, now, me, step, data, typed), answers, ct).ConfigureAwait(false),
                { Status: ChangeStatus.Refused, Result.Error.Kind: DomainErrorKind.AlreadyDone, Value: { } now } =>
                    await AlreadySavedAsync(audit, now, step, data, answers, ct).ConfigureAwait(false),
                { Status: ChangeStatus.Refused, Result.Error.Kind: DomainErrorKind.Stale, Value: { } now } =>
                    await StaleSectionAsync(turn, new PageSave(audit, now, me, step, data, typed), answers, ct).ConfigureAwait(false),
                { Status: ChangeStatus.Refused } =>
                    await SectionRefusedAsync(turn, audit, ret, step, data.Page, typed, changed.Message + " Nothing was saved.", ct)
                        .ConfigureAwait(false),
                _ => Reply.Card(ReturnsCard.Section(audit, changed.Value ?? ret, step, data.Page, message: changed.Message)),
            };
        }

        ret = changed.Value!;
        var note = await AfterSectionSavedAsync(audit, ret, me, data.SectionId, answers, [], findings, changed.Result.Value!, ct)
            .ConfigureAwait(false);
        if (HeldPage(ret, steps[step].Section!) is { } heldPage)
        {
            // Answers kept from a page too long to show back whole: they open next, whatever the move, until saved.
            return Reply.Card(StepCard(audit, ret, step, heldPage, steps, JoinNotes(note, HeldAgain), Tone.Warning));
        }

        var (nextStep, nextPage) = NextPage(ret, steps, step, shown, data.Move);
        return Reply.Card(StepCard(audit, ret, nextStep, nextPage, steps, note, Tone.Warning));
    }

    private const string ReadOnlyRefusal = "This return has been submitted and is read-only. Nothing was changed.";

    /// <summary>
    /// A save from an older card that carries exactly the answers stored (the button pressed twice, say): answered as the
    /// save it repeats, with the return as it is and, while the return's alert is open, where that alert went; nothing is
    /// saved or sent again.
    /// </summary>
    private async Task<InvokeResponse> AlreadySavedAsync(Audit audit, AuditReturn ret, int step, SaveSectionData data,
        IReadOnlyList<AnswerInput> answers, CancellationToken ct)
    {
        var open = ret.HasImmediateConcern ? await safety.OpenAlertAsync(audit, ret, ct).ConfigureAwait(false) : null;
        return MovedOn(audit, ret, step, data, answers, open is null ? null : ConcernNote(audit, open));
    }

    /// <summary>
    /// Where a save from an older card leads that left nothing on it unsaved: as a save from the current card would lead, its
    /// questions known by the answers it carried (the older card's pages are not known), with <paramref name="note"/>.
    /// </summary>
    private static InvokeResponse MovedOn(Audit audit, AuditReturn ret, int step, SaveSectionData data,
        IReadOnlyList<AnswerInput> answers, string? note)
    {
        var steps = ReturnSteps.Build(ret);
        var section = steps[step].Section!;
        if (HeldPage(ret, section) is { } heldPage)
        {
            return Reply.Card(StepCard(audit, ret, step, heldPage, steps, JoinNotes(note, HeldAgain), Tone.Warning));
        }

        var typed = section.Questions.Select(q => q.Id).Where(id => answers.Any(a => a.QuestionId == id)).ToList();
        var (nextStep, nextPage) = NextPage(ret, steps, step, typed.Count > 0 ? typed : ShownOn(ret, section, data.Page), data.Move);
        return Reply.Card(StepCard(audit, ret, nextStep, nextPage, steps, note, Tone.Warning));
    }

    /// <summary>
    /// A section card that may not be saved now (the return was submitted, or saved since the card was shown): the return as
    /// it is now, with what was typed on the card that differs from it, so nothing typed is lost with the card it was on.
    /// </summary>
    private async Task<InvokeResponse> SectionNotSavedAsync(TurnContext turn, Audit audit, AuditReturn now, int step,
        int page, TypedAnswers typed, string message, CancellationToken ct, Tone tone = Tone.Warning)
    {
        var unsaved = ReturnsCard.Unsaved(now, typed);
        var card = now.IsReadOnly
            ? ReturnsCard.Overview(audit, now, message, tone, unsaved)
            : ReturnsCard.Section(audit, now, step, page, message: message, tone: tone, unsaved: unsaved);
        var open = new ReturnRefData(audit.Id, now.Id, now.IsReadOnly ? -1 : step, page);
        return await SendFittedAsync(turn, ReturnsCard.FittedCards(card, audit, now, message, unsaved, open, privacy), ct)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// A page whose answers were refused (one could not be read, or the domain refused one): the page with what was typed on
    /// it, to correct there; when that is too large for Teams, what was typed on cards of its own with a button to the page
    /// as saved (<see cref="ReturnsCard.FittedCards"/>), so the message is shown and nothing typed is lost with the card.
    /// </summary>
    private async Task<InvokeResponse> SectionRefusedAsync(TurnContext turn, Audit audit, AuditReturn ret, int step,
        int page, TypedAnswers typed, string message, CancellationToken ct, IReadOnlyList<FieldFinding>? findings = null)
    {
        var card = ReturnsCard.Section(audit, ret, step, page, typed, findings, message: message);
        var open = new ReturnRefData(audit.Id, ret.Id, step, page);
        var cards = ReturnsCard.FittedCards(card, audit, ret, message, ReturnsCard.Unsaved(ret, typed), open, privacy);
        return await SendFittedAsync(turn, cards, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Alerts the chair and named lead at once; the note that tells the representative who it reached, and whom they must
    /// contact themselves because the bot could not reach them in Teams.
    /// </summary>
    private async Task<string> RaiseConcernAsync(Audit audit, AuditReturn ret, PersonRef me, bool raise, CancellationToken ct)
    {
        var raised = raise
            ? await safety.RaiseAsync(audit, ret, me, ct).ConfigureAwait(false)
            : await safety.UpdateDetailsAsync(audit, ret, me, ct).ConfigureAwait(false);
        return raised is null ? NotSentNote : ConcernNote(audit, raised);
    }

    /// <summary>Where the alert went, for the representative who raised it.</summary>
    private static string ConcernNote(Audit audit, RaisedAlert raised)
    {
        var (reached, unreached) = Recipients(audit, raised);
        return ConcernNote(reached, unreached, !raised.Escalation.IsAcknowledged);
    }

    /// <summary>Whom the alert was sent to, and whom the bot could not reach in Teams, as the representative is told them.</summary>
    private static (List<string> Reached, List<string> Unreached) Recipients(Audit audit, RaisedAlert raised)
    {
        string Name(PersonRef p) => p.IsSamePerson(audit.Chair) ? "the chair" : CardKit.Literal(p.DisplayName);
        // Those it was sent to: a named lead replaced since the alert was raised is sent nothing more of it, nor is the
        // representative themselves (SafetyAlerts).
        var reached = raised.Escalation.RoutedTo
            .Where(p => SafetyAlerts.StillAnswersFor(audit, raised.Escalation, p) && !SafetyAlerts.IsOwnAlert(audit, raised.Escalation, p)
                && !raised.Unreached.Any(u => u.IsSamePerson(p)))
            .Select(Name).ToList();
        return (reached, raised.Unreached.Select(Name).ToList());
    }

    /// <summary>
    /// The representative changed the safety answer to no: an open alert is not cancelled, and the chair and named lead are
    /// told, as is whoever acknowledged it when it already was (SafetyAlerts). The note that tells the representative so;
    /// null when there was no alert to mark.
    /// </summary>
    private async Task<string?> WithdrawConcernAsync(Audit audit, AuditReturn ret, PersonRef me, CancellationToken ct)
    {
        var withdrawn = await safety.WithdrawAsync(audit, ret, me, ct).ConfigureAwait(false);
        if (withdrawn is null)
        {
            return null;
        }

        string Name(PersonRef p) => p.IsSamePerson(audit.Chair) ? "the chair" : CardKit.Literal(p.DisplayName);
        var by = withdrawn.Escalation.AcknowledgedBy is { } acknowledger ? Name(acknowledger) : null;
        return WithdrawnNote(by, withdrawn.Unreached.Select(Name).ToList());
    }

    /// <summary>
    /// Where "Save and continue" or "Save and back" leads from a page of a section that showed <paramref name="shown"/> (its
    /// questions, in order): the page, as the return is paged now, of the question after the last shown (or before the
    /// first); staying, of the first shown. Pages are cut by the answers' lengths, so saving a shorter or longer answer moves
    /// questions between them: a page number alone would skip questions, or show them again.
    /// </summary>
    private static (int Step, int Page) NextPage(AuditReturn ret, IReadOnlyList<ReturnStep> steps, int step,
        IReadOnlyList<string> shown, string? move)
    {
        var section = steps[step].Section!;
        var pages = ReturnSteps.Pages(ret, section).ToList();
        var order = section.Questions.Select(q => q.Id).ToList();
        int PageOf(int question) => Math.Max(0, pages.FindIndex(p => p.Any(q => q.Id == order[question])));
        var first = shown.Count == 0 ? -1 : order.IndexOf(shown[0]);
        var last = shown.Count == 0 ? -1 : order.IndexOf(shown[^1]);
        (first, last) = first < 0 || last < 0 ? (0, order.Count - 1) : (first, last);
        var (nextStep, nextPage) = move switch
        {
            ReturnMoves.Next => last + 1 < order.Count ? (step, PageOf(last + 1)) : (step + 1, 0),
            ReturnMoves.Back => first > 0 ? (step, PageOf(first - 1)) : (step - 1, int.MaxValue),
            _ => (step, order.Count == 0 ? 0 : PageOf(first)),
        };
        nextStep = Math.Max(0, nextStep);
        if (nextStep < steps.Count && !steps[nextStep].IsSummary && nextPage == int.MaxValue)
        {
            nextPage = ReturnSteps.Pages(ret, steps[nextStep].Section!).Count - 1;
        }

        return (nextStep, nextPage == int.MaxValue ? 0 : nextPage);
    }

    /// <summary>The questions of the page of <paramref name="section"/> a card of <paramref name="ret"/> shows (as it clamps it).</summary>
    private static List<string> ShownOn(AuditReturn ret, QuestionSection section, int page)
    {
        var pages = ReturnSteps.Pages(ret, section);
        return pages[Math.Clamp(page, 0, pages.Count - 1)].Select(q => q.Id).ToList();
    }
}
