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
            ActionState.Open when action.IsOverdue(today) => $"Overdue: was due {Day(action.DueOn)} · {RagText(action.Rag)}",
            ActionState.Open => RagText(action.Rag),
            _ => char.ToUpperInvariant(PlannedAction.StateText(action.State)[0]) + PlannedAction.StateText(action.State)[1..],
        };
    }

    public static string ThemeNames(IReadOnlyList<string> themes) =>
        themes.Count == 0 ? "none" : string.Join(", ", themes.Select(t => Themes.Find(t)?.DisplayName ?? t));

    /// <summary>
    /// Text someone typed (what will be done, a measure, a note, evidence, a reason, an audit's title, an agency's name), cut
    /// to <paramref name="max"/> and escaped for a TextBlock or a fact, which Teams reads as Markdown: a link, an image or an
    /// &lt;at&gt; mention typed is shown as typed, never live (choices and fallback text are plain and take the text as it is).
    /// </summary>
    public static string Shown(string? text, int max) => MarkdownText.Escape(Shorten(text, max));

    /// <summary><see cref="Shown(string?, int)"/> for a text short enough already (an agency's name).</summary>
    public static string Shown(string? text) => MarkdownText.Escape(text);

    /// <summary>The heading and facts of an action, what people typed escaped (<see cref="Shown(string?, int)"/>).</summary>
    public static IEnumerable<CardElement> Facts(PlannedAction action, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(action);
        yield return Subheading($"{action.Label}: {Shown(action.What, 200)}");
        yield return new FactSet
        {
            Facts =
            [
                new("Audit", Shown(action.AuditTitle, 100)),
                new("Owner agency", Shown(action.OwnerShown)),
                new("Lead", Shown(action.Lead.Person.DisplayName)),
                new("Due", Day(action.DueOn)),
                new("Measure of success", Shown(action.Measure, 300)),
                new("Themes", ThemeNames(action.Themes)),
                new("Status", Status(action, today)),
            ],
        };
        if (action.Updates.Count > 0)
        {
            var last = action.Updates[^1];
            var on = EnglandTime.DateOf(last.At).ToString("d MMM yyyy", English);
            yield return Small($"Latest update ({on}, {Shown(last.By.DisplayName)}): "
                + Shown(last.Note, 300));
        }

        if (action.State == ActionState.AwaitingSignOff && action.Evidence is { } evidence)
        {
            yield return Small($"Evidence from {Shown(action.EvidenceBy?.DisplayName)}: {Shown(evidence, 400)}");
        }
    }

    /// <summary>
    /// The sentence at the top of a form shown again because someone else changed the action after the form pressed was
    /// drawn (<see cref="PlannedAction.ChangedByOthersSince"/>): who, by the name Teams gives them, the status now, and that
    /// nothing was saved. Nothing anyone typed about the action is in it.
    /// </summary>
    public static string ChangedSince(PlannedAction action, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(action);
        var who = action.LastEdit?.By.DisplayName is { } name && !string.IsNullOrWhiteSpace(name) ? Shown(name) : "Someone";
        return $"{who} changed {action.Label} after you opened this card; its status is now {Status(action, today)}. "
            + "Your change was not saved: check the card as it is now and save again.";
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

    public static IReadOnlyList<Choice> ThemeChoices() => Themes.All.Select(t => new Choice(t.DisplayName, t.Key)).ToList();
}
