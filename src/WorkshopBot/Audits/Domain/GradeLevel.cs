namespace WorkshopBot.Audits.Domain;

/// <summary>One point on a grade scale. <paramref name="Rank"/> 1 is the best grade.</summary>
public sealed record GradeLevel(string Key, string Label, int Rank);
