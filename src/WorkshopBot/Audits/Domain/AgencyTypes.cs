namespace WorkshopBot.Audits.Domain;

/// <summary>Display names for <see cref="AgencyType"/>, in the order a picker shows them.</summary>
public static class AgencyTypes
{
    public static IReadOnlyList<(AgencyType Type, string DisplayName)> All { get; } =
    [
        (AgencyType.ChildrensSocialCare, "Children's Social Care"),
        (AgencyType.Police, "Police"),
        (AgencyType.HealthVisiting, "Health visiting"),
        (AgencyType.Midwifery, "Midwifery"),
        (AgencyType.HospitalTrust, "Hospital trust"),
        (AgencyType.Gp, "GP"),
        (AgencyType.School, "School"),
        (AgencyType.EarlyHelp, "Early Help"),
        (AgencyType.Camhs, "CAMHS"),
        (AgencyType.Probation, "Probation"),
        (AgencyType.Housing, "Housing"),
        (AgencyType.VoluntarySector, "Voluntary sector"),
        (AgencyType.Other, "Other"),
    ];

    public static string DisplayName(AgencyType type) =>
        All.First(a => a.Type == type).DisplayName;

    public static bool IsDefined(AgencyType type) => Enum.IsDefined(type);
}
