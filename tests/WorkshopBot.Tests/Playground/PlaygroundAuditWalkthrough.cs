using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using static WorkshopBot.Tests.Playground.PlaygroundCards;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Playground;

/// <summary>
/// Issue 3's audit flow in the real Agents Playground, through the HTTP endpoints and websockets its web UI uses:
/// the chair sets up an audit in the team channel (so the representative can be chosen from the team roster), issues
/// it, receives the audit tool in the personal chat as its representative, fills and submits it, and sees the
/// tracker through `returns`. Every assertion is about what the Playground received from the bot.
/// </summary>
[Collection(NodeToolsCollection.Name)]
public sealed class PlaygroundAuditWalkthrough(PlaygroundSession session) : IClassFixture<PlaygroundSession>
{
    private const string TeamChannelId = "19:playground-workshops@thread.tacv2";
    private const string CaseReference = "NAI-2026-03-C1";
    private const string Title = "Playground walkthrough audit";
    private static readonly TimeSpan CardTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ChairSetsUpIssuesAndRepresentativeSubmits()
    {
        PlaygroundStream? conversation = null;
        PlaygroundStream? log = null;
        try
        {
            await session.RunAsync(
                async ct =>
                {
                    conversation = await PlaygroundStream.ConnectAsync(session.Playground, "/_ws_conversation/v1/conversations/stream", ct);
                    log = await PlaygroundStream.ConnectAsync(session.Playground, "/_ws/log/stream", ct);
                    var walk = new PlaygroundWalk(session, ct);

                    // The bot is installed in the personal chat (where the audit tool arrives) and in the team.
                    await walk.InstallAsync(PlaygroundSession.PersonalChatId);
                    await walk.InstallAsync("19:playground-general@thread.tacv2");

                    // The roster the chair picks representatives from is the conversation's: the Playground's
                    // pagedmembers for the personal chat lists the current user alone, so the chair works in the team
                    // channel. A channel post must @mention the bot
                    // and starts a thread; the bot answers in that thread.
                    var thread = await walk.SayAsync(TeamChannelId, "new audit", mentionBot: true);
                    var form = await conversation.WaitForAsync(m => IsBotCard(m, thread, "New multi-agency audit"),
                        "creation card", CardTimeout, ct);
                    var formId = MessageId(form);
                    var card = Card(form);

                    var due = DateTime.UtcNow.AddDays(28).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    var dashboard = await walk.PressAsync(thread, formId, card, "Create audit",
                        new() { ["title"] = Title, ["returnsDue"] = due });
                    Assert.Equal(Title, FirstText(dashboard));
                    Assert.Contains("Audit created.", AllText(dashboard), StringComparison.Ordinal);

                    var cases = await walk.PressAsync(thread, formId, dashboard, "Cases");
                    cases = await walk.PressAsync(thread, formId, cases, "Add case", new() { ["caseReference"] = CaseReference });
                    Assert.Contains($"Case {CaseReference} added.", AllText(cases), StringComparison.Ordinal);

                    dashboard = await walk.PressAsync(thread, formId, cases, "Back to the audit");
                    var agencies = await walk.PressAsync(thread, formId, dashboard, "Agencies");
                    agencies = await walk.PressAsync(thread, formId, agencies, "Add agency",
                        new() { ["agencyType"] = "Police", ["agencyName"] = "County Police" });
                    Assert.Contains("County Police added. Now choose its representative.", AllText(agencies), StringComparison.Ordinal);

                    // "People and cases": the bot reads the thread's roster from the Playground (pagedmembers), so the
                    // picker lists the mock team: the current user and the five other members.
                    var people = await walk.PressAsync(thread, formId, agencies, "People and cases: County Police");
                    var picker = Inputs(people).Single(i => i.GetProperty("id").GetString() == "representative");
                    var choices = picker.GetProperty("choices").EnumerateArray()
                        .ToDictionary(c => c.GetProperty("title").GetString()!, c => c.GetProperty("value").GetString()!);
                    Assert.Equal(6, choices.Count);
                    Assert.Equal(PlaygroundSession.CurrentUserId, choices["Test Chair"]);
                    Assert.Equal("29:playground-rep-1", choices["Test Representative One"]);
                    var roster = await log.WaitForAsync(e => IsLogged(e, "getConversationPagedMembers"), "roster call", CardTimeout, ct);
                    Assert.Equal(200, roster.GetProperty("log").GetProperty("response").GetProperty("statusCode").GetInt32());
                    Assert.Equal(6, roster.GetProperty("log").GetProperty("response")
                        .GetProperty("body").GetProperty("members").GetArrayLength());

                    // The Playground shows 1:1 chats the bot opens only for the current user, so the current user is
                    // also the representative here.
                    agencies = await walk.PressAsync(thread, formId, people, "Save",
                        new() { ["representative"] = PlaygroundSession.CurrentUserId });
                    Assert.Contains("County Police: people and cases saved.", AllText(agencies), StringComparison.Ordinal);
                    Assert.Contains("Test Chair", AllText(agencies), StringComparison.Ordinal);

                    // A second agency whose representative is another member of the mock team.
                    agencies = await walk.PressAsync(thread, formId, agencies, "Add agency",
                        new() { ["agencyType"] = "HealthVisiting", ["agencyName"] = "Community Health" });
                    people = await walk.PressAsync(thread, formId, agencies, "People and cases: Community Health");
                    Assert.Contains("Community Health: people and cases", AllText(people), StringComparison.Ordinal);
                    agencies = await walk.PressAsync(thread, formId, people, "Save", new() { ["representative"] = "29:playground-rep-1" });
                    Assert.Contains("Community Health: people and cases saved.", AllText(agencies), StringComparison.Ordinal);

                    dashboard = await walk.PressAsync(thread, formId, agencies, "Back to the audit");
                    dashboard = await walk.PressAsync(thread, formId, dashboard, "Issue audit tools");
                    Assert.Contains("Audit issued. 2 audit tools are on the way", AllText(dashboard), StringComparison.Ordinal);

                    // The tracker is posted to the channel the chair works in, as a new post.
                    var posted = await conversation.WaitForAsync(m => IsBotCard(m, TeamChannelId, $"Returns tracker: {Title}"),
                        "tracker in the channel", CardTimeout, ct);
                    Assert.Contains("To do", AllText(Card(posted)), StringComparison.Ordinal);

                    // The outbox opens each representative's 1:1 chat (POST /v3/conversations) and sends the tool into
                    // it. For the current user the Playground answers with the personal chat it already shows.
                    var tool = await conversation.WaitForAsync(m => IsBotCard(m, PlaygroundSession.PersonalChatId, $"Audit tool: {Title}"),
                        "audit tool", CardTimeout, ct);
                    var toolChat = PlaygroundSession.PersonalChatId;
                    var toolId = MessageId(tool);
                    var overview = Card(tool);
                    Assert.Contains($"case {CaseReference}", AllText(overview), StringComparison.Ordinal);
                    Assert.Contains("County Police", AllText(overview), StringComparison.Ordinal);

                    var step = await walk.PressAsync(toolChat, toolId, overview, "Start");
                    for (var guard = 0; guard < 30 && !AllText(step).Contains("Review your return", StringComparison.Ordinal); guard++)
                    {
                        step = AllText(step).Contains("Learning and single-agency grade", StringComparison.Ordinal)
                            ? await walk.PressAsync(toolChat, toolId, step, "Save and continue", new()
                            {
                                ["goodPractice"] = "Timely strategy discussion and shared chronology.",
                                ["areasForDevelopment"] = "Earlier escalation between agencies.",
                                ["grade"] = FirstChoice(Inputs(step).Single(i => i.GetProperty("id").GetString() == "grade")),
                            })
                            : await walk.PressAsync(toolChat, toolId, step, "Save and continue",
                                SectionAnswers(step, "Records show a timely referral and a joint visit."));
                    }

                    Assert.Contains("Review your return", AllText(step), StringComparison.Ordinal);
                    var confirm = await walk.PressAsync(toolChat, toolId, step, "Submit return");
                    Assert.Equal("Submit this return?", FirstText(confirm));
                    var submitted = await walk.PressAsync(toolChat, toolId, confirm, "Yes, submit");
                    Assert.Equal($"Submitted: case {CaseReference}", FirstText(submitted));

                    // `returns` (in the personal chat, typed messages always come from the current user) lists the
                    // audits the chair chairs; Open → Returns tracker.
                    await walk.SayAsync(PlaygroundSession.PersonalChatId, "returns", mentionBot: false);
                    var list = await conversation.WaitForAsync(m => IsBotCard(m, PlaygroundSession.PersonalChatId, "Audits you chair"),
                        "returns card", CardTimeout, ct);
                    Assert.Contains(Title, AllText(Card(list)), StringComparison.Ordinal);
                    var opened = await walk.PressAsync(PlaygroundSession.PersonalChatId, MessageId(list), Card(list), $"Open {Title}");
                    var tracker = await walk.PressAsync(PlaygroundSession.PersonalChatId, MessageId(list), opened, "Returns tracker");
                    Assert.Equal($"Returns tracker: {Title}", FirstText(tracker));
                    Assert.Contains("Done", AllText(tracker), StringComparison.Ordinal);
                    Assert.Contains("Still to respond", AllText(tracker), StringComparison.Ordinal);
                    Assert.Contains("Test Representative One: 1 outstanding", AllText(tracker), StringComparison.Ordinal);

                    // The chair releases the returns, then closes the audit from its dashboard: retention starts today.
                    var released = await walk.PressInShowCardAsync(PlaygroundSession.PersonalChatId, MessageId(list), tracker,
                        "Release for moderation", "Release the returns", []);
                    Assert.Contains("Returns released for moderation.", AllText(released), StringComparison.Ordinal);
                    var back = await walk.PressAsync(PlaygroundSession.PersonalChatId, MessageId(list), released, "Back to the audit");
                    Assert.Contains("will be deleted on", back.GetRawText(), StringComparison.Ordinal);
                    var closed = await walk.PressInShowCardAsync(PlaygroundSession.PersonalChatId, MessageId(list), back,
                        "Close the audit", "Yes, close the audit", []);
                    Assert.Contains("Audit closed.", AllText(closed), StringComparison.Ordinal);
                    var retention = await walk.PressAsync(PlaygroundSession.PersonalChatId, MessageId(list), closed, "Retention");
                    Assert.Contains($"\"{DateTime.UtcNow.AddYears(6).ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}\"",
                        retention.GetRawText(), StringComparison.Ordinal);

                    // Where the Playground stops: the 1:1 chat with the other representative. The bot's POST
                    // /v3/conversations for them is answered 201 with a new conversation id and the tool is sent into
                    // it (the log stream shows both), but that chat is neither pushed on the conversation stream
                    // nor shown in the UI: the Playground only shows the current user's conversations, and typed
                    // messages and the UI act only as the current user. So Community Health's return cannot be opened,
                    // filled or submitted from the Playground's UI; try that part in Teams.
                    var created = await log.WaitForAsync(
                        e => IsLogged(e, "createConversation")
                            && e.GetProperty("log").GetProperty("request").GetProperty("body")
                            .GetProperty("members")[0].GetProperty("id").GetString() == "29:playground-rep-1",
                        "1:1 chat opened for the other representative", CardTimeout, ct);
                    Assert.Equal(201, created.GetProperty("log").GetProperty("response").GetProperty("statusCode").GetInt32());
                    var otherChat = created.GetProperty("log").GetProperty("response").GetProperty("body").GetProperty("id").GetString()!;
                    Assert.NotEqual(PlaygroundSession.PersonalChatId, otherChat);
                    var otherTool = await log.WaitForAsync(
                        e => IsLogged(e, "message")
                            && e.GetProperty("log").TryGetProperty("conversationId", out var c) && c.GetString() == otherChat,
                        "audit tool sent to the other representative", CardTimeout, ct);
                    var otherCard = otherTool.GetProperty("log").GetProperty("request")
                        .GetProperty("body").GetProperty("attachments")[0].GetProperty("content");
                    Assert.Equal($"Audit tool: {Title}", FirstText(otherCard));
                    Assert.Contains("Community Health", AllText(otherCard), StringComparison.Ordinal);
                    Assert.DoesNotContain($"\"actionConversationId\":\"{otherChat}\"", conversation.Transcript, StringComparison.Ordinal);
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

    private static string FirstChoice(JsonElement choiceSet) =>
        choiceSet.GetProperty("choices").EnumerateArray().First().GetProperty("value").GetString()!;
}
