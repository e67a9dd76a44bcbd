namespace WorkshopBot.Audits.Domain;

/// <summary>
/// The closing part of a return: learning and the single-agency grade (a level key of the audit's scale).
/// <paramref name="Fields"/>: the parts this save sets (<see cref="ReturnSummaryFields"/>), the others left as they are;
/// null sets them all, a part given as null or blank then being cleared.
/// </summary>
public sealed record ReturnSummaryInput(
    string? GoodPractice,
    string? AreasForDevelopment,
    string? Recommendations,
    string? GradeKey,
    IReadOnlyCollection<string>? Fields = null)
{
    /// <summary>Whether this save sets <paramref name="field"/>.</summary>
    public bool Sets(string field) => Fields is null || Fields.Contains(field, StringComparer.Ordinal);
}

/// <summary>The parts of a return's learning and grade, by name (the names of their inputs on the audit tool's cards).</summary>
public static class ReturnSummaryFields
{
    public const string GoodPractice = "goodPractice";
    public const string AreasForDevelopment = "areasForDevelopment";
    public const string Recommendations = "recommendations";
    public const string Grade = "grade";

    /// <summary>The free texts, in the order they are asked.</summary>
    public static readonly IReadOnlyList<string> Texts = [GoodPractice, AreasForDevelopment, Recommendations];

    /// <summary>Every part, the grade last.</summary>
    public static readonly IReadOnlyList<string> All = [GoodPractice, AreasForDevelopment, Recommendations, Grade];

    /// <summary>How a part is named to the representative.</summary>
    public static string Label(string field) => field switch
    {
        GoodPractice => "Good practice",
        AreasForDevelopment => "Areas for development",
        Recommendations => "Recommendations",
        _ => "Single-agency grade",
    };
}
