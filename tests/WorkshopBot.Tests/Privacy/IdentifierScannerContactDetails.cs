using WorkshopBot.Cards;
using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Tests.Privacy;

// Phone numbers below are in Ofcom's ranges reserved for drama (07700 900xxx, 01632 960xxx, 020 7946 0xxx).
public sealed class IdentifierScannerContactDetails
{
    private readonly IdentifierScanner _scanner = new();

    [Theory]
    [InlineData("mum's mobile 07700 900123 was", "07700 900123")]
    [InlineData("call 07700900123.", "07700900123")]
    [InlineData("on +44 7700 900123 today", "+44 7700 900123")]
    [InlineData("on +44 (0)20 7946 0000 today", "+44 (0)20 7946 0000")]
    [InlineData("landline 01632 960123", "01632 960123")]
    [InlineData("landline 020 7946 0123", "020 7946 0123")]
    [InlineData("landline (01632) 960123", "(01632) 960123")]
    [InlineData("from abroad 0044 7700 900123", "0044 7700 900123")]
    [InlineData("from abroad 00 44 20 7946 0123", "00 44 20 7946 0123")]
    [InlineData("from abroad (+44) 7700 900123", "(+44) 7700 900123")]
    [InlineData("from abroad +44  7700 900123", "+44  7700 900123")]
    public void FlagsUkPhoneNumbers(string text, string expected)
    {
        var finding = Assert.Single(_scanner.Scan(text));

        Assert.Equal(IdentifierKind.PhoneNumber, finding.Kind);
        Assert.Equal(expected, finding.Text);
    }

    [Theory]
    [InlineData("0 of the 15 cases were graded outstanding; 5 were good")]
    [InlineData("in 2015 and 2016, 2,000 referrals")]
    [InlineData("0770090012")] // ten digits: too short for a UK number
    [InlineData("08001111")]
    public void IgnoresYearsCountsAndShortNumbers(string text)
    {
        Assert.Empty(_scanner.Scan(text));
    }

    [Fact]
    public void ReportsAnNhsNumberAsNhsNumberNotPhone()
    {
        var finding = Assert.Single(_scanner.Scan("943 476 5919"));

        Assert.Equal(IdentifierKind.NhsNumber, finding.Kind);
    }

    [Theory]
    [InlineData("email jo.bloggs@example.org about it", "jo.bloggs@example.org")]
    [InlineData("<parent+1@example.co.uk>", "parent+1@example.co.uk")]
    public void FlagsEmailAddresses(string text, string expected)
    {
        var finding = Assert.Single(_scanner.Scan(text));

        Assert.Equal(IdentifierKind.Email, finding.Kind);
        Assert.Equal(expected, finding.Text);
    }

    [Theory]
    [InlineData("www.example.org/MACA")]
    [InlineData("the @ sign")]
    public void IgnoresTextThatIsNotAnEmail(string text)
    {
        Assert.Empty(_scanner.Scan(text));
    }

    [Fact]
    public void DoesNotFlagAllowedOrganisationalContacts()
    {
        var scanner = new IdentifierScanner(new IdentifierScannerOptions
        {
            AllowedEmails = ["board@example.gov.uk"],
            AllowedPhoneNumbers = ["01632 960000"],
        });

        var findings = scanner.Scan("Contact Board@example.gov.uk or 01632960000; family on 07700 900123");

        var finding = Assert.Single(findings);
        Assert.Equal("07700 900123", finding.Text);
    }
}
