using System.Net;
using System.Text;
using System.Text.Json;
using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Common.Teams;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// Two leads of one agency (the health visiting lead leads another County Police action, so A1 too) each open A1's
/// update form, through /api/messages with the buttons' own data. The second to save from a card drawn before the other's
/// save saves nothing over it: the form comes back drawn from the action as it is now, says who changed it and the status
/// now, and keeps what was typed; saved again from that card, it is kept. A card posted before cards carried the version
/// saves as before; the same person pressing twice, the bot's own reminder, or a redelivered activity refuse nothing.
/// </summary>
public sealed class LeadsDoNotOverwriteEachOther
{
    private const string What = "Agree an information-sharing protocol between police and health";
    private const string Measure = "Every interview note reaches health within two working days";
    private const string AmberNote = "Draft protocol with health for comment";
    private const string RedNote = "Health legal team cannot review it before July";
    private const string GreenNote = "Protocol agreed at the operational group";
    private const string Evidence = "Protocol signed by both agencies and in use since May";
    private const string ChangedByHealth = "Health Visiting Lead changed A1 after you opened this card";

    [Fact]
    public async Task AnUpdateFromACardDrawnBeforeAnotherLeadsSavesNothingAndShowsTheActionNow()
    {
        await using var s = await StartAsync();
        var a1 = await TwoLeadsAsync(s);
        var (police, health) = (await FormAsync(s, PoliceLead, a1.Id), await FormAsync(s, HealthLead, a1.Id));
        Assert.Equal("Amber", InputValue(police, "rag"));

        s.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Contains("Status saved", Text(await s.InChatAsync(HealthLead, ProgressScreen.Update,
            Press(health, ProgressScreen.Update, ("rag", "Red"), ("note", RedNote)))), StringComparison.Ordinal);
        s.Time.Advance(TimeSpan.FromMinutes(1));
        var stale = await s.InChatAsync(PoliceLead, ProgressScreen.Update,
            Press(police, ProgressScreen.Update, ("rag", "Green"), ("note", GreenNote)));

        Assert.Equal(HttpStatusCode.OK, stale.Status);
        var text = Text(stale);
        Assert.Contains(ChangedByHealth, text, StringComparison.Ordinal);
        Assert.Contains("; its status is now ", text, StringComparison.Ordinal);
        Assert.Contains(" Red. Your change was not saved", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Status saved", text, StringComparison.Ordinal);
        Assert.Contains(RedNote, text, StringComparison.Ordinal);
        Assert.Equal(("Green", GreenNote), (InputValue(stale.Card!.Value, "rag"), InputValue(stale.Card!.Value, "note")));
        Assert.True(Encoding.UTF8.GetByteCount(text) <= CardKit.MaxCardBytes);

        var kept = Assert.Single(await s.ActionsAsync(), a => a.Id == a1.Id);
        Assert.Equal(ActionRag.Red, kept.Rag);
        Assert.Equal([PoliceLead.AadObjectId, HealthLead.AadObjectId], kept.Updates.Select(u => u.By.UserId));
        Assert.Equal([PoliceLead.AadObjectId, HealthLead.AadObjectId], await ProgressLoggedByAsync(s));

        // Saved again from the card shown now (it carries the action's version as it is now), the update is kept.
        Assert.Contains("Status saved", Text(await s.InChatAsync(PoliceLead, ProgressScreen.Update,
            Press(stale.Card!.Value, ProgressScreen.Update, ("rag", "Green"), ("note", GreenNote)))), StringComparison.Ordinal);
        kept = Assert.Single(await s.ActionsAsync(), a => a.Id == a1.Id);
        Assert.Equal((ActionRag.Green, 3), (kept.Rag, kept.Updates.Count));
        Assert.Equal([PoliceLead.AadObjectId, HealthLead.AadObjectId, PoliceLead.AadObjectId], await ProgressLoggedByAsync(s));
    }

    [Fact]
    public async Task EvidenceFromACardDrawnBeforeAnotherLeadsUpdateIsNotSent()
    {
        await using var s = await StartAsync();
        var a1 = await TwoLeadsAsync(s);
        var evidenceForm = (await s.InChatAsync(PoliceLead, ProgressScreen.EvidenceForm, new ActionRefData(a1.Id))).Card!.Value;
        Assert.Contains("Status saved", Text(await s.InChatAsync(HealthLead, ProgressScreen.Update,
            Press(await FormAsync(s, HealthLead, a1.Id), ProgressScreen.Update, ("rag", "Red"), ("note", RedNote)))),
            StringComparison.Ordinal);

        var stale = await s.InChatAsync(PoliceLead, ProgressScreen.SubmitEvidence,
            Press(evidenceForm, ProgressScreen.SubmitEvidence, ("evidence", Evidence)));

        Assert.Contains(ChangedByHealth, Text(stale), StringComparison.Ordinal);
        Assert.Equal(Evidence, InputValue(stale.Card!.Value, "evidence"));
        var kept = Assert.Single(await s.ActionsAsync(), a => a.Id == a1.Id);
        Assert.Equal((ActionState.Open, null, ActionRag.Red), (kept.State, kept.Evidence, kept.Rag));
        Assert.DoesNotContain(await s.LogAsync("action"), e => e.Action == "action.evidence");

        Assert.Contains("for sign-off", Text(await s.InChatAsync(PoliceLead, ProgressScreen.SubmitEvidence,
            Press(stale.Card!.Value, ProgressScreen.SubmitEvidence, ("evidence", Evidence)))), StringComparison.Ordinal);
        Assert.Equal(ActionState.AwaitingSignOff, Assert.Single(await s.ActionsAsync(), a => a.Id == a1.Id).State);
    }

    /// <summary>
    /// A version the action has not reached is on no card the bot drew: it passes for no card newer than the other lead's
    /// save, and saves nothing over it.
    /// </summary>
    [Fact]
    public async Task AVersionTheActionHasNotReachedSavesNothingOverAnotherLeadsChange()
    {
        await using var s = await StartAsync();
        var a1 = await TwoLeadsAsync(s);
        Assert.Contains("Status saved", Text(await s.InChatAsync(HealthLead, ProgressScreen.Update,
            Press(await FormAsync(s, HealthLead, a1.Id), ProgressScreen.Update, ("rag", "Red"), ("note", RedNote)))),
            StringComparison.Ordinal);

        var forged = await s.InChatAsync(PoliceLead, ProgressScreen.Update,
            new ProgressData(a1.Id, "Green", GreenNote, null, int.MaxValue));

        Assert.Equal(HttpStatusCode.OK, forged.Status);
        Assert.Contains(ChangedByHealth, Text(forged), StringComparison.Ordinal);
        var kept = Assert.Single(await s.ActionsAsync(), a => a.Id == a1.Id);
        Assert.Equal((ActionRag.Red, 2), (kept.Rag, kept.Updates.Count));
    }

    /// <summary>Cards posted before they carried the version save as they did: the last save wins.</summary>
    [Fact]
    public async Task ACardWithoutTheVersionSavesAsBefore()
    {
        await using var s = await StartAsync();
        var a1 = await TwoLeadsAsync(s);
        Assert.Contains("Status saved", Text(await s.InChatAsync(HealthLead, ProgressScreen.Update,
            new ProgressData(a1.Id, "Red", RedNote, null))), StringComparison.Ordinal);

        Assert.Contains("Status saved", Text(await s.InChatAsync(PoliceLead, ProgressScreen.Update,
            new ProgressData(a1.Id, "Green", GreenNote, null))), StringComparison.Ordinal);
        Assert.Contains("for sign-off", Text(await s.InChatAsync(HealthLead, ProgressScreen.SubmitEvidence,
            new EvidenceData(a1.Id, Evidence, null))), StringComparison.Ordinal);

        var kept = Assert.Single(await s.ActionsAsync(), a => a.Id == a1.Id);
        Assert.Equal((ActionRag.Green, 3, ActionState.AwaitingSignOff), (kept.Rag, kept.Updates.Count, kept.State));
    }

    /// <summary>
    /// The same lead's card pressed twice (two activities), or one activity delivered twice, is kept once and answered as the
    /// first; the bot's own reminder sent after the card was drawn is no one's change and refuses nothing.
    /// </summary>
    [Fact]
    public async Task TheSameLeadPressingTwiceAndTheBotsReminderRefuseNothing()
    {
        await using var s = await StartAsync();
        var a1 = await TwoLeadsAsync(s);
        var form = await FormAsync(s, PoliceLead, a1.Id);
        var press = Press(form, ProgressScreen.Update, ("rag", "Green"), ("note", GreenNote));

        var first = Text(await s.InChatAsync(PoliceLead, ProgressScreen.Update, press));
        s.Time.Advance(TimeSpan.FromSeconds(3));
        var second = Text(await s.InChatAsync(PoliceLead, ProgressScreen.Update, press));
        var redelivered = s.Host.CardAction(PoliceLead, BotTestHost.PersonalChat(PoliceLead), ProgressScreen.Update,
            Press(form, ProgressScreen.Update, ("rag", "Red"), ("note", RedNote)));
        var third = Text(await s.Host.InvokeAsync(redelivered));
        var fourth = Text(await s.Host.InvokeAsync(redelivered));

        Assert.Contains("Status saved", first, StringComparison.Ordinal);
        Assert.Equal(first, second);
        Assert.Contains("Status saved", third, StringComparison.Ordinal);
        Assert.Equal(third, fourth);
        var kept = Assert.Single(await s.ActionsAsync(), a => a.Id == a1.Id);
        Assert.Equal((ActionRag.Red, 3), (kept.Rag, kept.Updates.Count));
        Assert.Equal(3, (await ProgressLoggedByAsync(s)).Count);

        // The reminder a week before the due date is sent (the action's version moves on), then the lead saves from a card
        // drawn before it.
        var drawn = await FormAsync(s, PoliceLead, a1.Id);
        s.Time.Advance(new DateTimeOffset(2026, 5, 24, 9, 0, 0, TimeSpan.Zero) - s.Time.GetUtcNow());
        Assert.True((await s.RunJobsAsync()).Reminders >= 1);
        Assert.True(Assert.Single(await s.ActionsAsync(), a => a.Id == a1.Id).Version > VersionOf(drawn));
        Assert.Contains("Status saved", Text(await s.InChatAsync(PoliceLead, ProgressScreen.Update,
            Press(drawn, ProgressScreen.Update, ("rag", "Amber"), ("note", AmberNote + " again")))), StringComparison.Ordinal);
    }

    /// <summary>
    /// The other lead's save lands just after the turn read the action for its checks: the change, made on the action as
    /// read again for it, is refused all the same.
    /// </summary>
    [Fact]
    public async Task AnotherLeadsSaveDuringThePressIsNotOverwritten()
    {
        var seams = new DocumentSeams();
        await using var s = await StartAsync(services: seams.Install);
        var a1 = await TwoLeadsAsync(s);
        var (police, health) = (await FormAsync(s, PoliceLead, a1.Id), await FormAsync(s, HealthLead, a1.Id));

        seams.AfterNextRead(ActionStore.Actions.Collection, ActionStore.Key(a1.Id), async () =>
            Assert.Contains("Status saved", Text(await s.InChatAsync(HealthLead, ProgressScreen.Update,
                Press(health, ProgressScreen.Update, ("rag", "Red"), ("note", RedNote)))), StringComparison.Ordinal));
        var stale = await s.InChatAsync(PoliceLead, ProgressScreen.Update,
            Press(police, ProgressScreen.Update, ("rag", "Green"), ("note", GreenNote)));

        Assert.True(seams.Ran);
        Assert.Contains(ChangedByHealth, Text(stale), StringComparison.Ordinal);
        Assert.Equal(GreenNote, InputValue(stale.Card!.Value, "note"));
        Assert.Equal(ActionRag.Red, Assert.Single(await s.ActionsAsync(), a => a.Id == a1.Id).Rag);
        Assert.Equal([PoliceLead.AadObjectId, HealthLead.AadObjectId], await ProgressLoggedByAsync(s));
    }

    /// <summary>
    /// The chair's Change form is checked the same way: an admin's extension since it was drawn is not overwritten, and
    /// what the chair typed is kept on the form shown again.
    /// </summary>
    [Fact]
    public async Task TheChairsChangeFormDrawnBeforeAnAdminsChangeChangesNothing()
    {
        await using var s = await StartAsync();
        var a1 = await TwoLeadsAsync(s);
        var chairs = (await s.InChannelAsync(Chair, ManageScreen.Manage, new ActionRefData(a1.Id))).Card!.Value;
        var admins = (await s.InChannelAsync(PartnershipAdmin, ManageScreen.Manage, new ActionRefData(a1.Id))).Card!.Value;
        Assert.Contains("Saved. The lead is told.", Text(await s.InChannelAsync(PartnershipAdmin, ManageScreen.Extend,
            ButtonPress(admins, ManageScreen.Extend, ("dueOn", "2026-06-15"), ("reason", "Legal review takes longer")))),
            StringComparison.Ordinal);

        var stale = await s.InChannelAsync(Chair, ManageScreen.Extend,
            ButtonPress(chairs, ManageScreen.Extend, ("dueOn", "2026-07-31"), ("reason", "Waiting for the new protocol")));

        Assert.Contains("Partnership Business Manager changed A1 after you opened this card", Text(stale), StringComparison.Ordinal);
        Assert.Equal(("2026-07-31", "Waiting for the new protocol"),
            (InputValue(stale.Card!.Value, "dueOn"), InputValue(stale.Card!.Value, "reason")));
        Assert.Equal(new DateOnly(2026, 6, 15), Assert.Single(await s.ActionsAsync(), a => a.Id == a1.Id).DueOn);
        Assert.Single(await s.LogAsync("action"), e => e.Action == "action.extended");

        Assert.Contains("Saved. The lead is told.", Text(await s.InChannelAsync(Chair, ManageScreen.Extend,
            ButtonPress(stale.Card!.Value, ManageScreen.Extend, ("dueOn", "2026-07-31"), ("reason", "Waiting for the new protocol")))),
            StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2026, 7, 31), Assert.Single(await s.ActionsAsync(), a => a.Id == a1.Id).DueOn);
    }

    /// <summary>A1 (County Police, the police lead's) with an Amber update, and A2, also County Police, led by health.</summary>
    private static async Task<PlannedAction> TwoLeadsAsync(ActionScenario s)
    {
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        Assert.Contains("A1 created", Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0, What,
            "County Police", PoliceLead.Id, "2026-05-30", Measure, null, null))), StringComparison.Ordinal);
        Assert.Contains("A2 created", Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0,
            "Train custody officers on referrals to children's social care", "County Police", HealthLead.Id, "2026-06-30", Measure,
            null, null))), StringComparison.Ordinal);
        var a1 = (await s.ActionsAsync()).Single(a => a.Number == 1);
        Assert.Contains("Status saved", Text(await s.InChatAsync(PoliceLead, ProgressScreen.Update,
            new ProgressData(a1.Id, "Amber", AmberNote, null))), StringComparison.Ordinal);
        return a1;
    }

    private static async Task<JsonElement> FormAsync(ActionScenario s, TestUser lead, Guid actionId) =>
        (await s.InChatAsync(lead, ProgressScreen.UpdateForm, new ActionRefData(actionId))).Card
        ?? throw new InvalidOperationException("Expected the update form.");

    private static int VersionOf(JsonElement form) =>
        Press(form, ProgressScreen.Update)["version"].GetInt32();

    /// <summary>A button in the body of a card (the Change form's), pressed with its inputs.</summary>
    private static Dictionary<string, JsonElement> ButtonPress(JsonElement card, string verb, params (string Id, string Value)[] inputs)
    {
        var button = card.GetProperty("body").EnumerateArray()
            .Where(e => e.TryGetProperty("actions", out _))
            .SelectMany(e => e.GetProperty("actions").EnumerateArray())
            .Single(a => a.TryGetProperty("verb", out var v) && v.GetString() == verb);
        var data = button.GetProperty("data").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
        foreach (var (id, value) in inputs)
        {
            data[id] = JsonSerializer.SerializeToElement(value);
        }

        return data;
    }

    private static async Task<IReadOnlyList<string>> ProgressLoggedByAsync(ActionScenario s) =>
        (await s.LogAsync("action")).Where(e => e.Action == "action.progress").OrderBy(e => e.Id).Select(e => e.ActorId).ToList();
}
