using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.Audits.Domain;

namespace WorkshopBot.ActionPlans.Teams;

/// <summary>An owner an action may have: the partnership, or one of its audit's agencies (with that agency's id).</summary>
public sealed record OwnerAgency(string Id, string Name);

/// <summary>
/// The owner agencies of an audit's actions: the partnership's own entry and the audit's agencies, nothing else. An owner
/// agency arrives as card data (a choice's value, the agency's name) and is matched here, so no typed text becomes an
/// owner; the audit log names an owner by its id.
/// </summary>
public static class OwnerAgencies
{
    /// <summary>The id the audit log gives the partnership as owner.</summary>
    public const string PartnershipId = "partnership";

    /// <summary>The id the audit log gives an owner that is not (or no longer) one of the audit's.</summary>
    public const string UnlistedId = "unlisted";

    public const string NotListed =
        "Choose the owner agency from the list: the partnership or one of this audit's agencies. Nothing was saved.";

    /// <summary>The owner the card's value names (as "Police" and " police " are one agency), or null when it names none.</summary>
    public static OwnerAgency? Find(Audit audit, string? value)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var key = PlannedAction.AgencyKeyOf(value);
        if (key.Length == 0)
        {
            return null;
        }

        if (key == PlannedAction.AgencyKeyOf(CreateCard.Partnership))
        {
            return new OwnerAgency(PartnershipId, CreateCard.Partnership);
        }

        return audit.Agencies.FirstOrDefault(a => PlannedAction.AgencyKeyOf(a.Name) == key) is { } agency
            ? new OwnerAgency(agency.Id, agency.Name)
            : null;
    }

    /// <summary>The id the audit log names an action's owner agency by.</summary>
    public static string IdOf(Audit? audit, string ownerAgency) =>
        audit is null ? UnlistedId : Find(audit, ownerAgency)?.Id ?? UnlistedId;
}
