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
    private const string Referral = "WorkshopBot does not make referrals: make any referral through your agency's own procedures now.";

    private const string UntilAcknowledged = "It is sent again as a reminder until it is acknowledged.";

    private const string NotSentNote = "Your immediate concern is saved, but the alert could not be sent: please contact the chair "
        + "directly now. " + Referral;

    /// <summary>
    /// What the card says after a page's text was refused (findings not confirmed, or that no confirmation keeps), or, with
    /// <paramref name="over"/>, after answers on it were refused for their length (not scanned: they wait with those flagged).
    /// </summary>
    private async Task<InvokeResponse> WarnAsync(TurnContext turn, PageSave page, IReadOnlyList<AnswerInput> answers,
        IReadOnlyList<FieldFinding> findings, CancellationToken ct, LengthRefusal? over = null)
    {
        var (audit, ret, me, step, data, typed) = page;
        // Without an answer over the limit, the page is here because its findings refuse it.
        var refuses = over is null || FreeTextCheck.Refuses(findings, data.ConfirmNotIdentifying);
        var shownFindings = refuses ? findings : [];
        bool Waits(AnswerInput a) => (refuses && IsFlagged(ret, findings, a)) || over?.Answers.Contains(a) == true;
        var flagged = answers.Where(Waits).ToList();
        var passed = answers.Where(a => !Waits(a) && ret.IsSafetyQuestion(a.QuestionId)).ToList();
        var valueOnly = ret.ValuesSavedBeforeCheck(flagged).Select(a => a.QuestionId).ToList();
        var saved = passed.Select(a => a.QuestionId).Concat(valueOnly).ToList();
        if (!ret.ChangesSafetyAnswers(passed, flagged))
        {
            if (over is not null)
            {
                return await SectionRefusedAsync(turn, audit, ret, step, data.Page, typed, over.Message + " Nothing was saved.", ct,
                    shownFindings).ConfigureAwait(false);
            }

            var warning = ReturnsCard.Section(audit, ret, step, data.Page, typed, findings);
            return ReturnsCard.Fits(warning)
                ? Reply.Card(warning)
                : await SaveAroundFindingsAsync(turn, page, answers, findings, ct).ConfigureAwait(false);
        }

        // Measured with the longest note the alert may add, so the card sent is no larger (a page refused for its length is
        // fitted once saved, with what was typed on cards of its own if need be: nothing of it may be kept for later).
        var longest = $"{LongestConcernNote(audit, ret)} {ReturnsCard.SafetySaved(ret, saved, valueOnly)}";
        if (over is null && !ReturnsCard.Fits(ReturnsCard.Section(audit, ret, step, data.Page, typed, findings, longest, Tone.Warning)))
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
                ? await SubmittedSectionAsync(turn, page with { Return = now }, WithoutOverLong(answers, over), ct).ConfigureAwait(false)
                : changed.Result.Error?.Kind == DomainErrorKind.Stale
                    ? await StaleSectionAsync(turn, page with { Return = now }, WithoutOverLong(answers, over), ct).ConfigureAwait(false)
                    : Reply.Card(ReturnsCard.Section(audit, ret, step, data.Page, typed, shownFindings,
                        changed.Message + " Nothing was saved."));
        }

        ret = changed.Value!;
        var note = await AfterSectionSavedAsync(audit, ret, me, data.SectionId, passed, [], refuses ? [] : findings,
            changed.Result.Value!, ct, valueOnly).ConfigureAwait(false);
        if (over is not null)
        {
            var said = JoinNotes(note, $"{over.Message} {ReturnsCard.SafetySaved(ret, saved, valueOnly, "you correct them")} "
                + "Nothing else on this page was saved.");
            var card = ReturnsCard.Section(audit, ret, step, data.Page, typed, shownFindings, said, Tone.Warning,
                notSaved: ReturnsCard.OnlySafetySaved);
            var open = new ReturnRefData(audit.Id, ret.Id, step, data.Page);
            return await SendFittedAsync(turn, ReturnsCard.FittedCards(card, audit, ret, said, ReturnsCard.Unsaved(ret, typed), open,
                privacy), ct).ConfigureAwait(false);
        }

        return Reply.Card(ReturnsCard.Section(audit, ret, step, data.Page, typed, findings,
            JoinNotes(note, ReturnsCard.SafetySaved(ret, saved, valueOnly)), Tone.Warning, notSaved: ReturnsCard.OnlySafetySaved));
    }

    private static bool IsFlagged(AuditReturn ret, IReadOnlyList<FieldFinding> findings, AnswerInput answer) =>
        findings.Any(f => f.Field == $"Question {ret.NumberOf(answer.QuestionId)}");

    /// <summary>
    /// What the representative is told of an alert sent: to whom, whom the bot could not reach in Teams, and, while nobody has
    /// acknowledged it (<paramref name="open"/>), that it is sent again until someone does.
    /// </summary>
    private static string ConcernNote(IReadOnlyList<string> reached, IReadOnlyList<string> unreached, bool open = true)
    {
        var sent = reached.Count == 0
            ? "Your immediate concern is saved, but WorkshopBot"
            : $"Your immediate concern has been sent to {string.Join(" and ", reached)}. WorkshopBot";
        var reminded = open ? $"{UntilAcknowledged} " : "";
        return unreached.Count == 0
            ? $"Your immediate concern has been sent to {string.Join(" and ", reached)}. {reminded}{Referral}"
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
            : $"{lead}. WorkshopBot could not reach {string.Join(" or ", unreached)} in Teams to tell them: please contact them directly.";
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
