namespace WorkshopBot.Audits.Domain;

/// <summary>The built-in grade scales. Ofsted's four-point scale is the default.</summary>
public static class GradeScales
{
    public static GradeScale OfstedFourPoint { get; } = new("ofsted-4", "Ofsted four-point",
    [
        new("outstanding", "Outstanding", 1),
        new("good", "Good", 2),
        new("requires-improvement", "Requires improvement", 3),
        new("inadequate", "Inadequate", 4),
    ]);

    public static GradeScale Rag { get; } = new("rag", "Red / Amber / Green",
    [
        new("green", "Green", 1),
        new("amber", "Amber", 2),
        new("red", "Red", 3),
    ]);

    public static GradeScale GoodRequiresImprovement { get; } = new("good-ri", "Good / Requires improvement",
    [
        new("good", "Good", 1),
        new("requires-improvement", "Requires improvement", 2),
    ]);

    public static GradeScale OneToFive { get; } = new("one-to-five", "1 to 5 (1 is best)",
    [
        new("1", "1", 1),
        new("2", "2", 2),
        new("3", "3", 3),
        new("4", "4", 4),
        new("5", "5", 5),
    ]);

    public static GradeScale Default => OfstedFourPoint;

    public static IReadOnlyList<GradeScale> All { get; } = [OfstedFourPoint, Rag, GoodRequiresImprovement, OneToFive];

    public static GradeScale? Find(string? key) =>
        All.FirstOrDefault(s => string.Equals(s.Key, key, StringComparison.OrdinalIgnoreCase));
}
