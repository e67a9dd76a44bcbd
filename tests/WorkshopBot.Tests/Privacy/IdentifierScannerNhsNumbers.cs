using WorkshopBot.Cards;
using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Tests.Privacy;

// 943 476 5919 and 999 000 0018 are published test numbers with valid check digits; used only to prove detection.
public sealed class IdentifierScannerNhsNumbers
{
    private readonly IdentifierScanner _scanner = new();

    [Theory]
    [InlineData("NHS no 943 476 5919 on file", "943 476 5919")]
    [InlineData("ref 943-476-5919.", "943-476-5919")]
    [InlineData("number 9434765919", "9434765919")]
    [InlineData("9990000018", "9990000018")]
    public void FlagsValidNhsNumbers(string text, string expected)
    {
        var finding = Assert.Single(_scanner.Scan(text));

        Assert.Equal(IdentifierKind.NhsNumber, finding.Kind);
        Assert.Equal(expected, finding.Text);
        Assert.Equal(text.IndexOf(expected, StringComparison.Ordinal), finding.Start);
        Assert.Equal($"This looks like an NHS number ({expected}).", finding.Message);
    }

    // A number pasted from a narrow column or split by the author's line break, or with invisible characters inside:
    // the finding shows the text exactly as typed, where it was typed, so the author can find and remove it.
    [Theory]
    [InlineData("Baby's NHS number 943 476\n5919 was on the form", "943 476\n5919")]
    [InlineData("NHS no 9434765\n919 (maternity)", "9434765\n919")]
    [InlineData("NHS no 943\r\n476\r\n5919", "943\r\n476\r\n5919")]
    [InlineData("NHS no 943\u200B476\u200B5919 on file", "943\u200B476\u200B5919")]
    [InlineData("NHS: \uFF19\uFF14\uFF13 476 5919.", "\uFF19\uFF14\uFF13 476 5919")]
    public void FlagsNhsNumbersBrokenAcrossLinesOrHiddenByInvisibleCharacters(string text, string expected)
    {
        var finding = Assert.Single(_scanner.Scan(text));

        Assert.Equal(IdentifierKind.NhsNumber, finding.Kind);
        Assert.Equal(expected, finding.Text);
        Assert.Equal(text.IndexOf(expected, StringComparison.Ordinal), finding.Start);
        Assert.Equal(expected.Length, finding.Length);
        Assert.Equal($"This looks like an NHS number ({expected}).", finding.Message);
    }

    [Theory]
    [InlineData("943 476 5918")] // wrong check digit
    [InlineData("1234567890")] // check digit computes to 10: never valid
    [InlineData("Total spend was 1,234,567,890 across 2,000 families")] // a count, not an NHS number
    [InlineData("0000000000")]
    [InlineData("943 4765919")] // mixed grouping
    [InlineData("94347659190")] // eleven digits
    public void IgnoresTenDigitNumbersThatAreNotValidNhsNumbers(string text)
    {
        Assert.DoesNotContain(_scanner.Scan(text), f => f.Kind == IdentifierKind.NhsNumber);
    }

    [Fact]
    public void CheckDigitRuleAcceptsOnlyTheComputedDigit()
    {
        Assert.True(NhsNumber.IsValid("943 476 5919"));
        Assert.False(NhsNumber.IsValid("943 476 5917"));
        Assert.False(NhsNumber.IsValid("943 476 591"));
    }
}
