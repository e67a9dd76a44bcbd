using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Storage;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.ActionPlans.Teams;

/// <summary>
/// A reason typed by the chair ("reason") and the identifier confirmation ("confirm"); "version", the action's version the
/// Change form was drawn from, on "Close the action" (missing on cards posted before it was carried).
/// </summary>
public sealed record ReasonData(Guid ActionId, string? Reason, string? Confirm, int? Version = null);

/// <summary>
/// "Sign off: completed" on a review card: the action and the <see cref="PlannedAction.EvidenceNumber"/> the card showed
/// (missing on cards posted before it was carried).
/// </summary>
public sealed record SignOffData(Guid ActionId, int? EvidenceNumber);

/// <summary>"Send back to the lead" on a review card: as <see cref="SignOffData"/>, with the reason typed.</summary>
public sealed record ReturnData(Guid ActionId, string? Reason, string? Confirm, int? EvidenceNumber);

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

    public const string EvidenceChangedText = "The evidence has changed since this card was shown, so nothing was changed. "
        + "Here is the latest evidence: please review it again.";

    public const string EvidenceUnknownText = "This card does not say which evidence it showed, so nothing was changed. "
        + "Here is the evidence as it stands: please review it, then sign it off or send it back from this card.";

    private DateOnly Today => EnglandTime.Today(time);

    public static void Map(ActivityRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        router.OnCardAction<ActionRefData>(Review, (turn, d, ct) => turn.Screen<SignOffScreen>().ReviewAsync(turn, d, ct));
        router.OnCardAction<SignOffData>(SignOff, (turn, d, ct) => turn.Screen<SignOffScreen>().SignOffAsync(turn, d, ct));
        router.OnCardAction<ReturnData>(ReturnEvidence, (turn, d, ct) => turn.Screen<SignOffScreen>().ReturnAsync(turn, d, ct));
    }

    public async Task<InvokeResponse> ReviewAsync(TurnContext turn, ActionRefData data, CancellationToken ct)
    {
        var view = await guard.ForChairChangeAsync(turn, data.ActionId, ct).ConfigureAwait(false);
        return view.Refused ? view.Refusal : Reply.Card(SignOffCard.Review(view.Value.Action, Today));
    }

    /// <summary>
    /// Signs off the evidence the card showed, checked on the action as read for the change (version-checked at commit):
    /// other evidence sent since, or a card that does not say, signs nothing off and shows the evidence as it stands.
    /// </summary>
    public async Task<InvokeResponse> SignOffAsync(TurnContext turn, SignOffData data, CancellationToken ct)
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

        var changed = await store.ChangeAsync(data.ActionId, a => a.SignOff(turn.Person(), data.EvidenceNumber, time.GetUtcNow()), ct)
            .ConfigureAwait(false);
        if (!changed.Saved)
        {
            return NotShown(changed, data.EvidenceNumber, null) ?? ProgressScreen.NotSaved(changed,
                a => ProgressCard.View(view.Value with { Action = a }, Today, changed.Message, Tone.Warning));
        }

        var action = changed.Value!;
        await trail.RecordAsync(turn.Person(), "action.signed-off", "action", action.Id,
            new { evidence = AuditTrail.Fingerprint(action.Evidence) }, ct).ConfigureAwait(false);
        await messenger.ToLeadAsync(view.Value.Plan, action, LeadCard.Notice(action, $"{action.Label} is signed off",
            $"{ActionCardKit.Shown(turn.Person().DisplayName)} signed off {action.Label}. Thank you.", Tone.Success), "signed-off", ct)
            .ConfigureAwait(false);
        var reached = await messenger.RefreshTrackerAsync(action.AuditId, action.TenantId, ct).ConfigureAwait(false);
        return Reply.Card(ProgressCard.View(view.Value with { Action = action }, Today,
            ActionMessenger.WithChannelNote($"{action.Label} is signed off and completed.", reached),
            reached ? Tone.Success : Tone.Warning));
    }

    /// <summary>
    /// Sends back the evidence the card showed, as <see cref="SignOffAsync"/> checks it; refused, the chair's reason is kept
    /// on the card shown.
    /// </summary>
    public async Task<InvokeResponse> ReturnAsync(TurnContext turn, ReturnData data, CancellationToken ct)
    {
        var view = await guard.ForChairChangeAsync(turn, data.ActionId, ct).ConfigureAwait(false);
        if (view.Refused)
        {
            return view.Refusal;
        }

        if (!view.Value.Action.IsEvidenceShown(data.EvidenceNumber))
        {
            return Reply.Card(ShownAgain(view.Value.Action, data.EvidenceNumber, data.Reason));
        }

        // The length before the identifier check: a reason far over the limit is refused at once, not scanned at length.
        if (FreeText.Validate(data.Reason, "The reason", PlannedAction.MaxReasonLength) is { } tooLong)
        {
            return Reply.Card(SignOffCard.Review(view.Value.Action, Today, tooLong + " Nothing was changed.", reason: data.Reason));
        }

        var findings = identifiers.Scan(("Reason", data.Reason));
        if (FreeTextCheck.Refuses(findings, CardInput.Flag(data.Confirm)))
        {
            return Reply.Card(SignOffCard.Review(view.Value.Action, Today, "Check the reason before sending it back.", findings,
                data.Reason));
        }

        if (await guard.HoldOpenAsync(view.Value, ct).ConfigureAwait(false) is { } closed)
        {
            return closed;
        }

        var changed = await store.ChangeAsync(data.ActionId,
            a => a.ReturnEvidence(turn.Person(), data.EvidenceNumber, data.Reason, time.GetUtcNow()), ct).ConfigureAwait(false);
        if (!changed.Saved)
        {
            return NotShown(changed, data.EvidenceNumber, data.Reason) ?? ProgressScreen.NotSaved(changed,
                a => SignOffCard.Review(a, Today, changed.Message + " Nothing was changed.", reason: data.Reason));
        }

        var action = changed.Value!;
        await trail.RecordAsync(turn.Person(), "action.evidence.returned", "action", action.Id,
            new { reason = AuditTrail.Fingerprint(action.Changes[^1].Reason), identifierWarningConfirmed = findings.Count > 0 }, ct)
            .ConfigureAwait(false);
        // The lead is told only when their card was queued and can be expected to arrive (ActionMessenger.LeadReachableAsync).
        var told = await messenger.ToLeadAsync(view.Value.Plan, action, LeadCard.Notice(action, $"{action.Label} needs more evidence",
            $"{ActionCardKit.Shown(turn.Person().DisplayName)} sent it back: {ActionCardKit.Shown(action.Changes[^1].Reason, 300)}",
            Tone.Warning), "returned", ct).ConfigureAwait(false) is not null
            && await messenger.LeadReachableAsync(view.Value.Plan, action, ct).ConfigureAwait(false);
        var reached = await messenger.RefreshTrackerAsync(action.AuditId, action.TenantId, ct).ConfigureAwait(false);
        return Reply.Card(ProgressCard.View(view.Value with { Action = action }, Today,
            ActionMessenger.WithChannelNote(told ? $"{action.Label} is open again; the lead is told." : ReturnedLeadNotReached(action),
                reached),
            reached && told ? Tone.Success : Tone.Warning));
    }

    /// <summary>
    /// What the chair reads when evidence was sent back but the bot cannot reach the lead (as ManageScreen.LeadNotReached).
    /// </summary>
    public static string ReturnedLeadNotReached(PlannedAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return $"{action.Label} is open again. WorkshopBot cannot reach the lead in Teams: please tell them it needs more evidence.";
    }

    /// <summary>
    /// The review card as the action stands, when a press was refused because the card did not show this evidence
    /// (<see cref="DomainErrorKind.Stale"/> from the sign-off or return); null for any other outcome.
    /// </summary>
    private InvokeResponse? NotShown(Changed<PlannedAction, bool> changed, int? shown, string? reason) =>
        changed is { Status: ChangeStatus.Refused, Result.Error.Kind: DomainErrorKind.Stale, Value: { } action }
            ? Reply.Card(ShownAgain(action, shown, reason))
            : null;

    private AdaptiveCard ShownAgain(PlannedAction action, int? shown, string? reason) =>
        SignOffCard.Review(action, Today, shown is null ? EvidenceUnknownText : EvidenceChangedText, reason: reason, tone: Tone.Warning);
}
