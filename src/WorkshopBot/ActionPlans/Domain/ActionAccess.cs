using WorkshopBot.Common;

namespace WorkshopBot.ActionPlans.Domain;

/// <summary>
/// Need to know for actions: the audit's chair (and admins) see and manage the whole plan; a lead sees and updates the
/// actions of the agencies they lead actions for; anyone else sees none.
/// </summary>
public sealed record ActionViewer(PersonRef Person, bool IsAdmin, IReadOnlySet<string> LeadAgencies)
{
    /// <summary>The agencies a person leads actions for (agency keys), from every action of their tenant.</summary>
    public static ActionViewer Of(PersonRef person, bool isAdmin, IEnumerable<PlannedAction> actionsOfTenant)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(actionsOfTenant);
        var agencies = actionsOfTenant.Where(a => a.IsActive && a.IsLedBy(person)).Select(a => a.AgencyKey)
            .ToHashSet(StringComparer.Ordinal);
        return new ActionViewer(person, isAdmin, agencies);
    }

    public bool Chairs(ActionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return IsAdmin || plan.Chair.IsSamePerson(Person);
    }

    /// <summary>A lead of this action, or of another active action of the same agency.</summary>
    public bool Leads(PlannedAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return action.IsLedBy(Person) || LeadAgencies.Contains(action.AgencyKey);
    }

    public bool MaySee(PlannedAction action, ActionPlan? plan) => Leads(action) || (plan is not null && Chairs(plan));
}
