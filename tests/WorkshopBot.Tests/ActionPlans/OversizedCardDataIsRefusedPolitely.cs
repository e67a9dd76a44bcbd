using System.Net;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// Forged card data of great length, through /api/messages: a lead's Teams id, a theme key, an owner agency or a date
/// of 100,000 characters, or a progress note or evidence of that length, gets a polite card of ordinary size (never a
/// 500, never the text echoed back in full); nothing is saved and no forged id is sent on to Teams.
/// </summary>
public sealed class OversizedCardDataIsRefusedPolitely
{
    private const string What = "Agree an information-sharing protocol between police and health";
    private const string Measure = "Every interview note reaches health within two working days";

    private static readonly string Huge = new('x', 100_000);

    [Fact]
    public async Task HugeIdsInCreateAndReassignGetAnOrdinaryCard()
    {
        await using var s = await StartAsync();
        var auditId = s.Audit.Id;
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(auditId));
        var forged = new[]
        {
            new CreateActionData(auditId, 0, What, "County Police", Huge, "2026-05-30", Measure, null, null),
            new CreateActionData(auditId, 0, What, "County Police", PoliceLead.Id, "2026-05-30", Measure, Huge, null),
            new CreateActionData(auditId, 0, What, Huge, PoliceLead.Id, "2026-05-30", Measure, null, null),
            new CreateActionData(auditId, 0, What, "County Police", PoliceLead.Id, Huge, Measure, null, null),
        };
        foreach (var data in forged)
        {
            var answer = await s.InChannelAsync(Chair, CreateScreen.Create, data);
            Assert.Equal(HttpStatusCode.OK, answer.Status);
            Assert.True(Text(answer).Length < 28 * 1024, $"A card of {Text(answer).Length} characters.");
            Assert.DoesNotContain(new string('x', 200), Text(answer), StringComparison.Ordinal);
        }

        Assert.Empty(await s.ActionsAsync());

        Assert.Contains("A1 created", Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(auditId, 0, What,
            "County Police", PoliceLead.Id, "2026-05-30", Measure, null, null))), StringComparison.Ordinal);
        var a1 = Assert.Single(await s.ActionsAsync());
        var reassigned = await s.InChannelAsync(Chair, ManageScreen.Reassign, new ReassignData(a1.Id, "Health Visiting", Huge,
            "Health run it", null));
        Assert.Equal(HttpStatusCode.OK, reassigned.Status);
        Assert.Contains("Choose a named lead from the team.", Text(reassigned), StringComparison.Ordinal);
        Assert.DoesNotContain(new string('x', 200), Text(reassigned), StringComparison.Ordinal);
        var rag = await s.InChatAsync(PoliceLead, ProgressScreen.Update, new ProgressData(a1.Id, Huge, "Draft protocol agreed", null));
        Assert.Contains("Choose red, amber or green.", Text(rag), StringComparison.Ordinal);
        Assert.DoesNotContain(new string('x', 200), Text(rag), StringComparison.Ordinal);
        var note = await s.InChatAsync(PoliceLead, ProgressScreen.Update, new ProgressData(a1.Id, "Green", Huge, null));
        Assert.Contains("characters long; the limit is", Text(note), StringComparison.Ordinal);
        Assert.True(Text(note).Length < 28 * 1024, $"A card of {Text(note).Length} characters.");
        var evidence = await s.InChatAsync(PoliceLead, ProgressScreen.SubmitEvidence, new EvidenceData(a1.Id, Huge, null));
        Assert.True(Text(evidence).Length < 28 * 1024, $"A card of {Text(evidence).Length} characters.");
        Assert.Equal(1, Assert.Single(await s.ActionsAsync()).Version);

        // The forged ids never reached Teams.
        Assert.DoesNotContain(s.Host.Connector.Requests, r => r.RawTarget.Contains(new string('x', 300), StringComparison.Ordinal));
    }
}
