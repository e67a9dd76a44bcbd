using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.ActionPlans.ActionScenario;
using ChairHandoverData = WorkshopBot.Audits.Teams.ChairHandoverData;
using ChairHandovers = WorkshopBot.Audits.Teams.ChairHandovers;
using ChairScreen = WorkshopBot.Audits.Teams.ChairScreen;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// An audit with no Teams conversation on record (here one whose action plan is all the bot holds of it) handed to a new chair:
/// they are told in their 1:1 chat with the bot, reached as the roster they were picked from gives them, and the admin reads
/// that they were told. Only when the bot cannot reach them there (their chat with it is closed) does the admin read so.
/// </summary>
public sealed class PlanOnlyAuditChairHandover
{
    private static readonly TestUser NewChair = BotTestHost.User("Incoming Plan-only Chair");

    [Fact]
    public async Task TheNewChairIsToldInTheirChatAndTheAdminReadsThatTheyWere()
    {
        await using var s = await StartWithNewChairAsync();

        var answer = Text(await HandOverAsync(s));

        Assert.Contains("Incoming Plan-only Chair is now the chair of this audit. They have been told in their chat with WorkshopBot.",
            answer, StringComparison.Ordinal);
        await s.Host.DrainOutboxAsync();
        var notice = Assert.Single(s.ChatCards(NewChair), c => c.Contains("You are now the chair of an audit", StringComparison.Ordinal));
        Assert.Contains(s.Audit.Title, notice, StringComparison.Ordinal);
        var logged = Assert.Single(await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, s.Audit.Id.ToString("D")),
            e => e.Action == ChairHandovers.HandedOver);
        Assert.Contains("\"newChairTold\":true", logged.DetailJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANewChairWhoseChatIsClosedIsNotSaidToBeTold()
    {
        await using var s = await StartWithNewChairAsync();
        var chat = BotTestHost.PersonalChat(NewChair);
        await s.Host.SayAsync(NewChair, chat, "help");
        await s.Host.SendAsync(s.Host.Installation(NewChair, chat, "remove"));

        var answer = Text(await HandOverAsync(s));

        Assert.Contains("WorkshopBot cannot reach them in Teams yet", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("They have been told", answer, StringComparison.Ordinal);
        await s.Host.DrainOutboxAsync();
        Assert.DoesNotContain(s.ChatCards(NewChair), c => c.Contains("You are now the chair of an audit", StringComparison.Ordinal));
    }

    private static Task<InvokeResult> HandOverAsync(ActionScenario s) => s.InChannelAsync(PartnershipAdmin, ChairScreen.Save,
        new ChairHandoverData(s.Audit.Id, Chair.AadObjectId, NewChair.Id, nameof(ChairHandoverReason.LeftRole)));

    private static async Task<ActionScenario> StartWithNewChairAsync()
    {
        var s = await StartAsync();
        s.Host.Connector.Roster.Add(new TeamsChannelAccount
        {
            Id = NewChair.Id, AadObjectId = NewChair.AadObjectId, Name = NewChair.Name, TenantId = BotTestHost.TenantId,
        });
        await s.InChannelAsync(Chair, PlanScreen.OpenPlan, new PlanRefData(s.Audit.Id));
        Assert.Null(await TestStores.Audits(s.Host.Services).GetChannelAsync(s.Audit.Id, CancellationToken.None));
        return s;
    }
}
