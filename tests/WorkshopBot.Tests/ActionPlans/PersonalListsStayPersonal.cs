using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Common.Teams;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// "my actions", "my audits" and "returns" list what one person leads, represents or chairs. Typed in a channel (or
/// pressed on the help card there) the answer is posted for every member, so the bot points to the personal chat
/// and posts nothing of the list; "actions" in a channel, where a chair opens a plan's tracker, posts a button whose
/// answer lists the plans the presser chairs (Teams shows it to them alone), and neither the plans' titles nor the
/// actions the person leads in the post. In the personal chat the lists are as before.
/// </summary>
public sealed class PersonalListsStayPersonal
{
    private const string What = "Agree an information-sharing protocol between police and health";

    /// <summary>The police representative of the scenario's audit (<see cref="ActionScenario.SeedAsync"/>).</summary>
    private static readonly TestUser PoliceRepresentative = new("29:police-rep", "police-rep", "Police Auditor");

    [Fact]
    public async Task ListsTypedInAChannelPointToThePersonalChatAndShowNothingThere()
    {
        await using var s = await StartAsync();
        var host = s.Host;
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        Assert.Contains("A1 created", Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 1,
            What, "County Police", PoliceLead.Id, "2026-05-30", "Every note shared in time", null, null))), StringComparison.Ordinal);
        await host.DrainOutboxAsync();

        foreach (var (user, command) in new[] { (PoliceLead, "my actions"), (Chair, "returns"), (PoliceRepresentative, "my audits") })
        {
            var before = s.ChannelPosts().Count;
            await host.SayAsync(user, QaChannel, command);
            var answer = Assert.Single(s.ChannelPosts().Skip(before)).AllText;
            Assert.Contains(PersonalLists.Title, answer, StringComparison.Ordinal);
            Assert.Contains($"**{command}**", answer, StringComparison.Ordinal);
            Assert.DoesNotContain(What, answer, StringComparison.Ordinal);
            Assert.DoesNotContain(s.Audit.Title, answer, StringComparison.Ordinal);
        }

        // "actions" in the channel: the lead's own actions stay out of it, with a pointer instead.
        var postsBefore = s.ChannelPosts().Count;
        await host.SayAsync(PoliceLead, QaChannel, "actions");
        var overview = Assert.Single(s.ChannelPosts().Skip(postsBefore)).AllText;
        Assert.Contains("Action plans", overview, StringComparison.Ordinal);
        Assert.Contains("**my actions**", overview, StringComparison.Ordinal);
        Assert.DoesNotContain(What, overview, StringComparison.Ordinal);

        // The chair still opens plans from the channel, from a list that answers their own press: the post itself names no
        // audit, and someone else pressing its button is shown only what they chair (here nothing).
        postsBefore = s.ChannelPosts().Count;
        await host.SayAsync(Chair, QaChannel, "actions");
        var post = Assert.Single(s.ChannelPosts().Skip(postsBefore)).AllText;
        Assert.Contains("Choose a plan", post, StringComparison.Ordinal);
        Assert.DoesNotContain(s.Audit.Title, post, StringComparison.Ordinal);
        var chosen = Text(await s.InChannelAsync(Chair, PlanScreen.ChoosePlan, new ChoosePlanData()));
        Assert.Contains(s.Audit.Title, chosen, StringComparison.Ordinal);
        Assert.Contains("Open the plan", chosen, StringComparison.Ordinal);
        var pressedByLead = Text(await s.InChannelAsync(PoliceLead, PlanScreen.ChoosePlan, new ChoosePlanData()));
        Assert.DoesNotContain(s.Audit.Title, pressedByLead, StringComparison.Ordinal);
        Assert.Contains(PlanScreen.NoActionsTitle, pressedByLead, StringComparison.Ordinal);

        // In the personal chat each list is shown as before.
        await host.SayAsync(PoliceLead, BotTestHost.PersonalChat(PoliceLead), "my actions");
        Assert.Contains(What, s.ChatCards(PoliceLead)[^1], StringComparison.Ordinal);
        await host.SayAsync(PoliceLead, BotTestHost.PersonalChat(PoliceLead), "actions");
        Assert.Contains(What, s.ChatCards(PoliceLead)[^1], StringComparison.Ordinal);
        await host.SayAsync(Chair, BotTestHost.PersonalChat(Chair), "returns");
        Assert.Contains(s.Audit.Title, s.ChatCards(Chair)[^1], StringComparison.Ordinal);
        await host.SayAsync(PoliceRepresentative, BotTestHost.PersonalChat(PoliceRepresentative), "my audits");
        Assert.Contains(s.Audit.Title, s.ChatCards(PoliceRepresentative)[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ActionsTypedByAnAdminInAChannelListNoAuditTheyDoNotChair()
    {
        await using var s = await StartAsync();
        var host = s.Host;

        // In a channel an admin's "actions" would list every audit with an approved briefing, for every member to read.
        var before = s.ChannelPosts().Count;
        await host.SayAsync(PartnershipAdmin, QaChannel, "actions");
        var answer = Assert.Single(s.ChannelPosts().Skip(before)).AllText;
        Assert.DoesNotContain(s.Audit.Title, answer, StringComparison.Ordinal);

        // In the personal chat the admin still sees every plan to open.
        await host.SayAsync(PartnershipAdmin, BotTestHost.PersonalChat(PartnershipAdmin), "actions");
        Assert.Contains(s.Audit.Title, s.ChatCards(PartnershipAdmin)[^1], StringComparison.Ordinal);
    }
}
