using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Tests.Protocol;

/// <summary>Mentions are removed from message text in one pass, whatever the text holds.</summary>
public sealed class ActivityTextWithoutMentions
{
    [Theory]
    [InlineData("<at>WorkshopBot</at> new audit", "new audit")]
    [InlineData("<AT>WorkshopBot</AT>&nbsp;help", "help")]
    [InlineData("hello <at>Ann</at> and <at>WorkshopBot</at> returns", "hello  and  returns")]
    [InlineData("no mention", "no mention")]
    [InlineData("<at>unclosed help", "<at>unclosed help")]
    [InlineData("</at> help <at>", "</at> help <at>")]
    public void RemovesEveryClosedMention(string text, string expected) =>
        Assert.Equal(expected, new Activity { Text = text }.GetTextWithoutMentions());

    /// <summary>
    /// 250 KB of empty mention tags once cost seconds of CPU (each removal copied the rest of the text). Measured in
    /// bytes allocated, which does not depend on how busy the machine is: a copy per tag would allocate gigabytes.
    /// </summary>
    [Fact]
    public void AllocatesInProportionToTheTextForAMentionFlood()
    {
        var text = string.Concat(Enumerable.Repeat("<at></at>", 250 * 1024 / 9)) + "help";
        var activity = new Activity { Text = text };

        var before = GC.GetAllocatedBytesForCurrentThread();
        var stripped = activity.GetTextWithoutMentions();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal("help", stripped);
        Assert.True(allocated < text.Length * 2 * 4, $"allocated {allocated:N0} bytes for {text.Length:N0} characters");
    }
}
