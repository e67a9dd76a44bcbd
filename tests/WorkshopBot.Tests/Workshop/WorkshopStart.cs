using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Storage;
using WorkshopBot.Workshop.Teams;

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

    /// <summary>
    /// The chair presses Start on the card that picks the audit just as the audit is closed from the dashboard: the close
    /// lands between the press's read of the audit and its commit (a seam places it), and no workshop starts.
    /// </summary>
    [Fact]
    public async Task AnAuditClosedAsTheChairStartsItsWorkshopStartsNone()
    {
        var seams = new DocumentSeams();
        await using var s = await WorkshopScenario.CreateAsync(o => o.Services = seams.Install);
        seams.AfterNextRead(AuditStore.Audits, AuditStore.Key(s.Audit.Id), async () =>
            Assert.Contains("Audit closed.", WorkshopScenario.CardText(await s.Host.ExecuteAsync(s.Chair,
                BotTestHost.PersonalChat(s.Chair), DashboardScreen.Close, new AuditRefData(s.Audit.Id))), StringComparison.Ordinal));

        var started = WorkshopScenario.CardText(await s.ExecuteAsync(s.Chair, StartScreen.Start, new StartWorkshopData(s.Audit.Id)));

        Assert.True(seams.Ran);
        Assert.Contains("Cannot start the workshop", started, StringComparison.Ordinal);
        Assert.Empty(await s.Host.Get<IDocumentStore>().ListAsync(WorkshopRepository.Collection));
    }
}
