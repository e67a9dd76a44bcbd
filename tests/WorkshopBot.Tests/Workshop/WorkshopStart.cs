using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Storage;

namespace WorkshopBot.Tests.Workshop;

/// <summary>A chair starts the audit's workshop in the channel where it is held.</summary>
public sealed class WorkshopStart
{
    [Fact]
    public async Task OnlyTheAuditChairCanStartAWorkshopAndTheCardIsPostedInTheChannel()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        var stranger = BotTestHost.User("Someone Else");

        await s.Host.SayAsync(stranger, s.Channel, "workshop");
        Assert.Empty(await s.Host.Get<IDocumentStore>().ListAsync(WorkshopRepository.Collection));
        Assert.Contains(s.Host.Sent(s.Channel.Id),
            a => a.Activity.Text?.Contains("Only an audit's chair", StringComparison.Ordinal) == true);

        await s.StartAsync();
        var session = await s.SessionAsync();
        Assert.NotNull(s.PostedActivityId(session.CardPostKey));
        Assert.Contains(s.Host.CardsIn(s.Channel.Id),
            c => c.GetRawText().Contains("Multi-agency audit workshop", StringComparison.Ordinal));
        Assert.Contains(await s.LogAsync("workshop", s.WorkshopId.ToString()), e => e.Action == "workshop.start");
    }
}
