// Reopening a submitted return from the tracker: the form (agency, then case), the reopening, and telling the representative.
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Audits.Teams;

public sealed partial class TrackerScreen
{
    /// <summary>
    /// The reopen form: first the agency (among those with a submitted return), then that agency's submitted returns by case,
    /// so that the card stays small at the audit's limits (see <see cref="TrackerCard.ReopenForm"/>).
    /// </summary>
    public async Task<InvokeResponse> ReopenFormAsync(TurnContext turn, ReopenFormData data, CancellationToken ct)
    {
        var chaired = await access.AuditAsync(turn, data.AuditId, ct).ConfigureAwait(false);
        if (chaired.Refused)
        {
            return chaired.Refusal;
        }

        var audit = chaired.Value;
        var submitted = await store.ListSubmittedReturnsAsync(audit.Id, ct).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(data.AgencyId) || submitted.Any(r => r.AgencyId == data.AgencyId))
        {
            return Reply.Card(TrackerCard.ReopenForm(audit, submitted, agencyId: data.AgencyId));
        }

        var message = audit.FindAgency(data.AgencyId) is { } agency
            ? $"{CardKit.Literal(agency.Name)} has no submitted return to reopen."
            : "Choose an agency of this audit.";
        return Reply.Card(TrackerCard.ReopenForm(audit, submitted, message, agencyId: null));
    }

    /// <summary>The chair reopens a submitted return for correction; the representative is told.</summary>
    public async Task<InvokeResponse> ReopenAsync(TurnContext turn, ReopenData data, CancellationToken ct)
    {
        var chaired = await access.AuditAsync(turn, data.AuditId, ct).ConfigureAwait(false);
        if (chaired.Refused)
        {
            return chaired.Refusal;
        }

        // The reopening relies on the audit being open when it lands: held, a close that lands first sends the turn round
        // again, to the domain's refusal.
        var audit = (await store.HoldAuditAsync(chaired.Value.Id, ct).ConfigureAwait(false))?.Value ?? chaired.Value;
        var returnId = CardInput.Id(data.ReturnId) ?? Guid.Empty;
        var stored = returnId == Guid.Empty ? null : await store.GetReturnAsync(returnId, ct).ConfigureAwait(false);
        if (stored is null || stored.Value.AuditId != audit.Id)
        {
            return await ReopenFormAsync(audit, "That return is not part of this audit. Nothing was changed.", null, ct)
                .ConfigureAwait(false);
        }

        // Who reopens and the audit's and return's state before the reason: a return that can no longer be reopened (the
        // audit closed, the return reopened already) is said so at once, not after the chair has reworded a reason. The
        // domain checks the chair by person; an admin reopens on the chair's authority.
        var me = turn.Person();
        if (!access.MayChair(audit, me))
        {
            return Reply.NotAvailable(); // Chair no longer (handed over since the guard read): never on the new chair's authority.
        }

        var actor = audit.IsChair(me) ? me : audit.Chair;
        var reopenable = stored.Value.CanReopen(audit, actor);
        if (!reopenable.Succeeded)
        {
            return await ReopenFormAsync(audit, reopenable.Message, stored.Value.AgencyId, ct).ConfigureAwait(false);
        }

        // The length before the identifier check, as on every other form: a reason far over the limit is refused at once,
        // not scanned at length (nor answered with a warning for each finding in it).
        if (FreeText.Validate(data.Reason, "The reason", AuditReturn.ReopenReasonMaxLength) is { } tooLong)
        {
            return await ReopenFormAsync(audit, tooLong + " Nothing was changed.", stored.Value.AgencyId, ct).ConfigureAwait(false);
        }

        var findings = privacy.Scan(("Reason", data.Reason));
        if (findings.Count > 0)
        {
            var found = string.Join("; ", findings.Select(f => f.Finding.Message));
            var refusal = FreeTextCheck.NotChecked(findings) ?? $"The reason may contain personal information ({found}). Please reword it.";
            return await ReopenFormAsync(audit, refusal, stored.Value.AgencyId, ct).ConfigureAwait(false);
        }

        var changed = await store.ChangeReturnAsync(returnId, r => r.Reopen(audit, actor, data.Reason, time.GetUtcNow()), ct)
            .ConfigureAwait(false);
        if (!changed.Saved)
        {
            return await ReopenFormAsync(audit, changed.Message, stored.Value.AgencyId, ct).ConfigureAwait(false);
        }

        var ret = changed.Value!;
        var reason = ret.Reopenings[^1].Reason;
        await trail.RecordAsync(me, "return.reopened", AuditSubjects.Return, ret.Id,
            new
            {
                auditId = audit.Id,
                caseReference = ret.CaseReference.Value,
                agency = ret.AgencyId,
                reason = AuditTrail.Fingerprint(reason),
            },
            ct).ConfigureAwait(false);
        var told = await TellRepresentativeAsync(audit, ret, me, reason, ct).ConfigureAwait(false);
        var reached = await tracker.RefreshAsync(audit.Id, ct).ConfigureAwait(false);
        var message = TrackerService.WithChannelNote($"Return reopened ({CardKit.Literal(ret.AgencyName)}, case {ret.CaseReference})."
            + (told ? " The representative has been told." : " The representative could not be reached in Teams: please tell them."),
            reached);
        return await CardAsync(audit, message, told && reached ? Tone.Success : Tone.Warning, ct).ConfigureAwait(false);
    }

    private async Task<bool> TellRepresentativeAsync(Audit audit, AuditReturn ret, PersonRef me, string reason, CancellationToken ct)
    {
        var rep = audit.FindAgency(ret.AgencyId)?.Representative;
        if (rep is null)
        {
            return false;
        }

        if ((await store.GetChannelAsync(audit.Id, ct).ConfigureAwait(false))?.Value is not { } channel)
        {
            return false;
        }

        var open = CardKit.Go(ReturnsScreen.OpenReturn, new ReturnRefData(audit.Id, ret.Id, -1), "Open the audit tool",
            ActionStyle.Positive);
        var card = NoticeCard.Create($"Your return for case {ret.CaseReference} was reopened",
            $"{CardKit.Literal(me.DisplayName)} reopened it for correction: {CardKit.Literal(reason)}", Tone.Warning, open);
        var dedupeKey = AuditMessageKey.Reopened(audit.Id, ret.Id, ret.Reopenings.Count).ToString();
        var sent = await messenger.SendToPersonAsync(channel, rep, card, dedupeKey, AuditMessenger.Correlation(audit.Id), ct)
            .ConfigureAwait(false);
        return sent is not null;
    }

    /// <summary>The form again with what was wrong, at the agency's step when one is known (and still has a submitted return).</summary>
    private async Task<InvokeResponse> ReopenFormAsync(Audit audit, string? message, string? agencyId, CancellationToken ct)
    {
        var submitted = await store.ListSubmittedReturnsAsync(audit.Id, ct).ConfigureAwait(false);
        return Reply.Card(TrackerCard.ReopenForm(audit, submitted, message,
            submitted.Any(r => r.AgencyId == agencyId) ? agencyId : null));
    }
}
