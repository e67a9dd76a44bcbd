using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;

namespace WorkshopBot.ActionPlans.Domain;

/// <summary>What leads and the chair do to an action; each refuses politely from the wrong state.</summary>
public sealed partial class PlannedAction
{
    /// <summary>The lead's RAG status and progress note. Only while the action is open.</summary>
    public DomainResult RecordProgress(PersonRef by, ActionRag rag, string? note, bool identifierWarningConfirmed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (State != ActionState.Open)
        {
            return NotOpen("take progress updates");
        }

        if (rag == ActionRag.NotReported)
        {
            return DomainResult.Invalid("Choose red, amber or green.");
        }

        var error = string.IsNullOrWhiteSpace(note)
            ? "Add a short progress note."
            : FreeText.Validate(note, "The progress note", MaxNoteLength);
        if (error is null && IsRepeatedProgress(by, rag, FreeText.Normalise(note), now))
        {
            // Pressed twice (a double click, Teams sending again, a second device): the update is kept once.
            return DomainResult.Fail(DomainErrorKind.AlreadyDone, "This update is already saved.");
        }

        return error is not null
            ? DomainResult.Invalid(error)
            : Change(by, () =>
            {
                Rag = rag;
                Updates = [.. Updates, new ActionUpdate(now, by, rag, FreeText.Normalise(note), identifierWarningConfirmed)];
            });
    }

    /// <summary>
    /// True when the action's latest update is <paramref name="by"/>'s, has the same status and note and was saved less than
    /// <see cref="RepeatWindow"/> before <paramref name="now"/>: the same update sent again. Not after another lead's update
    /// in between: the same words again then put the status back, and are kept.
    /// </summary>
    public bool IsRepeatedProgress(PersonRef by, ActionRag rag, string note, DateTimeOffset now) =>
        Updates.LastOrDefault() is { } last
        && last.By.IsSamePerson(by) && last.Rag == rag && string.Equals(last.Note, note, StringComparison.Ordinal)
        && now >= last.At && now - last.At < RepeatWindow;

    /// <summary>The lead says it is done and shows the evidence; the chair signs it off (or sends it back).</summary>
    public DomainResult SubmitEvidence(PersonRef by, string? evidence, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (State != ActionState.Open)
        {
            return NotOpen("be marked complete");
        }

        var error = string.IsNullOrWhiteSpace(evidence)
            ? "Completion needs evidence: say what changed and how you know."
            : FreeText.Validate(evidence, "The evidence", MaxNoteLength);
        return error is not null
            ? DomainResult.Invalid(error)
            : Change(by, () =>
            {
                // Evidence sent before (the chair sent it back) stays in the action's history; an action stored before that
                // history was kept starts it with the one evidence it kept.
                var before = EvidenceHistory;
                State = ActionState.AwaitingSignOff;
                Evidence = FreeText.Normalise(evidence);
                EvidenceBy = by;
                EvidenceAt = now;
                EvidenceNumber++;
                EvidenceSent = [.. before, new SentEvidence(EvidenceNumber, now, by, Evidence)];
            });
    }

    /// <summary>
    /// True unless the action waits for sign-off with evidence other than <paramref name="evidenceNumber"/> (the
    /// <see cref="EvidenceNumber"/> a review card showed; null when the card did not say, which is never taken as seen).
    /// </summary>
    public bool IsEvidenceShown(int? evidenceNumber) => State != ActionState.AwaitingSignOff || evidenceNumber == EvidenceNumber;

    /// <summary>
    /// The chair signs off the evidence they were shown (<paramref name="evidenceShown"/>): refused as
    /// <see cref="DomainErrorKind.Stale"/>, with nothing changed, when the lead has sent other evidence since, or when it
    /// is not known which evidence was shown (see <see cref="IsEvidenceShown"/>).
    /// </summary>
    public DomainResult SignOff(PersonRef chair, int? evidenceShown, DateTimeOffset now) =>
        NotShown(evidenceShown) ?? SignOff(chair, now);

    /// <summary>As <see cref="SignOff(PersonRef, int?, DateTimeOffset)"/>, for sending back the evidence that was shown.</summary>
    public DomainResult ReturnEvidence(PersonRef chair, int? evidenceShown, string? reason, DateTimeOffset now) =>
        NotShown(evidenceShown) ?? ReturnEvidence(chair, reason, now);

    public DomainResult SignOff(PersonRef chair, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(chair);
        return State switch
        {
            ActionState.Completed => DomainResult.Fail(DomainErrorKind.AlreadyDone, $"{Label} is already signed off."),
            ActionState.AwaitingSignOff => Change(chair, () =>
            {
                State = ActionState.Completed;
                FinishedAt = now;
                Changes = [.. Changes, new ActionChange(now, chair, ActionChangeKind.SignedOff, string.Empty, null, null)];
            }),
            _ => DomainResult.NotAllowed($"{Label} has no evidence to sign off yet: the lead marks it complete with evidence first."),
        };
    }

    /// <summary>The chair is not satisfied with the evidence: the action is open again, with the reason.</summary>
    public DomainResult ReturnEvidence(PersonRef chair, string? reason, DateTimeOffset now)
    {
        if (State != ActionState.AwaitingSignOff)
        {
            return DomainResult.NotAllowed($"{Label} is not waiting for sign-off.");
        }

        return WithReason(reason) ?? Change(chair, () =>
        {
            State = ActionState.Open;
            Changes = [.. Changes, new ActionChange(now, chair, ActionChangeKind.EvidenceReturned, FreeText.Normalise(reason), null, null)];
        });
    }

    /// <summary>
    /// Another agency or lead takes the action on; with <paramref name="toPartnership"/>, the partnership itself (whatever
    /// <paramref name="agency"/> says, it is named <see cref="PartnershipOwner"/>).
    /// </summary>
    public DomainResult Reassign(PersonRef chair, string? agency, ActionLead? lead, string? reason, DateTimeOffset now,
        bool toPartnership = false)
    {
        agency = toPartnership ? PartnershipOwner : agency;
        if (!IsActive)
        {
            return NotActive("be reassigned");
        }

        var error = string.IsNullOrWhiteSpace(agency) ? "Choose the agency that owns this action." : null;
        error ??= FreeText.Validate(agency, "The agency", MaxAgencyLength) ?? (lead is null ? "Choose a named lead from the team." : null);
        if (error is not null)
        {
            return DomainResult.Invalid(error);
        }

        if (lead!.Person.IsOfAnotherTenant(TenantId))
        {
            return PersonRef.OutsideOrganisation("lead");
        }

        // Pressed twice (a double click): the second press would record a reassignment that changes nothing, and tell the lead again.
        if (toPartnership == IsPartnershipOwned && AgencyKeyOf(agency) == AgencyKey && IsLedBy(lead!.Person))
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone,
                $"{Label} is already with {MarkdownText.Escape(OwnerAgency)}, led by {MarkdownText.Escape(Lead.Person.DisplayName)}.");
        }

        var from = $"{OwnerAgency} ({Lead.Person.DisplayName})";
        var newLead = !IsLedBy(lead!.Person);
        return WithReason(reason) ?? Change(chair, () =>
        {
            OwnerAgency = FreeText.Normalise(agency);
            OwnedByPartnership = toPartnership;
            Lead = OfTenant(lead!, TenantId);
            // The reminder before the due date went to the lead it replaces: the new lead is reminded in turn.
            RemindedForDue = newLead ? null : RemindedForDue;
            Changes = [.. Changes, new ActionChange(now, chair, ActionChangeKind.Reassigned, FreeText.Normalise(reason), from,
                $"{OwnerAgency} ({Lead.Person.DisplayName})")];
        });
    }

    /// <summary>More time: a later due date, with the reason; the reminders start again for the new date.</summary>
    public DomainResult Extend(PersonRef chair, DateOnly? newDueOn, string? reason, DateTimeOffset now)
    {
        if (!IsActive)
        {
            return NotActive("be extended");
        }

        // Pressed twice (a double click, or Teams retrying under a new activity id): the latest change already extended it
        // to this date for this reason, so the second press changes and logs nothing and is answered as the first.
        if (newDueOn is { } again && again == DueOn && Changes is [.., { Kind: ActionChangeKind.Extended } last]
            && string.Equals(last.To, Iso(again), StringComparison.Ordinal)
            && string.Equals(last.Reason, FreeText.Normalise(reason), StringComparison.Ordinal))
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone, $"{Label} is already due {DueOn:d MMMM yyyy}.");
        }

        var today = EnglandTime.DateOf(now);
        if (newDueOn is not { } due || due <= DueOn || due < today)
        {
            return DomainResult.Invalid($"Give a new due date later than the current one ({DueOn:d MMMM yyyy}) and not in the past.");
        }

        if (TooFarAhead(due, today))
        {
            return DomainResult.Invalid(DueTooFarText);
        }

        var from = Iso(DueOn);
        return WithReason(reason) ?? Change(chair, () =>
        {
            DueOn = due;
            Changes = [.. Changes, new ActionChange(now, chair, ActionChangeKind.Extended, FreeText.Normalise(reason), from, Iso(due))];
        });
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The chair closes an action that is no longer needed, with the reason.</summary>
    public DomainResult CloseAsNotNeeded(PersonRef chair, string? reason, DateTimeOffset now)
    {
        if (!IsActive)
        {
            return NotActive("be closed");
        }

        return WithReason(reason) ?? Change(chair, () =>
        {
            State = ActionState.Closed;
            FinishedAt = now;
            Changes =
                [.. Changes, new ActionChange(now, chair, ActionChangeKind.ClosedAsNotNeeded, FreeText.Normalise(reason), null, null)];
        });
    }

    /// <summary>The reminder before the due date went out; once per due date.</summary>
    public DomainResult MarkReminded() =>
        RemindedForDue == DueOn
            ? DomainResult.Fail(DomainErrorKind.AlreadyDone, "Already reminded.")
            : Note(() => RemindedForDue = DueOn);

    /// <summary>The overdue notices went out (to the lead and the chair); once per due date.</summary>
    public DomainResult MarkOverdueNoticeSent() =>
        OverdueNoticeForDue == DueOn
            ? DomainResult.Fail(DomainErrorKind.AlreadyDone, "Already reported.")
            : Note(() => OverdueNoticeForDue = DueOn);

    private DomainResult? NotShown(int? evidenceNumber) => IsEvidenceShown(evidenceNumber)
        ? null
        : DomainResult.Fail(DomainErrorKind.Stale, $"{Label}'s evidence is not the evidence that was shown.");

    private static DomainResult? WithReason(string? reason) =>
        string.IsNullOrWhiteSpace(reason)
            ? DomainResult.Invalid("Give a reason; it is kept with the action.")
            : FreeText.Validate(reason, "The reason", MaxReasonLength) is { } error ? DomainResult.Invalid(error) : null;

    private DomainResult NotOpen(string what) => DomainResult.NotAllowed(State switch
    {
        ActionState.AwaitingSignOff => $"{Label} is waiting for the chair's sign-off, so it cannot {what} now.",
        _ => $"{Label} is {StateText(State)}, so it cannot {what}.",
    });

    private DomainResult NotActive(string what) => DomainResult.NotAllowed($"{Label} is {StateText(State)}, so it cannot {what}.");

    public static string StateText(ActionState state) => state switch
    {
        ActionState.Open => "open",
        ActionState.AwaitingSignOff => "waiting for sign-off",
        ActionState.Completed => "completed",
        _ => "closed as no longer needed",
    };
}
