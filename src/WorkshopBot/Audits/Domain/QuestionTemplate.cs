namespace WorkshopBot.Audits.Domain;

/// <summary>A built-in audit tool that an audit copies and then edits.</summary>
public sealed record QuestionTemplate(string Key, string Name, string Description, IReadOnlyList<QuestionSection> Sections)
{
    public IEnumerable<Question> AllQuestions => Sections.SelectMany(s => s.Questions);
}
