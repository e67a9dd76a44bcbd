using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// An action made from a recommendation of a briefing later withdrawn keeps the recommendation's wording out of the chair's
/// download, as the plan card keeps it out of the channel: the workbook names only its number and that its briefing was
/// withdrawn. A corrected version approved since that makes the same recommendation brings its wording back.
/// </summary>
public sealed class WithdrawnRecommendationsAreNotDownloaded
{
    private const string What = "Draft the information-sharing protocol with health";

    [Fact]
    public async Task TheChairsWorkbookAndThePlanCardLeaveOutTheWithdrawnWording()
    {
        await using var s = await StartAsync();
        var number = await CreateFromThePartnershipRecommendationAsync(s);
        Assert.Equal(PartnershipRecommendation, Recommendation(await DownloadAsync(s)));

        await WithdrawAsync(s);
        var plan = Text(await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id)));
        var row = await DownloadAsync(s);

        Assert.Equal($"Recommendation {number} {RecommendationWording.FromWithdrawn}", Recommendation(row));
        Assert.DoesNotContain(row, cell => cell.Contains(PartnershipRecommendation, StringComparison.Ordinal));
        Assert.Equal(What, row[Array.IndexOf(ActionPlanXlsx.Headers, "What will be done")]);
        Assert.DoesNotContain(PartnershipRecommendation, plan, StringComparison.Ordinal);
        Assert.Contains(What, plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARecommendationACorrectedVersionRepeatsIsShownAgain()
    {
        await using var s = await StartAsync();
        await CreateFromThePartnershipRecommendationAsync(s);
        await WithdrawAsync(s);

        await s.InChannelAsync(Chair, ComposeScreen.EditSave, new EditSaveData(s.Audit.Id, 1, BriefingBoxKind.WhyItMatters,
            "Our local reason.", "See the local protocol.", null));
        var approved = Text(await s.InChannelAsync(Chair, ComposeScreen.Approve, new ApproveData(s.Audit.Id, 2)));
        Assert.Contains("Version 2 is approved", approved, StringComparison.Ordinal);
        var plan = Text(await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id)));

        Assert.Equal(PartnershipRecommendation, Recommendation(await DownloadAsync(s)));
        Assert.Contains(PartnershipRecommendation, plan, StringComparison.Ordinal);
    }

    private static async Task<int> CreateFromThePartnershipRecommendationAsync(ActionScenario s)
    {
        var number = s.Recommendations.First(r => r.Text == PartnershipRecommendation).Number;
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        Assert.Contains("A1 created", Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, number,
            What, "County Police", PoliceLead.Id, "2026-06-30", PartnershipMeasure, null, null))), StringComparison.Ordinal);
        return number;
    }

    /// <summary>The chair's download, through the link the export card gives: the row of A1.</summary>
    private static async Task<List<string>> DownloadAsync(ActionScenario s)
    {
        var export = await s.InChannelAsync(Chair, WorkshopBot.ActionPlans.Teams.ExportScreen.Export, new PlanRefData(s.Audit.Id));
        var url = export.Card!.Value.GetProperty("actions")[0].GetProperty("url").GetString()!;
        using var download = await s.Host.Client.GetAsync(new Uri(url).PathAndQuery.TrimStart('/'));
        download.EnsureSuccessStatusCode();
        var sheets = ActionPlanWorkbook.Read(await download.Content.ReadAsByteArrayAsync());
        Assert.DoesNotContain(sheets["History"], r => r.Any(c => c.Contains(PartnershipRecommendation, StringComparison.Ordinal)));
        return Assert.Single(sheets["Action plan"].Skip(1));
    }

    private static string Recommendation(List<string> row) => row[Array.IndexOf(ActionPlanXlsx.Headers, "Recommendation")];

    private static async Task WithdrawAsync(ActionScenario s)
    {
        var chair = new PersonRef(Chair.AadObjectId, Chair.Name) { TenantId = BotTestHost.TenantId };
        await s.Host.WorkAsync(async services =>
        {
            var changed = await services.GetRequiredService<BriefingStore>().ChangeAsync(s.Audit.Id, r =>
            {
                r.RecordPublication(new ChannelPublication(1, "19:alpha@thread.tacv2", "Channel", "3f1a0c52-0000-4000-8000-000000000001",
                    "Early Help team", "https://smba.example.org/", BotTestHost.TenantId, "post-a", Start, chair,
                    FileUploadState.NotConfigured, null, null));
                return r.Withdraw(chair, true, Start).Succeeded ? DomainResult.Ok : DomainResult.Invalid("Not withdrawn.");
            }, CancellationToken.None);
            Assert.True(changed.Saved);
        });
    }
}
