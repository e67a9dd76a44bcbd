using WorkshopBot.Common;
namespace WorkshopBot.Audits.Domain;

/// <summary>
/// An agency taking part in an audit: its type and name, the representative who completes its returns, the
/// named safeguarding lead who receives immediate-safety alerts, and the cases it returns on.
/// </summary>
/// <param name="AssignedCases">Case references this agency returns on; null means every case in the audit.</param>
public sealed record AuditAgency(
    string Id,
    AgencyType Type,
    string Name,
    PersonRef? Representative,
    PersonRef? NamedLead,
    IReadOnlyList<CaseReference>? AssignedCases)
{
    public const int MaxNameLength = 150;

    public bool ReturnsOn(CaseReference caseReference) =>
        AssignedCases is null || AssignedCases.Contains(caseReference);
}
