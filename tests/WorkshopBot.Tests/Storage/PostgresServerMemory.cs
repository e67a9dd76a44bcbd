namespace WorkshopBot.Tests.Storage;

/// <summary>
/// The private PostgreSQL server runs with the C library's setting the README recommends (keep freed heap), so the
/// suite and the votes benchmark measure the server as the README tells people to run it.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresServerMemory(PostgresServerFixture server)
{
    [Fact]
    public void ThePrivateServerKeepsFreedHeap()
    {
        if (!server.OwnsServer)
        {
            // WORKSHOPBOT_TEST_POSTGRES: a server of someone else's, whose environment the fixture neither sets nor reads.
            Assert.Null(server.ServerGlibcTunables());
            return;
        }

        Assert.Equal(PostgresServerFixture.RecommendedGlibcTunables, server.GlibcTunables);
        Assert.Equal(PostgresServerFixture.RecommendedGlibcTunables, server.ServerGlibcTunables());
    }
}
