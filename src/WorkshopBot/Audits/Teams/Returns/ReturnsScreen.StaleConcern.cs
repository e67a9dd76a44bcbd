using WorkshopBot.Audits.Domain;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Audits.Teams;

/// <summary>
/// A save from a section card older than the return never overwrites newer answers: what was typed on it is shown back with
/// the return as it is now, and why. But a child unsafe now never waits on an out-of-date card: a new "yes" to an
/// immediate-safety question on it is saved, with its details once they pass the identifier check as on a current card, and
/// the alert raised as a save from a current card raises it (<see cref="AuditReturn.SaveConcernFromOlderCard"/>); the
/// representative is told that the alert went, and which of their other changes were not saved and why. Pressed again, or
/// sent again by Teams, the card finds the yes saved: nothing more is raised or saved, and the answer says where the alert went.
/// </summary>
public sealed partial class ReturnsScreen
{
    private async Task<InvokeResponse> StaleSectionAsync(TurnContext turn, PageSave page, IReadOnlyList<AnswerInput> answers,
        CancellationToken ct)
    {
        var (audit, now, me, step, data, typed) = page;
        var urgent = now.NewConcerns(data.SectionId, answers);
        if (urgent.Count == 0)
        {
            return await NotSavedStaleAsync(turn, page, answers, ct).ConfigureAwait(false);
        }

        var findings = privacy.Scan(urgent.Select(a => ($"Question {now.NumberOf(a.QuestionId)}", a.Narrative)).ToArray());
        var flagged = FreeTextCheck.Refuses(findings, data.ConfirmNotIdentifying)
            ? urgent.Where(a => IsFlagged(now, findings, a)).ToList() : [];
        var clean = urgent.Where(a => !flagged.Contains(a)).ToList();
        var savedSinceBy = now.LastSavedBy;
        var changed = await store.ChangeReturnAsync(now.Id,
            r => r.SaveConcernFromOlderCard(data.SectionId, clean, flagged, data.Version, me, time.GetUtcNow()), ct).ConfigureAwait(false);
        if (!changed.Saved)
        {
            // Submitted meanwhile, or the yes saved by a press a moment before this one; else refused (a forged answer, say).
            var current = changed.Value ?? now;
            return current.IsReadOnly
                ? await SubmittedSectionAsync(turn, page with { Return = current }, answers, ct).ConfigureAwait(false)
                : changed.Result.Error?.Kind is DomainErrorKind.AlreadyDone or DomainErrorKind.Stale
                    ? await NotSavedStaleAsync(turn, page with { Return = current }, answers, ct).ConfigureAwait(false)
                    : await SectionNotSavedAsync(turn, audit, current, step, data.Page, typed, changed.Message + " Nothing was saved.", ct)
                        .ConfigureAwait(false);
        }

        var saved = changed.Value!;
        var valueOnly = flagged.Select(a => a.QuestionId).ToList();
        var note = await AfterSectionSavedAsync(audit, saved, me, data.SectionId, clean, [], flagged.Count == 0 ? findings : [],
            changed.Result.Value!, ct, valueOnly, fromOlderCard: true).ConfigureAwait(false);
        var said = JoinNotes(note, ReturnsCard.SafetySaved(saved, urgent.Select(a => a.QuestionId).ToList(), valueOnly));
        var others = ReturnsCard.UnsavedQuestions(saved, typed).Except(valueOnly, StringComparer.Ordinal).ToList();
        if (others.Count == 0 && flagged.Count == 0)
        {
            // Nothing else on the card differed from the return: answered as the save from a current card it amounts to.
            return MovedOn(audit, saved, step, data, answers, said);
        }

        if (others.Count > 0)
        {
            said += $" Your changes to {ReturnsCard.QuestionNumbers(saved, others)} were not saved. "
                + saved.StaleMessage(data.Version, me, savedSinceBy);
        }

        // The details waiting for the check are shown in their inputs with their findings; the rest typed, as not saved.
        TypedAnswers Of(bool checking) => new(typed.ByQuestion.Where(t => valueOnly.Contains(t.Key) == checking)
            .ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal));
        var card = ReturnsCard.Section(audit, saved, step, data.Page, flagged.Count > 0 ? Of(true) : null,
            flagged.Count > 0 ? findings : null, said, Tone.Warning, ReturnsCard.Unsaved(saved, Of(false)),
            flagged.Count > 0 ? ReturnsCard.OnlySafetySaved : null);
        var open = new ReturnRefData(audit.Id, saved.Id, step, data.Page);
        return await SendFittedAsync(turn, ReturnsCard.FittedCards(card, audit, saved, said, ReturnsCard.Unsaved(saved, typed), open,
            privacy), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// A card older than the return with no new concern on it: answered as the save it repeats when it carries exactly what is
    /// stored (Save pressed twice); else refused, showing the return as it is and what was typed on the card. When a yes on
    /// it is saved already (the first of two presses saved it) and its alert is open, the answer says where the alert went.
    /// </summary>
    private async Task<InvokeResponse> NotSavedStaleAsync(TurnContext turn, PageSave page, IReadOnlyList<AnswerInput> answers,
        CancellationToken ct)
    {
        var (audit, now, me, step, data, typed) = page;
        if (now.Stores(data.SectionId, answers))
        {
            return await AlreadySavedAsync(audit, now, step, data, answers, ct).ConfigureAwait(false);
        }

        var repeated = answers.Any(a => a.Value == AnswerValue.Yes && now.IsSafetyQuestion(a.QuestionId)
            && now.AnswerTo(a.QuestionId)?.Value == AnswerValue.Yes);
        var open = repeated ? await safety.OpenAlertAsync(audit, now, ct).ConfigureAwait(false) : null;
        var why = now.StaleMessage(data.Version, me);
        if (open is null)
        {
            return await SectionNotSavedAsync(turn, audit, now, step, data.Page, typed, why, ct).ConfigureAwait(false);
        }

        var others = ReturnsCard.UnsavedQuestions(now, typed);
        var said = ConcernNote(audit, open)
            + (others.Count == 0 ? " " : $" Your changes to {ReturnsCard.QuestionNumbers(now, others)} were not saved. ") + why;
        return await SectionNotSavedAsync(turn, audit, now, step, data.Page, typed, said, ct, Tone.Warning).ConfigureAwait(false);
    }
}
