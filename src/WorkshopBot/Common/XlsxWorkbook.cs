using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace WorkshopBot.Common;

/// <summary>
/// A small XLSX writer for the sub-group's papers: sheets of a header row (bold, frozen, filtered) and rows of text,
/// whole numbers, dates and dates with a time of day. Text that a spreadsheet would read as a formula is kept as text (inline strings never
/// evaluate). A character XML cannot carry (a control character, U+FFFE, a lone surrogate) is left out: people's names
/// come from Teams as they are, not through the bot's text checks, and one such character would fail the whole workbook.
/// A text longer than a cell holds (<see cref="MaxCellLength"/>) is cut, and ends with <see cref="CutMarker"/> so the
/// reader sees that it was.
/// </summary>
public sealed class XlsxWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The most characters Excel keeps in a cell; a longer text makes it report the file as damaged.</summary>
    public const int MaxCellLength = 32_767;

    /// <summary>The end of a text cut to fit its cell.</summary>
    public const string CutMarker = "…";

    /// <summary>The widest a column is made, in characters; a narrower header or text makes it narrower.</summary>
    private const int MaxColumnWidth = 60;

    private readonly List<(string Name, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<object?>> Rows)> _sheets = [];

    /// <summary>
    /// Adds a sheet; cells are string, int, double, DateOnly, DateTime or null. A DateTime is a date and time of day as the
    /// reader is to see it (the caller has put it in the time zone its header names; it is written as it is, with no zone),
    /// shown in the reader's date format with hours and minutes.
    /// </summary>
    public XlsxWorkbook Sheet(string name, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        _sheets.Add((SheetName(name), headers, rows.ToList()));
        return this;
    }

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            uint id = 1;
            foreach (var (name, headers, rows) in _sheets)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                part.Worksheet = Worksheet(headers, rows);
                sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id++, Name = name });
            }

            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }

    private static Worksheet Worksheet(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<object?>> rows)
    {
        var data = new SheetData();
        data.Append(Row(1, headers.Cast<object?>().ToList(), header: true));
        for (var i = 0; i < rows.Count; i++)
        {
            data.Append(Row((uint)i + 2, rows[i], header: false));
        }

        // A header longer than the widest column sets no minimum beyond it (Math.Clamp throws when min > max).
        var widths = headers.Select((h, c) => Math.Clamp(
            rows.Select(r => c < r.Count ? Text(r[c]).Length : 0).DefaultIfEmpty(0).Max() + 2,
            Math.Min(h.Length + 4, MaxColumnWidth), MaxColumnWidth)).ToList();
        var columns = new Columns(widths.Select((w, c) =>
            new Column { Min = (uint)c + 1, Max = (uint)c + 1, Width = w, CustomWidth = true }));
        var last = Reference(headers.Count - 1, rows.Count + 1);
        return new Worksheet(
            new SheetViews(new SheetView(new Pane
            {
                VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
            }) { WorkbookViewId = 0 }),
            columns,
            data,
            new AutoFilter { Reference = $"A1:{last}" });
    }

    private static Row Row(uint index, IReadOnlyList<object?> values, bool header)
    {
        var row = new Row { RowIndex = index };
        for (var c = 0; c < values.Count; c++)
        {
            row.Append(Cell(Reference(c, (int)index), values[c], header));
        }

        return row;
    }

    private static Cell Cell(string reference, object? value, bool header) => value switch
    {
        int n => new Cell { CellReference = reference, CellValue = new CellValue(n), DataType = CellValues.Number },
        double d => new Cell { CellReference = reference, CellValue = new CellValue(d), DataType = CellValues.Number },
        DateOnly day => new Cell
        {
            CellReference = reference, CellValue = new CellValue(day.ToDateTime(TimeOnly.MinValue).ToOADate()), StyleIndex = 2,
        },
        DateTime clock => new Cell { CellReference = reference, CellValue = new CellValue(clock.ToOADate()), StyleIndex = 3 },
        _ => new Cell
        {
            CellReference = reference, DataType = CellValues.InlineString, StyleIndex = header ? 1U : 0U,
            InlineString = new InlineString(new Text(Fitted(XmlText(Text(value)))) { Space = SpaceProcessingModeValues.Preserve }),
        },
    };

    private static string Text(object? value) => value switch
    {
        null => string.Empty,
        DateOnly day => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        DateTime clock => clock.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>The text whole when a cell holds it; else cut at a whole character, with <see cref="CutMarker"/> at its end.</summary>
    internal static string Fitted(string text) =>
        text.Length <= MaxCellLength ? text : TextCut.Prefix(text, MaxCellLength - CutMarker.Length) + CutMarker;

    private static string XmlText(string text)
    {
        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                kept.Append(text, i++, 2);
            }
            else if (XmlConvert.IsXmlChar(text[i]))
            {
                kept.Append(text[i]);
            }
        }

        return kept.Length == text.Length ? text : kept.ToString();
    }

    private static string Reference(int column, int row)
    {
        var name = string.Empty;
        for (var c = column + 1; c > 0; c = (c - 1) / 26)
        {
            name = (char)('A' + ((c - 1) % 26)) + name;
        }

        return name + row.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    // Excel allows 31 characters and none of : \ / ? * [ ].
    private static string SheetName(string name)
    {
        var clean = new string(name.Select(ch => ":\\/?*[]".Contains(ch, StringComparison.Ordinal) ? '-' : ch).ToArray()).Trim();
        return TextCut.Prefix(clean, 31);
    }

    private static Stylesheet Stylesheet() => new(
        new Fonts(new Font(), new Font(new Bold())),
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
        new Borders(new Border()),
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true },
            // Built-in format 22: the reader's short date with hours and minutes, as 14 is their short date.
            new CellFormat { NumberFormatId = 22, ApplyNumberFormat = true }));
}
