using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Audits.Domain;

/// <summary>A representative's request to reopen a submitted return, and the chair declining it.</summary>
public sealed partial class AuditReturn
{
    /// <summary>The limit of a reason given for reopening a return, or for declining a request to reopen it.</summary>
    public const int ReopenReasonMaxLength = 1000;

    /// <summary>
    /// A representative asks the chair to reopen this submitted return. Asked again (pressed twice, or from a second
    /// device) while their request is still pending, it is refused as already done: the chair is asked once. The reason is
    /// kept with the request (normalised), once the screen has checked it for identifiers.
    /// </summary>
    public DomainResult RequestReopen(PersonRef by, DateTimeOffset now, string? reason)
    {
        var state = CanRequestReopen(by);
        if (!state.Succeeded)
        {
            return state;
        }

        if (FreeText.Validate(reason, "The reason", ReopenReasonMaxLength) is { } error)
        {
            return DomainResult.Invalid(error);
        }

        ReopenRequests = [.. ReopenRequests, new ReopenRequest(by, now, FreeText.Normalise(reason))];
        return DomainResult.Ok;
    }

    /// <summary>
    /// Whether <paramref name="by"/> may ask now, by the return's state alone (submitted, and no request of theirs pending):
    /// <see cref="RequestReopen"/>'s refusals, so a screen can say so before it checks the reason typed.
    /// </summary>
    public DomainResult CanRequestReopen(PersonRef by)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (Status != ReturnStatus.Submitted)
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone, "This return is not submitted, so it is already open for editing.");
        }

        return PendingReopenRequestOf(by) is { } pending
            ? DomainResult.Fail(DomainErrorKind.AlreadyDone,
                $"You already asked the chair to reopen this return on {Moments.DateAndTime(pending.At)}, and they have not "
                + "answered yet. Nothing was sent again.")
            : DomainResult.Ok;
    }

    /// <summary>The pending request <paramref name="person"/> made to reopen this return, if any.</summary>
    public ReopenRequest? PendingReopenRequestOf(PersonRef? person) => ReopenRequests.FirstOrDefault(r => r.By.IsSamePerson(person));

    /// <summary>
    /// The chair declines the pending request made at <paramref name="requestedAt"/>: it is cleared, so its author may ask
    /// again, and the return stays submitted. The same checks as <see cref="Reopen"/> decide who may answer it; a request
    /// already answered (declined before, or the return reopened) is refused as already done. The reason is optional,
    /// and checked only once the request can be answered (<see cref="AnswerableReopenRequest"/>).
    /// </summary>
    public DomainResult<ReopenRequest> DeclineReopenRequest(Audit audit, PersonRef by, DateTimeOffset requestedAt, string? reason)
    {
        var answerable = AnswerableReopenRequest(audit, by, requestedAt);
        if (!answerable.Succeeded)
        {
            return answerable;
        }

        var error = FreeText.Validate(reason, "The reason", ReopenReasonMaxLength);
        if (error is not null)
        {
            return Refuse(DomainErrorKind.Invalid, error);
        }

        var request = answerable.Value!;
        ReopenRequests = [.. ReopenRequests.Where(r => r != request)];
        return answerable;
    }

    /// <summary>
    /// The pending request made at <paramref name="requestedAt"/>, when <paramref name="by"/> may answer it now: every
    /// check of <see cref="DeclineReopenRequest"/> but the reason's (who answers, the audit open, the return submitted, the
    /// request not yet answered), so a screen can say a request can no longer be answered before it checks the reason.
    /// </summary>
    public DomainResult<ReopenRequest> AnswerableReopenRequest(Audit audit, PersonRef by, DateTimeOffset requestedAt)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(by);
        if (audit.Id != AuditId)
        {
            return Refuse(DomainErrorKind.NotAllowed, "This return belongs to a different audit.");
        }

        if (!audit.IsChair(by))
        {
            return Refuse(DomainErrorKind.NotAllowed, "Only the audit chair can answer a request to reopen a submitted return.");
        }

        if (audit.Status == AuditStatus.Closed)
        {
            return Refuse(DomainErrorKind.NotAllowed, "The audit is closed; requests to reopen its returns can no longer be answered.");
        }

        var request = ReopenRequests.FirstOrDefault(r => r.At == requestedAt);
        if (request is null || Status != ReturnStatus.Submitted)
        {
            var reopened = Reopenings.LastOrDefault(r => r.At >= requestedAt);
            return Refuse(DomainErrorKind.AlreadyDone, reopened is null
                ? "This request has already been answered: it was declined. Nothing was sent."
                : $"This request has already been answered: the return was reopened on {Moments.DateAndTime(reopened.At)}. "
                    + "Nothing was sent.");
        }

        return DomainResult<ReopenRequest>.Ok(request);
    }

    private static DomainResult<ReopenRequest> Refuse(DomainErrorKind kind, string message) =>
        DomainResult<ReopenRequest>.Fail(kind, message);
}
