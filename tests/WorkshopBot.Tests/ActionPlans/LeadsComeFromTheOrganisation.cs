using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// A shared channel's roster also lists people of other organisations (Teams gives each member's tenantId). An action
/// belongs to the partnership's organisation, so its lead must too: the lead picker leaves the others out, and a lead
/// from another organisation (a stale or forged card) is refused politely with nothing stored; a lead of the
/// organisation still works. A member Teams names no organisation for is not known to be in it and is refused alike.
/// </summary>
public sealed class LeadsComeFromTheOrganisation
{
    private const string What = "Agree an information-sharing protocol between police and health";
    private const string Measure = "Every interview note reaches health within two working days";
    private static readonly TestUser Visitor = BotTestHost.User("Shared Channel Visitor");

    [Theory]
    [InlineData("7e6d5c4b-1111-4222-8333-444455556666")]
    [InlineData(OtherTenant)]
    [InlineData(null)]
    public async Task ALeadFromAnotherOrganisationIsRefusedAndNothingIsStored(string? visitorTenant)
    {
        await using var s = await StartAsync();
        s.Host.Connector.Roster.Add(new TeamsChannelAccount
        {
            Id = Visitor.Id, AadObjectId = Visitor.AadObjectId, Name = Visitor.Name, TenantId = visitorTenant,
        });
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        var form = Text(await s.InChannelAsync(Chair, CreateScreen.Form, new CreateFormData(s.Audit.Id, 0)));
        var sentBefore = s.Host.Connector.Requests.Count(r => r.Method == "POST");

        var refused = Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0, What,
            "County Police", Visitor.Id, "2026-05-30", Measure, null, null)));
        await s.Host.DrainOutboxAsync();

        Assert.Contains(PoliceLead.Name, form, StringComparison.Ordinal);
        Assert.DoesNotContain(Visitor.Name, form, StringComparison.Ordinal);
        Assert.DoesNotContain(Visitor.Id, form, StringComparison.Ordinal);
        Assert.Contains("The lead you chose is outside the partnership's organisation", refused, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed.", refused, StringComparison.Ordinal);
        Assert.DoesNotContain(Visitor.Name, refused, StringComparison.Ordinal);
        Assert.Empty(await s.ActionsAsync());
        Assert.DoesNotContain(await s.LogAsync("action"), e => e.Action == "action.created");
        Assert.Empty(s.ChatCards(Visitor));
        Assert.Equal(sentBefore, s.Host.Connector.Requests.Count(r => r.Method == "POST"));

        var created = Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0, What,
            "County Police", PoliceLead.Id, "2026-05-30", Measure, null, null)));
        Assert.Contains("A1 created", created, StringComparison.Ordinal);
        var a1 = Assert.Single(await s.ActionsAsync());
        Assert.Equal(PoliceLead.AadObjectId, a1.Lead.Person.UserId);

        var manage = Text(await s.InChannelAsync(Chair, ManageScreen.Manage, new ActionRefData(a1.Id)));
        var reassign = Text(await s.InChannelAsync(Chair, ManageScreen.Reassign,
            new ReassignData(a1.Id, "Health Visiting", Visitor.Id, "The visitor's service takes it on", null)));
        await s.Host.DrainOutboxAsync();

        Assert.Contains(HealthLead.Name, manage, StringComparison.Ordinal);
        Assert.DoesNotContain(Visitor.Name, manage, StringComparison.Ordinal);
        Assert.Contains("The lead you chose is outside the partnership's organisation", reassign, StringComparison.Ordinal);
        var after = Assert.Single(await s.ActionsAsync());
        Assert.Equal(a1.Version, after.Version);
        Assert.Equal(PoliceLead.AadObjectId, after.Lead.Person.UserId);
        Assert.Equal("County Police", after.OwnerAgency);
        Assert.DoesNotContain(await s.LogAsync("action"), e => e.Action == "action.reassigned");
        Assert.Empty(s.ChatCards(Visitor));

        var reassigned = Text(await s.InChannelAsync(Chair, ManageScreen.Reassign,
            new ReassignData(a1.Id, "Health Visiting", HealthLead.Id, "Health visitors lead the new protocol", null)));
        Assert.Contains("Saved. The lead is told.", reassigned, StringComparison.Ordinal);
        Assert.Equal(HealthLead.AadObjectId, Assert.Single(await s.ActionsAsync()).Lead.Person.UserId);
    }
}
