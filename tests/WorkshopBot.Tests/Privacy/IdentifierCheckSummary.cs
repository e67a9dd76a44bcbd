using WorkshopBot.Cards;
using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Tests.Privacy;

public sealed class IdentifierCheckSummary
{
    [Fact]
    public void SaysNothingFoundForCleanText()
    {
        var check = IdentifierScanner.Default.Check("Strategy meetings were timely and well attended.");

        Assert.False(check.HasFindings);
        Assert.Equal("No personal identifiers found.", check.Summary);
    }

    [Fact]
    public void ListsKindsFoundInOneLine()
    {
        var check = IdentifierScanner.Default.Check("NHS 943 476 5919, lives at SW1A 1AA, mum 07700 900123 or 07700 900124");

        Assert.True(check.HasFindings);
        Assert.True(check.Has(IdentifierKind.Postcode));
        Assert.StartsWith("Found 4 possible identifiers: an NHS number, a postcode and 2 phone numbers.", check.Summary);
    }

    [Fact]
    public void ReturnsFindingsInTextOrder()
    {
        var findings = IdentifierScanner.Default.Scan("SW1A 1AA then 943 476 5919");

        Assert.Equal([IdentifierKind.Postcode, IdentifierKind.NhsNumber], findings.Select(f => f.Kind));
    }
}
