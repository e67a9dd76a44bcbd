using System.Text.Encodings.Web;
using System.Text.Json;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Storage;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Audits.Teams;

/// <summary>
/// An immediate-safety answer never waits on the identifier check: a page refused for what its text may identify still
/// saves, at once, what it changes of its safety answers (<see cref="AuditReturn.ValuesSavedBeforeCheck"/>), so the chair
/// and named lead are alerted, or told of a withdrawal, while the author checks the text; the rest waits for the check.
/// </summary>
public sealed partial class ReturnsScreen
{
    private const string Referral = "Make any referral through your agency's own procedures now.";

    private const string NotSentNote = "Your immediate concern is saved, but the alert could not be sent: please contact the chair "
        + "directly now. " + Referral;

    /// <summary>What the card says after a page's text was refused (findings not confirmed, or that no confirmation keeps).</summary>
    private async Task<InvokeResponse> WarnAsync(TurnContext turn, PageSave page, IReadOnlyList<AnswerInput> answers,
        IReadOnlyList<FieldFinding> findings, CancellationToken ct)
    {
        var (audit, ret, me, step, data, typed) = page;
        var flagged = answers.Where(a => IsFlagged(ret, findings, a)).ToList();
        var passed = answers.Where(a => !IsFlagged(ret, findings, a) && ret.IsSafetyQuestion(a.QuestionId)).ToList();
        var valueOnly = ret.ValuesSavedBeforeCheck(flagged).Select(a => a.QuestionId).ToList();
        var saved = passed.Select(a => a.QuestionId).Concat(valueOnly).ToList();
        if (!ret.ChangesSafetyAnswers(passed, flagged))
        {
            var warning = ReturnsCard.Section(audit, ret, step, data.Page, typed, findings);
            return ReturnsCard.Fits(warning)
                ? Reply.Card(warning)
                : await SaveAroundFindingsAsync(turn, page, answers, findings, ct).ConfigureAwait(false);
        }

        // Measured with the longest note the alert may add, so the card sent is no larger.
        var longest = $"{LongestConcernNote(audit, ret)} {ReturnsCard.SafetySaved(ret, saved, valueOnly)}";
        if (!ReturnsCard.Fits(ReturnsCard.Section(audit, ret, step, data.Page, typed, findings, longest, Tone.Warning)))
        {
            return await SaveAroundFindingsAsync(turn, page, answers, findings, ct).ConfigureAwait(false);
        }

        var changed = await store.ChangeReturnAsync(ret.Id,
            r => r.SaveSection(data.SectionId, passed, data.Version, me, time.GetUtcNow(), checking: flagged), ct).ConfigureAwait(false);
        if (!changed.Saved)
        {
            // Saved elsewhere a moment before: as an older card, whose new yes is still saved (StaleSectionAsync).
            var now = changed.Value ?? ret;
            return now.IsReadOnly
                ? await SubmittedSectionAsync(turn, page with { Return = now }, answers, ct).ConfigureAwait(false)
                : changed.Result.Error?.Kind == DomainErrorKind.Stale
                    ? await StaleSectionAsync(turn, page with { Return = now }, answers, ct).ConfigureAwait(false)
                    : Reply.Card(ReturnsCard.Section(audit, ret, step, data.Page, typed, findings,
                        changed.Message + " Nothing was saved."));
        }

        ret = changed.Value!;
        var note = await AfterSectionSavedAsync(audit, ret, me, data.SectionId, passed, [], [], changed.Result.Value!, ct, valueOnly)
            .ConfigureAwait(false);
        return Reply.Card(ReturnsCard.Section(audit, ret, step, data.Page, typed, findings,
            JoinNotes(note, ReturnsCard.SafetySaved(ret, saved, valueOnly)), Tone.Warning, notSaved: ReturnsCard.OnlySafetySaved));
    }

    private static bool IsFlagged(AuditReturn ret, IReadOnlyList<FieldFinding> findings, AnswerInput answer) =>
        findings.Any(f => f.Field == $"Question {ret.NumberOf(answer.QuestionId)}");

    /// <summary>What the representative is told of an alert sent: to whom, and whom the bot could not reach in Teams.</summary>
    private static string ConcernNote(IReadOnlyList<string> reached, IReadOnlyList<string> unreached)
    {
        var sent = reached.Count == 0
            ? "Your immediate concern is saved, but the bot"
            : $"Your immediate concern has been sent to {string.Join(" and ", reached)}. The bot";
        return unreached.Count == 0
            ? $"Your immediate concern has been sent to {string.Join(" and ", reached)}. {Referral}"
            : $"{sent} could not reach {string.Join(" or ", unreached)} in Teams: please contact them directly now. {Referral}";
    }

    /// <summary>What the representative is told when they change their answer to no behind an alert.</summary>
    private static string WithdrawnNote(string? acknowledgedBy, IReadOnlyList<string> unreached)
    {
        const string Open = "You changed your answer to no. The immediate-safety alert you raised stays open until the chair or "
            + "the named lead acknowledges it";
        var lead = acknowledgedBy is not null
            ? $"You changed your answer to no. The immediate-safety alert you raised had already been acknowledged by {acknowledgedBy}"
            : Open;
        return unreached.Count == 0
            ? $"{lead}; they have been told you changed your answer."
            : $"{lead}. The bot could not reach {string.Join(" or ", unreached)} in Teams to tell them: please contact them directly.";
    }

    /// <summary>
    /// The longest note an alert raised, changed or withdrawn by a save of this return may add to its card: every person
    /// named, by the longest of the names it may carry (the chair's, the named lead's, or one of 200 characters, for a lead
    /// replaced since they acknowledged it).
    /// </summary>
    private static string LongestConcernNote(Audit audit, AuditReturn ret)
    {
        static int Bytes(string text) => JsonEncodedText.Encode(text, JavaScriptEncoder.Default).EncodedUtf8Bytes.Length;
        var names = new[] { audit.Chair.DisplayName, audit.FindAgency(ret.AgencyId)?.NamedLead?.DisplayName ?? "", new string('W', 200) };
        var name = names.MaxBy(Bytes)!;
        string[] notes =
        [
            NotSentNote,
            ConcernNote([name, name], []),
            ConcernNote([name], [name]),
            ConcernNote([], [name, name]),
            WithdrawnNote(name, [name, name]),
            WithdrawnNote(null, [name, name]),
        ];
        return notes.MaxBy(Bytes)!;
    }
}
