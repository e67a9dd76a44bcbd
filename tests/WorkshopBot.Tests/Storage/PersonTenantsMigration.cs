using System.Text.Json;
using System.Text.Json.Nodes;
using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Common;
using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Storage;

/// <summary>
/// Migration 1300 on a database as a bot before it left it: the representatives and named leads of stored audits, and the
/// named leads of stored actions, recorded by object id alone, get the tenant of their audit or action; nothing else in
/// those documents changes, and what cannot be filled (no tenant, not JSON) or needs nothing is left as it was.
/// </summary>
public abstract class PersonTenantsMigrationContract : StorageContract
{
    private const string TenantA = "0a1b2c3d-aaaa-4000-8000-00000000000a";
    private const string TenantB = "0a1b2c3d-bbbb-4000-8000-00000000000b";
    private const long OldStamp = 42;

    protected override bool MigrateBeforeEachTest => false;

    [Fact]
    public async Task PeopleStoredWithoutTheirTenantGetTheirAuditsOrActionsTenant()
    {
        var migrator = Storage.Get<StorageMigrator>();
        await MigrateBeforeAsync(1300);

        var ours = Audit(TenantA, withLeads: true);
        var theirs = Audit(TenantB, withLeads: false);
        var untenanted = Audit(null, withLeads: true);
        var filledAlready = Audit(TenantB, withLeads: true);
        var action = Action(ours);
        await InsertAsync(AuditStore.Audits, ours.Id, TenantA, WithoutPersonTenants(Json(ours)));
        await InsertAsync(AuditStore.Audits, theirs.Id, TenantB, WithoutPersonTenants(Json(theirs)));
        await InsertAsync(AuditStore.Audits, untenanted.Id, null, Json(untenanted));
        await InsertAsync(AuditStore.Audits, filledAlready.Id, TenantB, Json(filledAlready));
        await InsertAsync(ActionStore.Actions.Collection, action.Id, TenantA, WithoutPersonTenants(Json(action)));
        await InsertAsync(AuditStore.Audits, Guid.NewGuid(), TenantA, "{not json", "not-json");
        Assert.All(Read<Audit>(WithoutPersonTenants(Json(ours))).Agencies,
            a => Assert.Equal((null, null), (a.Representative?.TenantId, a.NamedLead?.TenantId)));

        Assert.Equal(migrator.Migrations.Select(m => m.Version).Where(v => v >= 1300), await migrator.MigrateAsync());

        // Filled from the audit's (or action's) own tenant; everything else in the document as it was, at the same version.
        foreach (var (collection, id, expected) in new[]
        {
            (AuditStore.Audits, ours.Id, Json(ours)), (AuditStore.Audits, theirs.Id, Json(theirs)),
            (ActionStore.Actions.Collection, action.Id, Json(action)),
        })
        {
            var (json, version, stamp) = await RowAsync(collection, AuditStore.Key(id));
            Assert.Equal(expected, collection == AuditStore.Audits ? Json(Read<Audit>(json)) : Json(Read<PlannedAction>(json)));
            Assert.Equal(3, version);
            Assert.Null(stamp);
        }

        var filled = Read<Audit>((await RowAsync(AuditStore.Audits, AuditStore.Key(ours.Id))).Json);
        Assert.All(filled.Agencies, a => Assert.Equal((TenantA, TenantA), (a.Representative?.TenantId, a.NamedLead?.TenantId)));
        Assert.Null(Read<Audit>((await RowAsync(AuditStore.Audits, AuditStore.Key(theirs.Id))).Json).Agencies[0].NamedLead);
        Assert.Equal(TenantA, Read<PlannedAction>((await RowAsync(ActionStore.Actions.Collection, AuditStore.Key(action.Id))).Json)
            .Lead.Person.TenantId);

        // Left as they were: no tenant to fill from, nothing to fill, not JSON.
        Assert.Equal((Json(untenanted), 3L, (long?)OldStamp), await RowAsync(AuditStore.Audits, AuditStore.Key(untenanted.Id)));
        Assert.Equal((Json(filledAlready), 3L, (long?)OldStamp), await RowAsync(AuditStore.Audits, AuditStore.Key(filledAlready.Id)));
        Assert.Equal(("{not json", 3L, (long?)OldStamp), await RowAsync(AuditStore.Audits, "not-json"));
    }

    /// <summary>An issued audit with two agencies, each with a representative (and, if asked, a named lead).</summary>
    private static Audit Audit(string? tenant, bool withLeads)
    {
        var chair = new PersonRef("chair-1", "Chair") { TenantId = tenant };
        var audit = WorkshopBot.Audits.Domain.Audit.Create(Guid.NewGuid(), "Neglect audit", QuestionTemplates.BlankKey, chair, T0)
            .ValueOrThrow();
        Assert.True(audit.AddCase(CaseReference.Create("AUD-2603-C1").ValueOrThrow(), AgeBand.Under1).Succeeded);
        foreach (var name in new[] { "Police", "Health" })
        {
            audit.AddAgency(AgencyType.Other, name, new PersonRef("rep-" + name, name + " rep"),
                withLeads ? new PersonRef("lead-" + name, name + " lead") : null).ValueOrThrow();
        }

        Assert.True(audit.ScheduleReturnsDue(T0.AddDays(20), T0).Succeeded);
        Assert.True(audit.Issue(T0).Succeeded);
        return audit;
    }

    private static PlannedAction Action(Audit audit) =>
        PlannedAction.Create(Guid.NewGuid(), audit.TenantId!, audit.Id, audit.Title, 1,
            new ActionDraft("Agree a shared checklist", "Police", new ActionLead(new PersonRef("lead-Police", "Police lead"), "29:x"),
                DateOnly.FromDateTime(T0.UtcDateTime).AddDays(30), "Checklist in use", [Themes.InformationSharing], null),
            audit.Chair, T0).ValueOrThrow();

    /// <summary>
    /// The document as a bot before 1300 wrote it: its people without their tenant (a representative's key left out, as
    /// earlier versions of the record had none; a lead's null).
    /// </summary>
    private static string WithoutPersonTenants(string json)
    {
        var document = JsonNode.Parse(json)!.AsObject();
        foreach (var agency in document["agencies"]?.AsArray() ?? [])
        {
            (agency?["representative"] as JsonObject)?.Remove("tenantId");
            if (agency?["namedLead"] is JsonObject lead)
            {
                lead["tenantId"] = null;
            }
        }

        if (document["lead"]?["person"] is JsonObject person)
        {
            person.Remove("tenantId");
        }

        return document.ToJsonString();
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, DocumentStoreExtensions.DefaultJsonOptions);

    private static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, DocumentStoreExtensions.DefaultJsonOptions)!;

    private Task InsertAsync(string collection, Guid id, string? tenant, string json, string? key = null) =>
        Storage.ExecuteRawAsync(
            "INSERT INTO documents (collection, id, version, json, key1, key2, updated_at, tenant_id, stamp) "
            + "VALUES (@collection, @id, 3, @json, NULL, NULL, 0, @tenant, @stamp)",
            new { collection, id = key ?? AuditStore.Key(id), json, tenant, stamp = OldStamp });

    private async Task<(string Json, long Version, long? Stamp)> RowAsync(string collection, string id)
    {
        await using var connection = await Storage.OpenRawAsync();
        return await Dapper.SqlMapper.QuerySingleAsync<(string, long, long?)>(connection,
            "SELECT json, version, stamp FROM documents WHERE collection = @collection AND id = @id", new { collection, id });
    }
}

public sealed class PersonTenantsMigrationOnSqlite : PersonTenantsMigrationContract
{
    protected override Task<TestStorage> CreateStorageAsync(bool migrate) => TestStorage.CreateSqliteAsync(migrate);
}

[Collection(PostgresCollection.Name)]
public sealed class PersonTenantsMigrationOnPostgres(PostgresServerFixture server) : PersonTenantsMigrationContract
{
    protected override Task<TestStorage> CreateStorageAsync(bool migrate) => TestStorage.CreatePostgresAsync(server, migrate);
}
