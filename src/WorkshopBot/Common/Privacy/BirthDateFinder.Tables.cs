using System.Globalization;
using System.Text.RegularExpressions;

namespace WorkshopBot.Common.Privacy;

/// <summary>
/// Dates of birth in a table (see <see cref="PipeTable"/>). A pipe between digits with another pipe before or after
/// them is a table's border, so "|12|10|15|" is no date (see FoldedText.Groups); a day, a month and a year in three
/// cells of a row are a date of birth only when a birth label anchors them: the nearest cell before them in the row
/// ("DOB|01|02|2019", "| D.O.B. | 1 | 2 | 19 |"), the header cell over the first of them ("| Name | DOB |" over
/// "| Baby | 01 | 02 | 2019 |") or the table's caption ("Date of birth" over "| Day | Month | Year |"); or when the
/// nearest cell before them names a person ("| Baby | 01 | 02 | 2019 |", "| Child A | 3 | 4 | 21 |"), as a full date
/// right after a person does in a sentence (see DateContext.IsPersonCell: "| Q1 | 12 | 10 | 15 |" is a row of counts).
/// A full date in one cell under a birth header ("| Name | DOB |" over "| Baby | 01/02/2019 |") is labelled too. As
/// elsewhere, an event word after the label in its cell, or before the date in the date's cell, makes it an event:
/// "| Seen | 01 | 02 | 2019 |" and "| Score | 3 | 5 | 2019 |" are not dates of birth.
/// </summary>
internal static partial class BirthDateFinder
{
    // A day, a month and a year in cells: one or two digits, one or two, then two or four; or a year first (4, 2, 2).
    private const int MaxDayDigits = 2;

    /// <summary>
    /// The dates split over three cells of a row that a birth label or a person anchors: (start of the first, end of the
    /// last, true when a birth label does).
    /// </summary>
    private static IEnumerable<(int Start, int End, bool Labelled)> SplitOverCells(string text, PipeTable table,
        Func<int, int, bool> isLabel, Func<int, int, bool> isPerson)
    {
        foreach (var row in table.Rows)
        {
            var cells = row.Cells;
            for (var c = 0; c + 2 < cells.Count; c++)
            {
                if (!IsDateOverCells(text, cells[c], cells[c + 1], cells[c + 2]))
                {
                    continue;
                }

                var before = NearestCellBefore(cells, c);
                var labelled = (before is { } b && isLabel(b.Start, b.End)) || table.IsHeaderLabel(row, c) || table.IsCaptionLabel(row);
                if (labelled || (before is { } p && isPerson(p.Start, p.End)))
                {
                    yield return (cells[c].Start, cells[c + 2].End, labelled);
                    c += 2;
                }
            }
        }
    }

    /// <summary>
    /// True when the full date at [<paramref name="start"/>, <paramref name="end"/>) fills a cell, or ends one, under a
    /// header cell that is a birth label, with no event word before it in its cell.
    /// </summary>
    private static bool IsUnderBirthHeader(IReadOnlyList<TextWord> words, PipeTable table, int start, int end)
    {
        if (table.RowAt(start) is not { } row || PipeTable.ColumnAt(row, start) is not { } c || row.Cells[c].End < end)
        {
            return false;
        }

        // Bounded as the clause is, so a cell holding many dates is not read back over for each of them.
        var from = Math.Max(row.Cells[c].Start, start - LookBack);
        return table.IsHeaderLabel(row, c) && EventWords.LastEventEnd(words, from, start) < 0;
    }

    /// <summary>
    /// True when [<paramref name="from"/>, <paramref name="to"/>) holds a birth label (DOB, D.O.B., date of birth, birth
    /// date, birthday, born) with no event word after it: "Date of birth", "DOB (GP record)", not "Born here; seen".
    /// </summary>
    private static bool IsTableLabel(string text, IReadOnlyList<TextWord> words, int from, int to)
    {
        var last = LastMatchEnd(TableLabelPattern(), text[from..to]);
        return last >= 0 && from + last >= EventWords.LastEventEnd(words, from, to);
    }

    // The nearest cell before cells[c] that holds anything (a label, a person, or neither: a cell of digits is neither).
    private static (int Start, int End)? NearestCellBefore(IReadOnlyList<(int Start, int End)> cells, int c)
    {
        for (var p = c - 1; p >= 0; p--)
        {
            if (cells[p].End > cells[p].Start)
            {
                return cells[p];
            }
        }

        return null;
    }

    private static bool IsDateOverCells(string text, (int Start, int End) a, (int Start, int End) b, (int Start, int End) c)
    {
        if (Digits(text, a) is not { } first || Digits(text, b) is not { } second || Digits(text, c) is not { } third)
        {
            return false;
        }

        var (la, lb, lc) = (a.End - a.Start, b.End - b.Start, c.End - c.Start);
        if (la == 4 && lb == 2 && lc == 2)
        {
            return IsRealDate(third, second, first);
        }

        return la <= MaxDayDigits && lb <= MaxDayDigits && lc is 2 or 4 && IsRealDate(first, second, third);
    }

    // The number a cell holds when it is one to four digits and nothing else.
    private static int? Digits(string text, (int Start, int End) cell)
    {
        var length = cell.End - cell.Start;
        if (length is < 1 or > 4)
        {
            return null;
        }

        var span = text.AsSpan(cell.Start, length);
        return span.ContainsAnyExceptInRange('0', '9') ? null
            : int.Parse(span, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    // What LabelledBirthDatePattern takes as a label; "birth" alone ("Birth weight") and "delivered" are not labels here.
    [GeneratedRegex(@"\b(?:d\.?\s?o\.?\s?b\b|date\s+of\s+birth|birth\s*date|birthday|born)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, RegexTimeoutMs)]
    private static partial Regex TableLabelPattern();
}
