using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common.Teams;

namespace WorkshopBot.Audits.Teams;

/// <summary>Card building blocks of the audit feature only: answer labels and tracker colours.</summary>
internal static class AuditCardKit
{
    public static TextColor StatusColor(TrackerCellStatus status) => status switch
    {
        TrackerCellStatus.Submitted => TextColor.Good,
        TrackerCellStatus.Draft => TextColor.Warning,
        TrackerCellStatus.Overdue => TextColor.Attention,
        _ => TextColor.Default,
    };

    public static string AnswerLabel(AnswerValue? value) => value switch
    {
        AnswerValue.Yes => "Yes",
        AnswerValue.No => "No",
        AnswerValue.Partly => "Partly",
        AnswerValue.NotApplicable => "N/A",
        _ => "Not answered",
    };

    public static IReadOnlyList<Choice> AnswerChoices { get; } =
    [
        new("Yes", "yes"),
        new("No", "no"),
        new("Partly", "partly"),
        new("N/A", "na"),
    ];

    public static AnswerValue? ParseAnswer(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "yes" => AnswerValue.Yes,
        "no" => AnswerValue.No,
        "partly" => AnswerValue.Partly,
        "na" => AnswerValue.NotApplicable,
        _ => null,
    };

    public static string AnswerKey(AnswerValue? value) => value switch
    {
        AnswerValue.Yes => "yes",
        AnswerValue.No => "no",
        AnswerValue.Partly => "partly",
        AnswerValue.NotApplicable => "na",
        _ => string.Empty,
    };
}
