using WorkshopBot.Common;

namespace WorkshopBot.ActionPlans.Domain;

/// <summary>An agency within one audit: lead rights for an agency never reach past the audit they were given in.</summary>
public readonly record struct AgencyInAudit(Guid AuditId, string AgencyKey);

/// <summary>
/// Need to know for actions: the audit's chair (and admins) see and manage the whole plan; a lead sees and updates the
/// actions they are the named lead of, and the other actions of the same agency in the same audit; anyone else sees none.
/// The partnership itself is no agency here: an action it owns is for its named lead only, and leading one gives no
/// rights over the plan's other partnership actions (<see cref="PlannedAction.IsPartnershipOwned"/>). Who chairs is the
/// audit's chair as it stands (<see cref="ChairOf"/>), never the plan's own copy, which a handover may not have reached.
/// </summary>
public sealed record ActionViewer(PersonRef Person, bool IsAdmin, IReadOnlySet<AgencyInAudit> LeadAgencies)
{
    /// <summary>
    /// The agencies a person leads actions for, each within its own audit: the (audit, agency) of every active action
    /// they are the named lead of (<see cref="GrantsAgency"/>: not one the partnership owns), except in an audit they chair
    /// by <paramref name="chairs"/> (a chair who names themselves lead of an action of their own plan gets that action, not
    /// its agency's others), and not where the plan is unknown. <paramref name="chairs"/>: each audit's chair as it stands.
    /// </summary>
    public static ActionViewer Of(PersonRef person, bool isAdmin, IEnumerable<PlannedAction> actionsOfTenant,
        IEnumerable<ActionPlan> plansOfTenant, IReadOnlyDictionary<Guid, PersonRef> chairs)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(actionsOfTenant);
        ArgumentNullException.ThrowIfNull(plansOfTenant);
        ArgumentNullException.ThrowIfNull(chairs);
        var notChaired = plansOfTenant.Where(p => !(chairs.TryGetValue(p.AuditId, out var chair) && chair.IsSamePerson(person)))
            .Select(p => p.AuditId).ToHashSet();
        var granting = actionsOfTenant.Where(a => GrantsAgency(a, person) && notChaired.Contains(a.AuditId)).ToList();
        return new ActionViewer(person, isAdmin, granting.Select(a => new AgencyInAudit(a.AuditId, a.AgencyKey)).ToHashSet())
        {
            GrantedBy = granting.ToLookup(a => new AgencyInAudit(a.AuditId, a.AgencyKey), a => a.Id),
            ChairOf = chairs,
        };
    }

    /// <summary>
    /// Each audit's chair as it stands, by audit id: the audit's own, not the plan's copy of it. An audit not listed (gone,
    /// or of another organisation) has no chair here, so nobody chairs its plan but an admin.
    /// </summary>
    public IReadOnlyDictionary<Guid, PersonRef> ChairOf { get; init; } = new Dictionary<Guid, PersonRef>();

    /// <summary>The actions (their ids), led by this person by name, that give them each agency of <see cref="LeadAgencies"/>.</summary>
    public ILookup<AgencyInAudit, Guid> GrantedBy { get; init; } = Array.Empty<Guid>().ToLookup(_ => default(AgencyInAudit));

    /// <summary>
    /// True when <paramref name="action"/>, as it is now, makes <paramref name="person"/> a lead of its agency: an active
    /// action they are the named lead of, owned by one of the audit's agencies (never by the partnership itself).
    /// </summary>
    public static bool GrantsAgency(PlannedAction action, PersonRef person)
    {
        ArgumentNullException.ThrowIfNull(action);
        return action.IsActive && action.IsLedBy(person) && !action.IsPartnershipOwned;
    }

    /// <summary>
    /// True when <paramref name="person"/> leads <paramref name="action"/>: its named lead, or a lead of its agency in its
    /// audit by <paramref name="agencies"/> (never of a partnership-owned action, which only its named lead leads).
    /// </summary>
    public static bool Leads(PlannedAction action, PersonRef person, IReadOnlySet<AgencyInAudit> agencies)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(agencies);
        return action.IsLedBy(person)
            || (!action.IsPartnershipOwned && agencies.Contains(new AgencyInAudit(action.AuditId, action.AgencyKey)));
    }

    /// <summary>
    /// The other actions (not <paramref name="action"/> itself) that made this person a lead of the action's agency in its
    /// audit when the viewer was read: to be read again when a lead's change relies on them.
    /// </summary>
    public IReadOnlyList<Guid> OtherGrants(PlannedAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return GrantedBy[new AgencyInAudit(action.AuditId, action.AgencyKey)].Where(id => id != action.Id).ToList();
    }

    /// <summary>True for an admin, and for the audit's chair as it stands (<see cref="ChairOf"/>), whatever the plan's copy says.</summary>
    public bool Chairs(ActionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return IsAdmin || (ChairOf.TryGetValue(plan.AuditId, out var chair) && chair.IsSamePerson(Person));
    }

    /// <summary>The audit's chair as it stands, for naming them; the plan's copy only when the audit is not listed.</summary>
    public PersonRef ChairNamed(ActionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return ChairOf.TryGetValue(plan.AuditId, out var chair) ? chair : plan.Chair;
    }

    /// <summary>
    /// The named lead of this action, or a lead of another active action of the same agency in the same audit (not for an
    /// action the partnership owns: see <see cref="Leads(PlannedAction, PersonRef, IReadOnlySet{AgencyInAudit})"/>).
    /// </summary>
    public bool Leads(PlannedAction action) => Leads(action, Person, LeadAgencies);

    public bool MaySee(PlannedAction action, ActionPlan? plan) => Leads(action) || (plan is not null && Chairs(plan));
}
