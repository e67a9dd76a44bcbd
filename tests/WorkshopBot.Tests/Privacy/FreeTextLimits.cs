using WorkshopBot.Cards;
using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Tests.Privacy;

public sealed class FreeTextLimits
{
    [Fact]
    public void AcceptsTextUpToTheLimitTrimmed()
    {
        var text = "  " + new string('a', FreeText.DefaultMaxLength) + "  ";

        var ok = FreeText.TryCreate(text, "Good practice", out var value, out var error);

        Assert.True(ok);
        Assert.Null(error);
        Assert.Equal(FreeText.DefaultMaxLength, value.Value.Length);
    }

    [Fact]
    public void RefusesTextOverTheLimitWithAClearMessage()
    {
        var ok = FreeText.TryCreate(new string('a', 4215), "Good practice", out _, out var error);

        Assert.False(ok);
        Assert.Equal("Good practice is 4,215 characters long; the limit is 4,000. Please shorten it by 215 characters.", error);
    }

    [Fact]
    public void RefusesControlCharacters()
    {
        Assert.Contains("control characters", FreeText.Validate("a\u0007b", "Narrative"), StringComparison.Ordinal);
    }

    [Fact]
    public void TreatsNullAsEmptyAndAcceptable()
    {
        Assert.Null(FreeText.Validate(null, "Narrative"));
        Assert.Equal(string.Empty, FreeText.Normalise(null));
    }
}
