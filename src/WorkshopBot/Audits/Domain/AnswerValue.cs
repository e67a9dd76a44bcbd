using System.Text.Json.Serialization;

namespace WorkshopBot.Audits.Domain;

[JsonConverter(typeof(JsonStringEnumConverter<AnswerValue>))]
public enum AnswerValue
{
    Yes,
    No,
    Partly,
    NotApplicable,
}
