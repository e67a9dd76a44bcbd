namespace WorkshopBot.Audits.Domain;

/// <summary>One answer as submitted from a form. A null value with no narrative clears the answer.</summary>
public sealed record AnswerInput(string QuestionId, AnswerValue? Value, string? Narrative = null);
