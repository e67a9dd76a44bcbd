using Dapper;
using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Storage;

/// <summary>
/// On PostgreSQL the large values a vote reads (the workshop document) are compressed with lz4, not pglz, whose
/// compression cost the database more than any statement of a vote. The answer stored with a processed mark comes packed
/// by the bot (PackedAnswer) and is kept in its row as it is.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresCompression(PostgresServerFixture server)
{
    [Fact]
    public async Task ADocumentIsCompressedWithLz4AndAStoredAnswerArrivesPacked()
    {
        await using var storage = await TestStorage.CreatePostgresAsync(server);
        // Large enough to be compressed (over about 2 KB), and compressible.
        var json = "{\"ideas\":[" + string.Join(',', Enumerable.Range(0, 200).Select(i => $"{{\"id\":\"idea-{i}\",\"dots\":{i}}}")) + "]}";
        var work = new StoreWork();
        work.MarkProcessed("a:1", "act-1", TestStorage.DefaultStart, 200, json);
        work.Insert("things", "doc-1", json, null, null, "t-1");
        Assert.Equal(CommitOutcome.Committed, (await storage.Get<IStoreCommitter>().CommitAsync(work, CancellationToken.None)).Outcome);

        await using var connection = await storage.OpenRawAsync();
        var answer = await connection.QuerySingleAsync<(string? Json, int Packed, string? Compression)>("""
            SELECT response_json AS Json, octet_length(response_packed) AS Packed,
                   pg_column_compression(response_packed) AS Compression
            FROM processed_activities WHERE activity_id = 'act-1'
            """);
        Assert.Null(answer.Json);
        Assert.InRange(answer.Packed, 1, json.Length / 3);
        Assert.Null(answer.Compression);
        Assert.Equal(new StoredResponse(200, json), await storage.Get<IProcessedActivityStore>().FindAsync("a:1", "act-1"));
        Assert.Equal("lz4", await connection.ExecuteScalarAsync<string>(
            "SELECT pg_column_compression(json) FROM documents WHERE id = 'doc-1'"));
        Assert.Equal(json, (await storage.Get<IDocumentStore>().GetAsync("things", "doc-1"))!.Json);
    }
}
