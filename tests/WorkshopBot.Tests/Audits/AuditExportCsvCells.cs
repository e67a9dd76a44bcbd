using WorkshopBot.Audits.Storage;
using static WorkshopBot.Tests.Audits.AuditFixtures;

namespace WorkshopBot.Tests.Audits;

/// <summary>The audit CSV's cells open in a spreadsheet as they were meant.</summary>
public sealed class AuditExportCsvCells
{
    /// <summary>
    /// "1.10" in a CSV cell is the number 1.1 to Excel, so question 1.10 looked like question 1.1. The question_number column
    /// holds text a spreadsheet keeps as text ("Q01.10"), whose two-digit parts sort 1.2 before 1.10.
    /// </summary>
    [Fact]
    public void QuestionNumbersStayTextAndSortInOrder()
    {
        var ret = CompletedReturn(IssuedAudit());
        Ok(ret.Submit(ret.Version, SocialCareRep, Now));

        var rows = AuditExportFiles.ToCsv([ret]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        var column = rows[0].Split(',').ToList().IndexOf("question_number");
        Assert.Equal(6, column);
        var numbers = rows.Skip(1).Select(r => r.Split("\",\"")[column]).ToList();
        Assert.Equal("Q01.01", numbers[0]);
        Assert.All(numbers, n => Assert.Matches("^Q[0-9]{2}\\.[0-9]{2}$", n));
        Assert.Equal(numbers, numbers.Order(StringComparer.Ordinal));
        Assert.Equal("Q01.10", AuditExportFiles.QuestionNumber(1, 10));
        Assert.True(string.CompareOrdinal(AuditExportFiles.QuestionNumber(1, 2), AuditExportFiles.QuestionNumber(1, 10)) < 0);
    }
}
