using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// Teams moves the plan's channel to a new serviceUrl (an activity arrives there with it): the conversation's record follows,
/// the plan keeps the copy it was made with, and what the plan does afterwards goes to the new one: the read of the
/// channel's members for the chair's chat, a card to a lead who has no chat with the bot yet, and the tracker's update.
/// </summary>
public sealed class ActionSendsFollowAMovedServiceUrl
{
    private const string What = "Agree an information-sharing protocol between police and health";
    private const string Measure = "Every interview note reaches health within two working days";

    [Fact]
    public async Task AfterThePlansChannelMovesItsCardsAndRosterReadsGoToItsNewServiceUrl()
    {
        await using var s = await StartAsync();
        var chat = BotTestHost.PersonalChat(Chair).Id;
        s.Host.Connector.Rosters[chat] = [new TeamsChannelAccount
        {
            Id = Chair.Id, AadObjectId = Chair.AadObjectId, Name = Chair.Name, TenantId = BotTestHost.TenantId,
        }];
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        var conversations = s.Host.Get<IConversationStore>();
        Assert.Null(await conversations.FindPersonalAsync(PoliceLead.AadObjectId));
        var moved = s.Host.Connector.LocalhostBaseUrl;
        var stored = (await PlanAsync(s)).ServiceUrl;
        Assert.NotEqual(moved, stored);

        await s.Host.SendAsync(s.Host.Message(Chair, QaChannel, "help") with { ServiceUrl = moved });
        await s.Host.DrainOutboxAsync();
        Assert.Equal(moved, (await conversations.GetAsync(QaChannel.Id))!.ServiceUrl);
        Assert.Equal(stored, (await PlanAsync(s)).ServiceUrl);
        var before = s.Host.Connector.Requests.Count;

        // From the chair's chat, whose own serviceUrl is unchanged: the plan's channel's members are read, a lead is told.
        await s.InChatAsync(Chair, CreateScreen.Form, new CreateFormData(s.Audit.Id, 0));
        Assert.Contains("A1 created", Text(await s.InChatAsync(Chair, CreateScreen.Create, new CreateActionData(s.Audit.Id, 0, What,
            "County Police", PoliceLead.Id, "2026-05-30", Measure, null, null))), StringComparison.Ordinal);
        await s.Host.DrainOutboxAsync();
        var a1 = Assert.Single(await s.ActionsAsync());
        Assert.Contains("Saved. The lead is told.", Text(await s.InChatAsync(Chair, ManageScreen.Extend,
            new ExtendData(a1.Id, "2026-06-30", "Legal review of the protocol", null))), StringComparison.Ordinal);
        await s.Host.DrainOutboxAsync();

        var requests = s.Host.Connector.Requests.Skip(before).ToList();
        var channel = Uri.EscapeDataString(QaChannel.Id);
        var rosterReads = requests.Where(r => r.Method == "GET" && r.RawTarget.Contains(channel, StringComparison.Ordinal)).ToList();
        var toLead = requests.Where(r => r.Method == "POST"
            && r.RawTarget.Contains(Uri.EscapeDataString(BotTestHost.PersonalChat(PoliceLead).Id), StringComparison.Ordinal)).ToList();
        var trackerUpdates = requests.Where(r => r.Method == "PUT" && r.RawTarget.Contains(channel, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(rosterReads);
        Assert.Equal(2, toLead.Count);
        Assert.NotEmpty(trackerUpdates);
        Assert.All(rosterReads.Concat(toLead).Concat(trackerUpdates),
            r => Assert.StartsWith("localhost:", r.Headers["Host"], StringComparison.Ordinal));
        Assert.Single(s.ChatCards(PoliceLead), c => c.Contains("A new action for you", StringComparison.Ordinal));
        Assert.Equal(stored, (await PlanAsync(s)).ServiceUrl);
    }

    private static Task<ActionPlan> PlanAsync(ActionScenario s) => s.Host.WorkAsync(async services =>
        await services.GetRequiredService<ActionStore>().GetPlanAsync(s.Audit.Id, BotTestHost.TenantId, CancellationToken.None)
            ?? throw new InvalidOperationException("No plan."));
}
