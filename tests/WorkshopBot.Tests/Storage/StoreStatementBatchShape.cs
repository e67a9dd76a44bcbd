using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Storage;

/// <summary>How a batch's statements are shaped before they run all at once (<see cref="StoreStatementBatch"/>).</summary>
public sealed class StoreStatementBatchShape
{
    private const string CountSql = "UPSERT count @Row + @N";
    private const string MarkSql = "INSERT mark @Id";

    [Fact]
    public void LocksGoFirstOnceAndCountsOfTheSameRowAddUpWhereTheFirstStood()
    {
        var shaped = StoreStatementBatch.Shape(
        [
            Mark("m-1"), Lock("p-1"), Count("r-1", 2), Count("r-2", 1),
            Mark("m-2"), Lock("p-1"), Count("r-1", 3), Count("r-2", -1), Lock("p-2"),
        ], arrays: false);

        Assert.Equal(["lock p-1", "lock p-2", "m-1", "r-1 5", "m-2"], shaped.Select(Describe));
        // The sum keeps the type it was given (one prepared form per statement).
        Assert.IsType<int>(shaped[3].Parameters[1].Value);
    }

    [Fact]
    public void OnPostgresStatementsWithAnArrayFormGoAsOneWithArraysAndTheSumOfTheirRowCounts()
    {
        var shaped = StoreStatementBatch.Shape([Mark("m-1"), Count("r-2", 1), Mark("m-2"), Count("r-1", 4), Mark("m-3")], arrays: true);

        Assert.Equal(2, shaped.Count);
        Assert.Equal(("marks", 3), (shaped[0].Sql, shaped[0].ExpectedRows));
        Assert.Equal(new[] { "m-1", "m-2", "m-3" }, shaped[0].Parameters[0].Value);
        Assert.Equal(new long[] { 7, 7, 7 }, shaped[0].Parameters[1].Value);
        // Counts in the order of their rows, whatever the order of the votes.
        Assert.Equal(("counts", null), (shaped[1].Sql, shaped[1].ExpectedRows));
        Assert.Equal(new[] { "r-1", "r-2" }, shaped[1].Parameters[0].Value);
        Assert.Equal(new long[] { 4, 1 }, shaped[1].Parameters[1].Value);
    }

    [Fact]
    public void BytesGoAsAnArrayOfBytesWithTheirNullsAndBytesMixedWithTextDoNotLineUp()
    {
        byte[] packed = [1, 2, 3];
        StoreStatement Answer(string id, object? value) => new(MarkSql, 1, ("@Id", id), ("@Answer", value)) { ArraySql = "marks" };

        var shaped = Assert.Single(StoreStatementBatch.Shape([Answer("m-1", packed), Answer("m-2", null)], arrays: true));
        Assert.Equal(new[] { packed, null }, Assert.IsType<byte[]?[]>(shaped.Parameters[1].Value));
        // No answer at all: nothing says bytes, so the nulls go as text (the SQL casts the array).
        Assert.IsType<string?[]>(Assert.Single(StoreStatementBatch.Shape([Answer("m-1", null), Answer("m-2", null)], arrays: true))
            .Parameters[1].Value);
        Assert.Equal(2, StoreStatementBatch.Shape([Answer("m-1", packed), Answer("m-2", "text")], arrays: true).Count);
    }

    [Fact]
    public void StatementsThatDoNotLineUpGoOneByOne()
    {
        var otherNames = new StoreStatement(MarkSql, 1, ("@Other", "m-2"), ("@N", 7)) { ArraySql = "marks" };
        var notANumber = new StoreStatement(MarkSql, 1, ("@Id", "m-3"), ("@N", 1.5)) { ArraySql = "marks" };

        Assert.Equal(2, StoreStatementBatch.Shape([Mark("m-1"), otherNames], arrays: true).Count);
        Assert.Equal(2, StoreStatementBatch.Shape([Mark("m-1"), notANumber], arrays: true).Count);
        Assert.Equal(2, StoreStatementBatch.Shape([Mark("m-1"), Mark("m-2")], arrays: false).Count);
    }

    [Fact]
    public void CountsThatDifferOnlyInALatestParameterStillRunAsOneAndKeepItsLargestValue()
    {
        StoreStatement Poll(string row, int n, long at) =>
            new(CountSql, null, ("@Row", row), ("@N", n), ("@At", at)) { Summed = ["@N"], Latest = ["@At"], ArraySql = "counts" };

        var shaped = StoreStatementBatch.Shape([Poll("r-1", 1, 30), Poll("r-2", 1, 10), Poll("r-1", 2, 50), Poll("r-1", 1, 40)],
            arrays: false);

        Assert.Equal(2, shaped.Count);
        Assert.Equal(("r-1", 4, 50L), (shaped[0].Parameters[0].Value, shaped[0].Parameters[1].Value, shaped[0].Parameters[2].Value));
        Assert.Equal(("r-2", 1, 10L), (shaped[1].Parameters[0].Value, shaped[1].Parameters[1].Value, shaped[1].Parameters[2].Value));
        var arrays = Assert.Single(StoreStatementBatch.Shape([Poll("r-2", 1, 10), Poll("r-1", 1, 30), Poll("r-1", 1, 20)], arrays: true));
        Assert.Equal(new[] { "r-1", "r-2" }, arrays.Parameters[0].Value);
        Assert.Equal(new long[] { 30, 10 }, arrays.Parameters[2].Value);
    }

    [Fact]
    public void StatementsAreOneForTheBatchExactlyWhenTheirKeysTextsAreTheSame()
    {
        string[] none = [];
        string[] summed = ["@N"];
        StoreStatement[] statements =
        [
            new(CountSql, null, ("@Row", "r-1"), ("@N", 2)), new(CountSql, null, ("@Row", "r-1"), ("@N", 3)),
            new(CountSql, null, ("@Row", "r-1"), ("@N", 2L)), new(CountSql, null, ("@Row", "r-2"), ("@N", 2)),
            new(CountSql, null, ("@Row", null), ("@N", 2)), new(CountSql, null, ("@Row", ""), ("@N", 2)),
            new(CountSql, null, ("@N", 2), ("@Row", "r-1")), new(MarkSql, null, ("@Row", "r-1"), ("@N", 2)),
            new(CountSql, null, ("@Row", "r-1")), new(CountSql, null, ("@Row", 5)), new(CountSql, null, ("@Row", 5L)),
        ];
        var pairs = 0;
        var same = 0;
        foreach (var except in new[] { none, summed })
        {
            foreach (var a in statements)
            {
                foreach (var b in statements)
                {
                    var texts = StoreStatementBatch.Key(a, except) == StoreStatementBatch.Key(b, except);
                    var keyA = new StoreStatementKey(a, except);
                    var keyB = new StoreStatementKey(b, except);
                    Assert.Equal(texts, keyA.Equals(keyB));
                    if (texts)
                    {
                        Assert.Equal(keyA.GetHashCode(), keyB.GetHashCode());
                        same++;
                    }

                    pairs++;
                }
            }
        }

        Assert.Equal(2 * statements.Length * statements.Length, pairs);
        // Besides each with itself (ordered pairs): 2 and 2L, null and "", 5 and 5L; over the summed @N, r-1's five (three
        // counts, the one with its parameters the other way round, the one without a count), null and "", 5 and 5L.
        Assert.Equal((2 * statements.Length) + 6 + 20 + 2 + 2, same);
    }

    private static StoreStatement Mark(string id) => new(MarkSql, 1, ("@Id", id), ("@N", 7L)) { ArraySql = "marks" };

    private static StoreStatement Lock(string poll) => new("LOCK @Poll", null, ("@Poll", poll)) { OncePerTransaction = true };

    private static StoreStatement Count(string row, int n) =>
        new(CountSql, null, ("@Row", row), ("@N", n)) { Summed = ["@N"], ArraySql = "counts" };

    private static string Describe(StoreStatement s) => s.Sql switch
    {
        CountSql => $"{s.Parameters[0].Value} {s.Parameters[1].Value}",
        MarkSql => (string)s.Parameters[0].Value!,
        _ => "lock " + s.Parameters[0].Value,
    };
}
