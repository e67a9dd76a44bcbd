using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Common;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// The chair withdraws the published briefing (it was wrong): its approved version is then no approved briefing to take
/// recommendations from. The plan card no longer says it is from that version, lists none of its recommendations in the
/// channel and offers no "Create an action" on them; a create pressed on an older card makes nothing. The actions already
/// made stay, with a note that a corrected version must be approved first; a plan not started yet is not started from it.
/// </summary>
public sealed class AWithdrawnBriefingOffersNoRecommendations
{
    private const string What = "Draft the information-sharing protocol with health";
    private const string Measure = "Every interview note reaches health within two working days";

    [Fact]
    public async Task ThePlanKeepsItsActionsButListsNoneOfTheWithdrawnRecommendations()
    {
        await using var s = await StartAsync();
        var number = s.Recommendations.First(r => r.Text == PartnershipRecommendation).Number;
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        Assert.Contains("A1 created", Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, number,
            What, "County Police", PoliceLead.Id, "2026-06-30", Measure, null, null))), StringComparison.Ordinal);
        await WithdrawAsync(s);

        var plan = Text(await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id)));

        Assert.DoesNotContain(PartnershipRecommendation, plan, StringComparison.Ordinal);
        Assert.DoesNotContain("From version 1 of the approved 7-minute briefing", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Create an action", plan, StringComparison.Ordinal);
        Assert.Contains("a corrected version must be approved first", plan, StringComparison.Ordinal);
        Assert.Contains(What, plan, StringComparison.Ordinal);

        foreach (var press in new[]
        {
            s.InChannelAsync(Chair, CreateScreen.Form, new CreateFormData(s.Audit.Id, number)),
            s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, number, "Another protocol action",
                "County Police", PoliceLead.Id, "2026-06-30", Measure, null, null)),
        })
        {
            var refused = Text(await press);
            Assert.Contains("was withdrawn", refused, StringComparison.Ordinal);
            Assert.DoesNotContain(PartnershipRecommendation, refused, StringComparison.Ordinal);
        }

        Assert.Single(await s.ActionsAsync());
    }

    [Fact]
    public async Task NoPlanStartsFromAWithdrawnBriefing()
    {
        await using var s = await StartAsync();
        await WithdrawAsync(s);

        var refused = Text(await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id)));

        Assert.Contains("was withdrawn", refused, StringComparison.Ordinal);
        Assert.DoesNotContain(PartnershipRecommendation, refused, StringComparison.Ordinal);
        Assert.DoesNotContain(await s.LogAsync("audit"), e => e.Action == "action-plan.started");
    }

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
