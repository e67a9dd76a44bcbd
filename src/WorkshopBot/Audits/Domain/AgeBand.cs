using System.Text.Json.Serialization;

namespace WorkshopBot.Audits.Domain;

/// <summary>A child's age band; the exact age or date of birth is never recorded.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AgeBand>))]
public enum AgeBand
{
    Under1,
    OneToFour,
    FiveToTen,
    ElevenToFifteen,
    SixteenToSeventeen,
}
