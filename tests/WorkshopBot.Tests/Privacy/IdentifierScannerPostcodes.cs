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

    // A hyphen or dash (spaces around it allowed), an underscore, a dot or a slash between the outward and inward
    // codes does not hide a postcode; the finding is the text as typed.
    [Theory]
    [InlineData("SW1A-1AA")]
    [InlineData("B33-8TH")]
    [InlineData("sw1a_1aa")]
    [InlineData("SW1A.1AA")]
    [InlineData("SW1A/1AA")]
    [InlineData("B33 - 8TH")]
    [InlineData("M1–1AE")]
    [InlineData("cr2-6xh")]
    public void FlagsPostcodesWithOtherSeparators(string postcode)
    {
        foreach (var text in new[] { postcode, $"The family moved to {postcode}, near the school." })
        {
            IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.Postcode, postcode);
        }
    }

    [Theory]
    [InlineData("Case CSC-2024-118 was audited; the meeting on 2024-03-12 started at 10.30.")]
    [InlineData("Grades were 2-3 across agencies; Y6-7 transition; KS2-3 and Tier 4-5 services.")]
    [InlineData("The M6-1 junction was closed")]
    [InlineData("See section A1.2 and table B3/4 of the report.")]
    [InlineData("Seen in room B2. 1ST contact was by the HV.")] // a full stop ends a sentence, not a postcode
    [InlineData("Covid-19_2nd wave and C1-2nd review")]
    public void IgnoresSeparatedTextThatIsNotAPostcode(string text)
    {
        Assert.Empty(_scanner.Scan(text));
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
