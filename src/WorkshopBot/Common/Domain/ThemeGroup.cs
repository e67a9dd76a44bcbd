using System.Text.Json.Serialization;

namespace WorkshopBot.Common;

/// <summary>The four headings of the partnership theme taxonomy.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ThemeGroup>))]
public enum ThemeGroup
{
    ChildFocus,
    FamilyAndRisk,
    Practice,
    MultiAgencySystem,
}
