using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Tests.Foundation;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// An idea board's shared card carries the Add idea form, so it is updated only once nobody has added an idea for a quiet
/// spell (<see cref="IdeaBoardWaitsForTyping"/>). With two instances on one store and the ideas arriving through both, each
/// instance sees a gap longer than the spell between its own ideas: quiet must mean quiet on both, or the board is put back
/// over what people are still typing. An idea does not touch the poll's row, so the check reads the board's last recorded
/// change (<c>workshop_cards.due_at</c>).
/// </summary>
public abstract class IdeaBoardQuietOnTwoInstancesScenarios
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(20);

    /// <summary>The first instance's workshop on <paramref name="clock"/>, with the ideas' quiet spell.</summary>
    private protected abstract Task<WorkshopScenario> FirstAsync(ManualTimeProvider clock, Action<IServiceCollection> services);

    /// <summary>A second instance on the first one's store and clock.</summary>
    private protected abstract Task<BotTestHost> SecondAsync(WorkshopScenario first, ManualTimeProvider clock,
        Action<IServiceCollection> services);

    /// <summary>
    /// Ideas every 12 s, by turns on each instance (each instance's own 24 s apart, longer than the 20 s spell): the board's
    /// card keeps still until 20 s after the last idea on either, then shows every idea.
    /// </summary>
    [Fact]
    public async Task IdeasAddedThroughEitherInstanceUpdateTheBoardOnlyOnceQuietOnBoth()
    {
        static void Spell(IServiceCollection services) => services.PostConfigure<WorkshopOptions>(o => o.IdeaBoardQuiet = Quiet);
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var two = await IdeaBoardOnTwoInstances.StartAsync(clock, () => FirstAsync(clock, Spell),
            first => SecondAsync(first, clock, Spell));
        var (s, reps, board, hosts, coalescers, before) = (two.Scenario, two.Reps, two.Board, two.Hosts, two.Coalescers, two.Before);

        // Ideas at 0, 12, 24 and 36 s, on the first, second, first and second instance. Each instance's own quiet spell ends
        // 20 s after its own last idea (at 32 s on the second, 44 s on the first), 8 s after the other's.
        for (var i = 0; i < 4; i++)
        {
            if (i > 0)
            {
                clock.Advance(TimeSpan.FromSeconds(12));
                await Task.Delay(300);
            }

            var added = await hosts[i % 2].ExecuteAsync(reps[i % 2], s.Channel, IdeasScreen.AddIdea,
                new AddIdeaData(s.WorkshopId, board.Id, $"Idea number {i + 1} from either instance.", null, null, null, false));
            Assert.Equal(HttpStatusCode.OK, added.Status);
        }

        var lastIdeaAt = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromSeconds(8));
        await Task.Delay(300);
        clock.Advance(Quiet - TimeSpan.FromSeconds(9));
        await Task.Delay(300);
        Assert.Empty(two.BoardUpdates());

        // 20 s after the last idea: the board shows all four.
        clock.Advance(TimeSpan.FromSeconds(1));
        await WorkshopScenario.WaitForAsync(() => two.BoardUpdates().Count > 0);
        for (var i = 0; i < 5 && coalescers.Sum(c => c.PendingFor(s.Channel.Id)) > 0; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await WorkshopScenario.WaitForAsync(() => coalescers.Sum(c => c.PendingFor(s.Channel.Id)) == 0);
        }

        var updates = two.BoardUpdates();
        var seen = string.Join("; ", updates.Select(u => $"+{(u.ClockAt - before).TotalSeconds} s"));
        Assert.NotEmpty(updates);
        Assert.True(updates.All(u => u.ClockAt >= lastIdeaAt + Quiet), $"the board was updated while ideas were coming: {seen}");
        Assert.Contains("Adding ideas · 4 ideas", updates[^1].AllText, StringComparison.Ordinal);
        Assert.All(hosts, h => Assert.Equal(0, h.Connector.ThrottledCount));
    }
}

/// <summary>Two instances on one SQLite file.</summary>
public sealed class IdeaBoardQuietOnTwoInstancesOnSqlite : IdeaBoardQuietOnTwoInstancesScenarios
{
    private protected override Task<WorkshopScenario> FirstAsync(ManualTimeProvider clock,
        Action<IServiceCollection> services) =>
        WorkshopScenario.CreateAsync(o =>
        {
            o.Time = clock;
            o.Services = services;
        });

    private protected override Task<BotTestHost> SecondAsync(WorkshopScenario first, ManualTimeProvider clock,
        Action<IServiceCollection> services) =>
        JobsOnTwoInstances.SecondInstanceOnSqliteAsync(first, clock, services);
}

/// <summary>Two instances on one PostgreSQL database.</summary>
[Collection(PostgresCollection.Name)]
public sealed class IdeaBoardQuietOnTwoInstancesOnPostgres(PostgresServerFixture server) : IdeaBoardQuietOnTwoInstancesScenarios
{
    private string? _database;

    private protected override async Task<WorkshopScenario> FirstAsync(ManualTimeProvider clock,
        Action<IServiceCollection> services)
    {
        _database = await server.CreateDatabaseAsync();
        return await WorkshopScenario.CreateAsync(o =>
        {
            o.Time = clock;
            o.Services = services;
            o.PostgresConnectionString = _database;
        });
    }

    private protected override Task<BotTestHost> SecondAsync(WorkshopScenario first, ManualTimeProvider clock,
        Action<IServiceCollection> services) =>
        JobsOnTwoInstances.SecondInstanceAsync(_database!, clock, services);
}
