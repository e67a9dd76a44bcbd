using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Tests.Privacy;

/// <summary>
/// A chronology written as a table, each row starting with the date of what happened ("| 01/02/2019 | Strategy discussion
/// held |"), raises nothing, as the same line without pipes does ("01/02/2019 Strategy discussion held"); a date of birth
/// in such a row is still flagged.
/// </summary>
public sealed class IdentifierScannerChronologyTables
{
    private readonly IdentifierScanner _scanner = new();

    [Theory]
    [InlineData("| 01/02/2019 | Strategy discussion held |")]
    [InlineData("|01/02/2019|Strategy discussion held|")]
    [InlineData("| Date | Event |\n|---|---|\n| 01/02/2019 | Strategy discussion held |\n| 03/02/2019 | Child protection conference |")]
    [InlineData("| 12.03.2024 | GP appointment attended |")]
    [InlineData("| 1 Feb 2019 | Referral received by MASH |")]
    [InlineData("｜ 01/02/2019 ｜ Strategy discussion held ｜")]
    public void AChronologyRowStartingWithTheEventsDateRaisesNothing(string text) => Assert.Empty(_scanner.Scan(text));

    [Theory]
    [InlineData("| 01/02/2019 | Strategy discussion held |", "01/02/2019 Strategy discussion held")]
    public void ATableRowReadsAsTheSameLineWithoutPipes(string row, string line)
    {
        Assert.Empty(_scanner.Scan(line));
        Assert.Empty(_scanner.Scan(row));
    }

    [Theory]
    [InlineData("| 01/02/2019 | date of birth |", "01/02/2019")]
    [InlineData("| 01/02/2019 | born at home |", "01/02/2019")]
    [InlineData("| Name | DOB |\n|---|---|\n| Baby | 01/02/2019 |", "01/02/2019")]
    public void ADateOfBirthInARowIsStillFlagged(string text, string expected) =>
        IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.DateOfBirth, expected);

    [Fact]
    public void ARowOpeningWithABareDateAndNoEventCanStillBeConfirmed()
    {
        var finding = Assert.Single(_scanner.Scan("| 01/02/2019 | Baby |"));
        Assert.Equal(IdentifierKind.DateOfBirth, finding.Kind);
        Assert.True(finding.Confirmable);
    }
}
