using WorkshopBot.Audits.Jobs;
using WorkshopBot.Common.Storage;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Foundation;
using WorkshopBot.Tests.Operations;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Storage;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// Two instances share one PostgreSQL store. The first ran a workshop's vote (it keeps the workshop's views, the texts it
/// read and the voters it remembered, ideas and all); the second instance's retention run purges the audit. The first
/// instance's own runs then find nothing due, but they see the purge in the deletion log and let go of what they kept:
/// nothing of the purged workshop stays in its memory.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PurgedOnAnotherInstance(PostgresServerFixture server)
{
    private const string Idea = "Health visitor shared the bruising concern the same day";

    [Fact]
    public async Task AnInstanceThatDidNotPurgeTheAuditLetsGoOfItsWorkshopInMemory()
    {
        var database = await server.CreateDatabaseAsync();
        var clock = new ManualTimeProvider();
        try
        {
            await using var s = await WorkshopScenario.CreateAsync(o =>
            {
                o.PostgresConnectionString = database;
                o.Time = clock;
                o.Settings["Audits:RunJobsInBackground"] = "false";
            });
            await s.StartAsync();
            var rep = WorkshopScenario.Representative(1);
            await s.JoinAsync(rep);
            var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell, Dots: "2", MaxPerItem: "2"));
            await s.AddIdeaAsync(rep, board, Idea);
            await s.PhaseAsync(board, PhaseActions.Open);
            await s.DotAsync(rep, board, "i1");
            await s.ViewAsync(rep, board);
            // Closed in the store as the retention tests close audits (the dashboard would ask for voting to close first, and
            // closing it lets go of its remembered voters): what this instance remembers of the board's voters stays.
            await RetentionPurgeScenarios.CloseAsync(s.Host, s.Audit.Id, clock.GetUtcNow());
            Assert.Contains(Idea, KeptInMemory(s.Host), StringComparison.Ordinal);
            Assert.True(s.Host.Get<KnownVoters>().Count > 0);

            await using var other = await JobsOnTwoInstances.SecondInstanceAsync(database, clock);
            clock.Advance(clock.GetUtcNow().AddMonths(73) - clock.GetUtcNow());
            var (purged, _) = Assert.Single(await other.Get<RetentionJob>().RunOnceAsync(default));
            Assert.Equal(s.Audit.Id, purged);
            Assert.Empty(await s.Host.Get<RetentionJob>().RunOnceAsync(default));

            Assert.DoesNotContain(Idea, KeptInMemory(s.Host), StringComparison.Ordinal);
            Assert.Equal(0, s.Host.Get<KnownVoters>().Count);
        }
        finally
        {
            await server.DropDatabaseAsync(database);
        }
    }

    /// <summary>The document texts the instance keeps from earlier reads, and those of its read-only views.</summary>
    private static string KeptInMemory(BotTestHost host) => string.Join('\n',
        ((SqlDocumentStore)host.Get<IDocumentStore>()).KeptJson.Concat(host.Get<DocumentViews>().KeptJson));
}
