using System.Globalization;
using System.Text.Json;
using static WorkshopBot.Tests.Playground.PlaygroundCards;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Playground;

/// <summary>
/// Issue 12's action plan in the real Agents Playground: the chair issues a minimal audit, submits its one return (with
/// a recommendation) as the representative, approves the 7-minute briefing, then turns the recommendation into an action
/// in the team channel with themselves as the lead (the Playground shows only the current user's 1:1 chat), updates it
/// from the 1:1 card, and sees the tracker in the channel updated in place. A second agency (Health Visiting, whose
/// representative is Test Representative One) gets A2 with that member as its lead; pressing Open on the plan card in the
/// channel as them (the Playground's invoke endpoint takes another member of its mock tenant; its web UI acts only as
/// the current user), they are refused A1 (County Police's) without learning anything about it, and A2 opens. Every
/// assertion is about what the Playground received from the bot.
/// </summary>
[Collection(NodeToolsCollection.Name)]
public sealed class PlaygroundActionPlanWalkthrough(PlaygroundSession session) : IClassFixture<PlaygroundSession>
{
    private const string TeamChannelId = "19:playground-workshops@thread.tacv2";
    private const string Title = "Playground action plan audit";
    private const string Recommendation = "Share police interview notes with health within two working days";

    // A single-agency recommendation reaches the briefing's recommendations only with a target month in its text.
    private const string Typed = Recommendation + " by June 2027";
    private const string Measure = "Monthly dip sample: every interview note reaches health within two working days.";
    private const string Note = "Protocol drafted; waiting for legal review.";
    private const string RepOne = "29:playground-rep-1";
    private const string HealthWhat = "Run a joint briefing on fathers for health visitors";
    private const string HealthMeasure = "Nine in ten health visitors attend by the autumn.";
    private static readonly TimeSpan CardTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ChairCreatesAnActionFromTheBriefingAndTheLeadUpdatesIt()
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
                    await IssueAsync(walk, conversation, ct);
                    await SubmitReturnAsync(walk, conversation, ct);

                    // `briefing` in the personal chat: pick the audit, approve version 1.
                    const string chat = PlaygroundSession.PersonalChatId;
                    await walk.SayAsync(chat, "briefing", mentionBot: false);
                    var picker = await conversation.WaitForAsync(m => IsBotCard(m, chat, "7-minute briefing"), "briefing picker",
                        CardTimeout, ct);
                    var auditButton = Actions(Card(picker)).Select(a => a.GetProperty("title").GetString()!)
                        .Single(t => t.StartsWith(Title, StringComparison.Ordinal));
                    var preview = await walk.PressAsync(chat, MessageId(picker), Card(picker), auditButton);
                    var approved = await walk.PressAsync(chat, MessageId(picker), preview, "Approve");
                    Assert.Contains("Version 1 is approved.", AllText(approved), StringComparison.Ordinal);

                    // `@WorkshopBot actions` in the channel (the QA sub-group's): Choose a plan (the list answers the chair's
                    // press alone; the post names no audit) → Open the plan → Create an action.
                    var thread = await walk.SayAsync(TeamChannelId, "actions", mentionBot: true);
                    var plans = await conversation.WaitForAsync(m => IsBotCard(m, thread, "Action plans"), "action plans card",
                        CardTimeout, ct);
                    var planId = MessageId(plans);
                    Assert.DoesNotContain(Title, AllText(Card(plans)), StringComparison.Ordinal);
                    var chosen = await walk.PressAsync(thread, planId, Card(plans), "Choose a plan");
                    Assert.Contains(Title, AllText(chosen), StringComparison.Ordinal);
                    var plan = await walk.PressAsync(thread, planId, chosen, $"Open the plan: {Title}");
                    Assert.Equal($"Action plan: {Title}", FirstText(plan));
                    Assert.True(AllText(plan).Contains($"1. {Recommendation}", StringComparison.Ordinal), AllText(plan));
                    Assert.Contains("target 30 June 2027", AllText(plan), StringComparison.Ordinal);
                    Assert.Contains("Single-agency", AllText(plan), StringComparison.Ordinal);
                    var form = await walk.PressAsync(thread, planId, plan, "Create an action for recommendation 1");
                    Assert.Equal(Recommendation, Value(form, "what"));
                    Assert.Equal("2027-06-30", Value(form, "dueOn"));
                    Assert.Equal("County Police", Value(form, "ownerAgency"));
                    Assert.Contains("Test Chair", Choices(form, "lead"));

                    // No due date: refused politely, nothing saved.
                    var refused = await walk.PressAsync(thread, planId, form, "Create the action",
                        new() { ["lead"] = PlaygroundSession.CurrentUserId, ["dueOn"] = string.Empty, ["measure"] = Measure });
                    Assert.Contains("Give a due date. Nothing was saved.", AllText(refused), StringComparison.Ordinal);
                    plan = await walk.PressAsync(thread, planId, refused, "Create the action", new()
                    {
                        ["lead"] = PlaygroundSession.CurrentUserId, ["dueOn"] = "2027-06-30", ["measure"] = Measure,
                        ["themes"] = "information-sharing",
                    });
                    Assert.Contains("A1 created and sent to Test Chair in their chat with WorkshopBot.", AllText(plan),
                        StringComparison.Ordinal);

                    // The tracker is posted to the channel; the lead's card arrives in the personal chat.
                    var tracker = await conversation.WaitForAsync(m => IsBotCard(m, null, $"Action plan: {Title}")
                        && AllText(Card(m)).Contains("Not yet", StringComparison.Ordinal), "tracker in the channel", CardTimeout, ct);
                    var trackerId = MessageId(tracker);
                    Assert.Contains("County Police", AllText(Card(tracker)), StringComparison.Ordinal);
                    var assigned = await conversation.WaitForAsync(m => IsBotCard(m, chat, "A new action for you"), "the lead's card",
                        CardTimeout, ct);
                    Assert.Contains("Information sharing", AllText(Card(assigned)), StringComparison.Ordinal);

                    // The lead: Update status → Amber and a note → Save the update.
                    var update = await walk.PressAsync(chat, MessageId(assigned), Card(assigned), "Update status");
                    Assert.Equal("Update A1", FirstText(update));
                    var saved = await walk.PressAsync(chat, MessageId(assigned), update, "Save the update",
                        new() { ["rag"] = "Amber", ["note"] = Note });
                    Assert.Contains("Status saved. Thank you.", AllText(saved), StringComparison.Ordinal);
                    Assert.Contains(Note, AllText(saved), StringComparison.Ordinal);

                    // The tracker in the channel is replaced in place (a PUT of the same message).
                    var amber = await conversation.WaitForAsync(m => m.GetProperty("action").GetString() == "updateMessage"
                        && MessageId(m) == trackerId && AllText(Card(m)).Contains("Amber", StringComparison.Ordinal),
                        "tracker updated with Amber", CardTimeout, ct);
                    Assert.Contains("A1 · County Police", AllText(Card(amber)), StringComparison.Ordinal);

                    // `my actions` in the personal chat lists it.
                    await walk.SayAsync(chat, "my actions", mentionBot: false);
                    var mine = await conversation.WaitForAsync(m => IsBotCard(m, chat, "My actions"), "my actions", CardTimeout, ct);
                    Assert.Contains(Recommendation, AllText(Card(mine)), StringComparison.Ordinal);

                    // A second agency: the chair adds A2 for Health Visiting, led by Test Representative One.
                    var another = await walk.PressAsync(thread, planId, plan, "Add another action");
                    Assert.Equal(string.Empty, Value(another, "what") ?? string.Empty);
                    Assert.Contains("Test Representative One", Choices(another, "lead"));
                    plan = await walk.PressAsync(thread, planId, another, "Create the action", new()
                    {
                        ["what"] = HealthWhat, ["ownerAgency"] = "Health Visiting", ["lead"] = RepOne, ["dueOn"] = "2027-07-31",
                        ["measure"] = HealthMeasure,
                    });
                    Assert.Contains("A2 created", AllText(plan), StringComparison.Ordinal);

                    // Test Representative One presses Open on the plan card in the channel: A1 belongs to County Police, so
                    // they are refused and learn nothing about it; A2, their own agency's, opens.
                    var notTheirs = await walk.PressAsync(thread, planId, plan, "Open A1", asUser: RepOne);
                    Assert.Equal("Not your action", FirstText(notTheirs));
                    Assert.Contains("Nothing was changed.", AllText(notTheirs), StringComparison.Ordinal);
                    foreach (var secret in new[] { Recommendation, "A1", "County Police", "Test Chair", Note, "Amber" })
                    {
                        Assert.DoesNotContain(secret, AllText(notTheirs), StringComparison.Ordinal);
                    }

                    var theirs = await walk.PressAsync(thread, planId, plan, "Open A2", asUser: RepOne);
                    Assert.Equal("Action A2", FirstText(theirs));
                    Assert.Contains(HealthWhat, AllText(theirs), StringComparison.Ordinal);
                    var theirUpdate = await walk.PressAsync(thread, planId, theirs, "Update status", asUser: RepOne);
                    Assert.Equal("Update A2", FirstText(theirUpdate));
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

    /// <summary>A minimal issued audit chaired by the current user: one case, County Police represented by the current user.</summary>
    private static async Task IssueAsync(PlaygroundWalk walk, PlaygroundStream conversation, CancellationToken ct)
    {
        var setup = await walk.SayAsync(TeamChannelId, "new audit", mentionBot: true);
        var form = await conversation.WaitForAsync(m => IsBotCard(m, setup, "New multi-agency audit"), "creation card", CardTimeout, ct);
        var formId = MessageId(form);
        var due = DateTime.UtcNow.AddDays(28).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var dashboard = await walk.PressAsync(setup, formId, Card(form), "Create audit", new() { ["title"] = Title, ["returnsDue"] = due });
        var cases = await walk.PressAsync(setup, formId, dashboard, "Cases");
        cases = await walk.PressAsync(setup, formId, cases, "Add case", new() { ["caseReference"] = "NAI-2026-05-C1" });
        dashboard = await walk.PressAsync(setup, formId, cases, "Back to the audit");
        var agencies = await walk.PressAsync(setup, formId, dashboard, "Agencies");
        agencies = await walk.PressAsync(setup, formId, agencies, "Add agency",
            new() { ["agencyType"] = "Police", ["agencyName"] = "County Police" });
        var people = await walk.PressAsync(setup, formId, agencies, "People and cases: County Police");
        agencies = await walk.PressAsync(setup, formId, people, "Save", new() { ["representative"] = PlaygroundSession.CurrentUserId });
        agencies = await walk.PressAsync(setup, formId, agencies, "Add agency",
            new() { ["agencyType"] = "HealthVisiting", ["agencyName"] = "Health Visiting" });
        people = await walk.PressAsync(setup, formId, agencies, "People and cases: Health Visiting");
        agencies = await walk.PressAsync(setup, formId, people, "Save", new() { ["representative"] = RepOne });
        dashboard = await walk.PressAsync(setup, formId, agencies, "Back to the audit");
        dashboard = await walk.PressAsync(setup, formId, dashboard, "Issue audit tools");
        Assert.Contains("Audit issued. 2 audit tools are on the way", AllText(dashboard), StringComparison.Ordinal);
    }

    /// <summary>The representative (the current user) fills and submits the return, with one recommendation.</summary>
    private static async Task SubmitReturnAsync(PlaygroundWalk walk, PlaygroundStream conversation, CancellationToken ct)
    {
        const string chat = PlaygroundSession.PersonalChatId;
        var tool = await conversation.WaitForAsync(m => IsBotCard(m, chat, $"Audit tool: {Title}"), "audit tool", CardTimeout, ct);
        var toolId = MessageId(tool);
        var step = await walk.PressAsync(chat, toolId, Card(tool), "Start");
        for (var guard = 0; guard < 30 && !AllText(step).Contains("Review your return", StringComparison.Ordinal); guard++)
        {
            step = AllText(step).Contains("Learning and single-agency grade", StringComparison.Ordinal)
                ? await walk.PressAsync(chat, toolId, step, "Save and continue", new()
                {
                    ["goodPractice"] = "Timely strategy discussion.",
                    ["areasForDevelopment"] = "Information was not shared quickly.",
                    ["recommendations"] = Typed,
                    ["grade"] = FirstChoice(step, "grade"),
                })
                : await walk.PressAsync(chat, toolId, step, "Save and continue", SectionAnswers(step, "Records show a timely referral."));
        }

        var confirm = await walk.PressAsync(chat, toolId, step, "Submit return");
        var submitted = await walk.PressAsync(chat, toolId, confirm, "Yes, submit");
        Assert.Equal("Submitted: case NAI-2026-05-C1", FirstText(submitted));
    }

    private static JsonElement Input(JsonElement card, string id) => Inputs(card).Single(i => i.GetProperty("id").GetString() == id);

    private static string? Value(JsonElement card, string id) =>
        Input(card, id).TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static List<string> Choices(JsonElement card, string id) =>
        Input(card, id).GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("title").GetString()!).ToList();

    private static string FirstChoice(JsonElement card, string id) =>
        Input(card, id).GetProperty("choices").EnumerateArray().First().GetProperty("value").GetString()!;
}
