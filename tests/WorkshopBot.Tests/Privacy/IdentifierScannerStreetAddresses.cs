using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Tests.Privacy;

/// <summary>A house number and a street, the address a hurried note gives without its postcode, is flagged; counts,
/// hearings and a street named without a number are not.</summary>
public sealed class IdentifierScannerStreetAddresses
{
    private readonly IdentifierScanner _scanner = new();

    [Theory]
    [InlineData("The family lives at 12 Acacia Avenue, Leeds.", "12 Acacia Avenue")]
    [InlineData("Mum moved to 4a Elm Close in March.", "4a Elm Close")]
    [InlineData("MGM lives at 3 The Crescent.", "3 The Crescent")]
    [InlineData("REFERRAL ADDRESS 9 ST JOHN'S ROAD", "9 ST JOHN'S ROAD")]
    [InlineData("Police attended 42 Beech Rd twice.", "42 Beech Rd")]
    [InlineData("Visits to 19 Cherry Tree Gardens stopped.", "19 Cherry Tree Gardens")]
    [InlineData("the family lives at 12 acacia avenue, leeds.", "12 acacia avenue")]
    [InlineData("mum moved to 4a elm grove in march", "4a elm grove")]
    [InlineData("police attended 42 beech rd twice", "42 beech rd")]
    public void FlagsAHouseNumberAndAStreet(string text, string expected)
    {
        var finding = IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.StreetAddress, expected);

        Assert.Equal($"This looks like a street address ({expected}).", finding.Message);
    }

    [Fact]
    public void ReadsAnAddressWithItsPostcodeAsBoth()
    {
        var findings = _scanner.Scan("lives at 12 Acacia Avenue, Leeds LS6 2AB");

        Assert.Equal([IdentifierKind.StreetAddress, IdentifierKind.Postcode], findings.Select(f => f.Kind));
        // The postcode cannot be confirmed, so the summary says so rather than offering a confirmation.
        Assert.Equal("Found 2 possible identifiers: a postcode and a street address. A postcode cannot be kept, even if you "
            + "confirm. Remove it; use the case reference and age band instead.", new IdentifierCheck(findings).Summary);
    }

    [Theory]
    [InlineData("There were 2 Family Court hearings and the guardian attended both.")]
    [InlineData("The school is on Acacia Avenue and made a timely referral.")]
    [InlineData("3 Signs of Safety mappings were completed.")]
    [InlineData("The family lived on a busy main road and the HV visited 4 times.")]
    [InlineData("Costs were £12 Million Road Fund money.")]
    [InlineData("Reference 2023/12 Station Road file was closed.")]
    [InlineData("the HV drove 3 miles down the road and the family had a 3 bed terrace")]
    [InlineData("there were 4 children close to mum and a 20 minutes drive to school")]
    [InlineData("2 people in the street saw it; 3 community gardens and 2 lane road were nearby")]
    public void IgnoresCountsHearingsAndStreetsWithoutANumber(string text)
    {
        Assert.DoesNotContain(_scanner.Scan(text), f => f.Kind == IdentifierKind.StreetAddress);
    }

    [Theory]
    [InlineData("The family lives at 12 Acacia avenue, Leeds.", "12 Acacia avenue")]
    [InlineData("mum moved to 4 rowan close in march", "4 rowan close")]
    [InlineData("police attended 7 mill drive twice", "7 mill drive")]
    [InlineData("dad stays at 3 station road at weekends", "3 station road")]
    [InlineData("Dad stays at 22 Mill lane at weekends", "22 Mill lane")]
    [InlineData("mum moved to 4 rowan close.", "4 rowan close")]
    public void FlagsAStreetWrittenInSmallOrMixedLetters(string text, string expected)
    {
        IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.StreetAddress, expected);
    }

    [Theory]
    [InlineData("a close relative offered to drive to school on the road to recovery")]
    [InlineData("the plan was reviewed within 2 days and again in 3 weeks")]
    [InlineData("2 children close by and 3 siblings close to their gran")]
    [InlineData("it is a 10 minute drive and 2 hours drive away; 3 people drive to work")]
    [InlineData("4 Children close to mum")]
    [InlineData("the 2 Workers drive to the home")]
    [InlineData("in 3 Weeks drive time")]
    public void IgnoresOrdinaryPhrasesWithCloseDriveAndRoad(string text)
    {
        Assert.DoesNotContain(_scanner.Scan(text), f => f.Kind == IdentifierKind.StreetAddress);
    }

    // Street types that are also words end a street after its capitalised name.
    [Theory]
    [InlineData("The family lives at 12 Acacia Way, Leeds.", "12 Acacia Way")]
    [InlineData("Mum moved to 12 Ashdown Way in March.", "12 Ashdown Way")]
    [InlineData("Police attended 12 Acacia St twice.", "12 Acacia St")]
    [InlineData("MGM lives at 7 Primrose Hill.", "7 Primrose Hill")]
    [InlineData("Dad stays at 3 Lake View at weekends.", "3 Lake View")]
    [InlineData("The flat at 41 Beech Rise was cold.", "41 Beech Rise")]
    [InlineData("They moved to 9 Mill Row.", "9 Mill Row")]
    [InlineData("The HV visited 2 Market Square.", "2 Market Square")]
    [InlineData("Mum's friend lives at 15 Oak Tree Green.", "15 Oak Tree Green")]
    public void FlagsAHouseNumberAndAStreetWhoseTypeIsAlsoAWord(string text, string expected)
    {
        var finding = IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.StreetAddress, expected);

        Assert.True(finding.Confirmable);
    }

    [Theory]
    [InlineData("RAG: 12 Green, 3 Amber and 2 Red; 4 RAG Green ratings")]
    [InlineData("The child went on a 3 hill walk with a 2 way radio and a 4 green view")]
    [InlineData("She attended 3 Sessions St John's Ambulance ran")]
    [InlineData("Year 6 WAY forward; 12 HILL")]
    public void IgnoresWordsThatAreAlsoStreetTypesWithoutAStreetsName(string text)
    {
        Assert.DoesNotContain(_scanner.Scan(text), f => f.Kind == IdentifierKind.StreetAddress);
    }
}
