using System.Text;
using System.Text.Json;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;

namespace WorkshopBot.Conversations;

/// <summary>
/// Whether a turn's answer gives back text the identifier check flags in what the person sent, text the turn did not
/// store: a warning that shows the author what was found and their text to edit (answers, ideas, briefing edits, action
/// updates, reasons...), or a refusal for another reason that gives back text they had confirmed. Such an answer is not
/// kept with the activity's processed mark, or the very identifier the bot refused to store would be stored with it, for
/// two days: the mark keeps no answer and a redelivery runs the handler again, which checks the text again and gives
/// the same warning, changing nothing (see TurnCoordinator). Text the turn stored in a document, because the author
/// confirmed it is not identifying, may be kept in the answer as well: it is stored already.
/// </summary>
internal static class RefusedEcho
{
    // No identifier the check knows is shorter (a postcode such as "M1 1AA" is the shortest); shorter strings are ids.
    private const int Shortest = 5;

    public static bool Holds(Activity activity, byte[]? answer, StoreWork writes)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(writes);
        if (answer is null)
        {
            return false;
        }

        var typed = new List<string>();
        Add(typed, activity.Text);
        if (activity.Value is { } value)
        {
            Collect(value, typed);
        }

        var flagged = typed.SelectMany(t => IdentifierScanner.Default.Scan(t)).Select(f => Squeeze(f.Text))
            .Where(f => f.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (flagged.Count == 0)
        {
            return false;
        }

        var answered = Squeeze(TextOf(answer));
        var echoed = flagged.Where(f => answered.Contains(f, StringComparison.Ordinal)).ToList();
        if (echoed.Count == 0)
        {
            return false;
        }

        var stored = Squeeze(string.Join('\n', writes.Steps.Select(DocumentJson).OfType<string>()
            .Select(json => TextOf(Encoding.UTF8.GetBytes(json)))));
        return echoed.Any(f => !stored.Contains(f, StringComparison.Ordinal));
    }

    private static string? DocumentJson(StoreWork.Step step) => step switch
    {
        StoreWork.InsertStep insert => insert.Json,
        StoreWork.UpdateStep update => update.Json,
        _ => null,
    };

    /// <summary>Every string of a JSON text, decoded, one a line (escapes in the JSON would hide what it says).</summary>
    private static string TextOf(byte[] utf8)
    {
        var strings = new List<string>();
        try
        {
            using var document = JsonDocument.Parse(utf8);
            Collect(document.RootElement, strings);
        }
        catch (JsonException)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        return string.Join('\n', strings);
    }

    private static void Collect(JsonElement element, List<string> strings)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                Add(strings, element.GetString());
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Collect(property.Value, strings);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, strings);
                }

                break;
            default:
                break;
        }
    }

    private static void Add(List<string> strings, string? text)
    {
        if (text is { Length: >= Shortest } && !Guid.TryParse(text, out _))
        {
            strings.Add(text);
        }
    }

    /// <summary>
    /// Without white space and in lower case: an echo may be normalised ("943  476 5919" shown as "943 476 5919"); without
    /// backslashes too, for a card shows typed text escaped ("jo\_smith" for "jo_smith", see MarkdownText).
    /// </summary>
    private static string Squeeze(string text)
    {
        var squeezed = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c) && c != '\\')
            {
                squeezed.Append(char.ToLowerInvariant(c));
            }
        }

        return squeezed.ToString();
    }
}
