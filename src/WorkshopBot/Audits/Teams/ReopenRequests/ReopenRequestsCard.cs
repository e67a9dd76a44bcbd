using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;
using static WorkshopBot.Common.Teams.CardKit;

namespace WorkshopBot.Audits.Teams;

/// <summary>
/// The card the chair receives when a representative asks to reopen a submitted return (reopen it, or decline the request),
/// what replaces it once declined, and the notice that tells the representative.
/// </summary>
public static class ReopenRequestsCard
{
    /// <summary>The request as the chair receives it; <paramref name="pending"/> (when claimed) lets them decline it.</summary>
    public static AdaptiveCard Request(Audit audit, AuditReturn ret, PersonRef by, string reason, ReopenRequest? pending)
    {
        // Opens the reopen form at the requesting agency's returns.
        var reopen = Go(TrackerScreen.ReopenForm, new ReopenFormData(audit.Id, ret.AgencyId), "Reopen a return", ActionStyle.Positive);
        var card = NoticeCard.Create($"Reopen request: case {ret.CaseReference}",
            $"{Literal(by.DisplayName)} ({Literal(ret.AgencyName)}) asks you to reopen their submitted return: {Literal(reason)}",
            Tone.Warning, reopen);
        return pending is null ? card : card with { Actions = [reopen, DeclineAction(audit, ret, pending)] };
    }

    /// <summary>
    /// A request still pending when the chair was handed over, as the new chair receives it: who asked, when, for which case
    /// and why, with the same buttons. A request stored before its reason was kept says to ask the representative.
    /// </summary>
    public static AdaptiveCard HandedToNewChair(Audit audit, AuditReturn ret, ReopenRequest pending)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(ret);
        ArgumentNullException.ThrowIfNull(pending);
        var reopen = Go(TrackerScreen.ReopenForm, new ReopenFormData(audit.Id, ret.AgencyId), "Reopen a return", ActionStyle.Positive);
        var why = pending.Reason is { Length: > 0 } reason
            ? $"Their reason: {Literal(reason)}"
            : $"The reason was not kept with this request: please ask {Literal(pending.By.DisplayName)} if you need it.";
        var card = NoticeCard.Create($"Reopen request: case {ret.CaseReference}",
            $"{Literal(pending.By.DisplayName)} ({Literal(ret.AgencyName)}) asked on {Moments.DateAndTime(pending.At)} for their "
            + $"submitted return to be reopened. You are now the chair of \"{Literal(audit.Title)}\", so the request is yours to "
            + $"answer. {why}", Tone.Warning, reopen);
        return card with { Actions = [reopen, DeclineAction(audit, ret, pending)] };
    }

    /// <summary>What replaces the request's card in the chat of a chair who handed the audit over: nothing of the request.</summary>
    public static AdaptiveCard HandedOver() => ChairCardsHandedOver.Notice("Reopen request handed over", "request", "answer it");

    /// <summary>The decline form again, with what was wrong; what was typed is not shown back.</summary>
    public static AdaptiveCard DeclineForm(Audit audit, AuditReturn ret, DateTimeOffset requestedAt, string message) => new()
    {
        FallbackText = $"Decline the request to reopen case {ret.CaseReference}",
        Body =
        [
            Heading($"Decline the request to reopen case {ret.CaseReference}"),
            Banner(message, Tone.Warning),
            ReasonInput(),
        ],
        Actions =
        [
            Go(ReopenRequestsScreen.Decline, DeclineRef(audit, ret, requestedAt), "Decline the request", ActionStyle.Destructive),
            Go(TrackerScreen.ReopenForm, new ReopenFormData(audit.Id, ret.AgencyId), "Reopen a return"),
        ],
    };

    /// <summary>
    /// What replaces the chair's card once the request is declined; <paramref name="told"/> is null when whoever asked is
    /// no longer the agency's representative, so was not told.
    /// </summary>
    public static AdaptiveCard Declined(Audit audit, AuditReturn ret, ReopenRequest request, string reason, bool? told) =>
        NoticeCard.Create($"Reopen request declined: case {ret.CaseReference}",
            $"You declined {Literal(request.By.DisplayName)}'s request to reopen their return ({Literal(ret.AgencyName)}); it stays "
            + "submitted."
            + (reason.Length == 0 ? string.Empty : $" Your reason: {Literal(reason)}")
            + told switch
            {
                true => " They have been told, and may ask again.",
                false => " They could not be reached in Teams: please tell them.",
                null => " They are no longer the agency's representative, so they were not told.",
            },
            told == false ? Tone.Warning : Tone.Success, Tracker(audit));

    /// <summary>The answer to a request already declined, or answered by reopening the return.</summary>
    public static AdaptiveCard AlreadyAnswered(Audit audit, AuditReturn ret, string message) =>
        NoticeCard.Create($"Reopen request: case {ret.CaseReference}", message, Tone.Info, Tracker(audit));

    /// <summary>The notice to the representative, in their 1:1 chat.</summary>
    public static AdaptiveCard DeclinedNotice(Audit audit, AuditReturn ret, PersonRef chair, string reason)
    {
        var open = Go(ReturnsScreen.OpenReturn, new ReturnRefData(audit.Id, ret.Id, -1), "Open the audit tool");
        return NoticeCard.Create($"Your request to reopen case {ret.CaseReference}",
            $"{Literal(chair.DisplayName)} has declined your request to reopen your return for case {ret.CaseReference}, so it stays as "
            + "you submitted it."
            + (reason.Length == 0 ? string.Empty : $" Their reason: {Literal(reason)}")
            + " If something still needs correcting, you are welcome to ask again.", Tone.Info, open);
    }

    private static ShowCardAction DeclineAction(Audit audit, AuditReturn ret, ReopenRequest pending) => new()
    {
        Title = "Decline",
        Card = new AdaptiveCard
        {
            Schema = null,
            Body =
            [
                new TextBlock("The representative is told, with your reason if you give one. The return stays submitted, "
                    + "and they may ask again.") { Wrap = true },
                ReasonInput(),
            ],
            Actions =
            [
                Go(ReopenRequestsScreen.Decline, DeclineRef(audit, ret, pending.At), "Decline the request", ActionStyle.Destructive),
            ],
        },
    };

    private static TextInput ReasonInput() => new()
    {
        Id = InputId(nameof(DeclineReopenData.Reason)),
        Label = "Reason (optional)",
        IsMultiline = true,
        MaxLength = AuditReturn.ReopenReasonMaxLength,
    };

    // The request named by when it was made; the reason comes from the input, so the data carries none.
    private static object DeclineRef(Audit audit, AuditReturn ret, DateTimeOffset requestedAt) =>
        new { auditId = audit.Id, returnId = ret.Id, requestedAt };

    private static ExecuteAction Tracker(Audit audit) => Go(TrackerScreen.Tracker, new AuditRefData(audit.Id), "Returns tracker");
}
