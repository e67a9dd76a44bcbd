using System.Text.Json;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>Reading the cards the bot answers with: the card itself, its actions and their data, its inputs.</summary>
internal sealed partial class AuditScenario
{
    public static JsonElement CardOf(InvokeResult result)
    {
        Assert.Equal(System.Net.HttpStatusCode.OK, result.Status);
        return result.Card ?? throw new Xunit.Sdk.XunitException("Expected a card, got: " + result.Body?.GetRawText());
    }

    public static void AssertHasText(InvokeResult result, string text) =>
        Assert.Contains(text, CardOf(result).GetRawText(), StringComparison.Ordinal);

    /// <summary>An action's data read as the verb's record, as the bot will read it.</summary>
    public static T Read<T>(JsonElement action) => BotJson.Deserialize<T>(action.GetProperty("data"))!;

    /// <summary>The data of the action with this verb and move ("next"), else of the first with the verb.</summary>
    private static T DataOf<T>(JsonElement first, string move, string verb, JsonElement card)
    {
        var data = AllActions(card).Where(a => Verb(a) == verb).Select(a => a.GetProperty("data"))
            .FirstOrDefault(
                d => d.TryGetProperty("move", out var m) && m.GetString() == move && !d.TryGetProperty("confirmNotIdentifying", out _),
                first.GetProperty("data"));
        return BotJson.Deserialize<T>(data)!;
    }

    public static IEnumerable<JsonElement> AllActions(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("type", out var type) && type.GetString()?.StartsWith("Action.", StringComparison.Ordinal) == true)
            {
                yield return element;
            }

            foreach (var p in element.EnumerateObject())
            {
                foreach (var a in AllActions(p.Value))
                {
                    yield return a;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (var a in AllActions(item))
                {
                    yield return a;
                }
            }
        }
    }

    private static string? Verb(JsonElement action) => action.TryGetProperty("verb", out var v) ? v.GetString() : null;

    public static JsonElement? FindAction(JsonElement card, string verb) =>
        AllActions(card).Where(a => Verb(a) == verb).Select(a => (JsonElement?)a).FirstOrDefault();

    public static IEnumerable<string> InputIds(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("type", out var type) && type.GetString()?.StartsWith("Input.", StringComparison.Ordinal) == true)
            {
                yield return element.GetProperty("id").GetString()!;
            }

            foreach (var p in element.EnumerateObject())
            {
                foreach (var id in InputIds(p.Value))
                {
                    yield return id;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (var id in InputIds(item))
                {
                    yield return id;
                }
            }
        }
    }

    public static string? FindString(JsonElement element, string property)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in element.EnumerateObject())
            {
                if (p.Name == property && p.Value.ValueKind == JsonValueKind.String)
                {
                    return p.Value.GetString();
                }

                if (FindString(p.Value, property) is { } found)
                {
                    return found;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                if (FindString(item, property) is { } found)
                {
                    return found;
                }
            }
        }

        return null;
    }

    /// <summary>The value of the card's input with this id; null when there is no such input or it is empty.</summary>
    public static string? InputValue(JsonElement element, string id)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("id", out var found) && found.GetString() == id)
            {
                return element.TryGetProperty("value", out var v) ? v.GetString() : null;
            }

            return element.EnumerateObject().Select(p => InputValue(p.Value, id)).FirstOrDefault(v => v is not null);
        }

        return element.ValueKind == JsonValueKind.Array
            ? element.EnumerateArray().Select(e => InputValue(e, id)).FirstOrDefault(v => v is not null)
            : null;
    }
}
