using WorkshopBot.Storage;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Storage;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// A vote's or a join's (a first one or a change of agency) queued writes are described without the person: a commit that
/// conflicts logs the description (TurnCoordinator's "Turn writes conflicted"), and a person's Entra object id must not
/// reach the log.
/// </summary>
public sealed class VoteWorkNamesNoPerson
{
    private const string Person = "3f2c9a1e-5b7d-4c1a-9e2f-7a6b5c4d3e2f";

    [Fact]
    public void AVoteAndAJoinAreDescribedByTheirPollAndWorkshopOnly()
    {
        using var work = new UnitOfWork();
        var votes = new WorkshopVoteWork(work);
        var workshop = Guid.NewGuid();
        var at = new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);
        votes.Cast(new VoteChange("poll-1", Person, 3, new Dictionary<string, int>(), new Dictionary<string, int> { ["i1"] = 1 },
            at), () => { });
        var participant = new WorkshopParticipant(Person, "29:" + Person, "Sam Lee", "police", "Police", at);
        votes.Join(workshop, participant, first: true);
        votes.Join(workshop, participant, first: false);

        var described = work.Store.Steps.Select(step => step switch
        {
            StoreWork.StatementsStep s => s.Description,
            StoreWork.CustomStep c => c.Description,
            _ => throw new InvalidOperationException($"Unexpected step {step.GetType().Name}"),
        }).ToList();

        Assert.Equal(3, described.Count);
        Assert.Contains("poll-1", described[0], StringComparison.Ordinal);
        Assert.Contains(workshop.ToString("D"), described[1], StringComparison.Ordinal);
        Assert.Contains(workshop.ToString("D"), described[2], StringComparison.Ordinal);
        Assert.All(described, d => Assert.DoesNotContain(Person, d, StringComparison.OrdinalIgnoreCase));
        Assert.All(described, d => Assert.DoesNotContain("Sam Lee", d, StringComparison.Ordinal));
    }
}
