using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Tests.Privacy;

public sealed class IdentifierScannerPostcodes
{
    private readonly IdentifierScanner _scanner = new();

    [Theory]
    [InlineData("lives at SW1A 1AA now", "SW1A 1AA")]
    [InlineData("lives at sw1a1aa now", "sw1a1aa")]
    [InlineData("GIR 0AA", "GIR 0AA")]
    [InlineData("moved to M1 1AE.", "M1 1AE")]
    [InlineData("moved to B33 8TH.", "B33 8TH")]
    [InlineData("moved to CR2 6XH.", "CR2 6XH")]
    [InlineData("moved to DN55 1PT.", "DN55 1PT")]
    [InlineData("moved to w1a 0ax.", "w1a 0ax")]
    public void FlagsUkPostcodes(string text, string expected)
    {
        var finding = Assert.Single(_scanner.Scan(text));

        Assert.Equal(IdentifierKind.Postcode, finding.Kind);
        Assert.Equal(expected, finding.Text);
    }

    [Theory]
    [InlineData("threshold then met for Tier 4")]
    [InlineData("Covid-19 restrictions")]
    [InlineData("section 47 processes")]
    [InlineData("print on A4 paper")]
    [InlineData("XSW1A 1AA")] // not word-bounded
    [InlineData("SW1A 1CA")] // C is never used in the inward code
    public void IgnoresTextThatIsNotAPostcode(string text)
    {
        Assert.Empty(_scanner.Scan(text));
    }
}
