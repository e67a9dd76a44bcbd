using System.Text;
using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Storage;

/// <summary>The answer kept with a processed mark is stored packed, and comes back exactly as given.</summary>
public sealed class PackedAnswers
{
    /// <summary>A ballot shaped like the bot's: every idea's text twice (the tally and the chooser).</summary>
    private static string Ballot(int ideas) =>
        "{\"type\":\"AdaptiveCard\",\"body\":[{\"type\":\"FactSet\",\"facts\":["
        + string.Join(',', Enumerable.Range(1, ideas).Select(i =>
            $"{{\"title\":\"● · #{i} · {3000 + i} dots\",\"value\":\"Idea {i}: agencies acted promptly and shared information.\"}}"))
        + "]},{\"type\":\"Input.ChoiceSet\",\"choices\":["
        + string.Join(',', Enumerable.Range(1, ideas).Select(i =>
            $"{{\"title\":\"Idea {i}: agencies acted promptly and shared information.\",\"value\":\"i{i}\"}}"))
        + "]}]}";

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("{\"text\":\"Café · ● 😀 \\u0000 ünïcödé\"}")]
    public void AnyTextComesBackAsGiven(string json) =>
        Assert.Equal(json, PackedAnswer.Unpack(null, PackedAnswer.Pack(json)));

    [Theory]
    [InlineData(10)]
    [InlineData(40)]
    public void ABallotIsStoredInLessThanAThirdOfItsBytes(int ideas)
    {
        var json = Ballot(ideas);
        var packed = PackedAnswer.Pack(json)!;

        Assert.Equal(json, PackedAnswer.Unpack(null, packed));
        Assert.True(packed.Length * 3 < Encoding.UTF8.GetByteCount(json), $"{packed.Length} bytes packed");
    }

    [Fact]
    public void AnAnswerSerialisedAsUtf8PacksAsItsTextDoes()
    {
        var json = Ballot(40);

        var packed = PackedAnswer.PackUtf8(Encoding.UTF8.GetBytes(json));

        Assert.Equal(PackedAnswer.Pack(json), packed);
        Assert.Equal(json, PackedAnswer.Unpack(null, packed));
    }

    [Fact]
    public void NoAnswerIsNoBytesAndTextKeptBeforePackingIsReadAsItIs()
    {
        Assert.Null(PackedAnswer.Pack(null));
        Assert.Null(PackedAnswer.Unpack(null, null));
        Assert.Equal("{\"old\":true}", PackedAnswer.Unpack("{\"old\":true}", null));
    }

    [Fact]
    public void DamagedBytesAreRefusedNotMisread()
    {
        var packed = PackedAnswer.Pack(Ballot(10))!;
        var otherVersion = (byte[])packed.Clone();
        otherVersion[0] = 2;
        var wrongLength = (byte[])packed.Clone();
        wrongLength[1] ^= 0x01;
        var impossibleLength = (byte[])packed.Clone();
        impossibleLength[4] = 0x7f;
        var flipped = (byte[])packed.Clone();
        flipped[^3] ^= 0xff;

        Assert.Throws<InvalidDataException>(() => PackedAnswer.Unpack(null, otherVersion));
        Assert.Throws<InvalidDataException>(() => PackedAnswer.Unpack(null, wrongLength));
        Assert.Throws<InvalidDataException>(() => PackedAnswer.Unpack(null, impossibleLength));
        Assert.Throws<InvalidDataException>(() => PackedAnswer.Unpack(null, packed[..20]));
        Assert.Throws<InvalidDataException>(() => PackedAnswer.Unpack(null, [1, 0]));
        Assert.Throws<InvalidDataException>(() => PackedAnswer.Unpack(null, flipped));
    }
}
