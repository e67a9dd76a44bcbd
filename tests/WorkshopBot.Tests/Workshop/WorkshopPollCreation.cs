using System.Net;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>The chair creates polls from the panel; settings that cannot be read create nothing.</summary>
public sealed class WorkshopPollCreation
{
    [Fact]
    public async Task AnUnknownPollKindIsRefusedNotTurnedIntoAnIdeaBoard()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();

        var result = await s.TryCreatePollAsync(new CreatePollData(s.WorkshopId, "ranking", "Which matters most?"));

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Contains("Poll not created", WorkshopScenario.CardText(result));
        Assert.Empty((await s.SessionAsync()).Polls);
    }

    [Fact]
    public async Task OnlyTheChairOpensThePanelAndItOffersEveryKindOfPoll()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();

        var refused = await s.ChairPanelAsync(WorkshopScenario.Representative(1));
        var panel = WorkshopScenario.CardText(await s.ChairPanelAsync());

        Assert.Contains(WorkshopBot.Common.Teams.Reply.NotAvailableTitle, WorkshopScenario.CardText(refused));
        Assert.All(new[] { PollTypes.WorkedWell, PollTypes.Single, PollTypes.RatingAgree, PollTypes.Grade },
            kind => Assert.Contains($"\"{kind}\"", panel, StringComparison.Ordinal));
    }
}
