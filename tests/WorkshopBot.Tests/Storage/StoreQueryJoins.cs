using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Storage;

/// <summary>Queries read in one round trip: their SQL joined as before, once per set of texts (<see cref="StoreSqlJoins"/>).</summary>
public sealed class StoreQueryJoins
{
    private const string First = "SELECT 1 FROM a WHERE x = @x;  \n";
    private const string Second = "SELECT 2 FROM b WHERE y = @y;";
    private const string Third = "SELECT 3 FROM c WHERE z = @z\n";

    [Fact]
    public void JoinedQueriesKeepTheTextTheParametersAndTheOrderTheyHadAndTheirTextIsJoinedOnce()
    {
        var joined = Query(First, "@x").Then(Query(Second, "@y")).Then(Query(Third, "@z"));
        var nested = Query(First, "@x").Then(Query(Second, "@y").Then(Query(Third, "@z")));

        // The text the queries were joined into before the texts were kept: each trimmed of blanks and semicolons.
        var expected = "SELECT 1 FROM a WHERE x = @x;\nSELECT 2 FROM b WHERE y = @y;\nSELECT 3 FROM c WHERE z = @z\n";
        Assert.Equal(expected, joined.Sql);
        Assert.Equal(expected, nested.Sql);
        Assert.Equal(["@x", "@y", "@z"], joined.Parameters.Select(p => p.Name));
        Assert.Equal([First, Second, Third], joined.Parts);

        var joins = new StoreSqlJoins();
        var once = joins.Of(joined.Parts);
        Assert.Equal(expected, once);
        Assert.Same(once, joins.Of(nested.Parts));
        Assert.Same(First, joins.Of(Query(First, "@x").Parts));
        Assert.Equal("SELECT 2 FROM b WHERE y = @y;\nSELECT 1 FROM a WHERE x = @x;  \n",
            joins.Of(Query(Second, "@y").Then(Query(First, "@x")).Parts));
    }

    [Fact]
    public void TextsBuiltAfreshAreJoinedRightAndNoMoreThanTheLimitAreKept()
    {
        var joins = new StoreSqlJoins();
        var firstParts = Query("SELECT first", "@x").Then(Query(Second, "@y")).Parts;
        var firstJoined = joins.Of(firstParts);
        Assert.Same(firstJoined, joins.Of(firstParts));
        for (var i = 0; i < StoreSqlJoins.MaxKept; i++)
        {
            var text = $"SELECT {i}";
            Assert.Equal($"SELECT {i};\n{Second}", joins.Of(Query(text, "@x").Then(Query(Second, "@y")).Parts));
        }

        // The first join was let go with the others when the limit was reached: its texts are joined anew.
        var again = joins.Of(firstParts);
        Assert.Equal("SELECT first;\n" + Second, again);
        Assert.NotSame(firstJoined, again);
    }

    [Fact]
    public void AQueryReadAlongMayNotReuseAParameterName()
    {
        var error = Assert.Throws<ArgumentException>(() => Query(First, "@x").Then(Query(Second, "@X")));
        Assert.Contains("@x", error.Message, StringComparison.Ordinal);
    }

    private static StoreQuery<int> Query(string sql, string parameter) =>
        new(sql, (_, _) => Task.FromResult(0), (parameter, 1));
}
