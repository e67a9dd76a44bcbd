using WorkshopBot.Storage;
using WorkshopBot.Tests.ActionPlans;
using WorkshopBot.Tests.Support;
using WorkshopBot.Tests.Workshop;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Foundation;

/// <summary>
/// A stored answer belongs to the person whose press it answered, not only to the conversation and activity id: the
/// chair's export card (links "for you only", bearer until they expire) is not handed to someone else of the same
/// organisation whose activity claims the same conversation and activity id.
/// </summary>
public sealed class ReplayedByAnotherPerson
{
    // Teams gives each press its own activity id, so only a caller holding a valid connector token could send such a claim.
    [Fact]
    public async Task TheChairsStoredExportCardIsNotReplayedToAPractitionerOfTheSameOrganisation()
    {
        await using var world = await ActionPlanWorld.CreateAsync();
        var host = world.Host;
        var press = host.CardAction(world.Chair, world.Channel, "audit.export",
            world.DataFor(world.Router.CardActionVerbs["audit.export"]));

        var chairs = await host.InvokeAsync(press);
        var claimed = await host.InvokeAsync(press with { From = ActionScenario.Practitioner.Account });

        Assert.Contains("/api/", chairs.Body?.GetRawText() ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain("/api/", claimed.Body?.GetRawText() ?? "", StringComparison.Ordinal);
        Assert.Contains(WorkshopBot.Common.Teams.Reply.NotAvailableTitle, claimed.Body?.GetRawText() ?? "", StringComparison.Ordinal);
        var mark = await host.Get<IProcessedActivityStore>().FindAsync(world.Channel.Id, press.Id!);
        Assert.Equal($"{BotTestHost.TenantId}/{world.Chair.AadObjectId}", mark?.PersonKey);
        Assert.Equal(chairs.Body?.GetRawText(), (await host.InvokeAsync(press)).Body?.GetRawText());
    }

    /// <summary>
    /// A mark stored before people were kept with marks (migration 1500) names nobody: it is replayed to the conversation's
    /// tenant, as before, and the answer is still given to a person of that tenant.
    /// </summary>
    [Fact]
    public async Task AMarkStoredBeforePeopleWereKeptStillReplaysToItsTenant()
    {
        await using var world = await ActionPlanWorld.CreateAsync();
        var host = world.Host;
        var press = host.CardAction(world.Chair, world.Channel, "audit.export",
            world.DataFor(world.Router.CardActionVerbs["audit.export"]));
        var chairs = await host.InvokeAsync(press);
        await using (var connection = await host.Get<StorageDatabase>().OpenAsync(CancellationToken.None))
        {
            Assert.Equal(1, await Dapper.SqlMapper.ExecuteAsync(connection,
                "UPDATE processed_activities SET person_key = NULL WHERE activity_id = @Id", new { press.Id }));
        }

        var replayed = await host.InvokeAsync(press with { From = ActionScenario.Practitioner.Account });

        Assert.Contains("/api/", chairs.Body?.GetRawText() ?? "", StringComparison.Ordinal);
        Assert.Equal(chairs.Body?.GetRawText(), replayed.Body?.GetRawText());
    }

    /// <summary>
    /// A message (text here; an Action.Submit goes the same way) claimed by someone else is not run again for them and sends nothing: its
    /// mark still names the person it answered.
    /// </summary>
    [Fact]
    public async Task AMessageClaimedByAnotherPersonOfTheSameOrganisationIsNotRunAgain()
    {
        await using var world = await ActionPlanWorld.CreateAsync();
        var host = world.Host;
        var chat = BotTestHost.PersonalChat(world.Chair);
        var message = host.Message(world.Chair, chat, "help");

        await host.SendAsync(message);
        await host.DrainOutboxAsync();
        var sent = host.Sent(chat.Id).Count;
        await host.SendAsync(message with { From = ActionScenario.Practitioner.Account });
        await host.DrainOutboxAsync();

        Assert.Equal(1, sent);
        Assert.Equal(sent, host.Sent(chat.Id).Count);
        var mark = await host.Get<IProcessedActivityStore>().FindAsync(chat.Id, message.Id!);
        Assert.Equal($"{BotTestHost.TenantId}/{world.Chair.AadObjectId}", mark?.PersonKey);
    }

    /// <summary>
    /// A vote's mark keeps no answer (its redelivery is answered afresh from the ballot as it stands), but it keeps its
    /// voter: someone else claiming it is refused, not answered as a redelivery, and nothing is counted for them.
    /// </summary>
    [Fact]
    public async Task AVoteClaimedByAnotherVoterIsRefusedAndCountsNothing()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var (voter, other) = (WorkshopScenario.Representative(1), WorkshopScenario.Representative(2));
        await s.JoinAsync(voter);
        await s.JoinAsync(other);
        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.WorkedWell, Dots: "3", MaxPerItem: "2"));
        await s.AddIdeaAsync(voter, board, "Agencies acted promptly.");
        await s.PhaseAsync(board, PhaseActions.Open);
        var vote = s.Host.CardAction(voter, s.Channel, BallotScreen.Dot, new DotData(s.WorkshopId, board.Id, 1, "i1"));
        // One idea taking at most 2 dots: after one, 2 of the 3 are left and 1 of them can be placed.
        Assert.Contains("1 dot left that you can place", WorkshopScenario.CardText(await s.Host.InvokeAsync(vote)));

        var claimed = await s.Host.InvokeAsync(vote with { From = other.Account });

        Assert.Contains(WorkshopBot.Common.Teams.Reply.NotAvailableTitle, claimed.Body?.GetRawText() ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain("dots left", claimed.Body?.GetRawText() ?? "", StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, int> { ["i1"] = 1 }, await s.TallyAsync(board));
        Assert.Contains("1 dot left that you can place", WorkshopScenario.CardText(await s.Host.InvokeAsync(vote)));
    }
}
