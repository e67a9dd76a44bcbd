using System.Globalization;
using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using static WorkshopBot.Common.Teams.CardKit;

namespace WorkshopBot.ActionPlans.Teams;

/// <summary>How an action looks on every card: its facts, its RAG and state, and the buttons the viewer may press.</summary>
public static class ActionCardKit
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static string Day(DateOnly date) => date.ToString("d MMMM yyyy", English);

    public static string RagText(ActionRag rag) => rag switch
    {
        ActionRag.Red => "🔴 Red",
        ActionRag.Amber => "🟠 Amber",
        ActionRag.Green => "🟢 Green",
        _ => "⚪ Not reported yet",
    };

    public static string Status(PlannedAction action, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(action);
        return action.State switch
        {
            ActionState.Open when action.IsOverdue(today) => $"OVERDUE since {Day(action.DueOn)} · {RagText(action.Rag)}",
            ActionState.Open => RagText(action.Rag),
            _ => char.ToUpperInvariant(PlannedAction.StateText(action.State)[0]) + PlannedAction.StateText(action.State)[1..],
        };
    }

    public static string ThemeNames(IReadOnlyList<string> themes) =>
        themes.Count == 0 ? "none" : string.Join(", ", themes.Select(t => Themes.Find(t)?.DisplayName ?? t));

    /// <summary>The heading and facts of an action.</summary>
    public static IEnumerable<CardElement> Facts(PlannedAction action, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(action);
        yield return Subheading($"{action.Label}: {Shorten(action.What, 200)}");
        yield return new FactSet
        {
            Facts =
            [
                new("Audit", Shorten(action.AuditTitle, 100)),
                new("Owner agency", action.OwnerAgency),
                new("Lead", action.Lead.Person.DisplayName),
                new("Due", Day(action.DueOn)),
                new("Measure of success", Shorten(action.Measure, 300)),
                new("Themes", ThemeNames(action.Themes)),
                new("Status", Status(action, today)),
            ],
        };
        if (action.Updates.Count > 0)
        {
            var last = action.Updates[^1];
            yield return Small($"Latest update ({last.At.ToString("d MMM yyyy", English)}, {last.By.DisplayName}): "
                + Shorten(last.Note, 300));
        }

        if (action.State == ActionState.AwaitingSignOff && action.Evidence is { } evidence)
        {
            yield return Small($"Evidence from {action.EvidenceBy?.DisplayName}: {Shorten(evidence, 400)}");
        }
    }

    public static IReadOnlyList<Choice> RagChoices() =>
    [
        new("🟢 Green: on track", nameof(ActionRag.Green)),
        new("🟠 Amber: some risk to the date or the measure", nameof(ActionRag.Amber)),
        new("🔴 Red: will not be met without help", nameof(ActionRag.Red)),
    ];

    /// <summary>Teams ids ("29:...") are far shorter; a longer one is forged and is not sent on to Teams.</summary>
    public const int MaxTeamsIdLength = 256;

    /// <summary>A Teams member id from card data, or null when it is empty or longer than any Teams id.</summary>
    public static string? TeamsId(string? id) => id is { Length: > 0 and <= MaxTeamsIdLength } ? id : null;

    /// <summary>Card data shown again in a form: at most what the input allows (only forged data is longer).</summary>
    public static string? Clip(string? text, int max) => text is { } t && t.Length > max ? t[..max] : text;

    public static IReadOnlyList<Choice> ThemeChoices() => Themes.All.Select(t => new Choice(t.DisplayName, t.Key)).ToList();
}
