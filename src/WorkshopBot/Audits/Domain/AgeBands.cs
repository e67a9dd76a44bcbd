using WorkshopBot.Common;
namespace WorkshopBot.Audits.Domain;

/// <summary>The fixed list of age bands and their labels.</summary>
public static class AgeBands
{
    public static IReadOnlyList<(AgeBand Band, string Label)> All { get; } =
    [
        (AgeBand.Under1, "Under 1"),
        (AgeBand.OneToFour, "1-4"),
        (AgeBand.FiveToTen, "5-10"),
        (AgeBand.ElevenToFifteen, "11-15"),
        (AgeBand.SixteenToSeventeen, "16-17"),
    ];

    public static string Label(AgeBand band) => All.First(a => a.Band == band).Label;

    public static DomainResult<AgeBand> Parse(string? label)
    {
        var trimmed = label?.Trim();
        foreach (var (band, text) in All)
        {
            if (string.Equals(text, trimmed, StringComparison.OrdinalIgnoreCase))
            {
                return DomainResult<AgeBand>.Ok(band);
            }
        }

        return DomainResult<AgeBand>.Fail(DomainErrorKind.Invalid,
            $"Choose an age band from: {string.Join(", ", All.Select(a => a.Label))}.");
    }
}
