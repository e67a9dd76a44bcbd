using WorkshopBot.Common;
using WorkshopBot.Common.Teams;

namespace WorkshopBot.Tests.Common;

/// <summary>Text cut to a length for showing keeps every emoji whole: one at the cut is left out, never split.</summary>
public sealed class TextCutAtALength
{
    private const string Smile = "\U0001F642";

    [Fact]
    public void AnEmojiAtTheCutIsLeftOutWhole()
    {
        // "ab" then an emoji in characters 3 and 4: a cut after 3 would keep its first half.
        var text = "ab" + Smile + "cd";

        Assert.Equal("ab", TextCut.Prefix(text, 3));
        Assert.Equal("ab" + Smile, TextCut.Prefix(text, 4));
        Assert.Equal("ab" + Smile + "c", TextCut.Prefix(text, 5));
        Assert.Equal(string.Empty, TextCut.Prefix(Smile, 1));
    }

    [Fact]
    public void AFlagAJoinedEmojiOrAnAccentIsNotCutIntoItsParts()
    {
        const string Flag = "\U0001F1EC\U0001F1E7"; // GB: two regional indicators, four characters.
        const string Family = "\U0001F468\u200D\U0001F469\u200D\U0001F467"; // joined: eight characters.
        const string Wave = "\U0001F44B\U0001F3FD"; // with a skin tone: four characters.
        const string Accent = "e\u0301"; // "é" written as a letter and its mark.

        Assert.Equal("ab", TextCut.Prefix("ab" + Flag + "cd", 4));
        Assert.Equal("ab" + Flag, TextCut.Prefix("ab" + Flag + "cd", 6));
        Assert.Equal("ab", TextCut.Prefix("ab" + Family + "cd", 9));
        Assert.Equal("ab" + Family, TextCut.Prefix("ab" + Family + "cd", 10));
        Assert.Equal("ab", TextCut.Prefix("ab" + Wave + "cd", 4));
        Assert.Equal("caf", TextCut.Prefix("caf" + Accent + "s", 4));
        Assert.Equal(Flag + Flag, TextCut.Prefix(Flag + Flag + Flag, 10));
    }

    [Fact]
    public void ALetterStackedWithManyMarksIsCutAtTheLengthAsBefore()
    {
        var text = "ab" + "e" + new string('\u0301', 200);

        Assert.Equal(text[..100], TextCut.Prefix(text, 100));
        Assert.Equal("ab", TextCut.Prefix(text, 3));
    }

    [Fact]
    public void TextNoLongerThanTheLengthIsKeptAsItIs()
    {
        Assert.Equal("ab" + Smile, TextCut.Prefix("ab" + Smile, 4));
        Assert.Equal("ab" + Smile, TextCut.Prefix("ab" + Smile, 40));
        Assert.Equal(string.Empty, TextCut.Prefix(string.Empty, 0));
        Assert.Equal("abc", TextCut.Prefix("abcdef", 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => TextCut.Prefix("abc", -1));
    }

    [Fact]
    public void NoCutOfEmojiEverEndsInHalfOne()
    {
        var text = "Seen " + string.Concat(Enumerable.Repeat(Smile + "x" + Smile, 20));
        for (var length = 0; length <= text.Length; length++)
        {
            var cut = TextCut.Prefix(text, length);
            Assert.StartsWith(cut, text, StringComparison.Ordinal);
            Assert.InRange(cut.Length, Math.Max(0, length - 1), length);
            Assert.False(cut.Length > 0 && char.IsHighSurrogate(cut[^1]), $"Half an emoji at the end of a cut to {length}.");
            // The card's cut follows the same rule, then adds its ellipsis.
            var shortened = CardKit.Shorten(text, Math.Max(1, length));
            Assert.False(shortened.Length > 1 && char.IsHighSurrogate(shortened.TrimEnd('…')[^1]), $"Half an emoji at {length}.");
        }
    }
}
