using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Audits.Domain;
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

    /// <summary>
    /// A chair of two audits types <c>workshop</c> in the channel: the card posted there names neither audit (guests of
    /// other agencies read the channel); its button answers the chair alone with both, and anyone else with a refusal.
    /// </summary>
    [Fact]
    public async Task TheChairOfSeveralAuditsChoosesOnACardThatNamesNoneInTheChannel()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        const string Other = "Neglect audit of teenagers 2021";
        var other = Audit.Create(Guid.NewGuid(), Other, "neglect", s.Chair.Person, new DateTimeOffset(2021, 7, 1, 9, 0, 0, TimeSpan.Zero))
            .ValueOrThrow();
        Assert.True(other.AddCase(WorkshopScenario.Case, AgeBand.Under1).Succeeded);
        other.AddAgency(WorkshopScenario.MertonAgencies[0].Type, WorkshopScenario.MertonAgencies[0].Name,
            BotTestHost.User("Police Rep").Person).ValueOrThrow();
        Assert.True(other.ScheduleReturnsDue(new DateTimeOffset(2021, 7, 30, 17, 0, 0, TimeSpan.Zero), other.CreatedAt).Succeeded);
        Assert.True(other.Issue(new DateTimeOffset(2021, 7, 1, 10, 0, 0, TimeSpan.Zero)).Succeeded);
        await s.Host.WorkAsync(async services =>
            Assert.True(await services.GetRequiredService<AuditStore>().InsertAuditAsync(other, default)));

        await s.Host.SayAsync(s.Chair, s.Channel, StartScreen.Command);
        var posted = string.Join("\n", s.Host.CardsIn(s.Channel.Id).Select(c => c.GetRawText()));
        Assert.Contains("Choose the audit", posted, StringComparison.Ordinal);
        Assert.DoesNotContain(s.Audit.Title, posted, StringComparison.Ordinal);
        Assert.DoesNotContain(Other, posted, StringComparison.Ordinal);

        var stranger = WorkshopScenario.CardText(await s.ExecuteAsync(BotTestHost.User("Police Guest"), StartScreen.Choose,
            new StartWorkshopData()));
        Assert.Contains("Cannot start the workshop", stranger, StringComparison.Ordinal);
        Assert.DoesNotContain(s.Audit.Title, stranger, StringComparison.Ordinal);
        Assert.DoesNotContain(Other, stranger, StringComparison.Ordinal);

        var mine = WorkshopScenario.CardText(await s.ExecuteAsync(s.Chair, StartScreen.Choose, new StartWorkshopData()));
        Assert.Contains(s.Audit.Title, mine, StringComparison.Ordinal);
        Assert.Contains(Other, mine, StringComparison.Ordinal);
        Assert.Empty(await s.Host.Get<IDocumentStore>().ListAsync(WorkshopRepository.Collection));

        var started = WorkshopScenario.CardText(await s.ExecuteAsync(s.Chair, StartScreen.Start, new StartWorkshopData(s.Audit.Id)));
        Assert.Contains("Workshop started", started, StringComparison.Ordinal);
    }
}
