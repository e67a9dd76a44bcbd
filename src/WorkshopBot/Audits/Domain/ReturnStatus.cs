using System.Text.Json.Serialization;

namespace WorkshopBot.Audits.Domain;

[JsonConverter(typeof(JsonStringEnumConverter<ReturnStatus>))]
public enum ReturnStatus
{
    NotStarted,
    Draft,
    Submitted,
}
