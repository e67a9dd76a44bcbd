using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// What the lifecycle test leaves out, through /api/messages: themes from the taxonomy only; an action added later, not
/// from a recommendation, lands on the same tracker post; "my actions"; a reassigned action reaches its new lead 1:1 and
/// its old lead loses it; closing and reassigning need a reason and a lead; evidence is identifier-checked; and the audit
/// log keeps no word anyone typed and no person's name.
/// </summary>
internal static class ActionPlanChanges
{
    private const string What = "Agree an information-sharing protocol between police and health";
    private const string Measure = "Every interview note reaches health within two working days";
    private const string LaterWhat = "Run a joint briefing on fathers for health visitors";
    private const string LaterMeasure = "Nine in ten health visitors attend by September";
    private const string Note = "Draft protocol with legal for review";
    private const string ReassignReason = "Police run the joint briefings in this county";
    private const string Evidence = "Protocol signed; dip sample shows every note shared in time";

    public static async Task RunAsync(string? postgres)
    {
        await using var s = await StartAsync(postgres);
        var host = s.Host;
        var auditId = s.Audit.Id;
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(auditId));

        // Themes come from the partnership's taxonomy (DOMAIN.md), up to three; anything else is refused, nothing saved.
        var unknownTheme = Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(auditId, 1, What,
            "County Police", PoliceLead.Id, "2026-05-30", Measure, "information-sharing,astrology", null)));
        Assert.Contains("astrology", unknownTheme, StringComparison.Ordinal);
        Assert.Contains("is not a theme of the partnership", unknownTheme, StringComparison.Ordinal);
        var fourThemes = Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(auditId, 1, What,
            "County Police", PoliceLead.Id, "2026-05-30", Measure, "information-sharing,neglect,chronologies,think-family", null)));
        Assert.Contains("Choose up to 3 themes.", fourThemes, StringComparison.Ordinal);
        var pastDue = Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(auditId, 1, What,
            "County Police", PoliceLead.Id, "2026-01-05", Measure, null, null)));
        Assert.Contains("The due date cannot be in the past.", pastDue, StringComparison.Ordinal);
        Assert.Empty(await s.ActionsAsync());

        Assert.Contains("A1 created", Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(auditId, 1, What,
            "County Police", PoliceLead.Id, "2026-05-30", Measure, "information-sharing,chronologies", null))), StringComparison.Ordinal);
        // Pressed twice: one action, one card to the lead.
        Assert.Contains("A1 already says this", Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(auditId, 1,
            What, " county police", PoliceLead.Id, "2026-05-30", Measure, "information-sharing,chronologies", null))),
            StringComparison.Ordinal);
        await host.DrainOutboxAsync();
        var a1 = Assert.Single(await s.ActionsAsync());
        Assert.Single(s.ChatCards(PoliceLead), c => c.Contains("A new action for you", StringComparison.Ordinal));
        Assert.Equal(new[] { "information-sharing", "chronologies" }, a1.Themes);
        Assert.Contains("Information sharing", s.ChatCards(PoliceLead)[^1], StringComparison.OrdinalIgnoreCase);
        Assert.Single(s.ChannelPosts(), p => p.Method == "POST" && p.AllText.Contains("Action plan:", StringComparison.Ordinal));

        // Later: "Add another action" opens an empty form (no recommendation); the new action joins the same tracker post.
        var later = (await s.InChannelAsync(Chair, CreateScreen.Form, new CreateFormData(auditId, 0))).Card!.Value;
        Assert.Null(InputValue(later, "what"));
        Assert.Contains("An action of its own", later.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("A2 created and sent to Health Visiting Lead", Text(await s.InChannelAsync(Chair, CreateScreen.Create,
            new CreateActionData(auditId, 0, LaterWhat, "Health Visiting", HealthLead.Id, "2026-09-30", LaterMeasure, "fathers-and-males",
                null))), StringComparison.Ordinal);
        await host.DrainOutboxAsync();
        var a2 = (await s.ActionsAsync()).Single(a => a.Number == 2);
        Assert.Null(a2.Recommendation);
        Assert.Contains("A new action for you", s.ChatCards(HealthLead)[^1], StringComparison.Ordinal);
        Assert.Single(s.ChannelPosts(), p => p.Method == "POST" && p.AllText.Contains("Action plan:", StringComparison.Ordinal));
        var puts = s.ChannelPosts().Where(p => p.Method == "PUT").ToList();
        Assert.NotNull(Assert.Single(puts.Select(p => p.ActivityId).Distinct()));
        var updated = puts[^1];
        Assert.Contains("A2 · Health Visiting", updated.AllText, StringComparison.Ordinal);
        Assert.Contains("County Police", updated.AllText, StringComparison.Ordinal);

        // "my actions": each lead sees their own agency's actions only; a practitioner sees none and can open none.
        await host.SayAsync(PoliceLead, BotTestHost.PersonalChat(PoliceLead), "my actions");
        var mine = s.ChatCards(PoliceLead)[^1];
        Assert.Contains("My actions", mine, StringComparison.Ordinal);
        Assert.Contains(What, mine, StringComparison.Ordinal);
        Assert.DoesNotContain(LaterWhat, mine, StringComparison.Ordinal);
        await host.SayAsync(Practitioner, BotTestHost.PersonalChat(Practitioner), "my actions");
        Assert.Contains(PlanScreen.NoActionsTitle, s.ChatCards(Practitioner)[^1], StringComparison.Ordinal);
        foreach (var verb in new[] { ProgressScreen.UpdateForm, ProgressScreen.EvidenceForm, ManageScreen.Manage, SignOffScreen.Review })
        {
            var refused = Text(await s.InChatAsync(Practitioner, verb, new ActionRefData(a1.Id)));
            Assert.Contains(ActionGuard.NotYoursTitle, refused, StringComparison.Ordinal);
            Assert.DoesNotContain(What, refused, StringComparison.Ordinal);
        }

        Assert.Contains(ActionGuard.NotYoursTitle, Text(await s.InChatAsync(Practitioner, ProgressScreen.Update,
            new ProgressData(a1.Id, "Green", "Done", null))), StringComparison.Ordinal);
        Assert.Contains("Status saved", Text(await s.InChatAsync(PoliceLead, ProgressScreen.Update,
            new ProgressData(a1.Id, "Green", Note, null))), StringComparison.Ordinal);

        // Reassigning needs a lead and a reason; then the new lead gets it 1:1 and the old lead can no longer change it.
        Assert.Contains("Choose a named lead from the team.", Text(await s.InChannelAsync(Chair, ManageScreen.Reassign,
            new ReassignData(a2.Id, "County Police", null, ReassignReason, null))), StringComparison.Ordinal);
        Assert.Contains("Give a reason", Text(await s.InChannelAsync(Chair, ManageScreen.Reassign,
            new ReassignData(a2.Id, "County Police", PoliceLead.Id, " ", null))), StringComparison.Ordinal);
        Assert.Contains("Saved. The lead is told.", Text(await s.InChannelAsync(Chair, ManageScreen.Reassign,
            new ReassignData(a2.Id, "County Police", PoliceLead.Id, ReassignReason, null))), StringComparison.Ordinal);
        await host.DrainOutboxAsync();
        var assigned = s.ChatCards(PoliceLead)[^1];
        Assert.Contains("A new action for you", assigned, StringComparison.Ordinal);
        Assert.Contains(LaterWhat, assigned, StringComparison.Ordinal);
        Assert.Contains(ActionGuard.NotYoursTitle, Text(await s.InChatAsync(HealthLead, ProgressScreen.Update,
            new ProgressData(a2.Id, "Green", "Still mine?", null))), StringComparison.Ordinal);
        await host.SayAsync(HealthLead, BotTestHost.PersonalChat(HealthLead), "my actions");
        Assert.Contains(PlanScreen.NoActionsTitle, s.ChatCards(HealthLead)[^1], StringComparison.Ordinal);

        // Closing needs a reason; evidence is checked for identifiers before it goes to the chair.
        Assert.Contains("Give a reason", Text(await s.InChannelAsync(Chair, ManageScreen.Close, new ReasonData(a2.Id, null, null))),
            StringComparison.Ordinal);
        Assert.Equal(ActionState.Open, (await s.ActionsAsync()).Single(a => a.Number == 2).State);
        var flagged = Text(await s.InChatAsync(PoliceLead, ProgressScreen.SubmitEvidence,
            new EvidenceData(a1.Id, "Checked with the duty desk on 07700 900123", null)));
        Assert.Contains("Possible personal information found", flagged, StringComparison.Ordinal);
        Assert.Equal(ActionState.Open, (await s.ActionsAsync()).Single(a => a.Number == 1).State);
        Assert.Contains("for sign-off", Text(await s.InChatAsync(PoliceLead, ProgressScreen.SubmitEvidence,
            new EvidenceData(a1.Id, Evidence, null))), StringComparison.Ordinal);
        Assert.Contains("signed off and completed", Text(await s.InChatAsync(Chair, SignOffScreen.SignOff,
            Press(await s.ReviewAsync(a1.Id), SignOffScreen.SignOff))), StringComparison.Ordinal);

        // The log names ids, kinds, agencies, dates and fingerprints: no typed words, no person's name.
        var log = await s.LogAsync("action");
        Assert.Contains(log, e => e.Action == "action.reassigned");
        foreach (var typed in new[] { What, Measure, LaterWhat, LaterMeasure, Note, ReassignReason, Evidence, "07700",
            PoliceLead.Name, HealthLead.Name, Chair.Name })
        {
            Assert.All(log, e => Assert.DoesNotContain(typed, e.DetailJson ?? string.Empty, StringComparison.Ordinal));
        }
    }
}

/// <summary>Themes, later actions, "my actions", reassignment and the log on SQLite.</summary>
public sealed class ActionPlanChangesOnSqlite
{
    [Fact]
    public Task ThemesLaterActionsReassignmentAndLogKeepNoText() => ActionPlanChanges.RunAsync(null);
}

/// <summary>The same on a real PostgreSQL server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ActionPlanChangesOnPostgres(PostgresServerFixture server)
{
    [Fact]
    public async Task ThemesLaterActionsReassignmentAndLogKeepNoText() =>
        await ActionPlanChanges.RunAsync(await server.CreateDatabaseAsync());
}
