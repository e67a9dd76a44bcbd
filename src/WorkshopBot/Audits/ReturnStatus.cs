using System.Text.Json.Serialization;

namespace WorkshopBot.Audits;

[JsonConverter(typeof(JsonStringEnumConverter<ReturnStatus>))]
public enum ReturnStatus
{
    NotStarted,
    Draft,
    Submitted,
}
