// "Yes, a child is unsafe now" pressed on a card of a return submitted since: the return stays as submitted (submitted is
// final unless the chair reopens it), and the alert is raised beside it at once.
using System.Globalization;
using System.Text.Json.Serialization;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Audits.Domain;

public sealed partial class SafetyEscalation
{
    /// <summary>The concern of an alert raised on a submitted return when no details came with it (or none passed the check).</summary>
    public const string NoDetailsOnSubmitted = "Immediate concern raised after the return was submitted; no details were given with it.";

    /// <summary>Ends details cut to fit an alert raised on a submitted return, which holds nothing more of them.</summary>
    private const string CutMark = "\u2026 (cut to fit)";

    /// <summary>
    /// True when the alert was raised from a card of a return already submitted: the return does not record the concern (its
    /// answers are as submitted), so the alert is the only record of it.
    /// </summary>
    [JsonInclude]
    public bool RaisedAfterSubmission { get; private set; }

    /// <summary>
    /// Raises an alert from an older card of a submitted return that says a child is unsafe now where the return does not:
    /// <paramref name="concerns"/> are those answers (immediate-safety questions answered yes, the return saying anything
    /// else), their narratives the details (none when they wait for the identifier check). The return is not changed. The
    /// alert goes even when the details cannot be carried (too long once joined, or refused): cut, or left out.
    /// </summary>
    public static DomainResult<SafetyEscalation> RaiseOnSubmittedReturn(Guid id, Audit audit, AuditReturn auditReturn,
        IReadOnlyCollection<AnswerInput> concerns, PersonRef raisedBy, DateTimeOffset now, TimeSpan? resendAfter = null)
    {
        ArgumentNullException.ThrowIfNull(auditReturn);
        ArgumentNullException.ThrowIfNull(concerns);
        if (!auditReturn.IsReadOnly)
        {
            return Fail(DomainErrorKind.NotAllowed, "This return is not submitted: save the answer on it as usual.");
        }

        if (!AreNewConcerns(auditReturn, concerns))
        {
            return Fail(DomainErrorKind.NotAllowed, "This card records no new immediate concern.");
        }

        var details = SubmittedDetailsOf(concerns);
        var raised = Raise(id, audit, auditReturn.CaseReference, auditReturn.AgencyId, raisedBy, details, now, resendAfter,
            auditReturn.Id);
        if (!raised.Succeeded && raised.Error?.Kind == DomainErrorKind.Invalid && details != NoDetailsOnSubmitted)
        {
            // Details the alert cannot carry (a character no document can hold, say) never hold the alert back.
            raised = Raise(id, audit, auditReturn.CaseReference, auditReturn.AgencyId, raisedBy, NoDetailsOnSubmitted, now,
                resendAfter, auditReturn.Id);
        }

        if (raised.Succeeded)
        {
            raised.Value!.RaisedAfterSubmission = true;
        }

        return raised;
    }
    /// <summary>
    /// The version of the submitted return whose older card's new "yes" this alert carries (it was raised before the return
    /// was submitted, and was still open then): null when none. Each submission's press is carried once.
    /// </summary>
    [JsonInclude]
    public int? CarriedAfterSubmission { get; private set; }

    /// <summary>
    /// "Yes" pressed on an older card of the submitted return while this alert for the return is still open (raised from the
    /// draft, say, and withdrawn when the representative changed to no before submitting): the same alert carries the concern
    /// again (never a second open alert for one return), with the details typed for it when some came, and is no longer
    /// marked withdrawn. It is sent now, so its re-sends count from now. Once per submission of the return: pressed again, or
    /// sent again by Teams, it is already done. An acknowledged alert is not reused: a new one is raised.
    /// </summary>
    public DomainResult CarryOnSubmittedReturn(AuditReturn auditReturn, IReadOnlyCollection<AnswerInput> concerns,
        DateTimeOffset now, Func<string, string> fingerprint)
    {
        ArgumentNullException.ThrowIfNull(auditReturn);
        ArgumentNullException.ThrowIfNull(concerns);
        ArgumentNullException.ThrowIfNull(fingerprint);
        if (auditReturn.Id != ReturnId || !auditReturn.IsReadOnly || !AreNewConcerns(auditReturn, concerns))
        {
            return DomainResult.NotAllowed("This card records no new immediate concern for this alert.");
        }

        if (CarriedAfterSubmission == auditReturn.Version)
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone, "This alert already carries this concern.");
        }

        if (IsAcknowledged)
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone, "This alert has been acknowledged; a new one is raised.");
        }

        // Details the alert cannot carry, or none typed (or none passed the identifier check): it keeps those it has.
        var details = SubmittedDetailsOf(concerns);
        if (details != NoDetailsOnSubmitted && FreeText.Validate(details, "The concern") is null
            && !string.Equals(FreeText.Normalise(details), Details, StringComparison.Ordinal))
        {
            Details = FreeText.Normalise(details);
            DetailsFingerprint = FingerprintOfText(details, fingerprint);
            DetailsUpdates++;
        }

        CarriedAfterSubmission = auditReturn.Version;
        WithdrawnAt = null;
        LastSentAt = now;
        Reraises++;
        Version++;
        return DomainResult.Ok;
    }

    /// <summary>
    /// True when every one of <paramref name="concerns"/> is a yes to an immediate-safety question of the submitted return that
    /// the return does not answer yes.
    /// </summary>
    private static bool AreNewConcerns(AuditReturn auditReturn, IReadOnlyCollection<AnswerInput> concerns) =>
        concerns.Count > 0 && concerns.All(c => c.Value == AnswerValue.Yes && auditReturn.IsSafetyQuestion(c.QuestionId)
            && auditReturn.AnswerTo(c.QuestionId)?.Value != AnswerValue.Yes);

    /// <summary>The concerns' narratives as the alert's details: joined, and cut to fit; or that none came.</summary>
    private static string SubmittedDetailsOf(IReadOnlyCollection<AnswerInput> concerns)
    {
        var narratives = concerns.Select(c => FreeText.Normalise(c.Narrative)).Where(n => n.Length > 0).ToList();
        var details = narratives.Count switch
        {
            0 => NoDetailsOnSubmitted,
            1 => narratives[0],
            _ => string.Join("\n", narratives.Select((n, i) => string.Create(CultureInfo.InvariantCulture, $"Concern {i + 1}: {n}"))),
        };
        return details.Length <= FreeText.DefaultMaxLength ? details
            : TextCut.Prefix(details, FreeText.DefaultMaxLength - CutMark.Length).TrimEnd() + CutMark;
    }
}
