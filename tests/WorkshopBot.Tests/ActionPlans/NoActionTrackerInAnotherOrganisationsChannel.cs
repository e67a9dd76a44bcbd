using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Storage;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// A plan worked on in a conversation the bot knows as another organisation's (it was first heard from that tenant) posts
/// its tracker nowhere: the tracker names the actions, their leads and agencies. The action itself is saved.
/// </summary>
public sealed class NoActionTrackerInAnotherOrganisationsChannel
{
    [Fact]
    public async Task AnActionCreatedThereQueuesNoTrackerPost()
    {
        await using var s = await StartAsync();
        var conversations = s.Host.Get<IConversationStore>();
        await conversations.UpsertAsync((await conversations.GetAsync(QaChannel.Id))! with { TenantId = OtherTenant });
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));

        var created = Text(await s.InChannelAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0,
            "Agree an information-sharing protocol", "County Police", PoliceLead.Id, "2026-05-30", "Notes shared", null, null)));
        await s.Host.DrainOutboxAsync();

        Assert.Contains("A1 created", created, StringComparison.Ordinal);
        Assert.Single(await s.ActionsAsync());
        Assert.Null(await s.Host.Get<IOutboxStore>().FindByDedupeKeyAsync($"actions:{s.Audit.Id:D}:tracker:post"));
        Assert.DoesNotContain(s.ChannelPosts(), p => p.AllText.Contains("information-sharing protocol", StringComparison.Ordinal));
    }
}
