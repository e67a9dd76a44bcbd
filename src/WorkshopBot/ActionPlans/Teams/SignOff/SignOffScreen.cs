using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.ActionPlans.Teams;

/// <summary>A reason typed by the chair ("reason") and the identifier confirmation ("confirm").</summary>
public sealed record ReasonData(Guid ActionId, string? Reason, string? Confirm);

/// <summary>
/// The chair reviews the evidence a lead sent: signs the action off (it is completed), or sends it back with a reason
/// (it is open again). Chair or admin only.
/// </summary>
public sealed class SignOffScreen(
    ActionGuard guard, ActionStore store, ActionMessenger messenger, FreeTextCheck identifiers, AuditTrail trail, TimeProvider time)
{
    public const string Review = "actions.signoff.review";
    public const string SignOff = "actions.signoff";
    public const string ReturnEvidence = "actions.evidence.return";

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public static void Map(ActivityRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        router.OnCardAction<ActionRefData>(Review, (turn, d, ct) => turn.Screen<SignOffScreen>().ReviewAsync(turn, d, ct));
        router.OnCardAction<ActionRefData>(SignOff, (turn, d, ct) => turn.Screen<SignOffScreen>().SignOffAsync(turn, d, ct));
        router.OnCardAction<ReasonData>(ReturnEvidence, (turn, d, ct) => turn.Screen<SignOffScreen>().ReturnAsync(turn, d, ct));
    }

    public async Task<InvokeResponse> ReviewAsync(TurnContext turn, ActionRefData data, CancellationToken ct)
    {
        var view = await guard.ForChairChangeAsync(turn, data.ActionId, ct).ConfigureAwait(false);
        return view.Refused ? view.Refusal : Reply.Card(SignOffCard.Review(view.Value.Action, Today));
    }

    public async Task<InvokeResponse> SignOffAsync(TurnContext turn, ActionRefData data, CancellationToken ct)
    {
        var view = await guard.ForChairChangeAsync(turn, data.ActionId, ct).ConfigureAwait(false);
        if (view.Refused)
        {
            return view.Refusal;
        }

        if (await guard.HoldOpenAsync(view.Value, ct).ConfigureAwait(false) is { } closed)
        {
            return closed;
        }

        var changed = await store.ChangeAsync(data.ActionId, a => a.SignOff(turn.Person(), time.GetUtcNow()), ct).ConfigureAwait(false);
        if (!changed.Saved)
        {
            return ProgressScreen.NotSaved(changed,
                a => ProgressCard.View(view.Value with { Action = a }, Today, changed.Message, Tone.Error));
        }

        var action = changed.Value!;
        await trail.RecordAsync(turn.Person(), "action.signed-off", "action", action.Id,
            new { evidence = AuditTrail.Fingerprint(action.Evidence) }, ct).ConfigureAwait(false);
        messenger.ToLead(view.Value.Plan, action, LeadCard.Notice(action, $"{action.Label} is signed off",
            $"{turn.Person().DisplayName} signed off {action.Label}. Thank you.", Tone.Success), "signed-off");
        await messenger.RefreshTrackerAsync(action.AuditId, action.TenantId, ct).ConfigureAwait(false);
        return Reply.Card(ProgressCard.View(view.Value with { Action = action }, Today, $"{action.Label} is signed off and completed.",
            Tone.Success));
    }

    public async Task<InvokeResponse> ReturnAsync(TurnContext turn, ReasonData data, CancellationToken ct)
    {
        var view = await guard.ForChairChangeAsync(turn, data.ActionId, ct).ConfigureAwait(false);
        if (view.Refused)
        {
            return view.Refusal;
        }

        var findings = identifiers.Scan(("Reason", data.Reason));
        if (findings.Count > 0 && !CardInput.Flag(data.Confirm))
        {
            return Reply.Card(SignOffCard.Review(view.Value.Action, Today, "Check the reason before sending it back.", findings));
        }

        if (await guard.HoldOpenAsync(view.Value, ct).ConfigureAwait(false) is { } closed)
        {
            return closed;
        }

        var changed = await store.ChangeAsync(data.ActionId, a => a.ReturnEvidence(turn.Person(), data.Reason, time.GetUtcNow()), ct)
            .ConfigureAwait(false);
        if (!changed.Saved)
        {
            return ProgressScreen.NotSaved(changed, a => SignOffCard.Review(a, Today, changed.Message + " Nothing was changed."));
        }

        var action = changed.Value!;
        await trail.RecordAsync(turn.Person(), "action.evidence.returned", "action", action.Id,
            new { reason = AuditTrail.Fingerprint(action.Changes[^1].Reason), identifierWarningConfirmed = findings.Count > 0 }, ct)
            .ConfigureAwait(false);
        messenger.ToLead(view.Value.Plan, action, LeadCard.Notice(action, $"{action.Label} needs more evidence",
            $"{turn.Person().DisplayName} sent it back: {CardKit.Shorten(action.Changes[^1].Reason, 300)}", Tone.Warning), "returned");
        await messenger.RefreshTrackerAsync(action.AuditId, action.TenantId, ct).ConfigureAwait(false);
        return Reply.Card(ProgressCard.View(view.Value with { Action = action }, Today, $"{action.Label} is open again; the lead is told.",
            Tone.Success));
    }
}
