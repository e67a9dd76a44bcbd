using System.Text.Json.Nodes;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Common;
using WorkshopBot.Common.Storage;
using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Storage;

/// <summary>
/// People stored before tenants were kept (an audit's chair, an alert's recipients, a reopen request, ...) take their
/// document's tenant when the document is read, wherever in it they are; a document without a tenant (development mode)
/// keeps them without one, and a person recorded with a tenant keeps theirs.
/// </summary>
public sealed class PersonTenantsOnRead
{
    private const string Ours = "0a1b2c3d-aaaa-4000-8000-00000000000a";
    private const string Theirs = "0a1b2c3d-bbbb-4000-8000-00000000000b";
    private const string SameId = "7d2f0c11-0000-4000-8000-00000000beef";

    [Fact]
    public void EveryPersonWithoutATenantTakesTheDocumentsWhereverTheyAre()
    {
        var json = """
            {"tenantId":"OURS","chair":{"userId":"c1","displayName":"Chair"},
             "routedTo":[{"userId":"r1","displayName":"R1","tenantId":null},{"userId":"r2","displayName":"R2","tenantId":""}],
             "returns":[{"reopen":{"by":{"UserId":"r3","displayName":"R3"}}}],
             "kept":{"userId":"r4","displayName":"R4","tenantId":"THEIRS"},"note":"userId"}
            """.Replace("OURS", Ours, StringComparison.Ordinal).Replace("THEIRS", Theirs, StringComparison.Ordinal);

        var filled = JsonNode.Parse(PersonTenants.Filled(json))!;

        Assert.Equal(Ours, (string?)filled["chair"]!["tenantId"]);
        Assert.Equal(Ours, (string?)filled["routedTo"]![0]!["tenantId"]);
        Assert.Equal(Ours, (string?)filled["routedTo"]![1]!["tenantId"]);
        Assert.Equal(Ours, (string?)filled["returns"]![0]!["reopen"]!["by"]!["tenantId"]);
        Assert.Equal(Theirs, (string?)filled["kept"]!["tenantId"]);
        Assert.Equal("userId", (string?)filled["note"]);
    }

    [Fact]
    public void KeysThatDifferOnlyInCaseAreKeptAsTheDeserialiserKeepsThem()
    {
        // A dictionary may hold keys that differ only in case (answers by question id); reading it must not fail, and
        // a person whose tenant is spelt "TenantId" and empty is filled there.
        var json = """
            {"tenantId":"OURS","answers":{"q1":{"v":"yes"},"Q1":{"v":"no"}},
             "chair":{"userId":"c1","displayName":"Chair","TenantId":""}}
            """.Replace("OURS", Ours, StringComparison.Ordinal);

        var filled = JsonNode.Parse(PersonTenants.Filled(json))!;

        Assert.Equal("yes", (string?)filled["answers"]!["q1"]!["v"]);
        Assert.Equal("no", (string?)filled["answers"]!["Q1"]!["v"]);
        var chair = filled["chair"]!.AsObject();
        Assert.Equal(Ours, (string?)chair["TenantId"]);
        Assert.False(chair.ContainsKey("tenantId"));
    }

    [Theory]
    [InlineData("""{"chair":{"userId":"c1","displayName":"Chair"}}""")]
    [InlineData("""{"tenantId":null,"chair":{"userId":"c1","displayName":"Chair"}}""")]
    [InlineData("""{"tenantId":"t","chair":{"userId":"c1","displayName":"Chair","tenantId":"t"}}""")]
    [InlineData("""{"tenantId":"t","title":"no people"}""")]
    [InlineData("""{"tenantId":"t","chair":{"userId":"c1" """)]
    [InlineData("\"a string\"")]
    public void ADocumentWithoutATenantOrWithNothingToFillIsReadAsStored(string json) =>
        Assert.Same(json, PersonTenants.Filled(json));

    [Fact]
    public void AnAuditsChairStoredWithoutATenantIsNotTheSameObjectIdInAnotherTenant()
    {
        var chair = new PersonRef(SameId, "Chair") { TenantId = Ours };
        var audit = Audit.Create(Guid.NewGuid(), "Neglect audit", QuestionTemplates.BlankKey, chair, T0).ValueOrThrow();
        var json = OldStyle(Serialized(audit));
        var stored = new StoredDocument("audits", "a1", 1, json, null, null, T0);

        var reads = new[] { DocumentStoreExtensions.Deserialize<Audit>(stored, null).Value, new DocumentViews().Read<Audit>(stored) };
        foreach (var read in reads)
        {
            Assert.Equal(Ours, read.Chair.TenantId);
            Assert.False(read.IsChair(new PersonRef(SameId, "Impostor") { TenantId = Theirs }));
            Assert.True(read.IsChair(new PersonRef(SameId, "Chair") { TenantId = Ours }));
        }
    }

    [Fact]
    public void InADocumentWithoutATenantAPersonWithoutOneStaysWithoutOne()
    {
        var audit = Audit.Create(Guid.NewGuid(), "Neglect audit", QuestionTemplates.BlankKey, new PersonRef(SameId, "Chair"), T0)
            .ValueOrThrow();
        Assert.Null(audit.TenantId);

        var read = DocumentStoreExtensions.Deserialize<Audit>(
            new StoredDocument("audits", "a1", 1, Serialized(audit), null, null, T0), null).Value;

        Assert.Null(read.Chair.TenantId);
        Assert.True(read.IsChair(new PersonRef(SameId, "Chair")));
    }

    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static string Serialized<T>(T value) =>
        System.Text.Json.JsonSerializer.Serialize(value, DocumentStoreExtensions.DefaultJsonOptions);

    /// <summary>The document as stored before tenants were kept for people: every person's tenant removed.</summary>
    internal static string OldStyle(string json)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        Strip(root, isRoot: true);
        return root.ToJsonString();

        static void Strip(JsonNode? node, bool isRoot)
        {
            if (node is JsonObject value)
            {
                if (!isRoot && value.ContainsKey("userId"))
                {
                    value.Remove("tenantId");
                }

                foreach (var child in value.Select(p => p.Value).ToList())
                {
                    Strip(child, false);
                }
            }
            else if (node is JsonArray items)
            {
                foreach (var item in items)
                {
                    Strip(item, false);
                }
            }
        }
    }
}
