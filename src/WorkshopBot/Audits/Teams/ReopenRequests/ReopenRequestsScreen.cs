using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Audits.Teams;

/// <summary>Declines the request made at <see cref="RequestedAt"/>; the optional reason is the card's input.</summary>
public sealed record DeclineReopenData(Guid AuditId, Guid ReturnId, DateTimeOffset RequestedAt, string? Reason);

/// <summary>
/// The chair's answer to a representative's request to reopen a submitted return, on the card the request came on:
/// reopening it goes to the tracker's form; declining it clears the request, tells the representative and lets them ask again.
/// </summary>
public sealed class ReopenRequestsScreen(
    ChairAccess access,
    AuditStore store,
    AuditTrail trail,
    FreeTextCheck privacy,
    AuditMessenger messenger)
{
    public const string Decline = "return.reopen.decline";

    public static void Map(ActivityRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        router.OnCardAction<DeclineReopenData>(Decline, (t, d, ct) => t.Screen<ReopenRequestsScreen>().DeclineAsync(t, d, ct));
    }

    /// <summary>Who may decline is who may reopen (<see cref="TrackerScreen.ReopenAsync"/>): the same guard and checks.</summary>
    public async Task<InvokeResponse> DeclineAsync(TurnContext turn, DeclineReopenData data, CancellationToken ct)
    {
        var chaired = await access.AuditAsync(turn, data.AuditId, ct).ConfigureAwait(false);
        if (chaired.Refused)
        {
            return chaired.Refusal;
        }

        // Held, as for a reopening: a close that lands before the commit sends the turn round again, to the domain's refusal.
        var audit = (await store.HoldAuditAsync(chaired.Value.Id, ct).ConfigureAwait(false))?.Value ?? chaired.Value;
        var stored = await store.GetReturnAsync(data.ReturnId, ct).ConfigureAwait(false);
        if (stored is null || stored.Value.AuditId != audit.Id)
        {
            return Reply.Refusal("Request not found", "That return is not part of this audit. Nothing was changed.");
        }

        // The request's state before the reason: one that can no longer be answered (the audit closed, the return reopened,
        // the request declined) is said so at once, not after the chair has reworded a reason. Only the chair or an admin
        // gets this far (the guard above), so no one else learns the state. The domain checks the chair by person; an admin
        // declines on the chair's authority, as they reopen on it.
        var me = turn.Person();
        if (!access.MayChair(audit, me))
        {
            return Reply.NotAvailable(); // Chair no longer (handed over since the guard read): never on the new chair's authority.
        }

        var actor = audit.IsChair(me) ? me : audit.Chair;
        var answerable = stored.Value.AnswerableReopenRequest(audit, actor, data.RequestedAt);
        if (!answerable.Succeeded)
        {
            return NotDeclined(audit, stored.Value, data.RequestedAt, answerable.Error!);
        }

        // The length before the identifier check, as on every other form: a reason far over the limit is refused at once,
        // not scanned at length (nor answered with a warning for each finding in it).
        if (FreeText.Validate(data.Reason, "The reason", AuditReturn.ReopenReasonMaxLength) is { } tooLong)
        {
            return Reply.Card(ReopenRequestsCard.DeclineForm(audit, stored.Value, data.RequestedAt, tooLong + " Nothing was sent."));
        }

        var findings = privacy.Scan(("Reason", data.Reason));
        if (findings.Count > 0)
        {
            var found = string.Join("; ", findings.Select(f => f.Finding.Message));
            return Reply.Card(ReopenRequestsCard.DeclineForm(audit, stored.Value, data.RequestedAt,
                (FreeTextCheck.NotChecked(findings) ?? $"The reason may contain personal information ({found}). Please reword it.")
                + " Nothing was sent."));
        }

        var changed = await store.ChangeReturnAsync(data.ReturnId,
            r => r.DeclineReopenRequest(audit, actor, data.RequestedAt, data.Reason), ct).ConfigureAwait(false);
        if (!changed.Saved)
        {
            return NotDeclined(audit, changed.Value ?? stored.Value, data.RequestedAt,
                changed.Result.Error ?? new DomainError(DomainErrorKind.Invalid, changed.Message));
        }

        var ret = changed.Value!;
        var request = changed.Result.Value!;
        var reason = FreeText.Normalise(data.Reason);
        await trail.RecordAsync(me, "return.reopen-declined", AuditSubjects.Return, ret.Id,
            new
            {
                auditId = audit.Id,
                caseReference = ret.CaseReference.Value,
                agency = ret.AgencyId,
                requestedAt = request.At,
                reason = AuditTrail.Fingerprint(reason),
            },
            ct).ConfigureAwait(false);
        var told = await TellRepresentativeAsync(audit, ret, request, me, reason, ct).ConfigureAwait(false);
        return Reply.Card(ReopenRequestsCard.Declined(audit, ret, request, reason, told));
    }

    /// <summary>The answer when the request was not declined: already answered, not to be answered, or the form again.</summary>
    private static InvokeResponse NotDeclined(Audit audit, AuditReturn ret, DateTimeOffset requestedAt, DomainError error) =>
        Reply.Card(error.Kind switch
        {
            DomainErrorKind.AlreadyDone => ReopenRequestsCard.AlreadyAnswered(audit, ret, error.Message),
            DomainErrorKind.NotAllowed => NoticeCard.Create("Request not answered", error.Message, Tone.Warning),
            _ => ReopenRequestsCard.DeclineForm(audit, ret, requestedAt, error.Message),
        });

    /// <summary>
    /// Tells whoever asked, in their 1:1 chat, once per request (its own dedupe key); null, and nobody told, when they are
    /// no longer the agency's representative (the chair's reason is for the return's representative only).
    /// </summary>
    private async Task<bool?> TellRepresentativeAsync(Audit audit, AuditReturn ret, ReopenRequest request, PersonRef me, string reason,
        CancellationToken ct)
    {
        if (audit.FindAgency(ret.AgencyId)?.Representative?.IsSamePerson(request.By) != true)
        {
            return null;
        }

        if ((await store.GetChannelAsync(audit.Id, ct).ConfigureAwait(false))?.Value is not { } channel)
        {
            return false;
        }

        var card = ReopenRequestsCard.DeclinedNotice(audit, ret, me, reason);
        var dedupeKey = AuditMessageKey.ReopenDeclined(audit.Id, ret.Id, request.At).ToString();
        var sent = await messenger.SendToPersonAsync(channel, request.By, card, dedupeKey, AuditMessenger.Correlation(audit.Id), ct)
            .ConfigureAwait(false);
        return sent is not null;
    }
}
