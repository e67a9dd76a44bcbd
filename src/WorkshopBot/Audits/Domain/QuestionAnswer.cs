namespace WorkshopBot.Audits.Domain;

/// <summary>A stored answer to one question; <paramref name="Value"/> is null while only a narrative is drafted.</summary>
public sealed record QuestionAnswer(AnswerValue? Value, string? Narrative)
{
    public bool IsAnswered => Value is not null;
}
