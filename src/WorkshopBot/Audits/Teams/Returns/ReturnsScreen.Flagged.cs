using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Audits.Teams;

/// <summary>A page of a section being saved: the return as read, who saves it, the step, what the card carried.</summary>
internal sealed record PageSave(Audit Audit, AuditReturn Return, PersonRef By, int Step, SaveSectionData Data, TypedAnswers Typed);

/// <summary>
/// A page whose identifier warning would be too large for Teams (long answers, multi-byte text): what was typed is not shown
/// back whole but kept, and only what needs checking is shown (see <see cref="ReturnsCard.Flagged"/>).
/// </summary>
public sealed partial class ReturnsScreen
{
    private const string HeldAgain = "What you typed below is kept for you but not saved yet: check it, then save.";

    /// <summary>
    /// Saves the answers of the page without findings in the draft (they passed the check), keeps those with findings that do
    /// not fit on the warning for their author, and answers with the warning for the rest, so nothing typed is lost and no
    /// possible identifier is stored as an answer or shown more than once.
    /// </summary>
    private async Task<InvokeResponse> SaveAroundFindingsAsync(TurnContext turn, PageSave page, IReadOnlyList<AnswerInput> answers,
        IReadOnlyList<FieldFinding> findings, CancellationToken ct)
    {
        var (audit, ret, me, step, data, typed) = page;
        var order = ret.AllQuestions.Select(q => q.Id).ToList();
        var fields = findings.Select(f => f.Field).ToHashSet(StringComparer.Ordinal);
        bool Flagged(AnswerInput a) => fields.Contains($"Question {ret.NumberOf(a.QuestionId)}");
        var flagged = answers.Where(Flagged).OrderBy(a => order.IndexOf(a.QuestionId)).ToList();
        var clean = answers.Where(a => !Flagged(a)).OrderBy(a => order.IndexOf(a.QuestionId)).ToList();
        var ids = flagged.Select(a => a.QuestionId).ToList();
        var cleanIds = clean.Select(a => a.QuestionId).ToList();
        // A safety question's yes or no is saved whether its text is shown or kept (AuditReturn.ValuesSavedBeforeCheck).
        var valueOnly = ret.ChangesSafetyAnswers([], flagged)
            ? ret.ValuesSavedBeforeCheck(flagged).Select(a => a.QuestionId).ToList() : [];
        var safetyNote = valueOnly.Count == 0 ? "" : " " + ReturnsCard.SafetySaved(ret, valueOnly, valueOnly);

        // Measured with the longest message it may carry (every flagged answer kept, any alert's note), so the card sent is
        // no larger.
        var longest = (ret.ChangesSafetyAnswers(clean, flagged) ? LongestConcernNote(audit, ret) + " " : "")
            + ReturnsCard.FlaggedMessage(ret, cleanIds, ids) + safetyNote
            + ReturnsCard.KeptNote(true, true, ReturnsCard.QuestionNumbers(ret, ids));
        var fit = ReturnsCard.FlaggedThatFit(audit, ret, step, data.Page, typed, findings, ids, longest);
        var (hold, removed, cut, notChecked) = Keepable(ret, flagged.Skip(fit), findings);
        var shown = ids.Take(fit).ToList();
        var message = ReturnsCard.FlaggedMessage(ret, cleanIds, hold.Select(a => a.QuestionId).ToList()) + safetyNote
            + ReturnsCard.KeptNote(removed, cut, notChecked.Count > 0 ? ReturnsCard.QuestionNumbers(ret, notChecked) : null);
        if (clean.Count == 0 && hold.Count == 0 && valueOnly.Count == 0)
        {
            return Reply.Card(ReturnsCard.Flagged(audit, ret, step, data.Page, typed, findings, shown, message));
        }

        var changed = await store.ChangeReturnAsync(ret.Id,
            r => r.SaveSection(data.SectionId, clean, data.Version, me, time.GetUtcNow(), hold,
                flagged.Where(a => hold.All(h => h.QuestionId != a.QuestionId)).ToList()), ct).ConfigureAwait(false);
        if (!changed.Saved)
        {
            // Submitted or saved elsewhere since, or refused: what was typed is shown back as not saved, fitted to the card.
            var now = changed.Value ?? ret;
            if (!now.IsReadOnly && changed.Result.Error?.Kind == DomainErrorKind.Stale)
            {
                return await StaleSectionAsync(turn, page with { Return = now }, answers, ct).ConfigureAwait(false);
            }

            return now.IsReadOnly
                ? await SubmittedSectionAsync(turn, page with { Return = now }, answers, ct).ConfigureAwait(false)
                : await SectionNotSavedAsync(turn, audit, now, step, data.Page, typed, changed.Message + " Nothing was saved.", ct)
                    .ConfigureAwait(false);
        }

        ret = changed.Value!;
        var note = await AfterSectionSavedAsync(audit, ret, me, data.SectionId, clean, hold, [], changed.Result.Value!, ct,
            ret.ValuesSavedBeforeCheck(flagged).Select(a => a.QuestionId).ToList()).ConfigureAwait(false);
        return Reply.Card(ReturnsCard.Flagged(audit, ret, step, data.Page, typed, findings, shown, JoinNotes(note, message)));
    }

    /// <summary>
    /// The answers to keep for their author: each narrative with every finding replaced by a marker (see
    /// <see cref="FreeTextCheck.Keep"/>); an answer whose text could not be checked is not kept.
    /// </summary>
    private static (List<AnswerInput> Kept, bool Removed, bool Cut, List<string> NotChecked) Keepable(AuditReturn ret,
        IEnumerable<AnswerInput> held, IReadOnlyList<FieldFinding> findings)
    {
        var kept = new List<AnswerInput>();
        var notChecked = new List<string>();
        var (removed, cut) = (false, false);
        foreach (var answer in held)
        {
            if (FreeTextCheck.Keep(answer.Narrative, $"Question {ret.NumberOf(answer.QuestionId)}", findings) is not { } text)
            {
                notChecked.Add(answer.QuestionId);
                continue;
            }

            (removed, cut) = (removed || text.Removed, cut || text.Cut);
            kept.Add(answer with { Narrative = text.Text });
        }

        return (kept, removed, cut, notChecked);
    }

    /// <summary>
    /// After a section's answers were saved: the audit-log entry (question ids only, never text), the alert of an immediate
    /// concern raised or withdrawn, the tracker; the note to show the representative about the alert, if any.
    /// <paramref name="valueOnly"/>: the safety questions whose yes or no was saved without the text typed for them.
    /// <paramref name="fromOlderCard"/>: saved from a card older than the return (a new concern, and nothing else on it).
    /// </summary>
    private async Task<string?> AfterSectionSavedAsync(Audit audit, AuditReturn ret, PersonRef me, string sectionId,
        IReadOnlyList<AnswerInput> saved, IReadOnlyList<AnswerInput> held, IReadOnlyList<FieldFinding> confirmed,
        ReturnSaveOutcome outcome, CancellationToken ct, IReadOnlyList<string>? valueOnly = null, bool fromOlderCard = false)
    {
        await trail.RecordAsync(me, "return.section-saved", AuditSubjects.Return, ret.Id, new
        {
            auditId = audit.Id,
            section = sectionId,
            questions = saved.Select(a => a.QuestionId).Concat(valueOnly ?? []),
            valueOnly = valueOnly is { Count: > 0 } ? valueOnly : null,
            version = ret.Version,
            confirmedNotIdentifying = confirmed.Count > 0 ? FreeTextCheck.Describe(confirmed) : null,
            keptNotSaved = held.Count > 0 ? held.Select(a => a.QuestionId) : null,
            fromOlderCard = fromOlderCard ? true : (bool?)null,
        }, ct).ConfigureAwait(false);
        var note = outcome.SafetyConcernRaised || outcome.ConcernDetailsChanged
            ? await RaiseConcernAsync(audit, ret, me, outcome.SafetyConcernRaised, ct).ConfigureAwait(false)
            : outcome.ConcernWithdrawn ? await WithdrawConcernAsync(audit, ret, me, ct).ConfigureAwait(false) : null;
        await tracker.RefreshAsync(audit.Id, ct).ConfigureAwait(false);
        return note;
    }

    /// <summary>The page of <paramref name="section"/> with the first answer kept for its author, if any.</summary>
    private static int? HeldPage(AuditReturn ret, QuestionSection section)
    {
        var pages = ReturnSteps.Pages(ret, section);
        var at = pages.ToList().FindIndex(p => p.Any(q => ret.HeldFor(q.Id) is not null));
        return at < 0 ? null : at;
    }

    /// <summary>
    /// The first card answers the card acted on; the others, more text typed and not saved, follow it in the chat, through the
    /// outbox, whose rows hold them until sent: <see cref="ReturnsCard.FittedCards"/> shows the text on those checked, what may
    /// identify someone replaced by a marker.
    /// </summary>
    private static async Task<InvokeResponse> SendFittedAsync(TurnContext turn, IReadOnlyList<AdaptiveCard> cards,
        CancellationToken ct)
    {
        foreach (var more in cards.Skip(1))
        {
            await turn.SendCardAsync(AdaptiveCardJson.ToJsonElement(more), ct).ConfigureAwait(false);
        }

        return Reply.Card(cards[0]);
    }

    private static string JoinNotes(string? first, string second) => first is null ? second : $"{first} {second}";
}
