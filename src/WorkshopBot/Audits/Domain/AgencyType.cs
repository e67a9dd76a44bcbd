using System.Text.Json.Serialization;

namespace WorkshopBot.Audits.Domain;

/// <summary>The kinds of agency that take part in a multi-agency case audit.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AgencyType>))]
public enum AgencyType
{
    ChildrensSocialCare,
    Police,
    HealthVisiting,
    Midwifery,
    HospitalTrust,
    Gp,
    School,
    EarlyHelp,
    Camhs,
    Probation,
    Housing,
    VoluntarySector,
    Other,
}
