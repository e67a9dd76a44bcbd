namespace WorkshopBot.Audits.Domain;

/// <summary>The closing part of a return: learning and the single-agency grade (a level key of the audit's scale).</summary>
public sealed record ReturnSummaryInput(
    string? GoodPractice,
    string? AreasForDevelopment,
    string? Recommendations,
    string? GradeKey);
