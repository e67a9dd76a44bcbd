using System.Text.Json.Serialization;

namespace WorkshopBot.Audits.Domain;

/// <summary>A cell of the returns tracker. Overdue replaces NotStarted/Draft once the due date has passed.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TrackerCellStatus>))]
public enum TrackerCellStatus
{
    NotRequested,
    NotStarted,
    Draft,
    Submitted,
    Overdue,
}
