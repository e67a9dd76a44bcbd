using WorkshopBot.Common.Storage;
using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Storage;

/// <summary>
/// The read-only views kept per stored document: the same stored text gives the same instance, any other text (a newer
/// version, or a document deleted and stored again at the same version) gives a fresh one, never the older view.
/// </summary>
public sealed class DocumentViewsRead
{
    private sealed record Board(string Title, List<string> Ideas);

    [Fact]
    public void TheSameStoredTextGivesTheSameViewAndAnyOtherTextAFreshOne()
    {
        var views = new DocumentViews();
        var first = Stored(1, """{"title":"Board","ideas":["a"]}""");

        var read = views.Read<Board>(first);
        var again = views.Read<Board>(first with { Json = new string(first.Json.ToCharArray()) });
        var changed = views.Read<Board>(Stored(2, """{"title":"Board","ideas":["a","b"]}"""));
        var sameVersionOtherText = views.Read<Board>(Stored(2, """{"title":"Renamed","ideas":["a","b"]}"""));

        Assert.Same(read, again);
        Assert.Equal(["a", "b"], changed.Ideas);
        Assert.NotSame(read, changed);
        Assert.Equal("Renamed", sameVersionOtherText.Title);
    }

    [Fact]
    public void DocumentsWithTheSameIdInOtherCollectionsAreKeptApart()
    {
        var views = new DocumentViews();

        var board = views.Read<Board>(Stored(1, """{"title":"Board","ideas":[]}"""));
        var other = views.Read<Board>(Stored(1, """{"title":"Other","ideas":[]}""") with { Collection = "others" });

        Assert.Equal("Board", board.Title);
        Assert.Equal("Other", other.Title);
        Assert.Same(board, views.Read<Board>(Stored(1, """{"title":"Board","ideas":[]}""")));
    }

    private static StoredDocument Stored(long version, string json) =>
        new("boards", "b1", version, json, null, null, DateTimeOffset.UnixEpoch);
}
