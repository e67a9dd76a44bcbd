using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Tests.Privacy;

public sealed class IdentifierScannerDates
{
    private readonly IdentifierScanner _scanner = new();

    [Theory]
    [InlineData("Seen with mother, 12/03/2019, at home", "12/03/2019")]
    [InlineData("Baby C (3.4.24) was seen", "3.4.24")]
    [InlineData("Injury noted 12 March 2019 by HV", "12 March 2019")]
    [InlineData("Injury noted 1st of Feb 2024 by HV", "1st of Feb 2024")]
    [InlineData("Injury noted March 12, 2019 by HV", "March 12, 2019")]
    [InlineData("Injury noted 2019-03-12 by HV", "2019-03-12")]
    public void FlagsFullDayMonthYearDates(string text, string expected)
    {
        var finding = Assert.Single(_scanner.Scan(text));

        Assert.Equal(IdentifierKind.DateOfBirth, finding.Kind);
        Assert.Equal(expected, finding.Text);
    }

    [Theory]
    [InlineData("DOB: 12/03/19")]
    [InlineData("D.O.B. March 2019")]
    [InlineData("date of birth is 03/2019")]
    [InlineData("The baby was born on the 4th of May")]
    [InlineData("born in June 2023 at the local hospital")]
    public void AlwaysFlagsLabelledBirthDates(string text)
    {
        var finding = Assert.Single(_scanner.Scan(text));

        Assert.Equal(IdentifierKind.DateOfBirth, finding.Kind);
    }

    [Theory]
    [InlineData("August 2021")]
    [InlineData("six cases audited in March 2019")]
    [InlineData("an audit took place Jan – Mar 2022")]
    [InlineData("the audit calendar for 2021-2022")]
    [InlineData("The panel met to analyse the findings on 11th April 2022")]
    [InlineData("The workshop was held on 5 June 2023.")]
    [InlineData("31/02/2019 is not a real date")]
    [InlineData("date of birth was not recorded by the GP")]
    [InlineData("within 24 hours of 15 cases")]
    public void IgnoresMonthYearProcessDatesAndNonDates(string text)
    {
        Assert.Empty(_scanner.Scan(text));
    }
}
