using System.Globalization;
using System.Text.Json;
using static WorkshopBot.Tests.Playground.PlaygroundCards;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Playground;

/// <summary>
/// Issue 4's workshop in the real Agents Playground: the chair issues a minimal audit from the team channel, starts its
/// workshop there, joins, runs a "What worked well?" board (two ideas, dots, close) and exports the results. Every
/// assertion is about what the Playground received from the bot.
/// </summary>
[Collection(NodeToolsCollection.Name)]
public sealed class PlaygroundWorkshopWalkthrough(PlaygroundSession session) : IClassFixture<PlaygroundSession>
{
    private const string TeamChannelId = "19:playground-workshops@thread.tacv2";
    private const string Title = "Playground workshop audit";
    private const string FirstIdea = "Early strategy discussion with all agencies.";
    private const string SecondIdea = "A shared chronology kept up to date.";
    private static readonly TimeSpan CardTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ChairRunsAnIdeaBoardAndExportsResults()
    {
        PlaygroundStream? conversation = null;
        try
        {
            await session.RunAsync(
                async ct =>
                {
                    conversation = await PlaygroundStream.ConnectAsync(session.Playground, "/_ws_conversation/v1/conversations/stream", ct);
                    var walk = new PlaygroundWalk(session, ct);
                    await walk.InstallAsync(PlaygroundSession.PersonalChatId);
                    await walk.InstallAsync("19:playground-general@thread.tacv2");

                    // A minimal issued audit chaired by the current user: one case, one agency whose representative is
                    // the current user (so Join needs no agency choice).
                    var setup = await walk.SayAsync(TeamChannelId, "new audit", mentionBot: true);
                    var form = await conversation.WaitForAsync(m => IsBotCard(m, setup, "New multi-agency audit"),
                        "creation card", CardTimeout, ct);
                    var formId = MessageId(form);
                    var due = DateTime.UtcNow.AddDays(28).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    var dashboard = await walk.PressAsync(setup, formId, Card(form), "Create audit",
                        new() { ["title"] = Title, ["returnsDue"] = due });
                    var cases = await walk.PressAsync(setup, formId, dashboard, "Cases");
                    cases = await walk.PressAsync(setup, formId, cases, "Add case", new() { ["caseReference"] = "NAI-2026-04-C1" });
                    dashboard = await walk.PressAsync(setup, formId, cases, "Back to the audit");
                    var agencies = await walk.PressAsync(setup, formId, dashboard, "Agencies");
                    agencies = await walk.PressAsync(setup, formId, agencies, "Add agency",
                        new() { ["agencyType"] = "Police", ["agencyName"] = "County Police" });
                    var people = await walk.PressAsync(setup, formId, agencies, "People and cases: County Police");
                    agencies = await walk.PressAsync(setup, formId, people, "Save",
                        new() { ["representative"] = PlaygroundSession.CurrentUserId });
                    dashboard = await walk.PressAsync(setup, formId, agencies, "Back to the audit");
                    dashboard = await walk.PressAsync(setup, formId, dashboard, "Issue audit tools");
                    Assert.Contains("Audit issued. 1 audit tool is on the way", AllText(dashboard), StringComparison.Ordinal);

                    // `@WorkshopBot workshop` in the channel: a new thread, where the bot posts the workshop card.
                    var thread = await walk.SayAsync(TeamChannelId, "workshop", mentionBot: true);
                    var posted = await conversation.WaitForAsync(m => IsBotCard(m, thread, "Multi-agency audit workshop"),
                        "workshop card", CardTimeout, ct);
                    var workshopId = MessageId(posted);
                    var workshop = Card(posted);
                    Assert.Contains(Title, AllText(workshop), StringComparison.Ordinal);
                    Assert.Contains("0 participants", AllText(workshop), StringComparison.Ordinal);

                    var joined = await walk.PressAsync(thread, workshopId, workshop, "Join");
                    if (FirstText(joined) == "Join the workshop")
                    {
                        joined = await walk.PressAsync(thread, workshopId, joined, "Join",
                            new() { ["agencyId"] = FirstChoice(joined, "agencyId") });
                    }

                    Assert.Equal("You have joined", FirstText(joined));
                    Assert.Contains("for County Police", AllText(joined), StringComparison.Ordinal);

                    // The workshop card's participant count is updated in place (a PUT to the card's activity), which
                    // also brings the workshop card back in place of "You have joined".
                    var counted = await conversation.WaitForAsync(
                        m => IsUpdate(m, workshopId)
                            && IsBotCardChange(m, thread,
                                c => AllText(c).Contains("Chair: Test Chair · 1 participant", StringComparison.Ordinal)),
                        "workshop card with 1 participant", CardTimeout, ct);

                    // Chair: new poll → the panel (the pressed card is replaced by it); Create poll posts the board.
                    var panel = await walk.PressAsync(thread, workshopId, Card(counted), "Chair: new poll");
                    Assert.Equal("New poll", FirstText(panel));
                    var manage = await walk.PressAsync(thread, workshopId, panel, "Create poll",
                        new() { ["pollType"] = "worked-well", ["dots"] = "3", ["maxPerItem"] = "2" });
                    Assert.Contains("Poll created and posted.", AllText(manage), StringComparison.Ordinal);
                    var board = await conversation.WaitForAsync(
                        m => m.GetProperty("action").GetString() == "createMessage" && IsBotCardChange(m, thread,
                            c => FirstText(c) == "Idea board 1" && AllText(c).Contains("What worked well?", StringComparison.Ordinal)),
                        "idea board", CardTimeout, ct);
                    var boardId = MessageId(board);
                    Assert.Contains("No ideas yet. Press Add idea.", AllText(Card(board)), StringComparison.Ordinal);

                    // The chair controls replaced the workshop card; the bot puts the workshop card back with a PUT.
                    var restored = await conversation.WaitForAsync(
                        m => IsUpdate(m, workshopId) && Timestamp(m) > Timestamp(counted)
                            && IsBotCardChange(m, thread, c => FirstText(c) == "Multi-agency audit workshop"),
                        "workshop card restored after the poll was created", CardTimeout, ct);

                    // Add idea is an Action.ShowCard: its Add button carries the board's data plus the idea typed in.
                    var added = await walk.PressInShowCardAsync(thread, boardId, Card(board), "Add idea", "Add the idea",
                        new() { ["text"] = FirstIdea });
                    Assert.Equal("Idea added", FirstText(added));
                    // "Idea added" replaced the board; the board's update (one idea) puts it back, with Add idea on it.
                    var oneIdea = await conversation.WaitForAsync(
                        m => IsUpdate(m, boardId)
                            && IsBotCardChange(m, thread, c => AllText(c).Contains("Adding ideas · 1 idea", StringComparison.Ordinal)),
                        "board with one idea", CardTimeout, ct);
                    added = await walk.PressInShowCardAsync(thread, boardId, Card(oneIdea), "Add idea", "Add the idea",
                        new() { ["text"] = SecondIdea });
                    Assert.Equal("Idea added", FirstText(added));
                    var ideas = await conversation.WaitForAsync(
                        m => IsUpdate(m, boardId)
                            && IsBotCardChange(m, thread, c => AllText(c).Contains("Adding ideas · 2 ideas", StringComparison.Ordinal)),
                        "board with two ideas", CardTimeout, ct);
                    Assert.Contains($"1.\n{FirstIdea}\n2.\n{SecondIdea}", AllText(Card(ideas)), StringComparison.Ordinal);

                    manage = await walk.PressAsync(thread, boardId, Card(ideas), "Chair controls");
                    manage = await walk.PressAsync(thread, boardId, manage, "Open voting");
                    Assert.Contains("Voting is open.", AllText(manage), StringComparison.Ordinal);
                    var open = await conversation.WaitForAsync(
                        m => IsUpdate(m, boardId)
                            && IsBotCardChange(m, thread, c => AllText(c).Contains("Voting open", StringComparison.Ordinal)),
                        "board open for voting", CardTimeout, ct);

                    // Vote → this user's ballot (in Teams the card refresh shows it to each participant; the
                    // Playground answers the press, it does not run refresh). Two dots on the first idea, one on the second.
                    var ballot = await walk.PressAsync(thread, boardId, Card(open), "Vote");
                    var first = OptionId(ballot, FirstIdea);
                    var second = OptionId(ballot, SecondIdea);
                    ballot = await walk.PressAsync(thread, boardId, ballot, "Add a dot", new() { ["optionId"] = first });
                    ballot = await walk.PressAsync(thread, boardId, ballot, "Add a dot", new() { ["optionId"] = first });
                    ballot = await walk.PressAsync(thread, boardId, ballot, "Add a dot", new() { ["optionId"] = second });
                    Assert.Contains("You have used 3 of 3 dots; 0 dots left.", AllText(ballot), StringComparison.Ordinal);
                    var refused = await walk.PressAsync(thread, boardId, ballot, "Add a dot", new() { ["optionId"] = second });
                    Assert.Contains("You have used all 3 of your dots.", AllText(refused), StringComparison.Ordinal);

                    manage = await walk.PressAsync(thread, boardId, Card(open), "Chair controls");
                    manage = await walk.PressAsync(thread, boardId, manage, "Close voting");
                    Assert.Contains("Voting is closed.", AllText(manage), StringComparison.Ordinal);

                    // The closed board goes to the channel through the outbox: the ranked result, for everyone.
                    var closed = await conversation.WaitForAsync(
                        m => IsUpdate(m, boardId)
                            && IsBotCardChange(m, thread, c => AllText(c).Contains("Closed · 1 person voted", StringComparison.Ordinal)),
                        "closed board with results", CardTimeout, ct);
                    var result = AllText(Card(closed));
                    Assert.Contains($"#1 · 2 dots\n{FirstIdea}", result, StringComparison.Ordinal);
                    Assert.Contains($"#2 · 1 dot\n{SecondIdea}", result, StringComparison.Ordinal);
                    Assert.DoesNotContain(Actions(Card(closed)), a => a.GetProperty("title").GetString() == "Vote");

                    // Chair: export CSV on the workshop card → the CSV preview, in place of the pressed card.
                    var export = await walk.PressAsync(thread, workshopId, Card(restored), "Chair: export CSV");
                    Assert.Equal("Workshop results (CSV)", FirstText(export));
                    var csv = AllText(export);
                    Assert.Contains(Title, csv, StringComparison.Ordinal);
                    Assert.Contains(FirstIdea, csv, StringComparison.Ordinal);
                    Assert.Contains(SecondIdea, csv, StringComparison.Ordinal);
                    Assert.Contains("preview follows", csv, StringComparison.Ordinal);

                    // Where the Playground stops: it answers each press with the bot's replacement card but does not
                    // run card refresh (Teams' per-user view of the board for each participant), and its UI acts only as
                    // the current user, so a second participant's ideas and dots cannot be shown here. Personal ballots
                    // in 1:1 chats are sent only to groups too large for refresh (over 60), which one user is not.
                },
                () => $"--- conversation stream ---\n{conversation?.Transcript}");
        }
        finally
        {
            if (conversation is not null)
            {
                await conversation.DisposeAsync();
            }
        }
    }

    /// <summary>A card from the bot in the conversation, new or an update of an earlier one.</summary>
    private static bool IsBotCardChange(JsonElement push, string conversationId, Func<JsonElement, bool> card) =>
        push.TryGetProperty("actionConversationId", out var conversation) && conversation.GetString() == conversationId
        && push.TryGetProperty("message", out var message)
        && message.TryGetProperty("from", out var from) && from.TryGetProperty("id", out var id)
        && id.GetString() == PlaygroundSession.BotId
        && message.TryGetProperty("attachments", out var attachments)
        && attachments.EnumerateArray()
            .Any(a => a.GetProperty("contentType").GetString() == AdaptiveCard && card(a.GetProperty("content")));

    private static long Timestamp(JsonElement push) => push.GetProperty("message").GetProperty("timestamp").GetInt64();

    /// <summary>The Playground's push for the bot's PUT of an activity it sent earlier.</summary>
    private static bool IsUpdate(JsonElement push, string messageId) =>
        push.TryGetProperty("action", out var action) && action.GetString() == "updateMessage" && MessageId(push) == messageId;

    private static string FirstChoice(JsonElement card, string inputId) =>
        Inputs(card).Single(i => i.GetProperty("id").GetString() == inputId).GetProperty("choices").EnumerateArray().First()
            .GetProperty("value").GetString()!;

    private static string OptionId(JsonElement ballot, string idea) =>
        Inputs(ballot).Single(i => i.GetProperty("id").GetString() == "optionId").GetProperty("choices").EnumerateArray()
            .Single(c => c.GetProperty("title").GetString() == idea).GetProperty("value").GetString()!;
}
