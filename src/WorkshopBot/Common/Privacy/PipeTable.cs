namespace WorkshopBot.Common.Privacy;

/// <summary>
/// The lines of a text that a pipe or a tab splits into cells, as in a table pasted from a spreadsheet or written in
/// Markdown ("DOB|01|02|2019", "| Name | DOB |" over "| Baby | 01/02/2019 |", "Name\tDOB" over "Baby C\t01/02/2019").
/// Split lines that follow each other are one table: its first line is its header, a Markdown delimiter line
/// ("|---|:--:|") is skipped, and the nearest line of text right above it (past one blank line at most), when short, is
/// its caption. A pipe at the start or end of a line opens or closes the row, so "| Name | DOB |" and "Name | DOB" have
/// the same two cells. Whether a header cell or a caption is a label is asked once for each, when the text is read; the
/// text is read once, line by line, so it stays linear.
/// </summary>
internal sealed class PipeTable
{
    // A caption is a short line ("Date of birth", "**DOB:**"); a paragraph that mentions a birth labels no table after it.
    private const int MaxCaptionLength = 80;

    private readonly List<PipeRow> _rows;
    private readonly List<Block> _blocks;

    private PipeTable(List<PipeRow> rows, List<Block> blocks)
    {
        _rows = rows;
        _blocks = blocks;
    }

    /// <summary>The rows, in the order of the text; a delimiter line is none.</summary>
    public IReadOnlyList<PipeRow> Rows => _rows;

    /// <summary>
    /// Reads the tables in <paramref name="text"/>; <paramref name="isLabel"/> says whether the text between two indices
    /// (a header cell or a caption) is a label, and is asked once for each.
    /// </summary>
    public static PipeTable Read(string text, Func<int, int, bool> isLabel)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(isLabel);
        var (rows, blocks) = (new List<PipeRow>(), new List<Block>());
        if (!text.Any(IsCellSeparator))
        {
            return new PipeTable(rows, blocks);
        }

        var (inTable, caption, blanks) = (false, ((int Start, int End)?)null, 0);
        for (var lineStart = 0; lineStart <= text.Length;)
        {
            var lineEnd = text.IndexOf('\n', lineStart);
            lineEnd = lineEnd < 0 ? text.Length : lineEnd;
            var cells = Cells(text, lineStart, lineEnd);
            if (cells is null)
            {
                inTable = false;
                var blank = string.IsNullOrWhiteSpace(text[lineStart..lineEnd]);
                (caption, blanks) = blank ? (caption, blanks + 1) : ((lineStart, lineEnd), 0);
            }
            else if (!IsDelimiterRow(text, cells))
            {
                if (!inTable)
                {
                    var captioned = caption is { } c && blanks <= 1 && c.End - c.Start <= MaxCaptionLength && isLabel(c.Start, c.End);
                    var header = cells.Select(cell => cell.End > cell.Start && isLabel(cell.Start, cell.End)).ToArray();
                    blocks.Add(new Block(rows.Count, header, captioned));
                    (inTable, caption) = (true, null);
                }

                rows.Add(new PipeRow(lineStart, lineEnd, cells, blocks.Count - 1));
            }

            lineStart = lineEnd + 1;
        }

        return new PipeTable(rows, blocks);
    }

    /// <summary>The row holding <paramref name="index"/>, or null.</summary>
    public PipeRow? RowAt(int index)
    {
        var (lo, hi) = (0, _rows.Count - 1);
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            var row = _rows[mid];
            if (index < row.Start)
            {
                hi = mid - 1;
            }
            else if (index > row.End)
            {
                lo = mid + 1;
            }
            else
            {
                return row;
            }
        }

        return null;
    }

    /// <summary>The column of <paramref name="row"/> whose cell holds <paramref name="index"/>, or null.</summary>
    public static int? ColumnAt(PipeRow row, int index)
    {
        ArgumentNullException.ThrowIfNull(row);
        var (lo, hi, found) = (0, row.Cells.Count - 1, -1);
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (row.Cells[mid].Start <= index)
            {
                (found, lo) = (mid, mid + 1);
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found >= 0 && index < row.Cells[found].End ? found : null;
    }

    /// <summary>
    /// True when the header of the row's table labels <paramref name="column"/>; a header labels no column of its own row.
    /// </summary>
    public bool IsHeaderLabel(PipeRow row, int column)
    {
        ArgumentNullException.ThrowIfNull(row);
        var block = _blocks[row.Block];
        return !ReferenceEquals(_rows[block.FirstRow], row) && column < block.Header.Length && block.Header[column];
    }

    /// <summary>True when the caption of the row's table is a label.</summary>
    public bool IsCaptionLabel(PipeRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return _blocks[row.Block].Captioned;
    }

    // The cells of a line, trimmed, or null when no pipe splits it. A pipe first or last on the line only opens or closes it.
    private static List<(int Start, int End)>? Cells(string text, int lineStart, int lineEnd)
    {
        List<(int Start, int End)>? cells = null;
        var cellStart = lineStart;
        for (var i = lineStart; i <= lineEnd; i++)
        {
            if (i < lineEnd && !IsCellSeparator(text[i]))
            {
                continue;
            }

            if (i == lineEnd && cells is null)
            {
                return null;
            }

            cells ??= [];
            var (start, end) = (cellStart, i);
            while (start < end && char.IsWhiteSpace(text[start]))
            {
                start++;
            }

            while (end > start && char.IsWhiteSpace(text[end - 1]))
            {
                end--;
            }

            cells.Add((start, end));
            cellStart = i + 1;
        }

        if (cells is { Count: > 1 } && cells[^1].Start == cells[^1].End)
        {
            cells.RemoveAt(cells.Count - 1);
        }

        if (cells is { Count: > 1 } && cells[0].Start == cells[0].End)
        {
            cells.RemoveAt(0);
        }

        return cells;
    }

    // A pipe, or a tab: a table copied from Excel or Word is pasted with a tab between its cells ("Name\tDOB").
    private static bool IsCellSeparator(char c) => c == '\t' || FoldedText.IsPipeLike(c);

    // "|---|:--:|": cells of dashes and colons only, at least one dash in all.
    private static bool IsDelimiterRow(string text, List<(int Start, int End)> cells) =>
        cells.All(c => text[c.Start..c.End].All(ch => ch is '-' or ':' or '–' or '—'))
        && cells.Any(c => text[c.Start..c.End].Contains('-', StringComparison.Ordinal));

    // A table: where its first row is, which of its header's cells are labels, and whether its caption is one.
    private sealed record Block(int FirstRow, bool[] Header, bool Captioned);
}

/// <summary>A line split into cells by pipes: where it starts and ends, its cells (trimmed), and which table it is in.</summary>
internal sealed record PipeRow(int Start, int End, IReadOnlyList<(int Start, int End)> Cells, int Block);
