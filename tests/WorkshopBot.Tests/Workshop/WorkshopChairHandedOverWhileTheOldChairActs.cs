using WorkshopBot.Storage;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Storage;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// An admin hands the audit's chair over just after the old chair's press has read the workshop (as still theirs), before
/// that press commits: the handover lands first and wins. The old chair's change to a poll is not made (an idea hidden,
/// voting opened or ended), nothing is logged for it, and they get the card that names nothing, as anyone who is not the
/// chair does. A seam places the handover (not timing). A participant's vote is untouched by this: it holds nothing.
/// </summary>
public abstract class WorkshopChairHandedOverWhileTheOldChairActsScenarios
{
    private static readonly TestUser NewChair = BotTestHost.User("Incoming Quality Chair");

    protected abstract Task<Action<BotTestHostOptions>> StoreAsync();

    [Fact]
    public async Task TheOldChairCannotHideAnIdea()
    {
        var seams = new DocumentSeams();
        await using var s = await StartAsync(seams);
        var (board, item) = await BoardWithAnIdeaAsync(s);
        var logged = (await s.LogAsync("workshop-poll", board.Id)).Count;

        HandOverAfterTheNextWorkshopRead(s, seams);
        var hide = WorkshopScenario.CardText(await s.ModerateAsync(board, ModerateActions.Hide, item));

        Assert.True(seams.Ran);
        Assert.Contains(WorkshopBot.Common.Teams.Reply.NotAvailableTitle, hide, StringComparison.Ordinal);
        Assert.DoesNotContain("Done (logged).", hide, StringComparison.Ordinal);
        var session = await s.SessionAsync();
        Assert.True(session.IsChair(NewChair.Person));
        Assert.False(session.FindPoll(board.Id)!.FindItem(item)!.Hidden);
        Assert.Equal(logged, (await s.LogAsync("workshop-poll", board.Id)).Count);
    }

    [Fact]
    public async Task TheOldChairCannotOpenVoting()
    {
        var seams = new DocumentSeams();
        await using var s = await StartAsync(seams);
        var (board, _) = await BoardWithAnIdeaAsync(s);
        var logged = (await s.LogAsync("workshop-poll", board.Id)).Count;

        HandOverAfterTheNextWorkshopRead(s, seams);
        var open = WorkshopScenario.CardText(await s.ExecuteAsync(s.Chair, PollsScreen.OpenAnyway,
            new OpenAnywayData(s.WorkshopId, board.Id)));

        Assert.True(seams.Ran);
        Assert.Contains(WorkshopBot.Common.Teams.Reply.NotAvailableTitle, open, StringComparison.Ordinal);
        Assert.Equal(PollPhase.Collecting, (await s.SessionAsync()).FindPoll(board.Id)!.Phase);
        Assert.Equal(logged, (await s.LogAsync("workshop-poll", board.Id)).Count);
    }

    [Fact]
    public async Task TheOldChairCannotEndVoting()
    {
        var seams = new DocumentSeams();
        await using var s = await StartAsync(seams);
        var (board, _) = await BoardWithAnIdeaAsync(s);
        Assert.Contains("Voting is open.", WorkshopScenario.CardText(await s.PhaseAsync(board, PhaseActions.Open)),
            StringComparison.Ordinal);
        var logged = (await s.LogAsync("workshop-poll", board.Id)).Count;

        HandOverAfterTheNextWorkshopRead(s, seams);
        var close = WorkshopScenario.CardText(await s.PhaseAsync(board, PhaseActions.Close));

        Assert.True(seams.Ran);
        Assert.Contains(WorkshopBot.Common.Teams.Reply.NotAvailableTitle, close, StringComparison.Ordinal);
        Assert.Equal(PollPhase.Voting, (await s.SessionAsync()).FindPoll(board.Id)!.Phase);
        Assert.Equal(logged, (await s.LogAsync("workshop-poll", board.Id)).Count);
        // The new chair ends it.
        Assert.Contains("Voting is closed.", WorkshopScenario.CardText(await s.PhaseAsync(board, PhaseActions.Close, NewChair)),
            StringComparison.Ordinal);
    }

    private static async Task<(Poll Board, string Item)> BoardWithAnIdeaAsync(WorkshopScenario s)
    {
        var rep = WorkshopScenario.Representative(1);
        await s.JoinAsync(rep);
        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.CouldImprove));
        await s.AddIdeaAsync(rep, board, "Quicker sharing of police interview notes.");
        var item = Assert.Single((await s.SessionAsync()).FindPoll(board.Id)!.Items).Id;
        return (board, item);
    }

    private static void HandOverAfterTheNextWorkshopRead(WorkshopScenario s, DocumentSeams seams) =>
        seams.AfterNextRead(WorkshopRepository.Collection, WorkshopRepository.KeyOf(s.WorkshopId),
            () => ChairHandoverStep.HandOverAsync(s.Host, s.Audit.Id, s.Chair, NewChair));

    private async Task<WorkshopScenario> StartAsync(DocumentSeams seams)
    {
        var store = await StoreAsync();
        var s = await WorkshopScenario.CreateAsync(o =>
        {
            store(o);
            o.Services = seams.Install;
        });
        await s.StartAsync();
        return s;
    }
}

/// <summary>On the default SQLite store.</summary>
public sealed class WorkshopChairHandedOverWhileTheOldChairActsOnSqlite : WorkshopChairHandedOverWhileTheOldChairActsScenarios
{
    protected override Task<Action<BotTestHostOptions>> StoreAsync() => Task.FromResult<Action<BotTestHostOptions>>(_ => { });
}

/// <summary>On PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class WorkshopChairHandedOverWhileTheOldChairActsOnPostgres(PostgresServerFixture server)
    : WorkshopChairHandedOverWhileTheOldChairActsScenarios
{
    protected override async Task<Action<BotTestHostOptions>> StoreAsync()
    {
        var database = await server.CreateDatabaseAsync();
        return o => o.PostgresConnectionString = database;
    }
}
