using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkshopBot.Cards;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Playground;

/// <summary>
/// The real bot and the real Microsoft 365 Agents Playground, driven through the HTTP endpoints and websockets its
/// web UI uses: install → welcome card → `help` → help card → "What can I do?" (Action.Execute) → help card in place.
/// </summary>
[Collection(NodeToolsCollection.Name)]
public sealed class PlaygroundEndToEnd(PlaygroundSession session) : IClassFixture<PlaygroundSession>
{
    private const string AdaptiveCard = "application/vnd.microsoft.card.adaptive";
    private static readonly TimeSpan CardTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task InstallWelcomeHelpAndCardActionRoundTrip()
    {
        PlaygroundStream? conversation = null;
        PlaygroundStream? log = null;
        try
        {
            await session.RunAsync(
                async ct =>
                {
                    // Connect first: what the bot sends is pushed to the clients connected at that moment.
                    conversation = await PlaygroundStream.ConnectAsync(session.Playground, "/_ws_conversation/v1/conversations/stream", ct);
                    log = await PlaygroundStream.ConnectAsync(session.Playground, "/_ws/log/stream", ct);
                    var chat = Uri.EscapeDataString(PlaygroundSession.PersonalChatId);

                    // Install: the Playground sends installationUpdate (action "add") and then conversationUpdate with
                    // the bot and the user in membersAdded; the bot greets on the latter. Answers 200 with no body
                    // before it sends them.
                    using (var install = await session.Http.PostAsJsonAsync(
                        new Uri(session.Playground, $"_debug/conversation/{chat}/installation"), new { }, ct))
                    {
                        Assert.Equal(HttpStatusCode.OK, install.StatusCode);
                    }

                    var welcome = await conversation.WaitForAsync(
                        m => IsBotCard(m, "Welcome to WorkshopBot"), "welcome card", CardTimeout, ct);
                    var welcomeCard = SingleCard(welcome);
                    var action = welcomeCard.GetProperty("actions").EnumerateArray().Single();
                    Assert.Equal("Action.Execute", action.GetProperty("type").GetString());
                    Assert.Equal("help.show", action.GetProperty("verb").GetString());
                    Assert.Equal("What can I do?", action.GetProperty("title").GetString());

                    // A typed message: from must be a member of the chat; textFormat is required (plain, markdown or
                    // xml). Answers 200 {messageId, timestamp}; the user's own message is not pushed on the stream.
                    using (var typed = await session.Http.PostAsJsonAsync(
                        new Uri(session.Playground, $"_conversation/v1/conversations/{chat}/messages"),
                        new { from = new { id = PlaygroundSession.CurrentUserId }, text = "help", textFormat = "plain" },
                        ct))
                    {
                        Assert.Equal(HttpStatusCode.OK, typed.StatusCode);
                    }

                    var help = await conversation.WaitForAsync(m => IsBotCard(m, "What you can do"), "help card", CardTimeout, ct);
                    Assert.Contains("Show this card", SingleCard(help).GetRawText(), StringComparison.Ordinal);

                    // The card action: replyToId must be the Playground's id of a message in that conversation (the
                    // welcome card). The Playground sends invoke adaptiveCard/action to the bot, answers this request
                    // with {type, value} taken from the bot's invoke response, and stores value as the card's new
                    // content (no updateMessage push).
                    var welcomeId = welcome.GetProperty("message").GetProperty("messageId").GetString();
                    using var invoke = await session.Http.PostAsJsonAsync(
                        new Uri(session.Playground, "_conversation/v1/invoke"),
                        new
                        {
                            name = "adaptiveCard/action",
                            value = new { action = new { type = "Action.Execute", verb = "help.show", data = new { } } },
                            from = new { id = PlaygroundSession.CurrentUserId },
                            conversation = new { id = PlaygroundSession.PersonalChatId },
                            replyToId = welcomeId,
                        },
                        ct);
                    var invokeBody = await invoke.Content.ReadAsStringAsync(ct);
                    Assert.True(invoke.StatusCode == HttpStatusCode.OK, $"invoke answered {(int)invoke.StatusCode}: {invokeBody}");
                    using var answer = JsonDocument.Parse(invokeBody);
                    Assert.Equal(AdaptiveCard, answer.RootElement.GetProperty("type").GetString());
                    var replacement = answer.RootElement.GetProperty("value");
                    Assert.Equal("AdaptiveCard", replacement.GetProperty("type").GetString());
                    Assert.Equal("What you can do", FirstText(replacement));

                    // The log stream shows what the bot itself answered, before the Playground reshaped it: HTTP 200
                    // and the Universal Actions response {statusCode: 200, type, value: card}.
                    var exchange = await log.WaitForAsync(IsHelpShowInvoke, "logged help.show invoke", CardTimeout, ct);
                    // The activity carries the mock tenant's ids, as Teams would carry the real ones.
                    var activity = exchange.GetProperty("log").GetProperty("request").GetProperty("body");
                    Assert.Equal(PlaygroundSession.TenantId, activity.GetProperty("conversation").GetProperty("tenantId").GetString());
                    Assert.Equal(PlaygroundSession.CurrentUserAadObjectId,
                        activity.GetProperty("from").GetProperty("aadObjectId").GetString());
                    Assert.Equal(welcomeId, activity.GetProperty("replyToId").GetString());
                    var response = exchange.GetProperty("log").GetProperty("response");
                    Assert.Equal(200, response.GetProperty("statusCode").GetInt32());
                    var body = response.GetProperty("body");
                    Assert.Equal(200, body.GetProperty("statusCode").GetInt32());
                    Assert.Equal(AdaptiveCard, body.GetProperty("type").GetString());
                    Assert.Equal("What you can do", FirstText(body.GetProperty("value")));
                },
                () => $"--- conversation stream ---\n{conversation?.Transcript}\n--- log stream ---\n{log?.Transcript}");
        }
        finally
        {
            if (conversation is not null)
            {
                await conversation.DisposeAsync();
            }

            if (log is not null)
            {
                await log.DisposeAsync();
            }
        }
    }

    private static bool IsBotCard(JsonElement push, string firstText) =>
        push.TryGetProperty("action", out var action) && action.GetString() == "createMessage"
        && push.GetProperty("actionConversationId").GetString() == PlaygroundSession.PersonalChatId
        && push.GetProperty("message").GetProperty("from").GetProperty("id").GetString() == PlaygroundSession.BotId
        && push.GetProperty("message").TryGetProperty("attachments", out var attachments)
        && attachments.EnumerateArray().Any(a =>
            a.GetProperty("contentType").GetString() == AdaptiveCard && FirstText(a.GetProperty("content")) == firstText);

    private static JsonElement SingleCard(JsonElement push)
    {
        var message = push.GetProperty("message");
        // Cards go on their own so they can be updated later: no text alongside.
        Assert.False(message.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String && text.GetString()!.Length > 0,
            "A card was sent with text alongside.");
        return Assert.Single(message.GetProperty("attachments").EnumerateArray()).GetProperty("content");
    }

    private static string? FirstText(JsonElement card) =>
        card.TryGetProperty("body", out var body) && body.ValueKind == JsonValueKind.Array
            ? body.EnumerateArray().Select(e => e.TryGetProperty("text", out var t) ? t.GetString() : null)
                .FirstOrDefault(t => t is not null)
            : null;

    private static bool IsHelpShowInvoke(JsonElement entry)
    {
        if (!entry.TryGetProperty("log", out var log) || !log.TryGetProperty("activityName", out var name) || name.GetString() != "invoke")
        {
            return false;
        }

        var activity = log.GetProperty("request").GetProperty("body");
        return activity.TryGetProperty("name", out var invokeName) && invokeName.GetString() == "adaptiveCard/action"
            && activity.GetProperty("value").GetProperty("action").GetProperty("verb").GetString() == "help.show"
            && log.TryGetProperty("response", out _);
    }
}
