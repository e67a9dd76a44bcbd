using System.Net;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.ActionPlans.Storage;
using X = DocumentFormat.OpenXml.Spreadsheet;
using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// The whole life of an action plan through /api/messages: created from the approved briefing's recommendations,
/// delivered to the lead 1:1, updated, reminded, overdue (and raised with the chair), extended, completed with evidence
/// and signed off; reassigned and closed with reasons; and every refusal on the way.
/// </summary>
internal static class ActionLifecycle
{
    public static async Task RunAsync(string? postgres)
    {
        await using var s = await StartAsync(postgres);
        var host = s.Host;
        var auditId = s.Audit.Id;

        await host.SayAsync(Chair, QaChannel, "actions");
        await host.SayAsync(Practitioner, BotTestHost.PersonalChat(Practitioner), "actions");
        Assert.Contains("Choose a plan", host.CardsIn(QaChannel.Id)[^1].GetRawText(), StringComparison.Ordinal);
        Assert.Contains("Open the plan", Text(await s.InChannelAsync(Chair, PlanScreen.ChoosePlan, new ChoosePlanData())),
            StringComparison.Ordinal);
        Assert.Contains(PlanScreen.NoActionsTitle, s.ChatCards(Practitioner)[^1], StringComparison.Ordinal);

        // The plan lists the partnership's recommendation agreed at the workshop first, then each agency's own.
        var partnershipRec = s.RecommendationNumber(partnership: true, "partnership");
        var healthRec = s.RecommendationNumber(partnership: false, "Health Visiting");
        Assert.Equal(1, partnershipRec);
        Assert.Contains(s.Recommendations, r => !r.IsPartnership && r.Owner == "County Police");
        var plan = Text(await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(auditId)));
        Assert.Contains(PartnershipRecommendation, plan, StringComparison.Ordinal);
        Assert.Contains("Partnership (agreed at the workshop)", plan, StringComparison.Ordinal);
        Assert.Contains("Share police interview notes with health", plan, StringComparison.Ordinal);
        Assert.Contains("Single-agency", plan, StringComparison.Ordinal);
        Assert.Contains("Chair only", Text(await s.InChannelAsync(Practitioner, PlanScreen.OpenPlan, new PlanRefData(auditId))),
            StringComparison.Ordinal);

        // The form starts from the recommendation: its text, owner, target and (the workshop's) measure.
        var form = (await s.InChannelAsync(Chair, CreateScreen.Form, new CreateFormData(auditId, partnershipRec))).Card!.Value;
        Assert.Equal(PoliceLead.Id, ValueOf(form, "lead", PoliceLead.Name));
        Assert.Equal(PartnershipRecommendation, InputValue(form, "what"));
        Assert.Equal(CreateCard.Partnership, InputValue(form, "ownerAgency"));
        Assert.Equal("2026-05-30", InputValue(form, "dueOn"));
        Assert.Equal(PartnershipMeasure, InputValue(form, "measure"));
        var healthForm = (await s.InChannelAsync(Chair, CreateScreen.Form, new CreateFormData(auditId, healthRec))).Card!.Value;
        Assert.Equal("Health Visiting", InputValue(healthForm, "ownerAgency"));
        Assert.Equal("2026-07-31", InputValue(healthForm, "dueOn"));

        // Bad input is refused politely and nothing is stored.
        var noDue = Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(auditId, 1,
            "Agree an information-sharing protocol", "County Police", PoliceLead.Id, null, "Notes shared within two days", null, null)));
        var noOwner = Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(auditId, 1,
            "Agree an information-sharing protocol", null, PoliceLead.Id, "2026-05-30", "Notes shared within two days", null, null)));
        var notInTeam = Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(auditId, 1,
            "Agree an information-sharing protocol", "County Police", "29:someone-else", "2026-05-30", "Notes shared", null, null)));
        Assert.Contains("Give a due date.", noDue, StringComparison.Ordinal);
        Assert.Contains("Choose the agency that owns this action.", noOwner, StringComparison.Ordinal);
        Assert.Contains("Choose a named lead from the team.", notInTeam, StringComparison.Ordinal);
        Assert.Empty(await s.ActionsAsync());

        var created = Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(auditId, partnershipRec,
            "Agree an information-sharing protocol between police and health", "County Police", PoliceLead.Id, "2026-05-30",
            "Every interview note reaches health within two working days (monthly dip sample)", "information-sharing", null)));
        Assert.Contains("A1 created and sent to Police Lead", created, StringComparison.Ordinal);
        Assert.Contains("A2", Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(auditId, healthRec,
            "Train health visitors to see fathers", "Health Visiting", HealthLead.Id, "2026-07-31",
            "Fathers recorded at 90% of new birth visits", "fathers-and-males", null))), StringComparison.Ordinal);
        await host.DrainOutboxAsync();
        var a1 = (await s.ActionsAsync()).Single(a => a.Number == 1);
        var a2 = (await s.ActionsAsync()).Single(a => a.Number == 2);
        Assert.Contains("A new action for you", s.ChatCards(PoliceLead)[^1], StringComparison.Ordinal);
        Assert.Contains("A new action for you", s.ChatCards(HealthLead)[^1], StringComparison.Ordinal);
        var trackerPost = Assert.Single(s.ChannelPosts(),
            p => p.Method == "POST" && p.AllText.Contains("Action plan:", StringComparison.Ordinal));
        Assert.All(await s.ActionsAsync(), a => Assert.Equal(BotTestHost.TenantId, a.TenantId));

        // "actions" for a lead: their agency's actions only; the help card's button answers the same.
        await host.SayAsync(PoliceLead, BotTestHost.PersonalChat(PoliceLead), "actions");
        var mine = s.ChatCards(PoliceLead)[^1];
        Assert.Contains("Actions you lead (1)", mine, StringComparison.Ordinal);
        Assert.Contains(a1.What, mine, StringComparison.Ordinal);
        Assert.DoesNotContain(a2.What, mine, StringComparison.Ordinal);
        await host.SendAsync(host.Submit(HealthLead, BotTestHost.PersonalChat(HealthLead),
            new { verb = WorkshopBot.Help.Teams.HelpScreen.RunCommand, command = "actions" }));
        Assert.Contains(a2.What, s.ChatCards(HealthLead)[^1], StringComparison.Ordinal);
        Assert.DoesNotContain(a1.What, s.ChatCards(HealthLead)[^1], StringComparison.Ordinal);
        Assert.Equal(PartnershipRecommendation, a1.Recommendation);

        // Another organisation the bot serves sees nothing of this plan, even its admin naming the ids.
        await s.SayInOtherTenantAsync(OtherTenantAdmin, "actions");
        Assert.Contains(PlanScreen.NoActionsTitle, s.ChatCards(OtherTenantAdmin)[^1], StringComparison.Ordinal);
        foreach (var (verb, data) in new (string, object)[]
        {
            (PlanScreen.OpenPlan, new PlanRefData(auditId)), (ProgressScreen.View, new ActionRefData(a1.Id)),
            (SignOffScreen.SignOff, new ActionRefData(a1.Id)), (ExportScreen.Export, new PlanRefData(auditId)),
            (ManageScreen.Close, new ReasonData(a1.Id, "Not needed", null)),
        })
        {
            var refused = Text(await s.InOtherTenantAsync(OtherTenantAdmin, verb, data));
            Assert.DoesNotContain("information-sharing", refused, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(a1.What, refused, StringComparison.Ordinal);
        }

        Assert.Equal(BotTestHost.TenantId, await s.Host.WorkAsync(services =>
            services.GetRequiredService<ActionStore>().PlanTenantAsync(auditId, CancellationToken.None)));
        Assert.All(await s.ActionsAsync(), a => Assert.Equal(ActionState.Open, a.State));

        // The lead updates on the card; only leads of the agency may.
        var updated = Text(await s.InChatAsync(PoliceLead, ProgressScreen.Update,
            new ProgressData(a1.Id, "Amber", "Protocol drafted; waiting for legal review", null)));
        Assert.Contains("Status saved", updated, StringComparison.Ordinal);
        Assert.Contains(ActionGuard.NotYoursTitle, Text(await s.InChatAsync(HealthLead, ProgressScreen.Update,
            new ProgressData(a1.Id, "Green", "Not mine", null))), StringComparison.Ordinal);
        Assert.Contains(ActionGuard.NotYoursTitle, Text(await s.InChatAsync(Practitioner, ProgressScreen.View, new ActionRefData(a1.Id))),
            StringComparison.Ordinal);
        Assert.Contains("For the action's lead", Text(await s.InChannelAsync(Chair, ProgressScreen.Update,
            new ProgressData(a1.Id, "Green", "Chair cannot", null))), StringComparison.Ordinal);
        var flagged = Text(await s.InChatAsync(PoliceLead, ProgressScreen.Update,
            new ProgressData(a1.Id, "Amber", "Called the duty desk on 07700 900123 about it", null)));
        Assert.Contains("Possible personal information found", flagged, StringComparison.Ordinal);
        Assert.Contains("Status saved", Text(await s.InChatAsync(PoliceLead, ProgressScreen.Update,
            new ProgressData(a1.Id, "Amber", "Called the duty desk on 07700 900123 about it", "true"))), StringComparison.Ordinal);
        await host.DrainOutboxAsync();
        var updates = s.ChannelPosts().Where(p => p.Method == "PUT").ToList();
        Assert.NotEmpty(updates);
        Assert.Single(updates.Select(u => u.ActivityId).Distinct());
        Assert.NotNull(updates[0].ActivityId);
        Assert.Single(s.ChannelPosts(), p => p.Method == "POST" && p.AllText.Contains("Action plan:", StringComparison.Ordinal));
        Assert.Contains("Amber", updates[^1].AllText, StringComparison.Ordinal);

        // A week before the due date the lead is reminded, once; after it, the lead and the chair hear it is overdue.
        s.Time.Advance(new DateTimeOffset(2026, 5, 24, 8, 0, 0, TimeSpan.Zero) - s.Time.GetUtcNow());
        Assert.Equal(new(1, 0), await s.RunJobsAsync());
        Assert.Equal(new(0, 0), await s.RunJobsAsync());
        await host.DrainOutboxAsync();
        Assert.Contains("Reminder: A1 is due 30 May 2026", s.ChatCards(PoliceLead)[^1], StringComparison.Ordinal);
        s.Time.Advance(TimeSpan.FromDays(8));
        Assert.Equal(new(0, 1), await s.RunJobsAsync());
        await host.DrainOutboxAsync();
        Assert.Contains("A1 is overdue", s.ChatCards(PoliceLead)[^1], StringComparison.Ordinal);
        Assert.Contains("A1 is overdue", s.ChatCards(Chair)[^1], StringComparison.Ordinal);
        Assert.Contains("The lead has been told it is overdue.", s.ChatCards(Chair)[^1], StringComparison.Ordinal);
        var tracker = s.ChannelPosts().Last(p => p.Method == "PUT").AllText;
        Assert.True(tracker.IndexOf("Overdue:", StringComparison.Ordinal) < tracker.IndexOf("A2 ·", StringComparison.Ordinal));

        // The chair extends with a reason (none is refused); the lead completes with evidence; the chair signs it off.
        Assert.Contains("Give a reason", Text(await s.InChannelAsync(Chair, ManageScreen.Extend,
            new ExtendData(a1.Id, "2026-06-20", null, null))), StringComparison.Ordinal);
        Assert.Contains("Chair only", Text(await s.InChatAsync(PoliceLead, ManageScreen.Extend,
            new ExtendData(a1.Id, "2026-06-20", "I want more time", null))), StringComparison.Ordinal);
        Assert.Contains("Saved. The lead is told.", Text(await s.InChannelAsync(Chair, ManageScreen.Extend,
            new ExtendData(a1.Id, "2026-06-20", "Legal review takes longer than planned", null))), StringComparison.Ordinal);
        Assert.Contains("Completion needs evidence", Text(await s.InChatAsync(PoliceLead, ProgressScreen.SubmitEvidence,
            new EvidenceData(a1.Id, " ", null))), StringComparison.Ordinal);
        Assert.Contains("for sign-off", Text(await s.InChatAsync(PoliceLead, ProgressScreen.SubmitEvidence,
            new EvidenceData(a1.Id, "Protocol signed by both agencies; June dip sample: 14 of 14 notes shared in time", null))),
            StringComparison.Ordinal);
        await host.DrainOutboxAsync();
        Assert.Contains("A1 is ready for sign-off", s.ChatCards(Chair)[^1], StringComparison.Ordinal);

        // The chair sends it back once with a reason; the lead adds to the evidence and sends it again.
        Assert.Contains("open again", Text(await s.InChatAsync(Chair, SignOffScreen.ReturnEvidence,
            Press(await s.ReviewAsync(a1.Id), SignOffScreen.ReturnEvidence, ("reason", "Add the July dip sample too")))),
            StringComparison.Ordinal);
        await host.DrainOutboxAsync();
        Assert.Contains("A1 needs more evidence", s.ChatCards(PoliceLead)[^1], StringComparison.Ordinal);
        Assert.Contains("for sign-off", Text(await s.InChatAsync(PoliceLead, ProgressScreen.SubmitEvidence,
            new EvidenceData(a1.Id, "Protocol signed by both agencies; June and July dip samples: every note shared in time", null))),
            StringComparison.Ordinal);
        Assert.Contains("Chair only", Text(await s.InChatAsync(PoliceLead, SignOffScreen.SignOff, new ActionRefData(a1.Id))),
            StringComparison.Ordinal);
        Assert.Contains("signed off and completed", Text(await s.InChatAsync(Chair, SignOffScreen.SignOff,
            Press(await s.ReviewAsync(a1.Id), SignOffScreen.SignOff))), StringComparison.Ordinal);

        // A2 moves to the police lead, then is closed as no longer needed.
        Assert.Contains("Saved.", Text(await s.InChannelAsync(Chair, ManageScreen.Reassign,
            new ReassignData(a2.Id, "County Police", PoliceLead.Id, "Police run the joint training", null))), StringComparison.Ordinal);
        Assert.Contains("Saved.", Text(await s.InChannelAsync(Chair, ManageScreen.Close,
            new ReasonData(a2.Id, "Superseded by the county-wide fathers programme", null))), StringComparison.Ordinal);
        var final = await s.ActionsAsync();
        Assert.Equal(ActionState.Completed, final.Single(a => a.Number == 1).State);
        Assert.Equal(new DateOnly(2026, 6, 20), final.Single(a => a.Number == 1).DueOn);
        Assert.Equal(ActionState.Closed, final.Single(a => a.Number == 2).State);
        Assert.Equal("County Police", final.Single(a => a.Number == 2).OwnerAgency);

        // The audit log has every step, and none of the words people typed.
        var log = await s.LogAsync("action");
        Assert.Subset(log.Select(e => e.Action).ToHashSet(), new HashSet<string>
        {
            "action.created", "action.progress", "action.reminded", "action.overdue", "action.extended", "action.evidence",
            "action.signed-off", "action.reassigned", "action.closed", "action.evidence.returned",
        });
        Assert.All(log, e => Assert.DoesNotContain("07700", e.DetailJson ?? "", StringComparison.Ordinal));
        Assert.All(log, e => Assert.DoesNotContain("Legal review", e.DetailJson ?? "", StringComparison.Ordinal));

        // The chair downloads the plan as XLSX; a practitioner cannot.
        var export = await s.InChannelAsync(Chair, ExportScreen.Export, new PlanRefData(auditId));
        var url = export.Card!.Value.GetProperty("actions")[0].GetProperty("url").GetString()!;
        // Whoever has the link can use it until it expires: the card says so, not that it is for the chair only.
        Assert.Contains("Please do not forward this link", Text(export), StringComparison.Ordinal);
        Assert.DoesNotContain("for you only", Text(export), StringComparison.Ordinal);
        using var download = await host.Client.GetAsync(new Uri(url).PathAndQuery.TrimStart('/'));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", download.Content.Headers.ContentType?.MediaType);
        var sheets = ActionPlanWorkbook.Read(await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(new[] { "Action plan", "History" }, sheets.Keys);
        Assert.Equal(ActionPlanXlsx.Headers, sheets["Action plan"][0]);
        Assert.Equal(3, sheets["Action plan"].Count);
        Assert.Equal(new[] { "A1", "County Police", "completed" }, Cells(sheets["Action plan"][1], "Action", "Owner agency", "Status"));
        Assert.Equal(new[] { "A2", "County Police", "closed as no longer needed" },
            Cells(sheets["Action plan"][2], "Action", "Owner agency", "Status"));
        Assert.Contains(sheets["History"], row => row.Contains("Legal review takes longer than planned"));
        Assert.Contains(await s.LogAsync("audit"), e => e.Action == "action-plan.exported");
        Assert.Contains("Chair only", Text(await s.InChannelAsync(Practitioner, ExportScreen.Export, new PlanRefData(auditId))),
            StringComparison.Ordinal);
        Assert.NotNull(trackerPost);
    }

    private static List<string> Cells(List<string> row, params string[] headers) =>
        headers.Select(h => row[Array.IndexOf(ActionPlanXlsx.Headers, h)]).ToList();
}

/// <summary>Reads an XLSX back with the Open XML SDK the bot writes it with: each sheet's rows of cell text.</summary>
internal static class ActionPlanWorkbook
{
    public static IReadOnlyDictionary<string, List<List<string>>> Read(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var result = new Dictionary<string, List<List<string>>>(StringComparer.Ordinal);
        foreach (var sheet in workbook.Workbook.Sheets!.Elements<X.Sheet>())
        {
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
            result[sheet.Name!.Value!] = part.Worksheet.Descendants<X.Row>()
                .Select(r => r.Elements<X.Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToList())
                .ToList();
        }

        return result;
    }
}

/// <summary>The action plan's whole life on SQLite.</summary>
public sealed class ActionLifecycleOnSqlite
{
    [Fact]
    public Task CreateDeliverUpdateRemindOverdueEvidenceSignOffAndRefusals() => ActionLifecycle.RunAsync(null);
}

/// <summary>The same life on a real PostgreSQL server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ActionLifecycleOnPostgres(PostgresServerFixture server)
{
    [Fact]
    public async Task CreateDeliverUpdateRemindOverdueEvidenceSignOffAndRefusals() =>
        await ActionLifecycle.RunAsync(await server.CreateDatabaseAsync());
}
