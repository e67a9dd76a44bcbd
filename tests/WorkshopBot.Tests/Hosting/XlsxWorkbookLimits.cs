using DocumentFormat.OpenXml.Packaging;
using WorkshopBot.Common;
using X = DocumentFormat.OpenXml.Spreadsheet;

namespace WorkshopBot.Tests.Hosting;

/// <summary>The workbook writer within Excel's limits, whatever its headers and text.</summary>
public sealed class XlsxWorkbookLimits
{
    /// <summary>A header over 56 characters once made the column width's minimum exceed its maximum, and the export a 500.</summary>
    [Fact]
    public void ALongHeaderGivesTheWidestColumnNotAnError()
    {
        var header = new string('H', 70);

        var bytes = new XlsxWorkbook().Sheet("Sheet", [header, "Short"], [["text", "x"]]).ToBytes();

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var widths = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<X.Column>()
            .Select(c => c.Width!.Value).ToList();
        Assert.Equal([60d, 9d], widths);
    }

    /// <summary>
    /// Excel keeps at most 32,767 characters in a cell and reports a file with more as damaged: a longer text is cut, and
    /// its end says so.
    /// </summary>
    [Fact]
    public void TextLongerThanACellHoldsIsCutWithAMarker()
    {
        var longText = string.Concat(Enumerable.Repeat("Notes from the strategy meeting. ", 2_000));

        var bytes = new XlsxWorkbook().Sheet("Sheet", ["Text"], [[longText], ["short"]]).ToBytes();

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var cells = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<X.Cell>()
            .Select(c => c.InlineString!.InnerText).ToList();
        Assert.Equal(XlsxWorkbook.MaxCellLength, cells[1].Length);
        Assert.EndsWith(XlsxWorkbook.CutMarker, cells[1], StringComparison.Ordinal);
        Assert.StartsWith(longText[..1000], cells[1], StringComparison.Ordinal);
        Assert.Equal("short", cells[2]);
    }
}
