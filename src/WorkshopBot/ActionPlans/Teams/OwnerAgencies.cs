using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.Audits.Domain;

namespace WorkshopBot.ActionPlans.Teams;

/// <summary>An owner an action may have: the partnership, or one of its audit's agencies (with that agency's id).</summary>
public sealed record OwnerAgency(string Id, string Name)
{
    /// <summary>The partnership itself, told by its id (an agency may have its name).</summary>
    public bool IsPartnership => Id == OwnerAgencies.PartnershipId;
}

/// <summary>
/// The owner agencies of an audit's actions: the partnership's own entry and the audit's agencies, nothing else. An owner
/// agency arrives as card data (a choice's value) and is matched here, so no typed text becomes an owner; the audit log
/// names an owner by its id. A choice's value is the agency's name, as cards have always carried it, except for an agency
/// whose name reads as the partnership's own entry ("The partnership"): its value is its id, so the two are told apart.
/// </summary>
public static class OwnerAgencies
{
    /// <summary>The id the audit log gives the partnership as owner (no agency's id: theirs are "agency-1", ...).</summary>
    public const string PartnershipId = "partnership";

    /// <summary>The id the audit log gives an owner that is not (or no longer) one of the audit's.</summary>
    public const string UnlistedId = "unlisted";

    public const string NotListed =
        "Choose the owner agency from the list: the partnership or one of this audit's agencies. Nothing was saved.";

    /// <summary>The partnership's own entry.</summary>
    public static OwnerAgency Partnership { get; } = new(PartnershipId, PlannedAction.PartnershipOwner);

    /// <summary>The owners an action of the audit may have: the partnership first, then the audit's agencies.</summary>
    public static IReadOnlyList<OwnerAgency> Of(Audit? audit) =>
        [Partnership, .. audit?.Agencies.Select(a => new OwnerAgency(a.Id, a.Name)) ?? []];

    /// <summary>The owner the card's value names (as "Police" and " police " are one agency), or null when it names none.</summary>
    public static OwnerAgency? Find(Audit audit, string? value)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return Find(Of(audit), value);
    }

    /// <summary>
    /// The owner among <paramref name="owners"/> the value names: an agency by its id (the value of one named as the
    /// partnership's entry), the partnership by its entry's name, an agency by its name; null when it names none.
    /// </summary>
    public static OwnerAgency? Find(IReadOnlyList<OwnerAgency> owners, string? value)
    {
        ArgumentNullException.ThrowIfNull(owners);
        var key = PlannedAction.AgencyKeyOf(value);
        if (key.Length == 0)
        {
            return null;
        }

        var agencies = owners.Where(o => !o.IsPartnership).ToList();
        return agencies.FirstOrDefault(o => string.Equals(o.Id, value!.Trim(), StringComparison.Ordinal))
            ?? (key == PlannedAction.AgencyKeyOf(Partnership.Name) ? Partnership : null)
            ?? agencies.FirstOrDefault(o => PlannedAction.AgencyKeyOf(o.Name) == key);
    }

    /// <summary>The value a choice of <paramref name="owner"/> carries (see <see cref="OwnerAgencies"/>).</summary>
    public static string ChoiceValue(OwnerAgency owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return !owner.IsPartnership && IsNamedAsPartnership(owner) ? owner.Id : owner.Name;
    }

    /// <summary>A choice's title: that of an agency named as the partnership's entry says it is an agency.</summary>
    public static string ChoiceTitle(OwnerAgency owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return !owner.IsPartnership && IsNamedAsPartnership(owner) ? $"{owner.Name} (one of this audit's agencies)" : owner.Name;
    }

    /// <summary>
    /// The owner <paramref name="action"/> has among <paramref name="owners"/>: the partnership by the action's flag, else its
    /// agency by name; null when that agency is not (or no longer) among them.
    /// </summary>
    public static OwnerAgency? OwnerOf(IReadOnlyList<OwnerAgency> owners, PlannedAction action)
    {
        ArgumentNullException.ThrowIfNull(owners);
        ArgumentNullException.ThrowIfNull(action);
        return action.IsPartnershipOwned
            ? Partnership
            : owners.FirstOrDefault(o => !o.IsPartnership && PlannedAction.AgencyKeyOf(o.Name) == action.AgencyKey);
    }

    /// <summary>The id the audit log names an action's owner agency by.</summary>
    public static string IdOf(Audit? audit, PlannedAction action) => OwnerOf(Of(audit), action)?.Id ?? UnlistedId;

    private static bool IsNamedAsPartnership(OwnerAgency owner) =>
        PlannedAction.AgencyKeyOf(owner.Name) == PlannedAction.AgencyKeyOf(Partnership.Name);
}
