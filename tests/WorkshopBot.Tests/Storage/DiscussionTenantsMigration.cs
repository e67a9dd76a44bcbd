using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Common;
using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Storage;

/// <summary>
/// Migration 1400 on a database as a bot before it left it: team discussions recorded before people's tenants were kept
/// (a recorder without a tenant, no tenant_id) get the tenant of their briefing, and only that one; a discussion whose
/// briefing is gone, has no tenant or is not JSON, and one that is not JSON or has its tenant already, is left as it was;
/// running the script again changes nothing.
/// </summary>
public abstract class DiscussionTenantsMigrationContract : StorageContract
{
    private const string TenantA = "0a1b2c3d-aaaa-4000-8000-00000000000a";
    private const string TenantB = "0a1b2c3d-bbbb-4000-8000-00000000000b";
    private const long OldStamp = 42;
    private const int Version = 1400;
    private static readonly string Collection = BriefingStore.Discussions.Collection;

    protected override bool MigrateBeforeEachTest => false;

    [Fact]
    public async Task DiscussionsStoredWithoutATenantGetTheirBriefingsAndNoOther()
    {
        var migrator = Storage.Get<StorageMigrator>();
        await MigrateBeforeAsync(Version);

        var (auditA, auditB, auditDev, auditGone, auditBad) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
            Guid.NewGuid());
        await InsertBriefingAsync(auditA, $$"""{"auditId":"{{auditA}}","tenantId":"{{TenantA}}","versions":[]}""");
        await InsertBriefingAsync(auditB, $$"""{"auditId":"{{auditB}}","tenantId":"{{TenantB}}","versions":[]}""");
        await InsertBriefingAsync(auditDev, $$"""{"auditId":"{{auditDev}}","tenantId":null,"versions":[]}""");
        await InsertBriefingAsync(auditBad, "{not json");

        var oldA = Discussion(auditA, "Early Help North", null);
        var oldANull = Discussion(auditA, "Health Visiting West", null);
        var oldB = Discussion(auditB, "MASH", null);
        var newB = Discussion(auditB, "Family Hub", TenantB);
        var orphan = Discussion(auditGone, "Purged team", null);
        var dev = Discussion(auditDev, "Development team", null);
        var ofBadBriefing = Discussion(auditBad, "Odd team", null);
        await InsertAsync(oldA, null, OldStyle(Json(oldA), removeKey: true));
        await InsertAsync(oldANull, null, OldStyle(Json(oldANull), removeKey: false));
        await InsertAsync(oldB, null, OldStyle(Json(oldB), removeKey: true));
        await InsertAsync(newB, TenantB, Json(newB));
        await InsertAsync(orphan, null, OldStyle(Json(orphan), removeKey: true));
        await InsertAsync(dev, null, OldStyle(Json(dev), removeKey: true));
        await InsertAsync(ofBadBriefing, null, OldStyle(Json(ofBadBriefing), removeKey: true));
        await Storage.ExecuteRawAsync(
            "INSERT INTO documents (collection, id, version, json, key1, key2, updated_at, tenant_id, stamp) "
            + "VALUES (@Collection, 'not-json', 3, '{not json', @key, NULL, 0, NULL, @OldStamp)",
            new { Collection, key = BriefingStore.Key(auditA), OldStamp });
        var before = await RowsAsync();

        // Before: a turn of either tenant reads none of the old ones (the recorder, the only tenant, has none).
        Assert.Empty(await VisibleToAsync(TenantA));
        Assert.Equal(["Family Hub"], await VisibleToAsync(TenantB));

        Assert.Equal(migrator.Migrations.Select(m => m.Version).Where(v => v >= Version), await migrator.MigrateAsync());

        // Filled from the briefing's tenant, in recordedBy and tenant_id; nothing else in the document changed, same version.
        foreach (var (discussion, tenant) in new[] { (oldA, TenantA), (oldANull, TenantA), (oldB, TenantB) })
        {
            var row = await RowAsync(discussion.Id.ToString("N"));
            Assert.Equal(Json(discussion with { RecordedBy = discussion.RecordedBy with { TenantId = tenant } }), Json(Read(row.Json)));
            Assert.Equal((3L, tenant, (long?)null), (row.Version, row.TenantId, row.Stamp));
        }

        Assert.Equal(["Early Help North", "Health Visiting West"], await VisibleToAsync(TenantA));
        Assert.Equal(["Family Hub", "MASH"], await VisibleToAsync(TenantB));

        // Left as they were: recorded with a tenant, briefing purged, briefing without a tenant or not JSON, not JSON.
        var after = await RowsAsync();
        foreach (var id in new[] { newB, orphan, dev, ofBadBriefing }.Select(d => d.Id.ToString("N")).Append("not-json"))
        {
            Assert.Equal(before[id], after[id]);
        }

        Assert.Null(after[orphan.Id.ToString("N")].TenantId);
        Assert.Null(Read(after[orphan.Id.ToString("N")].Json).RecordedBy.TenantId);

        // Idempotent: the script run again on what it left (and on rows stored with their tenant) changes nothing.
        await Storage.ExecuteRawAsync(migrator.Migrations.Single(m => m.Version == Version).Sql);
        Assert.Equal(after, await RowsAsync());
    }

    private static TeamDiscussion Discussion(Guid auditId, string team, string? tenant) =>
        new(Guid.NewGuid(), auditId, 1, "19:" + team.Replace(' ', '-') + "@thread.tacv2", team, new DateOnly(2026, 3, 20), 8,
            "We talked it through.", "Check records.", new PersonRef("lead-" + team, team + " lead") { TenantId = tenant },
            T0, false);

    /// <summary>
    /// The discussion as a bot before people's tenants were kept wrote it: its recorder without a tenant (the key left
    /// out, as the record had none, or null).
    /// </summary>
    private static string OldStyle(string json, bool removeKey)
    {
        var document = JsonNode.Parse(json)!.AsObject();
        var recorder = document["recordedBy"]!.AsObject();
        if (removeKey)
        {
            recorder.Remove("tenantId");
        }
        else
        {
            recorder["tenantId"] = null;
        }

        return document.ToJsonString();
    }

    /// <summary>The teams of the discussions a turn of <paramref name="tenant"/> reads (its tenant index, then its own check).</summary>
    private async Task<List<string>> VisibleToAsync(string tenant)
    {
        var stored = await Storage.Get<IDocumentStore>().ListForTenantAsync(Collection, tenant);
        return stored.Where(d => d.Id != "not-json")
            .Select(d => Read(PersonTenants.Filled(d.Json)))
            .Where(d => BriefingStore.Discussions.BelongsTo(d, tenant))
            .Select(d => d.TeamName!).Order(StringComparer.Ordinal).ToList();
    }

    private static string Json(TeamDiscussion value) => JsonSerializer.Serialize(value, DocumentStoreExtensions.DefaultJsonOptions);

    private static TeamDiscussion Read(string json) =>
        JsonSerializer.Deserialize<TeamDiscussion>(json, DocumentStoreExtensions.DefaultJsonOptions)!;

    private Task InsertBriefingAsync(Guid auditId, string json) =>
        Storage.ExecuteRawAsync(
            "INSERT INTO documents (collection, id, version, json, key1, key2, updated_at, tenant_id, stamp) "
            + "VALUES ('briefings', @id, 2, @json, @id, NULL, 0, NULL, @OldStamp)",
            new { id = BriefingStore.Key(auditId), json, OldStamp });

    private Task InsertAsync(TeamDiscussion discussion, string? tenant, string json) =>
        Storage.ExecuteRawAsync(
            "INSERT INTO documents (collection, id, version, json, key1, key2, updated_at, tenant_id, stamp) "
            + "VALUES (@Collection, @id, 3, @json, @key1, @key2, 0, @tenant, @OldStamp)",
            new
            {
                Collection, id = discussion.Id.ToString("N"), json, key1 = BriefingStore.Key(discussion.AuditId),
                key2 = discussion.ChannelId, tenant, OldStamp,
            });

    private async Task<Row> RowAsync(string id) => (await RowsAsync())[id];

    private async Task<Dictionary<string, Row>> RowsAsync()
    {
        await using var connection = await Storage.OpenRawAsync();
        var rows = await connection.QueryAsync<(string, string, long, string?, long?)>(
            "SELECT id, json, version, tenant_id, stamp FROM documents WHERE collection = @Collection", new { Collection });
        return rows.ToDictionary(r => r.Item1, r => new Row(r.Item2, r.Item3, r.Item4, r.Item5), StringComparer.Ordinal);
    }

    private sealed record Row(string Json, long Version, string? TenantId, long? Stamp);
}

public sealed class DiscussionTenantsMigrationOnSqlite : DiscussionTenantsMigrationContract
{
    protected override Task<TestStorage> CreateStorageAsync(bool migrate) => TestStorage.CreateSqliteAsync(migrate);
}

[Collection(PostgresCollection.Name)]
public sealed class DiscussionTenantsMigrationOnPostgres(PostgresServerFixture server) : DiscussionTenantsMigrationContract
{
    protected override Task<TestStorage> CreateStorageAsync(bool migrate) => TestStorage.CreatePostgresAsync(server, migrate);
}
