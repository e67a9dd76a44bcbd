using System.Text.Json;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// The chair's overdue card reaches them in their 1:1 chat, whose roster is the chair alone. "Extend, reassign or close"
/// pressed there offers the members of the plan's channel (where its tracker is), as the channel's own card does, and a
/// lead picked from them is taken; people of another organisation in that (shared) channel are neither offered nor taken.
/// </summary>
public sealed class ReassignFromTheChairsChat
{
    private const string What = "Agree an information-sharing protocol between police and health";
    private const string Measure = "Every interview note reaches health within two working days";
    private static readonly TestUser Visitor = BotTestHost.User("Shared Channel Visitor");

    [Fact]
    public async Task TheOverdueCardInTheChairsChatOffersAndTakesThePlansChannelMembers()
    {
        await using var s = await StartAsync();
        var chat = BotTestHost.PersonalChat(Chair).Id;
        s.Host.Connector.Roster.Add(Account(Visitor, OtherTenant));
        s.Host.Connector.Rosters[chat] = [Account(Chair, BotTestHost.TenantId)];
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        Assert.Contains("A1 created", Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0, What,
            "County Police", PoliceLead.Id, "2026-05-30", Measure, null, null))), StringComparison.Ordinal);
        s.Time.Advance(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero) - s.Time.GetUtcNow());
        Assert.Equal(new(0, 1), await s.RunJobsAsync());
        var a1 = Assert.Single(await s.ActionsAsync());
        await s.Host.DrainOutboxAsync();
        var overdue = s.Host.CardsIn(chat).Last(c => c.GetRawText().Contains("A1 is overdue", StringComparison.Ordinal));

        var form = await s.InChatAsync(Chair, ManageScreen.Manage, Press(overdue, ManageScreen.Manage));
        var offered = LeadChoices(form.Card ?? throw new InvalidOperationException(Text(form)));
        // By name, as the channel's card lists them; not only the chair, as the 1:1 chat's roster would give.
        Assert.Equal(new[] { Practitioner.Name, HealthLead.Name, PoliceLead.Name, Chair.Name }, offered);

        var outside = Text(await s.InChatAsync(Chair, ManageScreen.Reassign,
            new ReassignData(a1.Id, "Health Visiting", Visitor.Id, "The visitor's service takes it on", null)));
        Assert.Contains("The lead you chose is outside the partnership's organisation", outside, StringComparison.Ordinal);
        Assert.DoesNotContain(Visitor.Name, outside, StringComparison.Ordinal);
        Assert.Equal(a1.Version, Assert.Single(await s.ActionsAsync()).Version);

        var saved = Text(await s.InChatAsync(Chair, ManageScreen.Reassign,
            new ReassignData(a1.Id, "Health Visiting", HealthLead.Id, "Health visitors lead the new protocol", null)));
        await s.Host.DrainOutboxAsync();
        Assert.Contains("Saved. The lead is told.", saved, StringComparison.Ordinal);
        Assert.Equal(HealthLead.AadObjectId, Assert.Single(await s.ActionsAsync()).Lead.Person.UserId);
        Assert.Single(s.ChatCards(HealthLead), c => c.Contains("A new action for you", StringComparison.Ordinal));
        Assert.Empty(s.ChatCards(Visitor));
    }

    [Fact]
    public async Task InTheChannelTheChannelsOwnMembersAreOfferedAsBefore()
    {
        await using var s = await StartAsync();
        s.Host.Connector.Rosters[QaChannel.ChannelId!] = [Account(Chair, BotTestHost.TenantId), Account(HealthLead, BotTestHost.TenantId)];
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0, What,
            "Health Visiting", HealthLead.Id, "2026-05-30", Measure, null, null));
        var a1 = Assert.Single(await s.ActionsAsync());

        var form = await s.InChannelAsync(Chair, ManageScreen.Manage, new ActionRefData(a1.Id));

        Assert.Equal(new[] { HealthLead.Name, Chair.Name }, LeadChoices(form.Card ?? throw new InvalidOperationException(Text(form))));
    }

    [Fact]
    public async Task CreatingAnActionFromTheChairsChatOffersAndTakesThePlansChannelMembers()
    {
        await using var s = await StartAsync();
        var chat = BotTestHost.PersonalChat(Chair).Id;
        s.Host.Connector.Roster.Add(Account(Visitor, OtherTenant));
        s.Host.Connector.Rosters[chat] = [Account(Chair, BotTestHost.TenantId)];
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));

        var form = await s.InChatAsync(Chair, CreateScreen.Form, new CreateFormData(s.Audit.Id, 0));
        Assert.Equal(new[] { Practitioner.Name, HealthLead.Name, PoliceLead.Name, Chair.Name },
            LeadChoices(form.Card ?? throw new InvalidOperationException(Text(form))));

        var outside = Text(await s.InChatAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0, What,
            "County Police", Visitor.Id, "2026-05-30", Measure, null, null)));
        Assert.Contains("The lead you chose is outside the partnership's organisation", outside, StringComparison.Ordinal);
        Assert.Empty(await s.ActionsAsync());

        Assert.Contains("A1 created", Text(await s.InChatAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0, What,
            "County Police", PoliceLead.Id, "2026-05-30", Measure, null, null))), StringComparison.Ordinal);
        Assert.Equal(PoliceLead.AadObjectId, Assert.Single(await s.ActionsAsync()).Lead.Person.UserId);
    }

    [Fact]
    public async Task AChannelTheChairIsNoLongerInIsNotReadFromTheirChat()
    {
        await using var s = await StartAsync();
        var chat = BotTestHost.PersonalChat(Chair).Id;
        s.Host.Connector.Rosters[chat] = [Account(Chair, BotTestHost.TenantId)];
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        Assert.Contains("A1 created", Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0, What,
            "County Police", PoliceLead.Id, "2026-05-30", Measure, null, null))), StringComparison.Ordinal);
        var a1 = Assert.Single(await s.ActionsAsync());
        // The chair has left the plan's channel (or an admin started the plan in a channel the chair was never in).
        s.Host.Connector.Rosters[QaChannel.ChannelId!] =
            [Account(PoliceLead, BotTestHost.TenantId), Account(HealthLead, BotTestHost.TenantId)];

        var form = await s.InChatAsync(Chair, CreateScreen.Form, new CreateFormData(s.Audit.Id, 0));
        Assert.Equal(new[] { Chair.Name }, LeadChoices(form.Card ?? throw new InvalidOperationException(Text(form))));
        var manage = await s.InChatAsync(Chair, ManageScreen.Manage, new ActionRefData(a1.Id));
        Assert.Equal(new[] { Chair.Name }, LeadChoices(manage.Card ?? throw new InvalidOperationException(Text(manage))));

        await s.InChatAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0, "Audit the new protocol in six months",
            "Health Visiting", HealthLead.Id, "2026-05-30", Measure, null, null));
        await s.InChatAsync(Chair, ManageScreen.Reassign,
            new ReassignData(a1.Id, "Health Visiting", HealthLead.Id, "Health visitors lead the new protocol", null));
        var unchanged = Assert.Single(await s.ActionsAsync());
        Assert.Equal(PoliceLead.AadObjectId, unchanged.Lead.Person.UserId);
        Assert.Equal(a1.Version, unchanged.Version);
    }

    private static TeamsChannelAccount Account(TestUser user, string tenantId) =>
        new() { Id = user.Id, AadObjectId = user.AadObjectId, Name = user.Name, TenantId = tenantId };

    private static List<string> LeadChoices(JsonElement card) =>
        card.GetProperty("body").EnumerateArray()
            .Single(e => e.TryGetProperty("id", out var id) && id.GetString() == "lead")
            .GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("title").GetString()!).ToList();
}
