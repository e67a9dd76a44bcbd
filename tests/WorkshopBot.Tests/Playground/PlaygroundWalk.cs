using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using static WorkshopBot.Tests.Playground.PlaygroundCards;

namespace WorkshopBot.Tests.Playground;

/// <summary>The Playground's connection as its web UI uses it: typed messages, installs and card actions.</summary>
internal sealed class PlaygroundWalk(PlaygroundSession session, CancellationToken ct)
{
    public async Task InstallAsync(string conversationId)
    {
        using var install = await session.Http.PostAsJsonAsync(
            new Uri(session.Playground, $"_debug/conversation/{Uri.EscapeDataString(conversationId)}/installation"), new { }, ct);
        Assert.Equal(HttpStatusCode.OK, install.StatusCode);
    }

    /// <summary>Types a message; returns the conversation the bot answers in (a new thread for a channel post).</summary>
    public async Task<string> SayAsync(string conversationId, string text, bool mentionBot)
    {
        object body = mentionBot
            ? new
            {
                from = new { id = PlaygroundSession.CurrentUserId },
                text = $"<at>WorkshopBot</at> {text}",
                textFormat = "plain",
                mentions = new[] { new { mentioned = new { id = PlaygroundSession.BotId }, text = "<at>WorkshopBot</at>" } },
            }
            : new { from = new { id = PlaygroundSession.CurrentUserId }, text, textFormat = "plain" };
        using var typed = await session.Http.PostAsJsonAsync(
            new Uri(session.Playground, $"_conversation/v1/conversations/{Uri.EscapeDataString(conversationId)}/messages"), body, ct);
        var answer = await typed.Content.ReadAsStringAsync(ct);
        Assert.True(typed.StatusCode == HttpStatusCode.OK, $"message answered {(int)typed.StatusCode}: {answer}");
        using var json = JsonDocument.Parse(answer);
        return json.RootElement.TryGetProperty("postConversationId", out var post) && post.GetString() is { Length: > 0 } thread
            ? thread
            : conversationId;
    }

    /// <summary>Opens an Action.ShowCard (as the renderer does, in place) and presses a button on the card it shows.</summary>
    public Task<JsonElement> PressInShowCardAsync(string conversationId, string replyToId, JsonElement card, string showCardTitle,
        string title, Dictionary<string, string> typed)
    {
        var show = Actions(card).FirstOrDefault(a => a.GetProperty("title").GetString() == showCardTitle);
        Assert.True(show.ValueKind == JsonValueKind.Object && show.GetProperty("type").GetString() == "Action.ShowCard",
            $"No \"{showCardTitle}\" on the card: {card.GetRawText()}");
        return PressAsync(conversationId, replyToId, show.GetProperty("card"), title, typed);
    }

    /// <summary>
    /// Presses an Action.Execute button as the Adaptive Cards renderer in the Playground's UI does: the action's
    /// data with every input that has a value (as a string) merged over it. Returns the card the bot answered with.
    /// </summary>
    /// <param name="asUser">Another member of the mock tenant pressing it (a Teams user id); the current user when null.</param>
    public async Task<JsonElement> PressAsync(string conversationId, string replyToId, JsonElement card, string title,
        Dictionary<string, string>? typed = null, bool last = false, string? asUser = null)
    {
        var matching = Actions(card).Where(a => a.GetProperty("title").GetString() == title).ToList();
        var action = last ? matching.LastOrDefault() : matching.FirstOrDefault();
        Assert.True(action.ValueKind == JsonValueKind.Object, $"No button \"{title}\" on the card: {card.GetRawText()}");
        Assert.Equal("Action.Execute", action.GetProperty("type").GetString());
        var data = action.TryGetProperty("data", out var d) ? JsonNode.Parse(d.GetRawText())!.AsObject() : [];
        foreach (var input in Inputs(card))
        {
            var id = input.GetProperty("id").GetString()!;
            var value = typed is not null && typed.TryGetValue(id, out var v) ? v
                : input.TryGetProperty("value", out var preset) && preset.ValueKind != JsonValueKind.Null ? preset.ToString() : null;
            if (!string.IsNullOrEmpty(value))
            {
                data[id] = value;
            }
        }

        var verb = action.GetProperty("verb").GetString();
        using var invoke = await session.Http.PostAsJsonAsync(
            new Uri(session.Playground, "_conversation/v1/invoke"),
            new
            {
                name = "adaptiveCard/action",
                value = new { action = new { type = "Action.Execute", verb, data } },
                from = new { id = asUser ?? PlaygroundSession.CurrentUserId },
                conversation = new { id = conversationId },
                replyToId,
            },
            ct);
        var body = await invoke.Content.ReadAsStringAsync(ct);
        Assert.True(invoke.StatusCode == HttpStatusCode.OK, $"{verb} answered {(int)invoke.StatusCode}: {body}");
        using var answer = JsonDocument.Parse(body);
        Assert.Equal(AdaptiveCard, answer.RootElement.GetProperty("type").GetString());
        var replacement = answer.RootElement.GetProperty("value").Clone();
        Assert.Equal("AdaptiveCard", replacement.GetProperty("type").GetString());
        Assert.DoesNotContain("This card could not be read", AllText(replacement), StringComparison.Ordinal);
        return replacement;
    }
}

/// <summary>Reading what the Playground pushed: the bot's cards, their texts, inputs and buttons.</summary>
internal static class PlaygroundCards
{
    internal const string AdaptiveCard = "application/vnd.microsoft.card.adaptive";

    internal static bool IsBotCard(JsonElement push, string? conversationId, string firstText) =>
        push.TryGetProperty("action", out var action) && action.GetString() == "createMessage"
        && (conversationId is null || push.GetProperty("actionConversationId").GetString() == conversationId)
        && push.GetProperty("message").GetProperty("from").GetProperty("id").GetString() == PlaygroundSession.BotId
        && push.GetProperty("message").TryGetProperty("attachments", out var attachments)
        && attachments.EnumerateArray().Any(a =>
            a.GetProperty("contentType").GetString() == AdaptiveCard && FirstText(a.GetProperty("content")) == firstText);

    /// <summary>A call the bot made to the Playground's connector, as its log stream reports it.</summary>
    internal static bool IsLogged(JsonElement entry, string activityName) =>
        entry.TryGetProperty("log", out var log) && log.TryGetProperty("activityName", out var name) && name.GetString() == activityName
        && log.TryGetProperty("from", out var from) && from.GetString() == "User Application";

    internal static string MessageId(JsonElement push) => push.GetProperty("message").GetProperty("messageId").GetString()!;

    internal static JsonElement Card(JsonElement push) =>
        Assert.Single(push.GetProperty("message").GetProperty("attachments").EnumerateArray()).GetProperty("content");

    internal static string? FirstText(JsonElement card) =>
        Texts(card).FirstOrDefault(t => !string.IsNullOrEmpty(t) && !t.Contains(" · ", StringComparison.Ordinal));

    internal static string AllText(JsonElement card) => string.Join('\n', Texts(card));

    /// <summary>Text blocks' texts and facts' titles and values, in card order.</summary>
    internal static IEnumerable<string> Texts(JsonElement element) =>
        Descendants(element).SelectMany(e =>
            e.TryGetProperty("type", out var type) && type.GetString() == "TextBlock" ? [e.GetProperty("text").GetString() ?? string.Empty]
            : !e.TryGetProperty("type", out _) && e.TryGetProperty("title", out var title) && e.TryGetProperty("value", out var value)
                && title.ValueKind == JsonValueKind.String && value.ValueKind == JsonValueKind.String
                ? [title.GetString()!, value.GetString()!]
            : Array.Empty<string>());

    /// <summary>The inputs a button press collects: those in the card's body (not inside Action.ShowCard cards).</summary>
    /// <summary>
    /// Answers for one section of the audit tool: "no" where a question offers it (a yes on the immediate-safety question
    /// would alert the chair, which is another walkthrough), else the first choice, and <paramref name="narrative"/> in
    /// every narrative box.
    /// </summary>
    internal static Dictionary<string, string> SectionAnswers(JsonElement section, string narrative)
    {
        var answers = new Dictionary<string, string>();
        foreach (var input in Inputs(section))
        {
            var id = input.GetProperty("id").GetString()!;
            if (id.StartsWith("a:", StringComparison.Ordinal))
            {
                var values = input.GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("value").GetString()!).ToList();
                answers[id] = values.Contains("no") ? "no" : values[0];
            }
            else if (id.StartsWith("n:", StringComparison.Ordinal))
            {
                answers[id] = narrative;
            }
        }

        return answers;
    }

    internal static IEnumerable<JsonElement> Inputs(JsonElement card) =>
        card.TryGetProperty("body", out var body)
            ? Descendants(body)
                .Where(e => e.TryGetProperty("type", out var t) && t.GetString()!.StartsWith("Input.", StringComparison.Ordinal))
            : [];

    internal static IEnumerable<JsonElement> Actions(JsonElement card) =>
        (card.TryGetProperty("actions", out var root) ? root.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Concat(card.TryGetProperty("body", out var body)
                ? Descendants(body).Where(e => e.TryGetProperty("type", out var t) && t.GetString() == "ActionSet")
                    .SelectMany(s => s.GetProperty("actions").EnumerateArray())
                : []);

    internal static IEnumerable<JsonElement> Descendants(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            yield return element;
            foreach (var property in element.EnumerateObject())
            {
                // Cards inside Action.ShowCard are separate forms.
                if (property.Name is "card")
                {
                    continue;
                }

                foreach (var inner in Descendants(property.Value))
                {
                    yield return inner;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (var inner in Descendants(item))
                {
                    yield return inner;
                }
            }
        }
    }
}
