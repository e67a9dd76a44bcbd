namespace WorkshopBot.Audits.Domain;

/// <summary>A grading scale as data, levels ordered best first.</summary>
public sealed record GradeScale(string Key, string Name, IReadOnlyList<GradeLevel> Levels)
{
    public GradeLevel? FindLevel(string? levelKey) =>
        levelKey is null ? null : Levels.FirstOrDefault(l => string.Equals(l.Key, levelKey, StringComparison.OrdinalIgnoreCase));

    public bool Contains(string? levelKey) => FindLevel(levelKey) is not null;

    public string DescribeLevels() => string.Join(", ", Levels.Select(l => l.Label));
}
