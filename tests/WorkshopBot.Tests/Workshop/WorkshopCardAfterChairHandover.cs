using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// The workshop's card in its channel says who chairs it: once the audit's chair is handed over, the card is drawn again and
/// names the new chair, without anyone having to join first.
/// </summary>
public sealed class WorkshopCardAfterChairHandover
{
    [Fact]
    public async Task ThePostedWorkshopCardNamesTheNewChairAfterAHandover()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        await s.Host.DrainOutboxAsync();
        var newChair = BotTestHost.User("Incoming Workshop Chair");
        s.Host.Connector.Roster.Add(new TeamsChannelAccount
        {
            Id = newChair.Id, AadObjectId = newChair.AadObjectId, Name = newChair.Name, TenantId = BotTestHost.TenantId,
        });
        var workshopCard = s.PostedActivityId((await s.SessionAsync()).CardPostKey);
        Assert.NotNull(workshopCard);
        Assert.Contains(s.Host.Sent(s.Channel.Id), a => a.AllText.Contains($"Chair: {s.Chair.Name}", StringComparison.Ordinal));

        var handedOver = await s.ExecuteAsync(s.Chair, ChairScreen.Save,
            new ChairHandoverData(s.Audit.Id, s.Chair.AadObjectId, newChair.Id, nameof(ChairHandoverReason.Absent)));
        Assert.Contains("Incoming Workshop Chair is now the chair", WorkshopScenario.CardText(handedOver), StringComparison.Ordinal);

        bool NamesTheNewChair(SentActivity a) => a.Method == "PUT" && a.ActivityId == workshopCard
            && a.AllText.Contains($"Chair: {newChair.Name}", StringComparison.Ordinal);
        await WorkshopScenario.WaitForAsync(() => s.Host.Sent(s.Channel.Id).Any(NamesTheNewChair));
        Assert.Contains(s.Host.Sent(s.Channel.Id), NamesTheNewChair);
        Assert.Equal(newChair.AadObjectId, (await s.SessionAsync()).Chair.UserId);
    }
}
