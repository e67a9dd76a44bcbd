using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Storage;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Common;

namespace WorkshopBot.Audits.Teams;

/// <summary>Submitting a return (confirmed first, accepted once) and asking the chair to reopen a submitted one.</summary>
public sealed partial class ReturnsScreen
{
    public async Task<InvokeResponse> ConfirmSubmitAsync(TurnContext turn, SubmitReturnData data, CancellationToken ct)
    {
        var represented = await RepresentedAsync(turn, data.AuditId, data.ReturnId, ct).ConfigureAwait(false);
        if (represented.Refused)
        {
            return represented.Refusal;
        }

        var (audit, ret, _) = represented.Value;
        if (ret.IsReadOnly)
        {
            return Reply.Card(ReturnsCard.Overview(audit, ret, "This return was already submitted. Nothing has changed.", Tone.Info));
        }

        if (data.Version != ret.Version)
        {
            return Reply.Card(ReturnsCard.Review(audit, ret,
                "Your return has changed since this card was shown. Check it below, then submit."));
        }

        return ret.MissingForSubmission().Count > 0
            ? Reply.Card(ReturnsCard.Review(audit, ret))
            : Reply.Card(ReturnsCard.ConfirmSubmit(audit, ret));
    }

    public async Task<InvokeResponse> SubmitAsync(TurnContext turn, SubmitReturnData data, CancellationToken ct)
    {
        var represented = await RepresentedAsync(turn, data.AuditId, data.ReturnId, ct).ConfigureAwait(false);
        if (represented.Refused)
        {
            return represented.Refusal;
        }

        // The stored version guards exactly-once: a second submit racing this one is refused as already submitted.
        var (audit, ret, me) = represented.Value;
        var changed = await store.ChangeReturnAsync(ret.Id, r => r.Submit(data.Version, me, time.GetUtcNow()), ct).ConfigureAwait(false);
        if (!changed.Saved)
        {
            var now = changed.Value ?? ret;
            return changed.Status == ChangeStatus.Refused && !now.IsReadOnly
                ? Reply.Card(ReturnsCard.Review(audit, now, changed.Message))
                : Reply.Card(ReturnsCard.Overview(audit, now, changed.Message, Tone.Info));
        }

        ret = changed.Value!;
        await trail.RecordAsync(me, "return.submitted", AuditSubjects.Return, ret.Id,
            new { auditId = audit.Id, caseReference = ret.CaseReference.Value, agency = ret.AgencyId, grade = ret.GradeKey }, ct)
            .ConfigureAwait(false);
        await tracker.RefreshAsync(audit.Id, ct).ConfigureAwait(false);
        return Reply.Card(ReturnsCard.ReadOnly(audit, ret, "Thank you. Your return is submitted and locked."));
    }

    public async Task<InvokeResponse> AskReopenAsync(TurnContext turn, AskReopenData data, CancellationToken ct)
    {
        var represented = await RepresentedAsync(turn, data.AuditId, data.ReturnId, ct).ConfigureAwait(false);
        if (represented.Refused)
        {
            return represented.Refusal;
        }

        var (audit, ret, me) = represented.Value;

        // The return's state before the reason: a return already open, or a request still pending, is said so at once,
        // not after the representative has reworded a reason.
        var state = ret.CanRequestReopen(me);
        if (!state.Succeeded)
        {
            return NotAsked(audit, ret, state.Message);
        }

        var error = string.IsNullOrWhiteSpace(data.Reason)
            ? "Say what needs correcting."
            : FreeText.Validate(data.Reason, "The reason", AuditReturn.ReopenReasonMaxLength);
        // Scanned only once it is within the limit: a reason far over it is refused at once, not scanned at length.
        var findings = error is null ? privacy.Scan(("Reason", data.Reason)) : [];
        if (findings.Count > 0)
        {
            var found = string.Join("; ", findings.Select(f => f.Finding.Message));
            error = FreeTextCheck.NotChecked(findings) ?? $"The reason may contain personal information ({found}). Please reword it.";
        }

        if (error is not null)
        {
            return Reply.Card(ReturnsCard.ReadOnly(audit, ret, error + " Nothing was sent.", Tone.Warning));
        }

        // Asked twice (a double press, Teams sending again, a second device): a request the chair can be sent is claimed on
        // the stored return, so while this person's request is pending the chair is not asked again and nothing more is
        // logged. One that cannot reach the chair is not kept pending, so the representative can ask again later.
        var channel = (await store.GetChannelAsync(audit.Id, ct).ConfigureAwait(false))?.Value;
        if (channel is not null && await messenger.TeamsIdOfAsync(channel, audit.Chair, ct).ConfigureAwait(false) is not null)
        {
            var claimed = await store.ChangeReturnAsync(ret.Id, r => r.RequestReopen(me, time.GetUtcNow(), data.Reason), ct)
                .ConfigureAwait(false);
            if (!claimed.Saved)
            {
                return NotAsked(audit, claimed.Value ?? ret, claimed.Message);
            }

            ret = claimed.Value!;
        }

        var reason = FreeText.Normalise(data.Reason);
        var pending = ret.PendingReopenRequestOf(me);
        var request = ReopenRequestsCard.Request(audit, ret, me, reason, pending);

        // One delivery per request, named by the request's time to the millisecond (as the decline notice's key is): asked,
        // declined and asked again within the same second still reaches the chair. Keys stored in whole seconds before
        // stay as they are: a queued message is delivered by its stored key, which nothing else looks up.
        var at = pending?.At ?? time.GetUtcNow();
        var dedupeKey = AuditMessageKey.ReopenRequest(audit.Id, ret.Id, at).ToString();
        var sent = channel is null ? null : await messenger.SendToPersonAsync(channel, audit.Chair, request, dedupeKey,
            AuditMessenger.Correlation(audit.Id), ct).ConfigureAwait(false);
        await trail.RecordAsync(me, "return.reopen-requested", AuditSubjects.Return, ret.Id,
            new { auditId = audit.Id, reason = AuditTrail.Fingerprint(reason) }, ct).ConfigureAwait(false);
        return Reply.Card(sent is null
            ? ReturnsCard.ReadOnly(audit, ret, "The chair could not be reached in Teams; please contact them directly.", Tone.Warning)
            : ReturnsCard.ReadOnly(audit, ret, "Your request has been sent to the chair.", Tone.Success));
    }

    /// <summary>The answer when no request was made: the return as it is now, with why.</summary>
    private static InvokeResponse NotAsked(Audit audit, AuditReturn ret, string message) =>
        Reply.Card(ret.IsReadOnly
            ? ReturnsCard.ReadOnly(audit, ret, message, Tone.Info)
            : ReturnsCard.Overview(audit, ret, message, Tone.Info));
}
