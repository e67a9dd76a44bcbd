using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Tests.Privacy;

/// <summary>The date-of-birth rule (see BirthDateFinder): labelled, next to a person, or bare is flagged; a date
/// introduced by an event or a time word is not.</summary>
public sealed class IdentifierScannerDates
{
    private readonly IdentifierScanner _scanner = new();

    [Theory]
    [InlineData("DOB: 12/03/19")]
    [InlineData("D.O.B. March 2019")]
    [InlineData("date of birth is 03/2019")]
    [InlineData("The baby was born on the 4th of May")]
    [InlineData("born in June 2023 at the local hospital")]
    [InlineData("Sibling 3, b. 02/11/2020, was not included")]
    [InlineData("His birthday is 14/02/2016 and he was excited")]
    [InlineData("The baby was delivered on 03/03/2024 by caesarean section")]
    [InlineData("01/05/2015 - date of birth given by mother")]
    [InlineData("DOB 03032024, seen by the HV")]
    [InlineData("dob 030324 as printed on the discharge letter")]
    public void AlwaysFlagsLabelledBirthDates(string text)
    {
        var finding = Assert.Single(_scanner.Scan(text));

        Assert.Equal(IdentifierKind.DateOfBirth, finding.Kind);
    }

    [Theory]
    [InlineData("Baby C (3.4.24) was seen", "3.4.24")]
    [InlineData("Referral received for Child A (12/03/2019) from school", "12/03/2019")]
    [InlineData("YP1 (19/04/2007) was 16 at the time", "19/04/2007")]
    [InlineData("Sibling 2, aged 4, 12/05/2020, attends nursery", "12/05/2020")]
    [InlineData("The older child, 12/05/2016 (8 years), was not seen alone", "12/05/2016")]
    [InlineData("The child (14/09/2019) lived with her mother", "14/09/2019")]
    [InlineData("Child F, 11 months, 08/05/2023, was brought to the GP", "08/05/2023")]
    public void FlagsDatesWrittenNextToAPersonOrAnAge(string text, string expected)
    {
        var finding = Assert.Single(_scanner.Scan(text), f => f.Kind == IdentifierKind.DateOfBirth);

        Assert.Equal(expected, finding.Text);
        Assert.Equal($"This looks like a date of birth ({expected}).", finding.Message);
    }

    [Theory]
    [InlineData("12/03/2019", "12/03/2019")]
    [InlineData("The front sheet gave only 14/07/2021 and nothing else", "14/07/2021")]
    [InlineData("Details: 12 March 2019", "12 March 2019")]
    [InlineData("Details: March 12, 2019", "March 12, 2019")]
    [InlineData("Details: 2019-03-12", "2019-03-12")]
    [InlineData("Details: 1st of Feb 2024", "1st of Feb 2024")]
    public void FlagsABareFullDateAsAPossibleDateOfBirthAndSaysHowToShowItIsAnEvent(string text, string expected)
    {
        var finding = Assert.Single(_scanner.Scan(text));

        Assert.Equal(IdentifierKind.DateOfBirth, finding.Kind);
        Assert.Equal(expected, finding.Text);
        Assert.Equal(
            $"This could be a date of birth ({expected}). If it is the date of an event, say what happened, "
            + $"for example \"seen on {expected}\".",
            finding.Message);
    }

    [Theory]
    [InlineData("Referral received 04/10/2023 from school.")]
    [InlineData("ICPC convened 12.01.24, within 15 working days.")]
    [InlineData("Strategy discussion on 04/10/2023 included Police and health.")]
    [InlineData("Seen at A&E 17.1.24 with a bruise to the ear.")]
    [InlineData("Enquiry started on 5 January 2024.")]
    [InlineData("Skeletal survey completed 22/02/2024.")]
    [InlineData("Case closed 31/03/2023 without a step-down plan.")]
    [InlineData("Returns due by 20/03/2026.")]
    [InlineData("RCPC on 14 June 2024 agreed the plan.")]
    [InlineData("Home visit 03/05/2024: home conditions poor.")]
    [InlineData("04/10/2023 - strategy discussion held.")]
    [InlineData("Between 01/09/2023 and 31/12/2023 six appointments were missed.")]
    [InlineData("On 12/03/2024 mother rang the duty team.")]
    [InlineData("Injury noted 12 March 2019 by HV")]
    [InlineData("The new birth visit took place 10/10/2023 and both parents were seen.")]
    [InlineData("Date of birth was not recorded by the GP; referral received 12/05/2023.")]
    [InlineData("The panel met to analyse the findings on 11th April 2022")]
    [InlineData("The workshop was held on 5 June 2023.")]
    [InlineData("GP 12/03/2024: seen for a chest infection.")]
    [InlineData("IHA 03/04/2024 completed by the paediatrician.")]
    [InlineData("12/03/2024 – 14/03/2024 admitted to the children's ward.")]
    [InlineData("Ward round 12/03/2024: paediatric consultant reviewed.")]
    public void IgnoresDatesIntroducedByAnEventOrATimeWord(string text)
    {
        Assert.Empty(_scanner.Scan(text));
    }

    [Theory]
    [InlineData("August 2021")]
    [InlineData("six cases audited in March 2019")]
    [InlineData("an audit took place Jan – Mar 2022")]
    [InlineData("the audit calendar for 2021-2022")]
    [InlineData("31/02/2019 is not a real date")]
    [InlineData("date of birth was not recorded by the GP")]
    [InlineData("within 24 hours of 15 cases")]
    [InlineData("The baby was born at 34 weeks")]
    public void IgnoresMonthYearDatesYearsAndNonDates(string text)
    {
        Assert.Empty(_scanner.Scan(text));
    }

    // Year first, as some systems print a date of birth: refused after a birth label as other labelled dates are.
    [Theory]
    [InlineData("DOB 2019/05/03", "DOB 2019/05/03")]
    [InlineData("Date of birth: 2019/05/03", "Date of birth: 2019/05/03")]
    [InlineData("born 2019/05/03 at 34 weeks", "born 2019/05/03")]
    [InlineData("DOB 2019.05.03", "DOB 2019.05.03")]
    [InlineData("DOB 2019-5-3", "DOB 2019-5-3")]
    [InlineData("DOB 20190503, seen by the HV", "DOB 20190503")]
    public void RefusesALabelledDateOfBirthWrittenYearFirst(string text, string expected)
    {
        var finding = IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.DateOfBirth, expected);

        Assert.False(finding.Confirmable);
    }

    // Year first with no label, as day first: bare it may be a date of birth, so it is flagged with the same message.
    [Theory]
    [InlineData("2019/03/14", "2019/03/14")]
    [InlineData("2019.03.14", "2019.03.14")]
    [InlineData("2019-3-14", "2019-3-14")]
    [InlineData("The front sheet gave only 2019/03/14 and nothing else", "2019/03/14")]
    public void FlagsABareYearFirstDateAsADayFirstOneIs(string text, string expected)
    {
        var finding = IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.DateOfBirth, expected);

        Assert.Equal(
            $"This could be a date of birth ({expected}). If it is the date of an event, say what happened, "
            + $"for example \"seen on {expected}\".",
            finding.Message);
    }

    // Year first after an event or a time word, in a chronology line or a range, is an event's date, as day first is;
    // and a year with its academic year or two digits after it is no date.
    [Theory]
    [InlineData("on 2023-05-02 police attended")]
    [InlineData("on 2023/05/02 police attended")]
    [InlineData("Referral received 2023/05/02 from school.")]
    [InlineData("2023/05/02 - strategy discussion held.")]
    [InlineData("Between 2023/09/01 and 2023/12/31 six appointments were missed.")]
    [InlineData("Look back period: 2023.04.01 to 2024.03.31")]
    [InlineData("Returns for 2023/24 and 2024/25 were compared; version 2024.13.40 of the tool")]
    public void IgnoresYearFirstDatesOfEventsAsDayFirstOnes(string text)
    {
        Assert.Empty(_scanner.Scan(text));
    }

    // Two dates joined as a range after the label of a period bound the events audited; a single date after it may
    // still be anyone's date of birth.
    [Theory]
    [InlineData("Look back period: 01/04/2023 to 31/03/2024")]
    [InlineData("Timeframe 01/04/2023 to 31/03/2024")]
    [InlineData("Look-back period 01/04/2023 - 31/03/2024")]
    [InlineData("Scope: 01/04/2023 until 31/03/2024 for all agencies")]
    [InlineData("Audit period 01/04/2023-31/03/2024")]
    public void IgnoresARangeOfDatesAfterThePeriodsLabel(string text)
    {
        Assert.Empty(_scanner.Scan(text));
    }

    [Theory]
    [InlineData("Period: 01/04/2023", "01/04/2023")]
    [InlineData("Look back period: DOB 01/04/2023 to 31/03/2024", "DOB 01/04/2023")]
    public void StillFlagsADateAfterThePeriodsLabelThatIsNoRangeOrIsABirth(string text, string expected)
    {
        var findings = _scanner.Scan(text);

        Assert.Equal(expected, findings[0].Text);
        Assert.All(findings, f => Assert.Equal(IdentifierKind.DateOfBirth, f.Kind));
    }
}
