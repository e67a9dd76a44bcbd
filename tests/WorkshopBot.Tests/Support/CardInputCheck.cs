using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using WorkshopBot.Protocol.Routing;

namespace WorkshopBot.Tests.Support;

/// <summary>
/// Matches each input of a card to the data record its actions post. Teams merges every input into the action's data
/// by the input's id, and the router parses that data into the verb's record by property name; an input whose id
/// matches no property of any action's record on the card would be dropped without a word. Records that keep extra
/// inputs (<see cref="JsonExtensionDataAttribute"/>, such as answers named per question) accept every id.
/// </summary>
public static class CardInputCheck
{
    /// <summary>Every input id on the card that no record of its actions can receive, with the verbs it was tried against.</summary>
    public static IReadOnlyList<string> Unmatched(JsonElement card, ActivityRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        var inputs = new List<string>();
        var verbs = new List<string>();
        Walk(card, inputs, verbs);
        if (inputs.Count == 0)
        {
            return [];
        }

        var records = verbs.Distinct(StringComparer.Ordinal)
            .Select(v => router.CardActionVerbs.TryGetValue(v, out var t) ? t : router.SubmitVerbs.GetValueOrDefault(v))
            .OfType<Type>()
            .ToList();
        return inputs.Distinct(StringComparer.Ordinal)
            .Where(id => !records.Any(r => Accepts(r, id)))
            .Select(id => $"input '{id}' (actions: {string.Join(", ", verbs.Distinct(StringComparer.Ordinal))})")
            .ToList();
    }

    /// <summary>Whether <paramref name="record"/>, posted by an action, receives the input named <paramref name="inputId"/>.</summary>
    public static bool Accepts(Type record, string inputId) =>
        record.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Any(p => p.GetCustomAttribute<JsonExtensionDataAttribute>() is not null
                || string.Equals(p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? p.Name, inputId,
                    StringComparison.OrdinalIgnoreCase));

    private static void Walk(JsonElement element, List<string> inputs, List<string> verbs)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var type = element.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                if (type is not null && type.StartsWith("Input.", StringComparison.Ordinal)
                    && element.TryGetProperty("id", out var id) && id.GetString() is { } inputId)
                {
                    inputs.Add(inputId);
                }

                if (type == "Action.Execute" && element.TryGetProperty("verb", out var verb) && verb.GetString() is { } v)
                {
                    verbs.Add(v);
                }

                if (type == "Action.Submit" && element.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                    && data.TryGetProperty(ActivityRouter.SubmitVerbProperty, out var submitVerb) && submitVerb.GetString() is { } sv)
                {
                    verbs.Add(sv);
                }

                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, inputs, verbs);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, inputs, verbs);
                }

                break;
        }
    }
}
