using System.Text.Json;
using System.Text.Json.Nodes;
using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Common;
using WorkshopBot.Common.Storage;
using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Storage;

/// <summary>
/// The people an audit or an action names (an agency's representative and named lead, an action's named lead) are stored
/// with their tenant, and what is looked up by person finds only that person's tenant's: an Entra object id is unique only
/// within a tenant, so the same id in two tenants is two people. Read here as the bot's own jobs read (no turn's tenant
/// limit), so the records themselves must say whose they are.
/// </summary>
public abstract class PersonTenantsContract : StorageContract
{
    private const string TenantA = "0a1b2c3d-aaaa-4000-8000-00000000000a";
    private const string TenantB = "0a1b2c3d-bbbb-4000-8000-00000000000b";
    private const string SameId = "7d2f0c11-0000-4000-8000-00000000beef";

    private readonly DocumentGates gates = new();

    [Fact]
    public async Task TheSameObjectIdInTwoTenantsSeesOnlyItsOwnTenantsAssignments()
    {
        var ours = Issued(TenantA, "County Police");
        var theirs = Issued(TenantB, "Other Police");
        await CommitAsync(TenantA, ours);
        await CommitAsync(TenantB, theirs);
        var audits = new AuditStore(Documents(null));

        foreach (var (audit, tenant) in new[] { (ours, TenantA), (theirs, TenantB) })
        {
            var agency = Assert.Single(await StoredAgenciesAsync(audit.Id));
            Assert.Equal(tenant, agency.Representative?.TenantId);
            Assert.Equal(tenant, agency.NamedLead?.TenantId);
        }

        var mine = await audits.ListReturnsRepresentedByAsync(Person(TenantA), CancellationToken.None);
        Assert.Equal([ours.Id], mine.Select(m => m.Audit.Id).Distinct());
        Assert.All(mine, m => Assert.Equal(TenantA, m.Return.TenantId));
        var theirsSeen = await audits.ListReturnsRepresentedByAsync(Person(TenantB), CancellationToken.None);
        Assert.Equal([theirs.Id], theirsSeen.Select(m => m.Audit.Id).Distinct());
        Assert.Empty(await audits.ListReturnsRepresentedByAsync(Person("0a1b2c3d-cccc-4000-8000-00000000000c"), CancellationToken.None));

        var lookup = new AuditRepresentativeLookup(audits);
        Assert.True(await lookup.IsRepresentativeAsync(Person(TenantA), CancellationToken.None));
        Assert.False(await lookup.IsRepresentativeAsync(Person("0a1b2c3d-cccc-4000-8000-00000000000c"), CancellationToken.None));

        // In a turn of tenant B, the same person sees B's only too.
        var inTurn = await new AuditStore(Documents(TenantB)).ListReturnsRepresentedByAsync(Person(TenantB), CancellationToken.None);
        Assert.Equal([theirs.Id], inTurn.Select(m => m.Audit.Id).Distinct());
    }

    [Fact]
    public async Task AnActionsLeadIsStoredWithTheActionsTenantAndLeadsOnlyThere()
    {
        var ours = Issued(TenantA, "County Police");
        var theirs = Issued(TenantB, "Other Police");
        var ourAction = Action(ours, TenantA);
        var theirAction = Action(theirs, TenantB);
        await CommitActionAsync(TenantA, ourAction);
        await CommitActionAsync(TenantB, theirAction);

        var all = await new ActionStore(Documents(null)).ListAllAsync(CancellationToken.None);

        Assert.Equal(2, all.Count);
        Assert.All(all, a => Assert.Equal(a.TenantId, a.Lead.Person.TenantId));
        Assert.Equal([ourAction.Id], all.Where(a => a.IsLedBy(Person(TenantA))).Select(a => a.Id));
        Assert.Equal([theirAction.Id], all.Where(a => a.IsLedBy(Person(TenantB))).Select(a => a.Id));

        // Reassigned to someone chosen without a tenant, the action still records its own.
        var reassigned = JsonSerializer.Deserialize<PlannedAction>(
            JsonSerializer.Serialize(ourAction, DocumentStoreExtensions.DefaultJsonOptions), DocumentStoreExtensions.DefaultJsonOptions)!;
        Assert.True(reassigned.Reassign(ours.Chair, "Health", new ActionLead(new PersonRef("other-lead", "Lead"), null), "Moved", T0)
            .Succeeded);
        Assert.Equal(TenantA, reassigned.Lead.Person.TenantId);
    }

    [Fact]
    public async Task PeopleStoredBeforeTenantsWereKeptAreReadWithTheirAuditsTenantAndStoredSoOnTheNextChange()
    {
        var audit = Issued(TenantA, "County Police");
        var chair = audit.Chair;
        var oldStyle = PersonTenantsOnRead.OldStyle(JsonSerializer.Serialize(audit, DocumentStoreExtensions.DefaultJsonOptions));
        Assert.Null(JsonNode.Parse(oldStyle)!["chair"]!["tenantId"]);
        Assert.True(await Storage.Get<IDocumentStore>().TryInsertAsync(AuditStore.Audits, AuditStore.Key(audit.Id), oldStyle,
            chair.UserId, audit.Status.ToString()));

        // Read as a job reads (no turn's tenant limit): the chair and the representative are the audit tenant's people.
        var read = (await new AuditStore(Documents(null)).GetAuditAsync(audit.Id, CancellationToken.None))!.Value;
        Assert.Equal(TenantA, read.Chair.TenantId);
        Assert.Equal(TenantA, read.Agencies[0].Representative?.TenantId);
        Assert.False(read.IsChair(new PersonRef(chair.UserId, "Impostor") { TenantId = TenantB }));
        Assert.True(read.IsChair(chair));
        Assert.Empty(await new AuditStore(Documents(null)).ListChairedByAsync(chair with { TenantId = TenantB }, CancellationToken.None));

        // Any change stores the people with the tenant they were read with.
        var work = new UnitOfWork();
        work.ActFor(TenantA);
        var changed = await new AuditStore(new DocumentChanges(Storage.Get<IDocumentStore>(), work, gates))
            .ChangeAuditAsync(audit.Id, _ => DomainResult.Ok, CancellationToken.None);
        Assert.Equal(ChangeStatus.Saved, changed.Status);
        await CommitAsync(work);
        var stored = await Storage.Get<IDocumentStore>().GetAsync(AuditStore.Audits, AuditStore.Key(audit.Id));
        Assert.Equal(TenantA, (string?)JsonNode.Parse(stored!.Json)!["chair"]!["tenantId"]);
    }

    /// <summary>The person with the shared object id, as a turn of <paramref name="tenant"/> names them.</summary>
    private static PersonRef Person(string tenant) => new(SameId, "Sam Shared") { TenantId = tenant };

    /// <summary>An issued audit whose one agency is represented and led by the shared object id, chosen without a tenant.</summary>
    private static Audit Issued(string tenant, string agency)
    {
        var chair = new PersonRef("chair-" + tenant, "Chair") { TenantId = tenant };
        var audit = Audit.Create(Guid.NewGuid(), "Neglect audit", QuestionTemplates.BlankKey, chair, T0).ValueOrThrow();
        Assert.True(audit.AddCase(CaseReference.Create("AUD-2603-C1").ValueOrThrow(), AgeBand.Under1).Succeeded);
        var added = audit.AddAgency(AgencyType.Other, agency).ValueOrThrow();
        Assert.True(audit.AssignRepresentative(added.Id, new PersonRef(SameId, "Sam Shared")).Succeeded);
        Assert.True(audit.SetNamedLead(added.Id, new PersonRef(SameId, "Sam Shared")).Succeeded);
        Assert.True(audit.ScheduleReturnsDue(T0.AddDays(20), T0).Succeeded);
        Assert.True(audit.Issue(T0).Succeeded);
        return audit;
    }

    private static PlannedAction Action(Audit audit, string tenant) =>
        PlannedAction.Create(Guid.NewGuid(), tenant, audit.Id, audit.Title, 1,
            new ActionDraft("Agree a shared checklist", audit.Agencies[0].Name, new ActionLead(new PersonRef(SameId, "Sam Shared"), null),
                DateOnly.FromDateTime(T0.UtcDateTime).AddDays(30), "Checklist in use", [Themes.InformationSharing], null),
            audit.Chair, T0).ValueOrThrow();

    private async Task<IReadOnlyList<AuditAgency>> StoredAgenciesAsync(Guid auditId)
    {
        var stored = await Storage.Get<IDocumentStore>().GetAsync(AuditStore.Audits, AuditStore.Key(auditId));
        Assert.NotNull(stored);
        return JsonSerializer.Deserialize<Audit>(stored.Json, DocumentStoreExtensions.DefaultJsonOptions)!.Agencies;
    }

    private DocumentChanges Documents(string? tenant)
    {
        var work = new UnitOfWork();
        if (tenant is not null)
        {
            work.ActFor(tenant);
        }

        return new DocumentChanges(Storage.Get<IDocumentStore>(), work, gates);
    }

    /// <summary>Stores the audit and a return for its agency, as a turn of the tenant does.</summary>
    private async Task CommitAsync(string tenant, Audit audit)
    {
        var work = new UnitOfWork();
        work.ActFor(tenant);
        var store = new AuditStore(new DocumentChanges(Storage.Get<IDocumentStore>(), work, gates));
        Assert.True(await store.InsertAuditAsync(audit, CancellationToken.None));
        var ret = AuditReturn.Create(Guid.NewGuid(), audit, audit.Cases[0].Reference, audit.Agencies[0].Id).ValueOrThrow();
        Assert.True(await store.InsertReturnAsync(ret, CancellationToken.None));
        await CommitAsync(work);
    }

    private async Task CommitActionAsync(string tenant, PlannedAction action)
    {
        var work = new UnitOfWork();
        work.ActFor(tenant);
        Assert.True(await new ActionStore(new DocumentChanges(Storage.Get<IDocumentStore>(), work, gates))
            .InsertAsync(action, CancellationToken.None));
        await CommitAsync(work);
    }

    private async Task CommitAsync(UnitOfWork work)
    {
        work.Flush();
        var committed = await Storage.Get<IStoreCommitter>().CommitAsync(work.Store, CancellationToken.None);
        Assert.Equal(CommitOutcome.Committed, committed.Outcome);
        work.Committed();
    }
}

public sealed class PersonTenantsOnSqlite : PersonTenantsContract
{
    protected override Task<TestStorage> CreateStorageAsync(bool migrate) => TestStorage.CreateSqliteAsync(migrate);
}

[Collection(PostgresCollection.Name)]
public sealed class PersonTenantsOnPostgres(PostgresServerFixture server) : PersonTenantsContract
{
    protected override Task<TestStorage> CreateStorageAsync(bool migrate) => TestStorage.CreatePostgresAsync(server, migrate);
}
