using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Storage;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.ActionPlans.Teams;

/// <summary>
/// Reassignment: "ownerAgency", "lead" (a Teams member id), "reason", "confirm"; "version", the action's version the form
/// was drawn from (missing on cards posted before it was carried).
/// </summary>
public sealed record ReassignData(Guid ActionId, string? OwnerAgency, string? Lead, string? Reason, string? Confirm, int? Version = null);

/// <summary>More time: "dueOn" (yyyy-MM-dd), "reason", "confirm"; "version" as on <see cref="ReassignData"/>.</summary>
public sealed record ExtendData(Guid ActionId, string? DueOn, string? Reason, string? Confirm, int? Version = null);

/// <summary>
/// The chair's changes to an action, each with a reason that is kept with it: reassign to another agency or lead,
/// extend the due date, or close as no longer needed. Chair or admin only; every change is logged. A form drawn before
/// someone else (another admin, a lead) changed the action changes nothing: it is shown again as the action is now, with
/// what the chair typed (<see cref="PlannedAction.ChangedByOthersSince"/>).
/// </summary>
public sealed class ManageScreen(
    ActionGuard guard, ActionStore store, ActionSources sources, ActionMessenger messenger, PlanRoster roster,
    FreeTextCheck identifiers, AuditTrail trail, TimeProvider time)
{
    public const string Manage = "actions.manage";
    public const string Reassign = "actions.reassign";
    public const string Extend = "actions.extend";
    public const string Close = "actions.close";

    private DateOnly Today => EnglandTime.Today(time);

    public static void Map(ActivityRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        router.OnCardAction<ActionRefData>(Manage, (turn, d, ct) => turn.Screen<ManageScreen>().FormAsync(turn, d, ct));
        router.OnCardAction<ReassignData>(Reassign, (turn, d, ct) => turn.Screen<ManageScreen>().ReassignAsync(turn, d, ct));
        router.OnCardAction<ExtendData>(Extend, (turn, d, ct) => turn.Screen<ManageScreen>().ExtendAsync(turn, d, ct));
        router.OnCardAction<ReasonData>(Close, (turn, d, ct) => turn.Screen<ManageScreen>().CloseAsync(turn, d, ct));
    }

    public async Task<InvokeResponse> FormAsync(TurnContext turn, ActionRefData data, CancellationToken ct)
    {
        var view = await guard.ForChairChangeAsync(turn, data.ActionId, ct).ConfigureAwait(false);
        return view.Refused ? view.Refusal : await CardAsync(turn, view.Value, null, null, ct).ConfigureAwait(false);
    }

    public async Task<InvokeResponse> ReassignAsync(TurnContext turn, ReassignData data, CancellationToken ct)
    {
        var view = await guard.ForChairChangeAsync(turn, data.ActionId, ct).ConfigureAwait(false);
        if (view.Refused)
        {
            return view.Refusal;
        }

        if (view.Value.Action.ChangedByOthersSince(data.Version, turn.Person()))
        {
            return await ChangedSinceAsync(turn, view.Value, view.Value.Action, Typed(data), ct).ConfigureAwait(false);
        }

        // The new owner is the partnership or one of the audit's own agencies; anything else is refused, nothing saved.
        var audit = await sources.FindAuditAsync(view.Value.Action.AuditId, view.Value.Action.TenantId, ct).ConfigureAwait(false);
        var owner = audit is null ? null : OwnerAgencies.Find(audit, data.OwnerAgency);
        if (owner is null && !string.IsNullOrWhiteSpace(data.OwnerAgency))
        {
            return await CardAsync(turn, view.Value, OwnerAgencies.NotListed, null, ct, Typed(data)).ConfigureAwait(false);
        }

        // From the chair's 1:1 chat the lead is one of the plan's channel (see PlanRoster), as the form listed them.
        var source = await roster.SourceAsync(turn, view.Value.Plan, ct).ConfigureAwait(false);
        var member = await TeamRoster.MemberAsync(turn, source, ActionCardKit.TeamsId(data.Lead), ct).ConfigureAwait(false);
        if (TeamRoster.Refusal(member, view.Value.Action.TenantId, "lead") is { } unfit)
        {
            // A shared channel lists people of other organisations too: the action and its lead stay in the action's one. Nor
            // may the lead be someone Teams gives no directory account for, who could never act on it.
            return await CardAsync(turn, view.Value, unfit, null, ct, Typed(data with { Lead = null })).ConfigureAwait(false);
        }

        var lead = member is null
            ? null
            : new ActionLead(new PersonRef(member.UserKey, member.Name) { TenantId = turn.TenantId() }, member.TeamsId);
        return await ChangeAsync(turn, view.Value, Typed(data), data.Confirm, data.Version, "action.reassigned",
            a => a.Reassign(turn.Person(), owner?.Name, lead, data.Reason, time.GetUtcNow(), owner?.IsPartnership ?? false),
            a => messenger.ToLeadAsync(view.Value.Plan, a, LeadCard.Assigned(a, Today), "reassigned", ct), ct).ConfigureAwait(false);
    }

    public async Task<InvokeResponse> ExtendAsync(TurnContext turn, ExtendData data, CancellationToken ct)
    {
        var view = await guard.ForChairChangeAsync(turn, data.ActionId, ct).ConfigureAwait(false);
        return view.Refused
            ? view.Refusal
            : await ChangeAsync(turn, view.Value, new ManageInput(data.Reason, DueOn: data.DueOn), data.Confirm, data.Version,
                "action.extended",
                a => a.Extend(turn.Person(), CardInput.Date(data.DueOn), data.Reason, time.GetUtcNow()),
                a => messenger.ToLeadAsync(view.Value.Plan, a, LeadCard.Notice(a, $"{a.Label} now due {ActionCardKit.Day(a.DueOn)}",
                    $"{ActionCardKit.Shown(turn.Person().DisplayName)} extended it: {ActionCardKit.Shown(a.Changes[^1].Reason, 300)}",
                    Tone.Info), "extended", ct),
                ct, repeatIsSaved: true).ConfigureAwait(false);
    }

    public async Task<InvokeResponse> CloseAsync(TurnContext turn, ReasonData data, CancellationToken ct)
    {
        var view = await guard.ForChairChangeAsync(turn, data.ActionId, ct).ConfigureAwait(false);
        return view.Refused
            ? view.Refusal
            : await ChangeAsync(turn, view.Value, new ManageInput(data.Reason), data.Confirm, data.Version, "action.closed",
                a => a.CloseAsNotNeeded(turn.Person(), data.Reason, time.GetUtcNow()),
                a => messenger.ToLeadAsync(view.Value.Plan, a, LeadCard.Notice(a, $"{a.Label} is closed",
                    $"{ActionCardKit.Shown(turn.Person().DisplayName)} closed it as no longer needed: "
                    + ActionCardKit.Shown(a.Changes[^1].Reason, 300), Tone.Info),
                    "closed", ct),
                ct).ConfigureAwait(false);
    }

    private async Task<InvokeResponse> ChangeAsync(TurnContext turn, ActionInView view, ManageInput typed, string? confirm,
        int? shownVersion, string logAction, Func<PlannedAction, DomainResult> change, Func<PlannedAction, Task<string?>> tellLead,
        CancellationToken ct, bool repeatIsSaved = false)
    {
        var me = turn.Person();
        if (view.Action.ChangedByOthersSince(shownVersion, me))
        {
            return await ChangedSinceAsync(turn, view, view.Action, typed, ct).ConfigureAwait(false);
        }

        // The length before the identifier check: a reason far over the limit is refused at once, not scanned at length.
        if (FreeText.Validate(typed.Reason, "The reason", PlannedAction.MaxReasonLength) is { } tooLong)
        {
            return await CardAsync(turn, view, tooLong + " Nothing was changed.", null, ct, typed).ConfigureAwait(false);
        }

        var findings = identifiers.Scan(("Reason", typed.Reason));
        if (FreeTextCheck.Refuses(findings, CardInput.Flag(confirm)))
        {
            return await CardAsync(turn, view, "Check the reason before saving.", findings, ct, typed).ConfigureAwait(false);
        }

        // The audit must still be open when the change is committed, not only when the guard looked.
        if (await guard.HoldOpenAsync(view, ct).ConfigureAwait(false) is { } closed)
        {
            return closed;
        }

        // Checked again on the action as read for the change: someone else's change since the form wins.
        var changed = await store.ChangeAsync(view.Action.Id, a => a.Unseen(shownVersion, me) ?? change(a), ct).ConfigureAwait(false);
        if (ProgressScreen.ChangedSince(changed) is { } now)
        {
            return await ChangedSinceAsync(turn, view, now, typed, ct).ConfigureAwait(false);
        }

        if (repeatIsSaved && changed is { Status: ChangeStatus.Refused, Result.Error.Kind: DomainErrorKind.AlreadyDone, Value: { } same })
        {
            // The same change pressed twice (the chair may see only this answer): answered as the first press was; nothing
            // more is saved, logged, sent to the lead or refreshed.
            var reachable = await messenger.TrackerReachableAsync(same.AuditId, same.TenantId, ct).ConfigureAwait(false);
            var toldBefore = await messenger.LeadReachableAsync(view.Plan, same, ct).ConfigureAwait(false);
            return Saved(view with { Action = same }, reachable, toldBefore);
        }

        if (!changed.Saved)
        {
            return changed.Value is { } refused
                ? await CardAsync(turn, view with { Action = refused }, changed.Message + " Nothing was changed.", null, ct, typed)
                    .ConfigureAwait(false)
                : ProgressScreen.NotSaved(changed, _ => throw new InvalidOperationException("No action to show."));
        }

        var action = changed.Value!;
        var last = action.Changes[^1];

        // A reassignment's From and To name the leads as people read them; the log names agencies by id and people by user id.
        var reassigned = last.Kind == ActionChangeKind.Reassigned;
        var audit = reassigned ? await sources.FindAuditAsync(action.AuditId, action.TenantId, ct).ConfigureAwait(false) : null;
        await trail.RecordAsync(turn.Person(), logAction, "action", action.Id, new
        {
            from = reassigned ? OwnerAgencies.IdOf(audit, view.Action) : last.From,
            to = reassigned ? OwnerAgencies.IdOf(audit, action) : last.To,
            previousLead = reassigned ? view.Action.Lead.Person.UserId : null, lead = action.Lead.Person.UserId,
            reason = AuditTrail.Fingerprint(last.Reason), identifierWarningConfirmed = findings.Count > 0,
        }, ct).ConfigureAwait(false);
        // The lead is told only when their card was queued and can be expected to arrive (ActionMessenger.LeadReachableAsync).
        var told = await tellLead(action).ConfigureAwait(false) is not null
            && await messenger.LeadReachableAsync(view.Plan, action, ct).ConfigureAwait(false);
        var reached = await messenger.RefreshTrackerAsync(action.AuditId, action.TenantId, ct).ConfigureAwait(false);
        return Saved(view with { Action = action }, reached, told);
    }

    /// <summary>What the chair reads once a change is saved: whether the lead was told, and whether the tracker was updated.</summary>
    public const string LeadNotReached = "Saved. WorkshopBot cannot reach the lead in Teams: please tell them.";

    private InvokeResponse Saved(ActionInView view, bool reached, bool told) => Reply.Card(ProgressCard.View(view, Today,
        ActionMessenger.WithChannelNote(told ? "Saved. The lead is told." : LeadNotReached, reached),
        reached && told ? Tone.Success : Tone.Warning));

    /// <summary>The Change form as the action is now, what the chair typed kept, saying who changed it since it was drawn.</summary>
    private Task<InvokeResponse> ChangedSinceAsync(TurnContext turn, ActionInView view, PlannedAction now, ManageInput typed,
        CancellationToken ct) =>
        CardAsync(turn, view with { Action = now }, ActionCardKit.ChangedSince(now, Today), null, ct, typed, Tone.Warning);

    private static ManageInput Typed(ReassignData data) => new(data.Reason, data.OwnerAgency, data.Lead);

    private async Task<InvokeResponse> CardAsync(TurnContext turn, ActionInView view, string? error, IReadOnlyList<FieldFinding>? findings,
        CancellationToken ct, ManageInput? typed = null, Tone tone = Tone.Warning)
    {
        var audit = await sources.FindAuditAsync(view.Action.AuditId, view.Action.TenantId, ct).ConfigureAwait(false);
        var source = await roster.SourceAsync(turn, view.Plan, ct).ConfigureAwait(false);
        var members = await TeamRoster.MembersAsync(turn, source, ct).ConfigureAwait(false);
        return Reply.Card(ManageCard.Form(view.Action, Today, OwnerAgencies.Of(audit), members, error, findings, typed, tone));
    }
}
