using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Jobs;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Audits.EndToEnd;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Foundation;

/// <summary>
/// The chair never got an immediate-safety alert the named lead has acknowledged; two instances sharing one PostgreSQL store
/// run the job at the worst moment (the second runs its whole pass after the first has read the alert for its change): the
/// representative and the lead are each told once, and it is logged once.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class AcknowledgedAlertOnTwoInstances(PostgresServerFixture server)
{
    [Fact]
    public async Task TwoInstancesTellTheRepresentativeAndTheLeadOnceThatTheChairWasNotReached()
    {
        var database = await server.CreateDatabaseAsync();
        var seams = new DocumentSeams();
        await using var s = await AuditScenario.StartAsync(o =>
        {
            o.PostgresConnectionString = database;
            o.Services = seams.Install;
        });
        await s.SetUpIssuedAsync();
        s.Host.Connector.Inject(Uri.EscapeDataString(BotTestHost.PersonalChat(AuditScenario.Chair).Id),
            new InjectedFailure(403, "MessageWritesBlocked", Times: 100));
        await s.FillAndSubmitAsync(1, 0, safetyConcern: true);
        await s.Host.DrainOutboxAsync();
        var alert = Assert.Single(await s.Store.ListOpenEscalationsAsync(default)).Value;
        await s.Host.ExecuteAsync(AuditScenario.Lead, BotTestHost.PersonalChat(AuditScenario.Lead), SafetyScreen.AcknowledgeAlert,
            new AcknowledgeAlertData(alert.Id));
        await using var other = await JobsOnTwoInstances.SecondInstanceAsync(database, s.Time);

        seams.AfterNextRead(AuditStore.Escalations, AuditStore.Key(alert.Id),
            () => other.Get<AuditJobs>().RunOnceAsync(default), skip: 1);
        await s.Host.Get<AuditJobs>().RunOnceAsync(default);
        await s.Host.DrainOutboxAsync();
        await other.DrainOutboxAsync();
        await other.Get<AuditJobs>().RunOnceAsync(default);
        await s.Host.Get<AuditJobs>().RunOnceAsync(default);
        await s.Host.DrainOutboxAsync();
        await other.DrainOutboxAsync();

        Assert.True(seams.Ran);
        Assert.Single(JobsOnTwoInstances.SentTo([s.Host, other], AuditScenario.Agencies[1].Rep, "was not delivered"));
        Assert.Single(JobsOnTwoInstances.SentTo([s.Host, other], AuditScenario.Lead, "did not reach the audit chair"));
        var log = await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Escalation, AuditStore.Key(alert.Id));
        Assert.Single(log, e => e.Action == "safety.undelivered");
    }
}
