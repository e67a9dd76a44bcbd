using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Tests.Privacy;

/// <summary>
/// A colon or a pipe between the groups of an NHS number or a date does not hide it ("943:476:5919", "01|02|2019"), while
/// times, scores, ratios and counts written with them ("10:30", "14:05:30", "scored 3:5", "2|3 agencies") are left alone:
/// the shape of the three groups decides.
/// </summary>
public sealed class IdentifierScannerColonsAndPipes
{
    private readonly IdentifierScanner _scanner = new();

    [Theory]
    [InlineData("NHS number 943:476:5919 on file", IdentifierKind.NhsNumber, "943:476:5919")]
    [InlineData("NHS number 943|476|5919 on file", IdentifierKind.NhsNumber, "943|476|5919")]
    [InlineData("NHS number 943 : 476 : 5919 on file", IdentifierKind.NhsNumber, "943 : 476 : 5919")]
    [InlineData("NHS number 943 | 476 | 5919 on file", IdentifierKind.NhsNumber, "943 | 476 | 5919")]
    [InlineData("The GP letter quotes 943:476:5919 for her", IdentifierKind.NhsNumber, "943:476:5919")]
    [InlineData("Copied from the table: |943|476|5919|", IdentifierKind.NhsNumber, "943|476|5919")]
    [InlineData("NHS number 943\u2236476\u22365919 on file", IdentifierKind.NhsNumber, "943\u2236476\u22365919")]
    [InlineData("NHS number 943\uFF1A476\uFF1A5919 on file", IdentifierKind.NhsNumber, "943\uFF1A476\uFF1A5919")]
    [InlineData("NHS number 943\uFF5C476\uFF5C5919 on file", IdentifierKind.NhsNumber, "943\uFF5C476\uFF5C5919")]
    [InlineData("NHS number 943\u00A6476\u00A65919 on file", IdentifierKind.NhsNumber, "943\u00A6476\u00A65919")]
    [InlineData("NHS number 943:\u200B476:5919 on file", IdentifierKind.NhsNumber, "943:\u200B476:5919")]
    [InlineData("Tyler, 01:02:2019, was not seen", IdentifierKind.DateOfBirth, "01:02:2019")]
    [InlineData("Tyler, 1|2|2019, was not seen", IdentifierKind.DateOfBirth, "1|2|2019")]
    [InlineData("Seen with DOB 01|02|2019 on the form", IdentifierKind.DateOfBirth, "DOB 01|02|2019")]
    [InlineData("Seen with DOB:01:02:2019 on the form", IdentifierKind.DateOfBirth, "DOB:01:02:2019")]
    [InlineData("Seen with DOB: 01:02:2019 on the form", IdentifierKind.DateOfBirth, "DOB: 01:02:2019")]
    [InlineData("The front sheet gave only: 01|02|2019", IdentifierKind.DateOfBirth, "01|02|2019")]
    [InlineData("Seen with DOB 2019:02:01 on the form", IdentifierKind.DateOfBirth, "DOB 2019:02:01")]
    [InlineData("Seen with DOB 01:02:19 on the form", IdentifierKind.DateOfBirth, "DOB 01:02:19")]
    [InlineData("Seen with DOB 1|2|19 on the form", IdentifierKind.DateOfBirth, "DOB 1|2|19")]
    [InlineData("The front sheet gave only 01:02:2019", IdentifierKind.DateOfBirth, "01:02:2019")]
    [InlineData("The front sheet gave only 01|02|2019", IdentifierKind.DateOfBirth, "01|02|2019")]
    [InlineData("The front sheet gave only 25:12:19", IdentifierKind.DateOfBirth, "25:12:19")]
    [InlineData("The front sheet gave only 01|02|19", IdentifierKind.DateOfBirth, "01|02|19")]
    [InlineData("The front sheet gave only 01\uFF1A02\uFF1A2019", IdentifierKind.DateOfBirth, "01\uFF1A02\uFF1A2019")]
    public void FlagsNhsNumbersAndDatesSplitByColonsOrPipes(string text, IdentifierKind kind, string expected)
    {
        IdentifierFindings.AssertSingle(_scanner, text, kind, expected);
    }

    [Theory]
    [InlineData("Seen at 10:30 and again 10:30-11:15 by the health visitor")]
    [InlineData("The call was logged at 14:05:30 and ended at 14:20:02")]
    [InlineData("The system logged the call at 01:02:19 overnight")]
    [InlineData("The meeting ran 09:30:00 to 11:15:00 with a break")]
    [InlineData("She scored 3:5 on the first tool and 4:5 on the second")]
    [InlineData("A 1:1 session was offered; 2|3 agencies attended")]
    [InlineData("Ratios were 1:2:3 and 3:4:12 across the cases")]
    [InlineData("Scores 3|4|12 and 2|5|10 were recorded")]
    [InlineData("Grades by agency |12|03|19| and | 3 | 4 | 12 | in the table")]
    [InlineData("Refs 2023:045:1234 and 12:30:2019 in the log")]
    [InlineData("Timings 10:30:45:12 on the recording")]
    [InlineData("Ref 943:476:5918 on file")]
    [InlineData("NHS number 943|476|59190 on file")]
    [InlineData("Written as 01:02|2019 in the file")]
    [InlineData("Seen on 01:02:2019 at home by the social worker")]
    [InlineData("Strategy discussion held on 01|02|2019 with police")]
    public void LeavesTimesScoresAndNearMissesAlone(string text)
    {
        Assert.Empty(_scanner.Scan(text));
    }
}
