using WorkshopBot.Common;
namespace WorkshopBot.Audits.Domain;

/// <summary>
/// An agency taking part in an audit: its type and name, the representative who completes its returns, the
/// named safeguarding lead who receives immediate-safety alerts, and the cases it returns on.
/// </summary>
/// <param name="AssignedCases">Case references this agency returns on; null means every case in the audit.</param>
/// <param name="FormerRepresentatives">
/// The people the chair replaced as this agency's representative once the audit was issued, and has not made its
/// representative again: they no longer speak for the agency at the audit's workshops, so they cannot join one for it
/// (<see cref="WasReplaced"/>). Kept on the audit, not on a workshop, as who represents an agency is the audit's: it
/// changes in the same save as the representative, holds for every workshop of the audit (one started later too), and a
/// join that holds the audit sees both together. Null when there are none (and in audits stored before it was kept).
/// </param>
public sealed record AuditAgency(
    string Id,
    AgencyType Type,
    string Name,
    PersonRef? Representative,
    PersonRef? NamedLead,
    IReadOnlyList<CaseReference>? AssignedCases,
    IReadOnlyList<PersonRef>? FormerRepresentatives = null)
{
    public const int MaxNameLength = 150;

    public bool ReturnsOn(CaseReference caseReference) =>
        AssignedCases is null || AssignedCases.Contains(caseReference);

    /// <summary>Whether the chair replaced this person as the agency's representative (and has not made them it again).</summary>
    public bool WasReplaced(PersonRef person) => FormerRepresentatives?.Any(p => p.IsSamePerson(person)) == true;

    /// <summary>
    /// The agency with <paramref name="representative"/> as its representative: no longer a former one, and the one they
    /// replace (someone else) a former one when <paramref name="keepFormer"/>.
    /// </summary>
    internal AuditAgency WithRepresentative(PersonRef representative, bool keepFormer)
    {
        var former = (FormerRepresentatives ?? []).Where(p => !p.IsSamePerson(representative)).ToList();
        if (keepFormer && Representative is { } before && !before.IsSamePerson(representative) && !former.Any(p => p.IsSamePerson(before)))
        {
            former.Add(before);
        }

        return this with { Representative = representative, FormerRepresentatives = former.Count == 0 ? null : former };
    }
}
