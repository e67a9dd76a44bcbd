using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Tests.Privacy;

/// <summary>
/// A date of birth or an NHS number pasted in a table ("| DOB | 01 | 02 | 2019 |", "| Name | DOB |" over "| Baby |
/// 01/02/2019 |") is flagged and cannot be confirmed, while score tables, counts and event dates in tables ("|12|10|15|",
/// "| Score | 3 | 5 | 2019 |", "| Seen | 01 | 02 | 2019 |") stay free of alarms: a birth label in the row, in the
/// header over the date or in the table's caption decides.
/// </summary>
public sealed class IdentifierScannerPipeTables
{
    private readonly IdentifierScanner _scanner = new();

    [Theory]
    [InlineData("DOB|01|02|2019", IdentifierKind.DateOfBirth, "01|02|2019")]
    [InlineData("| DOB | 01 | 02 | 2019 |", IdentifierKind.DateOfBirth, "01 | 02 | 2019")]
    [InlineData("|Date of birth|01|02|2019|", IdentifierKind.DateOfBirth, "01|02|2019")]
    [InlineData("| D.O.B. | 1 | 2 | 19 |", IdentifierKind.DateOfBirth, "1 | 2 | 19")]
    [InlineData("| DOB | 3 | 4 | 12 |", IdentifierKind.DateOfBirth, "3 | 4 | 12")]
    [InlineData("| Born | 2019 | 02 | 01 |", IdentifierKind.DateOfBirth, "2019 | 02 | 01")]
    [InlineData("| Child A | DOB | 01 | 02 | 2019 | open |", IdentifierKind.DateOfBirth, "01 | 02 | 2019")]
    [InlineData("| **DOB** | 01 | 02 | 2019 |", IdentifierKind.DateOfBirth, "01 | 02 | 2019")]
    [InlineData("| DOB | 01 ｜ 02 ｜ 2019 |", IdentifierKind.DateOfBirth, "01 ｜ 02 ｜ 2019")]
    [InlineData("| NHS no | 943 | 476 | 5919 |", IdentifierKind.NhsNumber, "943 | 476 | 5919")]
    [InlineData("|NHS number|943|476|5919|", IdentifierKind.NhsNumber, "943|476|5919")]
    [InlineData("| Name | DOB |\n| Baby | 01/02/2019 |", IdentifierKind.DateOfBirth, "01/02/2019")]
    [InlineData("| Name | DOB |\n|---|:---:|\n| Baby | 01/02/2019 |", IdentifierKind.DateOfBirth, "01/02/2019")]
    [InlineData("| Name | Date of birth |\n| --- | --- |\n| Baby | 1 Feb 2019 |", IdentifierKind.DateOfBirth, "1 Feb 2019")]
    [InlineData("| Name | DOB |\n|---|---|\n| Baby | 01 | 02 | 2019 |", IdentifierKind.DateOfBirth, "01 | 02 | 2019")]
    [InlineData("Date of birth\n| Day | Month | Year |\n|---|---|---|\n| 01 | 02 | 2019 |", IdentifierKind.DateOfBirth,
        "01 | 02 | 2019")]
    [InlineData("**DOB:**\n\n| Day | Month | Year |\n| 1 | 2 | 19 |", IdentifierKind.DateOfBirth, "1 | 2 | 19")]
    [InlineData("| DOB | | |\n| Day | Month | Year |\n| 01 | 02 | 2019 |", IdentifierKind.DateOfBirth, "01 | 02 | 2019")]
    [InlineData("| NHS number |\n|---|\n| 943 | 476 | 5919 |", IdentifierKind.NhsNumber, "943 | 476 | 5919")]
    // Pasted from Excel or Word: a tab between the cells.
    [InlineData("Name\tDOB\nBaby C\t01/02/2019", IdentifierKind.DateOfBirth, "01/02/2019")]
    [InlineData("Name\tDate of birth\tSeen\nBaby\t1 Feb 2019\tyes", IdentifierKind.DateOfBirth, "1 Feb 2019")]
    public void FlagsDatesOfBirthAndNhsNumbersInTables(string text, IdentifierKind kind, string expected)
    {
        var finding = IdentifierFindings.AssertSingle(_scanner, text, kind, expected);

        // Labelled by the table, so it cannot be confirmed, as "DOB 01/02/2019" cannot.
        Assert.False(finding.Confirmable);
    }

    [Theory]
    [InlineData("|12|10|15|")]
    [InlineData("| Q1 | 12 | 10 | 15 |")]
    [InlineData("| Score | 3 | 5 | 2019 |")]
    [InlineData("| Visits | 12 | 03 | 19 |")]
    [InlineData("| Seen | 01 | 02 | 2019 |")]
    [InlineData("| Police | 2 | 3 | 1 |")]
    [InlineData("| Agency | Q1 | Q2 | Q3 |\n|---|---|---|---|\n| Police | 2 | 3 | 1 |\n| Health | 12 | 10 | 15 |")]
    [InlineData("Agency\tQ1\tQ2\tQ3\nPolice\t2\t3\t1\nHealth\t12\t10\t15")]
    [InlineData("\tThe strategy discussion was held the same day.\n\tThe medical followed within 24 hours.")]
    [InlineData("Seen on\t12/03/2019 by the GP")]
    [InlineData("Strategy discussion\t04/10/2023\nICPC\t18/10/2023")]
    [InlineData("Date\tEvent\n04/10/2023\tStrategy discussion held\n18/10/2023\tICPC")]
    [InlineData("| NHS no | 943 | 476 | 5918 |")]
    [InlineData("|NHS number|943|476|5918|")]
    [InlineData("| DOB known | Seen | 01 | 02 | 2019 |")]
    [InlineData("| DOB | 31 | 02 | 2019 |")]
    [InlineData("| Birth weight | 3 | 4 | 19 |")]
    [InlineData("Dates of visits\n| Day | Month | Year |\n|---|---|---|\n| 01 | 02 | 2019 |")]
    [InlineData("Date of birth\n\n\n| Day | Month | Year |\n| 01 | 02 | 2019 |")]
    [InlineData("| Date seen | Day | Month | Year |\n| ICPC | 01 | 02 | 2019 |")]
    [InlineData("She was born in Leeds and moved with her mother to the county the following spring.\n"
        + "| Agency | Q1 | Q2 | Q3 |\n| Police | 12 | 10 | 15 |")]
    [InlineData("| Event | DOB |\n|---|---|\n| Visit | seen 01/02/2019 |")]
    public void LeavesScoreTablesCountsAndEventDatesAlone(string text)
    {
        Assert.Empty(_scanner.Scan(text));
    }

    [Theory]
    [InlineData("| Baby | 01 | 02 | 2019 |", "01 | 02 | 2019")]
    [InlineData("| Child A | 3 | 4 | 21 | open |", "3 | 4 | 21")]
    [InlineData("Sibling 2|12|05|2020", "12|05|2020")]
    [InlineData("| Mother | | 21 | 09 | 1995 |", "21 | 09 | 1995")]
    [InlineData("| Tyler | 2016 | 08 | 17 |", "2016 | 08 | 17")]
    [InlineData("| Agency | Q1 | Q2 | Q3 |\n|---|---|---|---|\n| Baby | 12 | 10 | 15 |", "12 | 10 | 15")]
    public void FlagsADateSplitOverCellsRightAfterAPerson(string text, string expected)
    {
        // As "Baby C (3.4.24)" in a sentence: a person before the date, no birth label, so it may be confirmed.
        var finding = IdentifierFindings.AssertSingle(_scanner, text,
            IdentifierKind.DateOfBirth, expected);

        Assert.True(finding.Confirmable);
    }

    [Theory]
    [InlineData("| Parents | 12 | 10 | 15 |")]
    [InlineData("| Agency | Q1 | Q2 | Q3 |\n|---|---|---|---|\n| Children | 12 | 10 | 15 |\n| Carers | 2 | 3 | 11 |")]
    [InlineData("| C2 | 12 | 10 | 15 |")]
    [InlineData("| Mother seen | 01 | 02 | 2019 |")]
    [InlineData("| Baby | Seen | 01 | 02 | 2019 |")]
    [InlineData("| Baby's visits | 12 | 10 | 15 |")]
    public void LeavesCountsAfterGroupsCodesAndEventsAlone(string text)
    {
        Assert.Empty(_scanner.Scan(text));
    }

    [Fact]
    public void EveryRowUnderABirthHeaderIsLabelled()
    {
        const string Table = "| Name | DOB | Seen |\n|---|---|---|\n| Child A | 01/02/2019 | yes |\n| Child B | 03 | 04 | 2020 |";

        var findings = _scanner.Scan(Table);

        Assert.Equal(["01/02/2019", "03 | 04 | 2020"], findings.Select(f => f.Text));
        Assert.All(findings, f => Assert.Equal((IdentifierKind.DateOfBirth, false), (f.Kind, f.Confirmable)));
    }

    [Fact]
    public void ADateUnderAnotherHeaderIsReadAsBefore()
    {
        // "Seen" heads its column: the date is bare, as "12/03/2024" on its own is, and may be confirmed.
        var finding = IdentifierFindings.AssertSingle(_scanner, "| Name | Seen |\n| Baby | 12/03/2024 |",
            IdentifierKind.DateOfBirth, "12/03/2024");

        Assert.True(finding.Confirmable);
    }

    // A column headed "Name" or "Child name" holds names, as a column headed "DOB" holds dates of birth.
    [Theory]
    [InlineData("Name\tAge\nJayden\t7", new[] { "Jayden" })]
    [InlineData("Child name\tAge\tAgency\nAyesha\t4\tSchool", new[] { "Ayesha" })]
    [InlineData("| Name | Age |\n|---|---|\n| Ayesha | 4 |", new[] { "Ayesha" })]
    [InlineData("Name\tAge\nJayden\t7\nTyler\t5", new[] { "Jayden", "Tyler" })]
    [InlineData("| Child's name | Grade |\n| Kacper Nowak | Good |", new[] { "Kacper Nowak" })]
    public void FlagsTheCellsUnderANameHeaderAsNames(string text, string[] expected)
    {
        var findings = _scanner.Scan(text);

        Assert.Equal(expected, findings.Select(f => f.Text));
        Assert.All(findings, f => Assert.Equal(IdentifierKind.PersonName, f.Kind));
    }

    // A tab ends a cue: "Child" heading a column does not introduce the header beside it. Pseudonyms and relations
    // under "Name", and the cells under "Agency name", are no names.
    [Theory]
    [InlineData("Child\tAge\tGrade\nC1\t4\tGood\nC2\t2\tInadequate")]
    [InlineData("Child\tAge\nC1\t4")]
    [InlineData("Baby\tAge\nC1\t3 months")]
    [InlineData("Child\tGender\nC1\tF")]
    [InlineData("Name\tAge\nC1\t4\nChild A\t3\nBaby\t1")]
    [InlineData("| Name | Age |\n|---|---|\n| C1 | 4 |")]
    [InlineData("Agency name\tGrade\nPolice\tGood\nHealth\tRequires improvement")]
    public void LeavesHeadersPseudonymsAndAgenciesInTablesAlone(string text)
    {
        Assert.Empty(_scanner.Scan(text));
    }

    [Fact]
    public void StillReadsANameAfterARelationAcrossATab()
    {
        IdentifierFindings.AssertSingle(_scanner, "Mother\tAisha", IdentifierKind.PersonName, "Aisha");
    }
}
