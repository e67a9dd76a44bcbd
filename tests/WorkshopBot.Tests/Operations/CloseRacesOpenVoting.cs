using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Tests.Workshop;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Storage;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Operations;

/// <summary>
/// "Close the audit" (the chair's 1:1 chat) and "Open voting" again on the audit's board (the channel) pressed at the same
/// moment: whichever commits second is sent round again and refused, so no closed audit is left with a poll open for
/// voting (a vote reads no audit). Each press is held at its commit while the other lands.
/// </summary>
public abstract class CloseRacesOpenVotingScenarios
{
    protected abstract Task<Action<BotTestHostOptions>> StoreAsync();

    [Fact]
    public async Task VotingOpenedWhileTheCloseWaitsKeepsTheAuditOpen()
    {
        var armed = false;
        var held = new HeldCommits(w => Volatile.Read(ref armed)
            && w.Steps.OfType<StoreWork.UpdateStep>().Any(u => u.Collection == AuditStore.AuditKind.Collection));
        await using var s = await StartAsync(held);
        var stored = await StoredAudit.CreateAsync(s);
        var poll = (await s.SessionAsync()).FindPoll(stored.PollId)!;

        Volatile.Write(ref armed, true);
        var close = s.Host.ExecuteAsync(s.Chair, BotTestHost.PersonalChat(s.Chair), DashboardScreen.Close,
            new AuditRefData(stored.AuditId));
        await held.Held.WaitAsync(TimeSpan.FromSeconds(60));
        var reopened = WorkshopScenario.CardText(await s.PhaseAsync(poll, PhaseActions.Reopen));
        Assert.NotEqual(CommitOutcome.Committed, (await held.ReleaseAsync()).Outcome);
        var answer = WorkshopScenario.CardText(await close);

        Assert.Contains("Voting is open again.", reopened, StringComparison.Ordinal);
        Assert.Contains("still open for voting", answer, StringComparison.Ordinal);
        Assert.Null((await TestStores.Audits(s.Host.Services).GetAuditAsync(stored.AuditId, default))!.Value.ClosedAt);
        Assert.True((await s.SessionAsync()).FindPoll(poll.Id)!.IsOpen);
        Assert.DoesNotContain(await s.LogAsync(AuditSubjects.Audit, stored.AuditId.ToString()), e => e.Action == "audit.closed");
    }

    [Fact]
    public async Task AnAuditClosedWhileOpeningVotingWaitsKeepsThePollClosed()
    {
        var armed = false;
        var held = new HeldCommits(w => Volatile.Read(ref armed)
            && w.Steps.OfType<StoreWork.UpdateStep>().Any(u => u.Collection == WorkshopRepository.Kind.Collection));
        await using var s = await StartAsync(held);
        var stored = await StoredAudit.CreateAsync(s);
        var poll = (await s.SessionAsync()).FindPoll(stored.PollId)!;

        Volatile.Write(ref armed, true);
        var reopen = s.PhaseAsync(poll, PhaseActions.Reopen);
        await held.Held.WaitAsync(TimeSpan.FromSeconds(60));
        var closed = WorkshopScenario.CardText(await s.Host.ExecuteAsync(s.Chair, BotTestHost.PersonalChat(s.Chair),
            DashboardScreen.Close, new AuditRefData(stored.AuditId)));
        Assert.NotEqual(CommitOutcome.Committed, (await held.ReleaseAsync()).Outcome);
        var answer = WorkshopScenario.CardText(await reopen);

        Assert.Contains("Audit closed.", closed, StringComparison.Ordinal);
        Assert.Contains("is closed, so its workshop can no longer be changed", answer, StringComparison.Ordinal);
        Assert.NotNull((await TestStores.Audits(s.Host.Services).GetAuditAsync(stored.AuditId, default))!.Value.ClosedAt);
        Assert.False((await s.SessionAsync()).FindPoll(poll.Id)!.IsOpen);
    }

    private async Task<WorkshopScenario> StartAsync(HeldCommits held)
    {
        var store = await StoreAsync();
        return await WorkshopScenario.CreateAsync(o =>
        {
            store(o);
            o.Services = held.Register;
        });
    }
}

public sealed class CloseRacesOpenVotingSqlite : CloseRacesOpenVotingScenarios
{
    protected override Task<Action<BotTestHostOptions>> StoreAsync() => Task.FromResult<Action<BotTestHostOptions>>(_ => { });
}

[Collection(PostgresCollection.Name)]
public sealed class CloseRacesOpenVotingPostgres(PostgresServerFixture server) : CloseRacesOpenVotingScenarios
{
    protected override async Task<Action<BotTestHostOptions>> StoreAsync()
    {
        var database = await server.CreateDatabaseAsync();
        return o => o.PostgresConnectionString = database;
    }
}
