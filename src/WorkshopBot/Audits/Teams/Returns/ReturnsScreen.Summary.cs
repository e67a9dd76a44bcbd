using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Storage;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Audits.Teams;

/// <summary>
/// Saving the learning and grade, or the page of them a card shows: only the parts on that card change. When its identifier
/// warning would be too large for Teams, the parts without findings are saved, those with findings shown while the card
/// fits, and the rest kept for their author (<see cref="AuditReturn.HeldLearning"/>), so nothing typed is lost.
/// </summary>
public sealed partial class ReturnsScreen
{
    public async Task<InvokeResponse> SaveSummaryAsync(TurnContext turn, SaveSummaryData data, CancellationToken ct)
    {
        var represented = await RepresentedAsync(turn, data.AuditId, data.ReturnId, ct).ConfigureAwait(false);
        if (represented.Refused)
        {
            return represented.Refusal;
        }

        var (audit, ret, me) = represented.Value;
        var steps = ReturnSteps.Build(ret);
        var step = steps.First(s => s.IsSummary).Index;

        // A card sent before cards named their inputs had them all.
        var fields = data.Fields is null ? ReturnSummaryFields.All
            : ReturnSummaryFields.All.Where(f => data.Fields.Contains(f, StringComparer.Ordinal)).ToList();
        if (data.Version != ret.Version || ret.IsReadOnly)
        {
            // Refused (nothing typed on an older card is saved over newer answers), unless it carries exactly what is stored
            // (Save pressed twice), which is answered as the save it repeats.
            var refusal = ret.SaveSummary(SummaryInput(data, data.Fields is null ? null : fields), data.Version, me, time.GetUtcNow());
            return refusal.Error?.Kind == DomainErrorKind.AlreadyDone
                ? AlreadySavedSummary(audit, ret, step, fields, data)
                : await NotEditableAsync(turn, audit, ret, step, refusal.Message, WithinLimit(data), ct).ConfigureAwait(false);
        }

        // The length before the identifier check: a part over the limit is refused at once, never scanned at length, and shown
        // back no longer than its input allows.
        if (OverTheLimit(data, fields) is { } tooLong)
        {
            var message = tooLong + " Nothing was saved.";
            var shownBack = WithinLimit(data);
            var card = ReturnsCard.Summary(audit, ret, step, shownBack, message: message, page: data.Page, shown: fields);
            var open = new ReturnRefData(audit.Id, ret.Id, step, data.Page);
            return await SendFittedAsync(turn, ReturnsCard.FittedCards(card, audit, ret, message, ReturnsCard.Unsaved(ret, shownBack),
                open, privacy), ct).ConfigureAwait(false);
        }

        var findings = privacy.Scan(ReturnSummaryFields.Texts.Where(fields.Contains)
            .Select(f => (ReturnSummaryFields.Label(f), ReturnsCard.TypedText(data, f))).ToArray());
        if (FreeTextCheck.Refuses(findings, data.ConfirmNotIdentifying))
        {
            var warning = ReturnsCard.Summary(audit, ret, step, data, findings, page: data.Page, shown: fields);
            return ReturnsCard.Fits(warning)
                ? Reply.Card(warning)
                : await SaveSummaryAroundFindingsAsync(turn, new SummarySave(audit, ret, me, step, data, fields), findings, ct)
                    .ConfigureAwait(false);
        }

        return await SaveSummaryPartsAsync(turn, new SummarySave(audit, ret, me, step, data, fields), fields,
            System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty, findings, null, ct)
            .ConfigureAwait(false);
    }

    /// <summary>A summary card being saved: the return as read, who saves it, the step, what it carried, the parts on it.</summary>
    private sealed record SummarySave(Audit Audit, AuditReturn Return, PersonRef By, int Step, SaveSummaryData Data,
        IReadOnlyList<string> Fields);

    /// <summary>
    /// Saves the parts of the learning and grade in <paramref name="parts"/> as typed, leaving the others as they are, and
    /// keeps those in <paramref name="hold"/> for their author. With <paramref name="warning"/> (the parts to show with their
    /// findings, and what to say) the answer is that warning; else the step or page the move leads to.
    /// </summary>
    private async Task<InvokeResponse> SaveSummaryPartsAsync(TurnContext turn, SummarySave save, IReadOnlyList<string> parts,
        IReadOnlyDictionary<string, string> hold, IReadOnlyList<FieldFinding> findings,
        (IReadOnlyList<string> Shown, string Message)? warning, CancellationToken ct)
    {
        var (audit, ret, me, step, data, fields) = save;
        var whole = data.Fields is null && hold.Count == 0;
        var summary = SummaryInput(data, whole ? null : parts);
        var changed = await store.ChangeReturnAsync(ret.Id, r => r.SaveSummary(summary, data.Version, me, time.GetUtcNow(), hold), ct)
            .ConfigureAwait(false);
        if (!changed.Saved)
        {
            if (changed is { Status: ChangeStatus.Refused, Result.Error.Kind: DomainErrorKind.AlreadyDone, Value: { } same })
            {
                return AlreadySavedSummary(audit, same, step, fields, data);
            }

            if (changed is { Status: ChangeStatus.Refused, Value: { } now }
                && (now.IsReadOnly || changed.Result.Error?.Kind == DomainErrorKind.Stale))
            {
                return await NotEditableAsync(turn, audit, now, step, changed.Message, data, ct).ConfigureAwait(false);
            }

            var message = changed.Status == ChangeStatus.Refused ? changed.Message + " Nothing was saved." : changed.Message;
            var card = changed.Status == ChangeStatus.Refused
                ? ReturnsCard.Summary(audit, ret, step, data, message: message, page: data.Page, shown: fields)
                : ReturnsCard.Summary(audit, changed.Value ?? ret, step, message: message, page: data.Page);
            var open = new ReturnRefData(audit.Id, ret.Id, step, data.Page);
            var cards = ReturnsCard.FittedCards(card, audit, ret, message, ReturnsCard.Unsaved(ret, data), open, privacy);
            return await SendFittedAsync(turn, cards, ct).ConfigureAwait(false);
        }

        ret = changed.Value!;
        // Names of parts only: never the text.
        await trail.RecordAsync(me, "return.summary-saved", AuditSubjects.Return, ret.Id, new
        {
            auditId = audit.Id,
            grade = ret.GradeKey,
            version = ret.Version,
            confirmedNotIdentifying = findings.Count > 0 && warning is null ? FreeTextCheck.Describe(findings) : null,
            parts = whole ? null : parts,
            keptNotSaved = hold.Count > 0 ? hold.Keys : null,
        }, ct).ConfigureAwait(false);
        await tracker.RefreshAsync(audit.Id, ct).ConfigureAwait(false);
        if (warning is { } w)
        {
            var theirs = findings.Where(f => w.Shown.Select(ReturnSummaryFields.Label).Contains(f.Field)).ToList();
            return Reply.Card(ReturnsCard.Summary(audit, ret, step, data, theirs, w.Message, Tone.Warning, shown: w.Shown));
        }

        var pages = ReturnSteps.SummaryPages(ret);
        if (pages.ToList().FindIndex(p => p.Any(ret.HeldLearning.ContainsKey)) is var heldPage and >= 0)
        {
            // Learning kept from a warning too long to show whole: it opens next, whatever the move, until saved.
            return Reply.Card(ReturnsCard.Summary(audit, ret, step, message: HeldAgain, tone: Tone.Warning, page: heldPage));
        }

        var (nextStep, nextPage) = SummaryMove(ret, steps: ReturnSteps.Build(ret), step, fields, data);
        return Reply.Card(StepCard(audit, ret, nextStep, nextPage, ReturnSteps.Build(ret)));
    }

    /// <summary>The learning and grade typed on a summary card: the parts in <paramref name="parts"/>, or every part (null).</summary>
    private static ReturnSummaryInput SummaryInput(SaveSummaryData data, IReadOnlyList<string>? parts) =>
        new(data.GoodPractice, data.AreasForDevelopment, data.Recommendations, data.Grade, parts);

    /// <summary>
    /// A summary card older than the return that carries exactly what is stored (Save pressed twice): nothing is saved or
    /// logged again, and the answer is the one the save it repeats had, where its move leads.
    /// </summary>
    private static InvokeResponse AlreadySavedSummary(Audit audit, AuditReturn ret, int step, IReadOnlyList<string> fields,
        SaveSummaryData data)
    {
        if (ReturnSteps.SummaryPages(ret).ToList().FindIndex(p => p.Any(ret.HeldLearning.ContainsKey)) is var heldPage and >= 0)
        {
            return Reply.Card(ReturnsCard.Summary(audit, ret, step, message: HeldAgain, tone: Tone.Warning, page: heldPage));
        }

        var steps = ReturnSteps.Build(ret);
        var (nextStep, nextPage) = SummaryMove(ret, steps, step, fields, data);
        return Reply.Card(StepCard(audit, ret, nextStep, nextPage, steps));
    }

    /// <summary>
    /// Where a move leads from a summary card with <paramref name="fields"/>: the page of the next part (or previous), else
    /// the next step (or the last page of the previous); staying, the page of the first part on it.
    /// </summary>
    private static (int Step, int Page) SummaryMove(AuditReturn ret, IReadOnlyList<ReturnStep> steps, int step,
        IReadOnlyList<string> fields, SaveSummaryData data)
    {
        var pages = ReturnSteps.SummaryPages(ret);
        int PageOf(string field) => pages.ToList().FindIndex(p => p.Contains(field));
        var all = ReturnSummaryFields.All;
        var first = fields.Count == 0 ? -1 : all.ToList().IndexOf(fields[0]);
        var last = fields.Count == 0 ? all.Count : all.ToList().IndexOf(fields[^1]);
        switch (data.Move)
        {
            case ReturnMoves.Next:
                return last + 1 < all.Count ? (step, PageOf(all[last + 1])) : (step + 1, 0);
            case ReturnMoves.Back when first > 0:
                return (step, PageOf(all[first - 1]));
            case ReturnMoves.Back:
                var back = Math.Max(0, step - 1);
                return (back, steps[back].IsSummary ? 0 : ReturnSteps.Pages(ret, steps[back].Section!).Count - 1);
            default:
                return (step, first >= 0 ? PageOf(all[first]) : Math.Clamp(data.Page, 0, pages.Count - 1));
        }
    }

    /// <summary>
    /// The summary's identifier warning too large for one card: saves the parts without findings, shows those with findings
    /// that fit, keeps the rest for their author; or, when none is to be saved or kept, answers with the warning alone.
    /// </summary>
    private async Task<InvokeResponse> SaveSummaryAroundFindingsAsync(TurnContext turn, SummarySave save,
        IReadOnlyList<FieldFinding> findings, CancellationToken ct)
    {
        var (audit, ret, _, step, data, fields) = save;
        var labels = findings.Select(f => f.Field).ToHashSet(StringComparer.Ordinal);
        var flagged = fields.Where(f => labels.Contains(ReturnSummaryFields.Label(f))).ToList();
        var clean = fields.Where(f => !flagged.Contains(f)).ToList();
        AdaptiveCard Warning(IReadOnlyList<string> shown, string message) => ReturnsCard.Summary(audit, ret, step, data,
            findings.Where(f => shown.Select(ReturnSummaryFields.Label).Contains(f.Field)).ToList(), message, Tone.Warning,
            shown: shown);

        // Measured with the longest message it may carry (every flagged part kept), so the card sent is no larger.
        var longest = ReturnsCard.SummaryFlaggedMessage(clean.Where(ReturnSummaryFields.Texts.Contains).ToList(), flagged)
            + ReturnsCard.KeptNote(true, true, ReturnsCard.SummaryNames(flagged));
        var fit = 0;
        while (fit < flagged.Count && ReturnsCard.Fits(Warning(flagged.Take(fit + 1).ToList(), longest)))
        {
            fit++;
        }

        var shown = flagged.Take(fit).ToList();
        // Kept for their author with every finding replaced by a marker; a part that could not be checked is not kept.
        var hold = new Dictionary<string, string>(StringComparer.Ordinal);
        var (removed, cut, notChecked) = (false, false, new List<string>());
        foreach (var field in flagged.Skip(fit))
        {
            if (FreeTextCheck.Keep(ReturnsCard.TypedText(data, field), ReturnSummaryFields.Label(field), findings) is { } kept)
            {
                hold[field] = kept.Text ?? string.Empty;
                (removed, cut) = (removed || kept.Removed, cut || kept.Cut);
            }
            else
            {
                notChecked.Add(field);
            }
        }

        var message = ReturnsCard.SummaryFlaggedMessage(clean.Where(ReturnSummaryFields.Texts.Contains).ToList(), hold.Keys)
            + ReturnsCard.KeptNote(removed, cut, notChecked.Count > 0 ? ReturnsCard.SummaryNames(notChecked) : null);
        if (clean.Count == 0 && hold.Count == 0)
        {
            return Reply.Card(Warning(shown, message));
        }

        return await SaveSummaryPartsAsync(turn, save, clean, hold, findings, (shown, message), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// A summary that may not be saved now: submitted (the overview says so) or changed since the card was shown; what was
    /// typed on it that differs from the return as it is now is shown with it.
    /// </summary>
    private async Task<InvokeResponse> NotEditableAsync(TurnContext turn, Audit audit, AuditReturn ret, int step,
        string message, SaveSummaryData typed, CancellationToken ct)
    {
        var unsaved = ReturnsCard.Unsaved(ret, typed);
        var card = ret.IsReadOnly
            ? ReturnsCard.Overview(audit, ret, message, Tone.Warning, unsaved)
            : ReturnsCard.Summary(audit, ret, step, message: message, unsaved: unsaved, page: typed.Page);
        var open = new ReturnRefData(audit.Id, ret.Id, ret.IsReadOnly ? -1 : step, typed.Page);
        return await SendFittedAsync(turn, ReturnsCard.FittedCards(card, audit, ret, message, unsaved, open, privacy), ct)
            .ConfigureAwait(false);
    }
}
