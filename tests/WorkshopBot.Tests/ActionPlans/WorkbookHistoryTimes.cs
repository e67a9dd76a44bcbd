using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Common;
using X = DocumentFormat.OpenXml.Spreadsheet;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// The History sheet of the action-plan workbook says when each thing happened to the minute, on England's clock (GMT in
/// winter, BST in summer) as its header says, so two updates on one day can be told apart and read in the sub-group's time.
/// </summary>
public sealed class WorkbookHistoryTimes
{
    private static readonly PersonRef Chair = new("chair-1", "Casey Chair") { TenantId = "tenant-1" };
    private static readonly PersonRef Lead = new("lead-1", "Lee Lead") { TenantId = "tenant-1" };

    [Fact]
    public void HistorySaysTheDateAndTimeOnEnglandsClockAndNamesItInTheHeader()
    {
        var created = new DateTimeOffset(2026, 1, 12, 9, 0, 0, TimeSpan.Zero);
        var action = PlannedAction.Create(Guid.NewGuid(), "tenant-1", Guid.NewGuid(), "Audit", 1,
            new ActionDraft("Do it", "Police", new ActionLead(Lead, null), new DateOnly(2026, 9, 1), "Measure", [], null), Chair,
            created).ValueOrThrow();
        // Winter (GMT): 14:05 UTC is 14:05 in England. Summer (BST): 09:30 and 16:45 UTC, one day, are 10:30 and 17:45.
        Assert.True(action.RecordProgress(Lead, ActionRag.Amber, "Started", false, new(2026, 1, 14, 14, 5, 0, TimeSpan.Zero)).Succeeded);
        Assert.True(action.RecordProgress(Lead, ActionRag.Green, "Halfway", false, new(2026, 6, 3, 9, 30, 0, TimeSpan.Zero)).Succeeded);
        Assert.True(action.RecordProgress(Lead, ActionRag.Green, "Nearly", false, new(2026, 6, 3, 16, 45, 0, TimeSpan.Zero)).Succeeded);

        var history = History(ActionPlanXlsx.Render([action], new DateOnly(2026, 6, 4), a => a.Recommendation));

        Assert.Equal("When (England time, GMT/BST)", history[0].Text);
        Assert.Equal(
        [
            (new DateTime(2026, 1, 14, 14, 5, 0), true),
            (new DateTime(2026, 6, 3, 10, 30, 0), true),
            (new DateTime(2026, 6, 3, 17, 45, 0), true),
        ], history.Skip(1).Select(c => (DateTime.FromOADate(double.Parse(c.Text, CultureInfo.InvariantCulture)), c.ShowsTime)));
    }

    /// <summary>The When column of the History sheet: each cell's text and whether its format shows a time of day.</summary>
    private static List<(string Text, bool ShowsTime)> History(byte[] workbook)
    {
        using var stream = new MemoryStream(workbook);
        using var document = SpreadsheetDocument.Open(stream, false);
        var part = document.WorkbookPart!;
        var sheet = part.Workbook.Sheets!.Elements<X.Sheet>().Single(s => s.Name == "History");
        var formats = part.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<X.CellFormat>().ToList();
        return ((WorksheetPart)part.GetPartById(sheet.Id!.Value!)).Worksheet.Descendants<X.Row>()
            .Select(r => r.Elements<X.Cell>().ElementAt(2))
            .Select(c => (c.InlineString?.InnerText ?? c.CellValue?.Text ?? "",
                // Built-in 22 is the reader's date with h:mm; 14, a date alone.
                formats[(int)(c.StyleIndex?.Value ?? 0)].NumberFormatId?.Value == 22))
            .ToList();
    }
}
