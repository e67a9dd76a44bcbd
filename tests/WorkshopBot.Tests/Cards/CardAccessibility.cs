using System.Text.Json;
using WorkshopBot.Cards;

namespace WorkshopBot.Tests.Cards;

/// <summary>
/// What a screen reader reads of a card: each input by its label, each button by its title alone. Two inputs with one label,
/// or two buttons with one title, cannot be told apart without sight of where they sit.
/// </summary>
public static class CardAccessibility
{
    /// <summary>Input labels used more than once on the card (a ShowCard's card counted with it).</summary>
    public static IReadOnlyList<string> RepeatedLabels(AdaptiveCard card) =>
        Repeated(Walk(AdaptiveCardJson.ToJsonElement(card)).Where(e => Type(e).StartsWith("Input.", StringComparison.Ordinal)), "label");

    /// <summary>Button titles used more than once on the card (a ShowCard's card counted with it).</summary>
    public static IReadOnlyList<string> RepeatedActionTitles(AdaptiveCard card) =>
        Repeated(Walk(AdaptiveCardJson.ToJsonElement(card)).Where(e => Type(e).StartsWith("Action.", StringComparison.Ordinal)), "title");

    /// <summary>Asserts that no card of <paramref name="cards"/> repeats an input label.</summary>
    public static void AssertLabelsUnique(IEnumerable<KeyValuePair<string, AdaptiveCard>> cards) =>
        Assert.All(cards, c => Assert.True(RepeatedLabels(c.Value).Count == 0,
            $"{c.Key} repeats the labels {string.Join(", ", RepeatedLabels(c.Value).Select(l => $"\"{l}\""))}"));

    /// <summary>Asserts that no card of <paramref name="cards"/> repeats a button title.</summary>
    public static void AssertActionTitlesUnique(IEnumerable<KeyValuePair<string, AdaptiveCard>> cards) =>
        Assert.All(cards, c => Assert.True(RepeatedActionTitles(c.Value).Count == 0,
            $"{c.Key} repeats the button titles {string.Join(", ", RepeatedActionTitles(c.Value).Select(l => $"\"{l}\""))}"));

    private static List<string> Repeated(IEnumerable<JsonElement> elements, string property) =>
        elements.Select(e => e.TryGetProperty(property, out var p) ? p.GetString() : null).OfType<string>()
            .GroupBy(s => s, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();

    private static string Type(JsonElement e) => e.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";

    private static IEnumerable<JsonElement> Walk(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            yield return element;
            foreach (var child in element.EnumerateObject().SelectMany(p => Walk(p.Value)))
            {
                yield return child;
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var child in element.EnumerateArray().SelectMany(Walk))
            {
                yield return child;
            }
        }
    }
}
