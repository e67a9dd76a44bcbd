namespace WorkshopBot.Audits.Domain;

/// <summary>An ordered group of questions in an audit tool.</summary>
public sealed record QuestionSection(string Id, string Title, IReadOnlyList<Question> Questions);
