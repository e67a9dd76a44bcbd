using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using static WorkshopBot.Common.Teams.CardKit;

namespace WorkshopBot.Audits.Teams;

/// <summary>
/// The tracker of an audit with many cases: a line per agency ("C1 Late · C2 Done"), not a grid. A grid of more than a few
/// cases has columns too narrow for their words on a phone (320 px wide), and a screen reader reads its cells without the
/// case they belong to.
/// </summary>
public static partial class TrackerCard
{
    /// <summary>Cases the grid shows; with more, the tracker lists each agency's returns on a line.</summary>
    public const int MaxGridCases = 4;

    private static IEnumerable<CardElement> AgencyList(ReturnsTrackerView view)
    {
        var (prefix, names) = CaseNames(view.Cases);
        if (prefix.Length > 0)
        {
            yield return Small($"Cases are shown without the start their references share, \"{prefix}\".");
        }

        foreach (var row in view.Rows)
        {
            var owed = row.Cells.Where(c => c.Status != TrackerCellStatus.NotRequested)
                .Select(c => $"{names.GetValueOrDefault(c.CaseReference.Value, c.CaseReference.Value)} {CellWord(c.Status)}").ToList();
            yield return new Container
            {
                Separator = true,
                Items =
                [
                    new TextBlock(Literal(row.AgencyName, 40)) { Weight = TextWeight.Bolder, Wrap = true },
                    new TextBlock(owed.Count == 0 ? "No returns asked of this agency." : string.Join(" · ", owed))
                    {
                        Wrap = true, Spacing = Spacing.None, Color = row.Overdue > 0 ? TextColor.Attention : null,
                    },
                ],
            };
        }
    }

    /// <summary>
    /// The start every case reference shares up to its last hyphen ("NAI-2026-03-"), and each reference without it ("C1");
    /// none when they share none, or when a reference would be left empty.
    /// </summary>
    private static (string Prefix, Dictionary<string, string> Names) CaseNames(IReadOnlyList<CaseReference> cases)
    {
        var values = cases.Select(c => c.Value).ToList();
        var first = values.FirstOrDefault() ?? string.Empty;
        var cut = first.LastIndexOf('-') + 1;
        var prefix = cut > 0 && values.All(v => v.Length > cut && v.StartsWith(first[..cut], StringComparison.Ordinal))
            ? first[..cut] : string.Empty;
        return (prefix, values.Distinct(StringComparer.Ordinal).ToDictionary(v => v, v => v[prefix.Length..], StringComparer.Ordinal));
    }
}
