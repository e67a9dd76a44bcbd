using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Storage;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.ActionPlans.Teams;

/// <summary>One action, named by its id.</summary>
public sealed record ActionRefData(Guid ActionId);

/// <summary>
/// The status update: "rag" (Red, Amber or Green), "note" and "confirm"; "version", the action's version the form was drawn
/// from (missing on cards posted before it was carried).
/// </summary>
public sealed record ProgressData(Guid ActionId, string? Rag, string? Note, string? Confirm, int? Version = null);

/// <summary>Completion: "evidence" and "confirm"; "version" as on <see cref="ProgressData"/>.</summary>
public sealed record EvidenceData(Guid ActionId, string? Evidence, string? Confirm, int? Version = null);

/// <summary>
/// The lead's screen: the action as received in the 1:1 chat, a RAG status with a progress note, and completion with
/// evidence, which goes to the chair for sign-off. Only leads of the action's agency may change it; free text is checked
/// for identifiers before anything is kept. A form drawn before another lead (or the chair) changed the action saves
/// nothing: it is shown again as the action is now, with what was typed (<see cref="PlannedAction.ChangedByOthersSince"/>).
/// </summary>
public sealed class ProgressScreen(
    ActionGuard guard, ActionStore store, ActionMessenger messenger, FreeTextCheck identifiers, AuditTrail trail, TimeProvider time)
{
    public const string View = "actions.view";
    public const string UpdateForm = "actions.update.form";
    public const string Update = "actions.update";
    public const string EvidenceForm = "actions.evidence.form";
    public const string SubmitEvidence = "actions.evidence";

    private const string StatusSaved = "Status saved. Thank you.";

    private DateOnly Today => EnglandTime.Today(time);

    public static void Map(ActivityRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        router.OnCardAction<ActionRefData>(View, (turn, d, ct) => turn.Screen<ProgressScreen>().ViewAsync(turn, d, ct));
        router.OnCardAction<ActionRefData>(UpdateForm, (turn, d, ct) => turn.Screen<ProgressScreen>().UpdateFormAsync(turn, d, ct));
        router.OnCardAction<ProgressData>(Update, (turn, d, ct) => turn.Screen<ProgressScreen>().UpdateAsync(turn, d, ct));
        router.OnCardAction<ActionRefData>(EvidenceForm, (turn, d, ct) => turn.Screen<ProgressScreen>().EvidenceFormAsync(turn, d, ct));
        router.OnCardAction<EvidenceData>(SubmitEvidence, (turn, d, ct) => turn.Screen<ProgressScreen>().EvidenceAsync(turn, d, ct));
    }

    public async Task<InvokeResponse> ViewAsync(TurnContext turn, ActionRefData data, CancellationToken ct)
    {
        var view = await guard.ForLeadAsync(turn, data.ActionId, ct).ConfigureAwait(false);
        return view.Refused ? view.Refusal : Reply.Card(ProgressCard.View(view.Value, Today));
    }

    public async Task<InvokeResponse> UpdateFormAsync(TurnContext turn, ActionRefData data, CancellationToken ct)
    {
        var view = await LeadAsync(turn, data.ActionId, ct).ConfigureAwait(false);
        return view.Refused ? view.Refusal : Reply.Card(ProgressCard.UpdateForm(view.Value.Action, Today));
    }

    public async Task<InvokeResponse> EvidenceFormAsync(TurnContext turn, ActionRefData data, CancellationToken ct)
    {
        var view = await LeadAsync(turn, data.ActionId, ct).ConfigureAwait(false);
        return view.Refused ? view.Refusal : Reply.Card(ProgressCard.EvidenceForm(view.Value.Action, Today));
    }

    public async Task<InvokeResponse> UpdateAsync(TurnContext turn, ProgressData data, CancellationToken ct)
    {
        var view = await LeadAsync(turn, data.ActionId, ct).ConfigureAwait(false);
        if (view.Refused)
        {
            return view.Refusal;
        }

        var action = view.Value.Action;
        Cards.AdaptiveCard Again(PlannedAction now) => ProgressCard.UpdateForm(now, Today, data, ActionCardKit.ChangedSince(now, Today),
            tone: Tone.Warning);
        if (action.ChangedByOthersSince(data.Version, turn.Person()))
        {
            return Reply.Card(Again(action));
        }

        // The length before the identifier check: a note far over the limit is refused at once, not scanned at length.
        if (FreeText.Validate(data.Note, "The progress note", PlannedAction.MaxNoteLength) is { } tooLong)
        {
            return Reply.Card(ProgressCard.UpdateForm(action, Today, data, tooLong + " Nothing was saved."));
        }

        var findings = identifiers.Scan(("Progress note", data.Note));
        if (FreeTextCheck.Refuses(findings, CardInput.Flag(data.Confirm)))
        {
            return Reply.Card(ProgressCard.UpdateForm(action, Today, data, "Check the note before saving.", findings));
        }

        if (await guard.HoldOpenAsync(view.Value, ct).ConfigureAwait(false) is { } closed)
        {
            return closed;
        }

        var rag = CardInput.Enum<ActionRag>(data.Rag) ?? ActionRag.NotReported;
        var changed = await ChangeAsLeadAsync(turn, view.Value, data.Version, a => a.RecordProgress(turn.Person(), rag, data.Note,
            findings.Count > 0, time.GetUtcNow()), ct).ConfigureAwait(false);
        if (ChangedSince(changed) is { } changedSince)
        {
            return Reply.Card(Again(changedSince));
        }

        if (changed is { Status: ChangeStatus.Refused, Result.Error.Kind: DomainErrorKind.AlreadyDone, Value: { } repeated })
        {
            // The same update pressed twice: answered as the first press was; nothing more is saved, logged or refreshed.
            return Reply.Card(ProgressCard.View(view.Value with { Action = repeated }, Today, StatusSaved, Tone.Success));
        }

        if (!changed.Saved)
        {
            return NotSaved(changed, a => ProgressCard.UpdateForm(a, Today, data, changed.Message + " Nothing was saved."));
        }

        await trail.RecordAsync(turn.Person(), "action.progress", "action", action.Id, new
        {
            rag, note = AuditTrail.Fingerprint(changed.Value!.Updates[^1].Note), identifierWarningConfirmed = findings.Count > 0,
            findings = FreeTextCheck.Describe(findings),
        }, ct).ConfigureAwait(false);
        await messenger.RefreshTrackerAsync(action.AuditId, action.TenantId, ct).ConfigureAwait(false);
        return Reply.Card(ProgressCard.View(view.Value with { Action = changed.Value }, Today, StatusSaved, Tone.Success));
    }

    public async Task<InvokeResponse> EvidenceAsync(TurnContext turn, EvidenceData data, CancellationToken ct)
    {
        var view = await LeadAsync(turn, data.ActionId, ct).ConfigureAwait(false);
        if (view.Refused)
        {
            return view.Refusal;
        }

        var action = view.Value.Action;
        Cards.AdaptiveCard Again(PlannedAction now) => ProgressCard.EvidenceForm(now, Today, data, ActionCardKit.ChangedSince(now, Today),
            tone: Tone.Warning);
        if (action.ChangedByOthersSince(data.Version, turn.Person()))
        {
            return Reply.Card(Again(action));
        }

        if (FreeText.Validate(data.Evidence, "The evidence", PlannedAction.MaxNoteLength) is { } tooLong)
        {
            return Reply.Card(ProgressCard.EvidenceForm(action, Today, data, tooLong + " Nothing was saved."));
        }

        var findings = identifiers.Scan(("Evidence", data.Evidence));
        if (FreeTextCheck.Refuses(findings, CardInput.Flag(data.Confirm)))
        {
            return Reply.Card(ProgressCard.EvidenceForm(action, Today, data, "Check the evidence before sending it.", findings));
        }

        if (await guard.HoldOpenAsync(view.Value, ct).ConfigureAwait(false) is { } closed)
        {
            return closed;
        }

        var changed = await ChangeAsLeadAsync(turn, view.Value, data.Version,
            a => a.SubmitEvidence(turn.Person(), data.Evidence, time.GetUtcNow()), ct).ConfigureAwait(false);
        if (ChangedSince(changed) is { } changedSince)
        {
            return Reply.Card(Again(changedSince));
        }

        if (!changed.Saved)
        {
            return NotSaved(changed, a => ProgressCard.EvidenceForm(a, Today, data, changed.Message + " Nothing was saved."));
        }

        var saved = changed.Value!;
        await trail.RecordAsync(turn.Person(), "action.evidence", "action", action.Id, new
        {
            evidence = AuditTrail.Fingerprint(saved.Evidence), identifierWarningConfirmed = findings.Count > 0,
            findings = FreeTextCheck.Describe(findings),
        }, ct).ConfigureAwait(false);
        // The chair is told only when their card was queued and can be expected to arrive (ActionMessenger.ChairReachableAsync,
        // known before the card is queued): not when their 1:1 chat with the bot is closed.
        var reachable = await messenger.ChairReachableAsync(view.Value.Plan, ct).ConfigureAwait(false);
        var sent = await messenger.ToChairAsync(view.Value.Plan, saved, SignOffCard.Request(saved, Today),
            SignOffHandovers.EvidencePurpose, ct).ConfigureAwait(false);
        await messenger.RefreshTrackerAsync(action.AuditId, action.TenantId, ct).ConfigureAwait(false);
        var chair = ActionCardKit.Shown(view.Value.Viewer.ChairNamed(view.Value.Plan).DisplayName);
        var told = sent is not null && reachable;
        return Reply.Card(ProgressCard.View(view.Value with { Action = saved }, Today, told
            ? $"Sent to {chair} for sign-off."
            : $"Saved for sign-off. WorkshopBot cannot reach {chair} in Teams; please tell them it is ready for sign-off, "
                + "or ask them to type **actions**.", told ? Tone.Success : Tone.Warning));
    }

    /// <summary>
    /// The action as read for a change that was refused because someone else changed it after the card pressed was drawn
    /// (<see cref="PlannedAction.Unseen"/>); null for any other outcome.
    /// </summary>
    public static PlannedAction? ChangedSince(Changed<PlannedAction, bool> changed) => changed is
    {
        Status: ChangeStatus.Refused, Result.Error: { Kind: DomainErrorKind.Stale, Message: PlannedAction.ChangedSinceShownText },
        Value: { } now,
    }
        ? now
        : null;

    /// <summary>The answer when a change was not saved: the form with the domain's refusal, or the one "changed elsewhere".</summary>
    public static InvokeResponse NotSaved(Changed<PlannedAction, bool> changed, Func<PlannedAction, Cards.AdaptiveCard> refused)
    {
        ArgumentNullException.ThrowIfNull(changed);
        ArgumentNullException.ThrowIfNull(refused);
        return changed switch
        {
            { Status: ChangeStatus.Refused, Result.Error.Kind: DomainErrorKind.Stale } =>
                Reply.Refusal(ActionGuard.NoLongerYoursTitle, ActionGuard.NoLongerYoursText),
            { Status: ChangeStatus.Refused, Value: { } action } => Reply.Card(refused(action)),
            _ => Reply.Refusal("Not saved", DocumentChanges.ChangedElsewhere),
        };
    }

    /// <summary>
    /// A lead's change, made only if the person still leads the action when the change is committed, however long ago the
    /// card was shown (the caller has made the audit's staying open part of the commit, see
    /// <see cref="ActionGuard.HoldOpenAsync"/>): the action is read again for the change and saved only if nobody changed it
    /// since, and the rights are checked on that read; the other actions that make them a lead of its agency are read
    /// again and must stay unchanged until the commit. A
    /// reassignment that lands first wins: the change is refused as <see cref="DomainErrorKind.Stale"/> (see
    /// <see cref="NotSaved"/>), nothing is saved and nothing logged. Then, on that same read, a change someone else made
    /// after <paramref name="shownVersion"/> (the form's) refuses it too (see <see cref="ChangedSince"/>).
    /// </summary>
    private async Task<Changed<PlannedAction, bool>> ChangeAsLeadAsync(TurnContext turn, ActionInView view, int? shownVersion,
        Func<PlannedAction, DomainResult> change, CancellationToken ct)
    {
        var me = turn.Person();
        var agencies = new HashSet<AgencyInAudit>();
        foreach (var id in view.Viewer.OtherGrants(view.Action))
        {
            if (await store.GetVersionedAsync(id, view.Action.TenantId, ct).ConfigureAwait(false) is { } other
                && ActionViewer.GrantsAgency(other.Value, me))
            {
                store.RequireUnchanged(other);
                agencies.Add(new AgencyInAudit(other.Value.AuditId, other.Value.AgencyKey));
            }
        }

        return await store.ChangeAsync(view.Action.Id,
            a => ActionViewer.Leads(a, me, agencies)
                ? a.Unseen(shownVersion, me) ?? change(a)
                : DomainResult.Fail(DomainErrorKind.Stale, ActionGuard.NoLongerYoursText), ct).ConfigureAwait(false);
    }

    /// <summary>The lead's screens that change an action: its leads only, while the audit is not closed.</summary>
    private async Task<Guarded<ActionInView>> LeadAsync(TurnContext turn, Guid actionId, CancellationToken ct)
    {
        var view = await guard.ForLeadAsync(turn, actionId, ct).ConfigureAwait(false);
        return view.Refused || view.Value.Viewer.Leads(view.Value.Action)
            ? await guard.StillOpenAsync(view, ct).ConfigureAwait(false)
            : Guarded<ActionInView>.Refuse(Reply.Refusal("For the action's lead", (view.Value.Action.IsPartnershipOwned
                    ? $"Only the named lead of {view.Value.Action.Label} updates it. "
                    : $"Only leads of {ActionCardKit.Shown(view.Value.Action.OwnerShown)} update {view.Value.Action.Label}. ")
                + "As chair you can extend, reassign or close it, or sign it off once it is marked complete."));
    }
}
