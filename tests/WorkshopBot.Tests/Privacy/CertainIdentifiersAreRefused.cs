using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Tests.Privacy;

/// <summary>
/// A checksum-valid NHS number, a full postcode and a labelled date of birth are near-certain and never needed, so they
/// cannot be confirmed: the check refuses them even with a confirmation and says so. Names, phone numbers and bare dates
/// are often false alarms and may still be confirmed.
/// </summary>
public sealed class CertainIdentifiersAreRefused
{
    private static readonly IdentifierScanner Scanner = IdentifierScanner.Default;

    [Theory]
    [InlineData("Her NHS number is 9434765919.", IdentifierKind.NhsNumber, "9434765919")]
    [InlineData("The GP letter quotes 943 476 5919.", IdentifierKind.NhsNumber, "943 476 5919")]
    [InlineData("The family moved to SW1A 2AA last year.", IdentifierKind.Postcode, "SW1A 2AA")]
    [InlineData("The discharge letter gave DOB 12/03/2019.", IdentifierKind.DateOfBirth, "DOB 12/03/2019")]
    [InlineData("The baby was born on 12/03/2019 at 34 weeks.", IdentifierKind.DateOfBirth, "born on 12/03/2019")]
    [InlineData("Date of birth: 12/03/2019, first seen by the health visitor.", IdentifierKind.DateOfBirth, "Date of birth: 12/03/2019")]
    public void AreRefusedEvenWhenConfirmed(string text, IdentifierKind kind, string expected)
    {
        var finding = IdentifierFindings.AssertSingle(Scanner, text, kind, expected);
        var check = Scanner.Check(text);

        Assert.False(finding.Confirmable);
        Assert.False(check.Confirmable);
        Assert.True(check.Refuses(confirmed: true));
        Assert.Contains("cannot be kept, even if you confirm.", check.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("confirm it is needed", check.Summary, StringComparison.Ordinal);
    }

    [Theory]
    // Inside a finding that may be confirmed (an email address here), a near-certain one is still found and refused.
    [InlineData("The letter went to 9434765919@records.example.org last week.", IdentifierKind.NhsNumber)]
    [InlineData("Replies go to sw1a2aa@example.org now.", IdentifierKind.Postcode)]
    public void AreRefusedInsideAFindingThatMayBeConfirmed(string text, IdentifierKind kind)
    {
        var check = Scanner.Check(text);

        Assert.True(check.Has(kind));
        Assert.False(check.Confirmable);
        Assert.True(check.Refuses(confirmed: true));
    }

    [Theory]
    [InlineData("Mother called from 07700 900123 after the visit.", IdentifierKind.PhoneNumber)]
    [InlineData("Her mother Aisha Rahman attended the meeting.", IdentifierKind.PersonName)]
    [InlineData("Contact via someone@example.org only.", IdentifierKind.Email)]
    [InlineData("The front sheet gave only 14/07/2021 and nothing else", IdentifierKind.DateOfBirth)]
    // A date a person introduces may be the date of an event ("Child A (12/03/2019)" for a referral): flagged, not refused.
    [InlineData("Referral for Child A (12/03/2019) was passed to the MASH.", IdentifierKind.DateOfBirth)]
    public void FalseAlarmsMayStillBeConfirmed(string text, IdentifierKind kind)
    {
        var finding = Assert.Single(Scanner.Scan(text));
        var check = Scanner.Check(text);

        Assert.Equal(kind, finding.Kind);
        Assert.True(finding.Confirmable);
        Assert.True(check.Refuses(confirmed: false));
        Assert.False(check.Refuses(confirmed: true));
        Assert.Contains("Please remove it, or confirm it is needed.", check.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSummarySaysPlainlyAnNhsNumberCannotBeKept()
    {
        Assert.Equal("Found 1 possible identifier: an NHS number. An NHS number cannot be kept, even if you confirm. "
            + "Remove it; use the case reference and age band instead.", Scanner.Check("NHS 943 476 5919").Summary);
    }

    [Fact]
    public void TheSummaryNamesEachKindThatCannotBeKept()
    {
        var check = Scanner.Check("Her mother Aisha Rahman, NHS 943 476 5919, lives at SW1A 2AA.");

        Assert.StartsWith("Found 3 possible identifiers: an NHS number, a postcode and a name. ", check.Summary, StringComparison.Ordinal);
        Assert.EndsWith("An NHS number and a postcode cannot be kept, even if you confirm. "
            + "Remove them; use the case reference and age band instead.", check.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void AFindingReadThroughFoldedCharactersKeepsWhetherItMayBeConfirmed()
    {
        // Full-width digits are folded and the finding is placed back on what was typed: a bare date stays confirmable...
        var bare = Assert.Single(Scanner.Scan("The front sheet gave only １４/07/2021 and nothing else"));
        Assert.Equal("１４/07/2021", bare.Text);
        Assert.True(bare.Confirmable);

        // ...and a labelled one hidden by a zero-width space is refused.
        var labelled = Assert.Single(Scanner.Scan("The letter gave DOB\u200B12/03/2019."));
        Assert.Equal(IdentifierKind.DateOfBirth, labelled.Kind);
        Assert.False(labelled.Confirmable);
    }

    [Fact]
    public void OneFieldThatCannotBeConfirmedRefusesTheWholeForm()
    {
        var check = new FreeTextCheck(Scanner);
        var findings = check.Scan(("Progress note", "Called 07700 900123."), ("Evidence", "NHS 9434765919 checked."));

        Assert.Equal(2, findings.Count);
        Assert.False(FreeTextCheck.MayConfirm(findings));
        Assert.True(FreeTextCheck.Refuses(findings, confirmed: true));
        Assert.True(FreeTextCheck.MayConfirm(findings.Take(1).ToList()));
        Assert.False(FreeTextCheck.Refuses(findings.Take(1).ToList(), confirmed: true));
        Assert.Equal("Progress note: PhoneNumber; Evidence: NhsNumber", FreeTextCheck.Describe(findings));
    }
}
