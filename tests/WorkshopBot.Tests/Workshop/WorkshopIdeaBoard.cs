using WorkshopBot.Common;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>Participants add ideas to a board: anonymously when the chair chose so, and never with identifiers unconfirmed.</summary>
public sealed class WorkshopIdeaBoard
{
    [Fact]
    public async Task AnonymousBoardStoresNoAuthorAndNamedBoardDoes()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var rep = WorkshopScenario.Representative(1);
        await s.JoinAsync(rep);
        var anonymous = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.CouldImprove, Anonymous: "true"));
        var named = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell, Anonymous: "false"));

        await s.AddIdeaAsync(rep, anonymous, "Senior managers were not available out of hours.");
        await s.AddIdeaAsync(rep, named, "Strategy discussion was prompt.", agencyId: "agency-1",
            theme: Themes.StrategyMeetingsAndMedicals);

        var session = await s.SessionAsync();
        var hidden = Assert.Single(session.FindPoll(anonymous.Id)!.Items);
        Assert.Null(hidden.AuthorKey);
        Assert.True(session.FindPoll(anonymous.Id)!.Anonymous);
        Assert.Equal(rep.AadObjectId, Assert.Single(session.FindPoll(named.Id)!.Items).AuthorKey);
        var log = await s.LogAsync("workshop-poll", anonymous.Id);
        var add = Assert.Single(log, e => e.Action == "workshop.idea.add");
        Assert.Equal("anonymous", add.ActorId);
        Assert.DoesNotContain(rep.AadObjectId, add.DetailJson ?? "", StringComparison.Ordinal);
        // It names nobody but is still its organisation's: the workshop's tenant.
        Assert.Equal((BotTestHost.TenantId, BotTestHost.TenantId), (session.TenantId, add.TenantId));
        Assert.Equal(BotTestHost.TenantId, Assert.Single(await s.LogAsync("workshop-poll", named.Id),
            e => e.Action == "workshop.idea.add").TenantId);
    }

    /// <summary>
    /// A turn's processed mark keeps who acted and when, to the millisecond, beside the idea's own time: on an anonymous board
    /// that would name each idea's author to anyone reading the database or a backup. Its Add turns (a warning too) keep no
    /// person; a named board's keep theirs. The press is still handled once, whoever replays it.
    /// </summary>
    [Fact]
    public async Task AnAnonymousBoardsAddTurnsKeepNoPersonAndAreStillHandledOnce()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var (first, second) = (WorkshopScenario.Representative(1), WorkshopScenario.Representative(2));
        await s.JoinAsync(first);
        await s.JoinAsync(second);
        var anonymous = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.CouldImprove, Anonymous: "true"));
        var named = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell, Anonymous: "false"));
        var marks = s.Host.Get<IProcessedActivityStore>();

        var add = Press(s, first, anonymous, "Senior managers were not available out of hours.");
        var added = await s.Host.InvokeAsync(add);
        var warning = Press(s, second, anonymous, "Health visitor phoned 07700 900123 the same day.");
        Assert.Contains("Check before adding", WorkshopScenario.CardText(await s.Host.InvokeAsync(warning)), StringComparison.Ordinal);
        var namedAdd = Press(s, second, named, "Strategy discussion was prompt.");
        await s.Host.InvokeAsync(namedAdd);

        Assert.Contains("without your name", WorkshopScenario.CardText(added), StringComparison.Ordinal);
        Assert.Null((await marks.FindAsync(s.Channel.Id, add.Id!))!.PersonKey);
        Assert.Null((await marks.FindAsync(s.Channel.Id, warning.Id!))!.PersonKey);
        Assert.Equal($"{BotTestHost.TenantId}/{second.AadObjectId}", (await marks.FindAsync(s.Channel.Id, namedAdd.Id!))!.PersonKey);

        var again = await s.Host.InvokeAsync(add);
        var byAnother = await s.Host.InvokeAsync(add with { From = second.Account });
        Assert.Equal(WorkshopScenario.CardText(added), WorkshopScenario.CardText(again));
        Assert.Equal(WorkshopScenario.CardText(added), WorkshopScenario.CardText(byAnother));
        Assert.Single((await s.SessionAsync()).FindPoll(anonymous.Id)!.Items);
    }

    private static Activity Press(WorkshopScenario s, TestUser user, Poll poll, string text) =>
        s.Host.CardAction(user, s.Channel, IdeasScreen.AddIdea, new AddIdeaData(s.WorkshopId, poll.Id, text));

    [Fact]
    public async Task IdeasWithIdentifiersNeedConfirmationAndTheConfirmationIsLogged()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var rep = WorkshopScenario.Representative(1);
        await s.JoinAsync(rep);
        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell));

        var warned = await s.AddIdeaAsync(rep, board, "Health visitor phoned 07700 900123 the same day.");
        Assert.Contains("Check before adding", WorkshopScenario.CardText(warned));
        Assert.Empty((await s.SessionAsync()).FindPoll(board.Id)!.Items);

        var confirmed = await s.AddIdeaAsync(rep, board, "Health visitor phoned 07700 900123 the same day.", confirm: true);
        Assert.Contains("Idea added", WorkshopScenario.CardText(confirmed));
        Assert.Contains(await s.LogAsync("workshop-poll", board.Id),
            e => e.Action == "workshop.idea.add" && e.DetailJson!.Contains("identifierWarningConfirmed\":\"", StringComparison.Ordinal));
    }
}
