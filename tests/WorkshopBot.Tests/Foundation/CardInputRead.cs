using WorkshopBot.Common.Teams;

namespace WorkshopBot.Tests.Foundation;

/// <summary>
/// The one place where card inputs (strings from Teams) become dates, numbers, flags, enums, ids and lists: what each
/// reading accepts, and that anything else, forged or stale, reads as nothing rather than throwing.
/// </summary>
public sealed class CardInputRead
{
    private enum Colour
    {
        Red,
        Green,
    }

    [Theory]
    [InlineData("2026-03-01", "2026-03-01")]
    [InlineData(" 2026-03-01 ", "2026-03-01")]
    [InlineData("01/03/2026", null)]
    [InlineData("2026-02-30", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void DatesAreReadOnlyInTheFormTeamsSends(string? text, string? expected) =>
        Assert.Equal(expected is null ? null : DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            CardInput.Date(text));

    [Theory]
    [InlineData("3", 3)]
    [InlineData("3.0", 3)]
    [InlineData("2.5", null)]
    [InlineData("11", null)]
    [InlineData("0", null)]
    [InlineData("three", null)]
    [InlineData("NaN", null)]
    [InlineData(null, null)]
    public void WholeNumbersAreReadWithinTheirRange(string? text, int? expected) =>
        Assert.Equal(expected, CardInput.WholeNumber(text, 1, 10));

    [Fact]
    public void AnEmptyWholeNumberTakesItsFallbackAndABadOneIsRefused()
    {
        Assert.True(CardInput.TryWholeNumber("  ", 7, 1, 10, out var fallback));
        Assert.Equal(7, fallback);
        Assert.True(CardInput.TryWholeNumber("4", 7, 1, 10, out var given));
        Assert.Equal(4, given);
        Assert.False(CardInput.TryWholeNumber("40", 7, 1, 10, out _));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("false", false)]
    [InlineData("yes", false)]
    [InlineData(null, false)]
    public void OnlyTrueIsAFlagThatIsSet(string? text, bool expected) => Assert.Equal(expected, CardInput.Flag(text));

    [Theory]
    [InlineData("Green", true)]
    [InlineData("green", false)]
    [InlineData("1", false)]
    [InlineData("-1", false)]
    [InlineData("Blue", false)]
    [InlineData(null, false)]
    public void EnumsAreReadByTheirExactNameOnly(string? text, bool read) =>
        Assert.Equal(read ? (Colour?)Colour.Green : null, CardInput.Enum<Colour>(text));

    [Fact]
    public void IdsAreReadFromChoicesAndAnythingElseIsNoId()
    {
        var id = Guid.NewGuid();

        Assert.Equal(id, CardInput.Id(id.ToString()));
        Assert.Equal(id, CardInput.Id($" {id} "));
        Assert.Null(CardInput.Id("not-an-id"));
        Assert.Null(CardInput.Id(null));
    }

    [Fact]
    public void ListsAreSplitTrimmedAndHoldNoEmptyParts() =>
        Assert.Equal(["a", "b c"], CardInput.List(" a ,, b c ,"));
}
