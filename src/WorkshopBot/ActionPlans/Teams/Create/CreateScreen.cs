using System.Globalization;
using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.ActionPlans.Teams;

/// <summary>Data of <see cref="CreateScreen.Form"/>: the recommendation (its number in the briefing) or 0 for a free action.</summary>
public sealed record CreateFormData(Guid AuditId, int Recommendation);

/// <summary>
/// The new action's inputs, as Teams sends them (strings): "what", "ownerAgency", "lead" (a Teams member id from the
/// team's roster), "dueOn" (yyyy-MM-dd), "measure", "themes" (comma-separated theme keys) and "confirm".
/// </summary>
public sealed record CreateActionData(
    Guid AuditId,
    int Recommendation,
    string? What,
    string? OwnerAgency,
    string? Lead,
    string? DueOn,
    string? Measure,
    string? Themes,
    string? Confirm);

/// <summary>
/// The chair turns a recommendation into an action: the lead is picked from the team, receives the action in a 1:1 chat,
/// and the tracker in the channel is updated. Missing owner, lead or due date are refused politely.
/// </summary>
public sealed class CreateScreen(
    PlanScreen plans, ActionStore store, ActionSources sources, ActionMessenger messenger, FreeTextCheck identifiers, AuditTrail trail,
    AuditStages stages, PlanRoster roster, IIdGenerator ids, TimeProvider time)
{
    public const string Form = "actions.create.form";
    public const string Create = "actions.create";

    /// <summary>One plan keeps at most this many actions, so its cards stay under Teams' size limit.</summary>
    public const int MaxActionsPerPlan = 40;

    public static void Map(ActivityRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        router.OnCardAction<CreateFormData>(Form, (turn, d, ct) => turn.Screen<CreateScreen>().FormAsync(turn, d, ct));
        router.OnCardAction<CreateActionData>(Create, (turn, d, ct) => turn.Screen<CreateScreen>().CreateAsync(turn, d, ct));
    }

    public async Task<InvokeResponse> FormAsync(TurnContext turn, CreateFormData data, CancellationToken ct)
    {
        var chaired = await plans.ChairedAsync(turn, data.AuditId, ct).ConfigureAwait(false);
        if (chaired.Refused)
        {
            return chaired.Refusal;
        }

        if (ActionGuard.IsClosed(chaired.Value.Audit))
        {
            return ActionGuard.Closed(chaired.Value.Audit.Title);
        }

        if (chaired.Value.Withdrawn && data.Recommendation != 0)
        {
            return WithdrawnRecommendation;
        }

        var recommendation = plans.RecommendationsOf(chaired.Value).FirstOrDefault(r => r.Number == data.Recommendation);
        var members = await TeamRoster.MembersAsync(turn, await RosterAsync(turn, data.AuditId, ct).ConfigureAwait(false), ct)
                .ConfigureAwait(false);
        var draft = new CreateActionData(data.AuditId, recommendation?.Number ?? 0, recommendation?.Text,
            recommendation?.Owner is not null ? OwnerChoice(chaired.Value, recommendation) : null, null,
            recommendation?.TargetDate is { } target && target >= Today
                ? target.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : null,
            recommendation?.Measure, recommendation?.ThemeKey, null);
        return Reply.Card(CreateCard.Form(chaired.Value, recommendation, members, draft));
    }

    public async Task<InvokeResponse> CreateAsync(TurnContext turn, CreateActionData data, CancellationToken ct)
    {
        var chaired = await plans.ChairedAsync(turn, data.AuditId, ct).ConfigureAwait(false);
        if (chaired.Refused)
        {
            return chaired.Refusal;
        }

        if (ActionGuard.IsClosed(chaired.Value.Audit))
        {
            return ActionGuard.Closed(chaired.Value.Audit.Title);
        }

        if (chaired.Value.Withdrawn && data.Recommendation != 0)
        {
            return WithdrawnRecommendation;
        }

        var approved = chaired.Value;
        var recommendation = plans.RecommendationsOf(approved).FirstOrDefault(r => r.Number == data.Recommendation);
        var source = await RosterAsync(turn, data.AuditId, ct).ConfigureAwait(false);
        var member = await TeamRoster.MemberAsync(turn, source, ActionCardKit.TeamsId(data.Lead), ct).ConfigureAwait(false);
        var tenant = turn.TenantId() ?? string.Empty;
        if (TeamRoster.Refusal(member, tenant, "lead") is { } unfit)
        {
            // A shared channel lists people of other organisations too: the action and its lead stay in this one. Nor may the
            // lead be someone Teams gives no directory account for: every turn needs one, so they could never act on it.
            var members = await TeamRoster.MembersAsync(turn, source, ct).ConfigureAwait(false);
            return Reply.Card(CreateCard.Form(approved, recommendation, members, data with { Lead = null }, unfit));
        }

        var lead = member is null ? null : new ActionLead(new PersonRef(member.UserKey, member.Name) { TenantId = tenant }, member.TeamsId);
        var owner = OwnerAgencies.Find(approved.Audit, data.OwnerAgency);
        var draft = new ActionDraft(data.What, owner?.Name ?? data.OwnerAgency, lead, CardInput.Date(data.DueOn), data.Measure,
            CardInput.List(data.Themes), recommendation?.Text)
        {
            PartnershipOwned = owner?.IsPartnership ?? false,
            RecommendationFrom = recommendation is null ? null : new RecommendationOrigin(approved.Version, recommendation.Number),
        };
        // The length before the identifier check, as on the progress and change forms: a text far over the limit is refused at
        // once with the wording every free-text input gives, not scanned at length.
        if ((FreeText.Validate(data.What, WhatField, PlannedAction.MaxWhatLength)
            ?? FreeText.Validate(data.Measure, "The measure", PlannedAction.MaxMeasureLength)) is { } tooLong)
        {
            var members = await TeamRoster.MembersAsync(turn, source, ct).ConfigureAwait(false);
            return Reply.Card(CreateCard.Form(approved, recommendation, members, data, tooLong + " Nothing was saved."));
        }

        var findings = identifiers.Scan((WhatField, data.What), ("Measure of success", data.Measure));
        var refusal = Check(approved, draft, owner, findings, data, tenant);
        if (refusal is not null)
        {
            var members = await TeamRoster.MembersAsync(turn, source, ct).ConfigureAwait(false);
            return Reply.Card(CreateCard.Form(approved, recommendation, members, data, refusal, findings));
        }

        // "Create the action" pressed twice (two activities, so not a redelivery) makes one action, not two, even when the
        // presses land at the same moment. The plan is read first and held by this turn, then its actions: every new action
        // takes its number from the plan, so one created by the other press after that read changes the plan, this turn's
        // commit is refused, and the turn runs again from fresh reads, where it finds that action and creates nothing.
        // A copy of the recommendation's wording is made only while its version stands: held, a withdrawal landing before
        // this commit makes the turn run again and be refused; one landing after it finds the action and clears the copy.
        if (recommendation is not null && !await sources.HoldApprovedAsync(approved, ct).ConfigureAwait(false))
        {
            return WithdrawnRecommendation;
        }

        var plan = await plans.StartPlanAsync(turn, approved, ct).ConfigureAwait(false);
        await store.HoldPlanAsync(approved.Audit.Id, ct).ConfigureAwait(false);
        var audit = await sources.HoldAuditAsync(approved.Audit.Id, tenant, ct).ConfigureAwait(false);
        if (audit is null || ActionGuard.IsClosed(audit))
        {
            return ActionGuard.Closed(approved.Audit.Title);
        }

        var existing = await store.ListForAuditAsync(approved.Audit.Id, tenant, ct).ConfigureAwait(false);
        var same = existing.FirstOrDefault(a =>
            a.IsActive && a.What == FreeText.Normalise(draft.What) && a.IsPartnershipOwned == owner!.IsPartnership
            && a.AgencyKey == PlannedAction.AgencyKeyOf(owner.Name) && a.IsLedBy(lead!.Person));
        if (same is not null)
        {
            return await plans.PlanCardAsync(turn, approved, $"{same.Label} already says this, for the same agency and lead, so no new "
                + "action was created.", Tone.Info, ct).ConfigureAwait(false);
        }

        if (existing.Count >= MaxActionsPerPlan)
        {
            var members = await TeamRoster.MembersAsync(turn, source, ct).ConfigureAwait(false);
            return Reply.Card(CreateCard.Form(approved, recommendation, members, data, TooMany, findings));
        }

        var number = (await store.ChangePlanAsync(approved.Audit.Id, p => p.TakeNumber(), ct).ConfigureAwait(false)).Result.Value;
        var action = PlannedAction.Create(ids.NewId(), tenant, approved.Audit.Id, approved.Audit.Title, number, draft, turn.Person(),
            time.GetUtcNow()).ValueOrThrow();
        await store.InsertAsync(action, ct).ConfigureAwait(false);
        await trail.RecordAsync(turn.Person(), "action.created", "action", action.Id, new
        {
            audit = action.AuditId, number = action.Number, agency = owner!.Id, lead = action.Lead.Person.UserId,
            due = action.DueOn, themes = action.Themes, what = AuditTrail.Fingerprint(action.What),
            measure = AuditTrail.Fingerprint(action.Measure), recommendation = recommendation?.Number,
            identifierWarningConfirmed = findings.Count > 0, findings = FreeTextCheck.Describe(findings),
        }, ct).ConfigureAwait(false);
        // The plan's first action starts the monitoring of the action plan.
        await stages.ReachedAsync(audit.Id, AuditStatus.Monitoring, turn.Person(), audit, ct).ConfigureAwait(false);
        var sent = await messenger.ToLeadAsync(plan, action, LeadCard.Assigned(action, EnglandTime.Today(time)),
            "assigned", ct).ConfigureAwait(false);
        var reached = await messenger.RefreshTrackerAsync(approved.Audit.Id, tenant, ct).ConfigureAwait(false);
        var note = sent is null || !await messenger.LeadReachableAsync(plan, action, ct).ConfigureAwait(false)
            ? $"{action.Label} created. WorkshopBot cannot reach {ActionCardKit.Shown(lead!.Person.DisplayName)} in Teams yet; "
                + "tell them to type **actions**."
            : $"{action.Label} created and sent to {ActionCardKit.Shown(lead!.Person.DisplayName)} in their chat with WorkshopBot.";
        return await plans.PlanCardAsync(turn, approved, ActionMessenger.WithChannelNote(note, reached),
            reached ? Tone.Success : Tone.Warning, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Why the action cannot be created yet, or null: the domain's rules, an owner that is not the partnership or one of
    /// the audit's agencies, the identifier check. (The plan's size is checked once the plan is held.)
    /// </summary>
    /// <summary>
    /// Where the lead is picked from: in the chair's 1:1 chat, the channel of a plan already started there (see PlanRoster),
    /// as for a reassignment; otherwise the turn's own conversation.
    /// </summary>
    private async Task<RosterSource> RosterAsync(TurnContext turn, Guid auditId, CancellationToken ct)
    {
        var plan = turn.IsPersonal ? await store.GetPlanAsync(auditId, turn.TenantId(), ct).ConfigureAwait(false) : null;
        return plan is null ? RosterSource.Of(turn) : await roster.SourceAsync(turn, plan, ct).ConfigureAwait(false);
    }

    private string? Check(ApprovedBriefing approved, ActionDraft draft, OwnerAgency? owner, IReadOnlyList<FieldFinding> findings,
        CreateActionData data, string tenant)
    {
        var valid = PlannedAction.Create(Guid.Empty, tenant, approved.Audit.Id, approved.Audit.Title, 0, draft, new PersonRef("-", "-"),
            time.GetUtcNow());
        if (!valid.Succeeded)
        {
            return valid.Message + " Nothing was saved.";
        }

        if (owner is null)
        {
            return OwnerAgencies.NotListed;
        }

        // What will be done is shown on the tracker in the channel, which carries no case detail (as a briefing never does).
        var cases = new CaseScrubber(approved.Audit.Cases.Select(c => c.Reference.Value).ToList()).Find(draft.What ?? string.Empty);
        if (cases.Count > 0)
        {
            return "What will be done is shown on the plan's tracker in the channel, so it must not name a case: remove "
                + string.Join(", ", cases.Select(c => $"\"{c}\"")) + ". Nothing was saved.";
        }

        // Nor anything that could identify someone, even confirmed: a briefing or a poll's prompt refuses it outright too.
        if (findings.Where(f => f.Field == WhatField).ToList() is { Count: > 0 } shown)
        {
            return FreeTextCheck.NotChecked(shown) ?? "What will be done is shown on the plan's tracker in the channel, so it must "
                + "not contain anything that could identify someone. Reword it. Nothing was saved.";
        }

        return FreeTextCheck.Refuses(findings, CardInput.Flag(data.Confirm)) ? "Check the text below before saving." : null;
    }

    /// <summary>The field shown on the channel's tracker, whose possible identifiers cannot be confirmed.</summary>
    public const string WhatField = "What will be done";

    /// <summary>The refusal when the plan is full (checked against the plan's actions as held for the commit).</summary>
    private static string TooMany =>
        $"This plan already has {MaxActionsPerPlan} actions, the most one plan keeps. Close or merge some first.";

    private DateOnly Today => EnglandTime.Today(time);

    /// <summary>
    /// A recommendation pressed on a card drawn before the briefing was withdrawn: nothing is made from it (nor an action
    /// of its own in its place) until a corrected version is approved.
    /// </summary>
    private static InvokeResponse WithdrawnRecommendation => Reply.Refusal("Briefing withdrawn",
        "The approved 7-minute briefing this recommendation came from was withdrawn, so no action is made from it until a "
        + "corrected version is approved. Nothing was saved.");

    /// <summary>
    /// The owner choice the recommendation's owner names: by its owner's id where the briefing kept it (a workshop's
    /// recommendation: the partnership, or one of the audit's agencies); else by name, an agency named so exactly before
    /// the partnership's QA sub-group (an owner naming the partnership), before an agency the owner names among others.
    /// </summary>
    private static string? OwnerChoice(ApprovedBriefing approved, Recommendation recommendation)
    {
        var owners = OwnerAgencies.Of(approved.Audit);
        var owner = recommendation.OwnerId is { } id
            ? owners.FirstOrDefault(o => o.Id == (id == WorkshopRecommendation.PartnershipOwnerId ? OwnerAgencies.PartnershipId : id))
            : null;
        var named = recommendation.Owner ?? string.Empty;
        owner ??= owners.FirstOrDefault(o => !o.IsPartnership && PlannedAction.AgencyKeyOf(o.Name) == PlannedAction.AgencyKeyOf(named))
            ?? (named.Contains("partnership", StringComparison.OrdinalIgnoreCase) ? OwnerAgencies.Partnership : null)
            ?? owners.FirstOrDefault(o => !o.IsPartnership && named.Contains(o.Name, StringComparison.OrdinalIgnoreCase));
        return owner is null ? null : OwnerAgencies.ChoiceValue(owner);
    }
}
