namespace WorkshopBot.Workshop.Domain;

/// <summary>A single-agency grade from a return, shown while the multi-agency grade is voted.</summary>
public sealed record AgencyGrade(string AgencyName, string GradeLabel);
