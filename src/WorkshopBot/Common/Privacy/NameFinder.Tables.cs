using System.Text.RegularExpressions;

namespace WorkshopBot.Common.Privacy;

/// <summary>
/// Names in a table (see <see cref="PipeTable"/>): a column headed "Name", "Child name", "Child's name", "First name",
/// "Forename" or "Surname" holds names, as a column headed "DOB" holds dates of birth, so a cell under it is read as
/// a name after "Name:" is ("Name\tAge" over "Jayden\t7", "| Name | Age |" over "| Ayesha | 4 |"). A pseudonym, a
/// relation or an agency in the cell ("C1", "Child A", "Baby", "Police") is no name, as after "Name:". A column
/// headed by what the name belongs to ("Agency name", "School name") is not read.
/// </summary>
internal static partial class NameFinder
{
    private const int TableRegexTimeoutMs = 1000;

    /// <summary>The names in the cells under a name header.</summary>
    private static void TableNames(string text, IReadOnlyList<TextWord> words, List<(int, int)> found)
    {
        var table = PipeTable.Read(text, (from, to) => NameHeaderPattern().IsMatch(text.AsSpan(from, to - from)));
        var w = 0;
        foreach (var row in table.Rows)
        {
            for (var c = 0; c < row.Cells.Count; c++)
            {
                var (start, end) = row.Cells[c];
                if (end <= start || !table.IsHeaderLabel(row, c))
                {
                    continue;
                }

                // Cells come in text order, so the words are walked once.
                while (w < words.Count && words[w].Start < start)
                {
                    w++;
                }

                if (w >= words.Count || words[w].Start >= end)
                {
                    continue;
                }

                var last = NameFrom(text, words, w, Cue.Label, personBefore: false);
                if (last >= 0 && words[last].BaseEnd <= end)
                {
                    found.Add((words[w].Start, words[last].BaseEnd));
                }
            }
        }
    }

    // A header cell naming people: "Name", "Child name", "Child's name", "Names", "First name", "Full name", "Forename",
    // "Surname", with markup or a colon around it ("**Name**", "Name:").
    [GeneratedRegex(@"^[\s*_#]*(?:(?:child(?:'s|’s|s)?|children's|children’s|young\s+person(?:'s|’s)?|yp|pupil|first|given"
        + @"|full|last|family|sibling(?:'s|’s)?|baby(?:'s|’s)?)\s+)?(?:names?|forenames?|surnames?)[\s*_:]*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TableRegexTimeoutMs)]
    private static partial Regex NameHeaderPattern();
}
