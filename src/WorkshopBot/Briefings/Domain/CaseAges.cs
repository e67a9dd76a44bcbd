using WorkshopBot.Audits.Domain;

namespace WorkshopBot.Briefings.Domain;

/// <summary>The ages of the audited children as a briefing says them: "babies under one", "children aged 1 to 15".</summary>
public static class CaseAges
{
    /// <summary>Every age band, for a source that does not know its cases' ages.</summary>
    public static IReadOnlyList<AgeBand> Unknown { get; } = Enum.GetValues<AgeBand>();

    public static bool HasBabies(IReadOnlyCollection<AgeBand> bands) => bands.Contains(AgeBand.Under1);

    /// <summary>"6 cases of babies under one", "8 cases of children aged 1 to 15", "5 cases of young people aged 11 to 17".</summary>
    public static string Describe(int cases, IReadOnlyCollection<AgeBand> bands)
    {
        ArgumentNullException.ThrowIfNull(bands);
        var count = cases == 1 ? "1 case" : $"{cases} cases";
        if (bands.Count == 0 || bands.Count == Unknown.Count)
        {
            return bands.Count == 0 ? count : $"{count} of children of every age";
        }

        var youngest = bands.Min();
        var oldest = bands.Max();
        var who = (youngest, oldest) switch
        {
            (AgeBand.Under1, AgeBand.Under1) => "babies under one",
            (AgeBand.Under1, _) => $"babies and children up to the age of {Upper(oldest)}",
            (>= AgeBand.ElevenToFifteen, _) => $"young people aged {Lower(youngest)} to {Upper(oldest)}",
            _ => $"children aged {Lower(youngest)} to {Upper(oldest)}",
        };
        return $"{count} of {who}";
    }

    private static int Lower(AgeBand band) => band switch
    {
        AgeBand.OneToFour => 1,
        AgeBand.FiveToTen => 5,
        AgeBand.ElevenToFifteen => 11,
        AgeBand.SixteenToSeventeen => 16,
        _ => 0,
    };

    private static int Upper(AgeBand band) => band switch
    {
        AgeBand.OneToFour => 4,
        AgeBand.FiveToTen => 10,
        AgeBand.ElevenToFifteen => 15,
        AgeBand.SixteenToSeventeen => 17,
        _ => 1,
    };
}
