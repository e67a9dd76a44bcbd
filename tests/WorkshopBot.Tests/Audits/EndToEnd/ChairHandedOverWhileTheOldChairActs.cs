using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Common.Storage;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Audits.EndToEnd.AuditScenario;
using static WorkshopBot.Tests.Audits.EndToEnd.ChairHandedOver;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// An admin hands the audit's chair over just after the old chair's press has read the audit (as still theirs), before that
/// press commits: the handover lands first and wins. The old chair's change is not made (an agency's representative, a
/// return reopened, a legal hold released), nothing is logged for it, and they get the card that names nothing, as anyone
/// who is not the chair does. A seam places the handover (not timing).
/// </summary>
public abstract class ChairHandedOverWhileTheOldChairActsScenarios
{
    private static readonly TestUser Rep = Agencies[0].Rep;

    protected abstract Task<Action<BotTestHostOptions>> StoreAsync();

    [Fact]
    public async Task TheOldChairsRepresentativeIsNotSaved()
    {
        var seams = new DocumentSeams();
        await using var s = await StartAsync(seams);

        var peopleSaved = (await LogAsync(s)).Count(e => e.Action == "audit.agency.people");
        HandOverAfterTheNextAuditRead(s, seams);
        var save = CardOf(await s.ExecuteAsync(Chair, AgenciesScreen.SaveAgencyPeople,
            new AgencyPeopleData(s.AuditId, "agency-1", Outsider.Id, null, null))).GetRawText();

        Assert.True(seams.Ran);
        Assert.Contains(WorkshopBot.Common.Teams.Reply.NotAvailableTitle, save, StringComparison.Ordinal);
        Assert.DoesNotContain("saved", save, StringComparison.Ordinal);
        var audit = (await s.Store.GetAuditAsync(s.AuditId, default))!.Value;
        Assert.Equal(NewChair.AadObjectId, audit.Chair.UserId);
        Assert.Equal(Rep.AadObjectId, audit.FindAgency("agency-1")!.Representative!.UserId);
        Assert.Equal(peopleSaved, (await LogAsync(s)).Count(e => e.Action == "audit.agency.people"));
    }

    [Fact]
    public async Task TheOldChairsReopeningKeepsTheReturnSubmitted()
    {
        var seams = new DocumentSeams();
        await using var s = await StartAsync(seams);
        await s.FillAndSubmitAsync(0, 0);
        var submitted = await s.ReturnOfAsync(0);
        Assert.Equal(ReturnStatus.Submitted, submitted.Status);

        HandOverAfterTheNextAuditRead(s, seams);
        var reopen = CardOf(await s.ExecuteAsync(Chair, TrackerScreen.Reopen,
            new ReopenData(s.AuditId, submitted.Id.ToString(), "The grade does not match the narrative."))).GetRawText();
        await s.Host.DrainOutboxAsync();

        Assert.True(seams.Ran);
        Assert.Contains(WorkshopBot.Common.Teams.Reply.NotAvailableTitle, reopen, StringComparison.Ordinal);
        var after = await s.ReturnOfAsync(0);
        Assert.Equal((submitted.Version, ReturnStatus.Submitted), (after.Version, after.Status));
        Assert.Empty(s.SentTo(Rep, "was reopened"));
        Assert.DoesNotContain(await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Return, submitted.Id.ToString("D")),
            e => e.Action == "return.reopened");
    }

    [Fact]
    public async Task TheOldChairCannotReleaseTheLegalHold()
    {
        var seams = new DocumentSeams();
        await using var s = await StartAsync(seams);
        var hold = new LegalHoldData(s.AuditId, true);
        AssertHasText(await s.ExecuteAsync(Chair, RetentionScreen.Hold, hold), "Legal hold placed:");

        HandOverAfterTheNextAuditRead(s, seams);
        var release = CardOf(await s.ExecuteAsync(Chair, RetentionScreen.Hold, hold with { Hold = false })).GetRawText();

        Assert.True(seams.Ran);
        Assert.Contains(WorkshopBot.Common.Teams.Reply.NotAvailableTitle, release, StringComparison.Ordinal);
        var audit = (await s.Store.GetAuditAsync(s.AuditId, default))!.Value;
        Assert.Equal(NewChair.AadObjectId, audit.Chair.UserId);
        Assert.True(audit.Retention.LegalHold);
        Assert.DoesNotContain(await LogAsync(s), e => e.Action == "audit.legal-hold-released");
    }

    /// <summary>
    /// The chair check's read, step by step: it waits while a change to the audit (a handover) is under way on this
    /// instance, reads what that change saved, and then holds the audit itself until the press commits, so changes arriving
    /// meanwhile wait for the press. Before, it read the audit at once, outside the audit's queue: the check was made on
    /// the chair the handover was about to replace, and only the version check at the commit sent the press round again.
    /// </summary>
    [Fact]
    public async Task TheChairCheckWaitsForAHandoverUnderWayAndReadsWhatItSaved()
    {
        var seams = new DocumentSeams();
        await using var s = await StartAsync(seams);
        var (collection, key) = (AuditStore.Audits, AuditStore.Key(s.AuditId));
        var (store, gates) = (s.Host.Get<IDocumentStore>(), s.Host.Get<DocumentGates>());
        var handover = new UnitOfWork();
        await gates.EnterAsync(handover, collection, key, CancellationToken.None);

        var press = new UnitOfWork();
        var holding = new AuditStore(new DocumentChanges(store, press, gates)).HoldAuditAsync(s.AuditId, CancellationToken.None);

        // The handover's change commits (written here directly) and lets go of the audit.
        var before = (await store.GetAsync(collection, key))!;
        Assert.True(await store.TryUpdateAsync(collection, key, before.Version, before.Json, before.Key1, before.Key2));
        handover.Committed();

        var held = await holding.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(before.Version + 1, held!.Version);
        Assert.True(press.Holds(collection, key));
        press.Abandon();
    }

    private static Task<IReadOnlyList<AuditEvent>> LogAsync(AuditScenario s) =>
        s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, s.AuditId.ToString("D"));

    private static void HandOverAfterTheNextAuditRead(AuditScenario s, DocumentSeams seams) =>
        seams.AfterNextRead(AuditStore.Audits, AuditStore.Key(s.AuditId), async () => AssertHasText(
            await s.Host.ExecuteAsync(Admin, AdminChat, ChairScreen.Save,
                new ChairHandoverData(s.AuditId, Chair.AadObjectId, NewChair.Id, nameof(ChairHandoverReason.LeftRole))),
            "Incoming Quality Chair is now the chair of this audit."));

    /// <summary>An issued audit with a partnership admin and the new chair among the team's members.</summary>
    private async Task<AuditScenario> StartAsync(DocumentSeams seams)
    {
        var store = await StoreAsync();
        var s = await StartWithNewChairAsync(o =>
        {
            store(o);
            o.Services = seams.Install;
        });
        await s.SetUpIssuedAsync();
        return s;
    }
}

/// <summary>On the default SQLite store.</summary>
public sealed class ChairHandedOverWhileTheOldChairActsOnSqlite : ChairHandedOverWhileTheOldChairActsScenarios
{
    protected override Task<Action<BotTestHostOptions>> StoreAsync() => Task.FromResult<Action<BotTestHostOptions>>(_ => { });
}

/// <summary>On PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ChairHandedOverWhileTheOldChairActsOnPostgres(PostgresServerFixture server)
    : ChairHandedOverWhileTheOldChairActsScenarios
{
    protected override async Task<Action<BotTestHostOptions>> StoreAsync()
    {
        var database = await server.CreateDatabaseAsync();
        return o => o.PostgresConnectionString = database;
    }
}
