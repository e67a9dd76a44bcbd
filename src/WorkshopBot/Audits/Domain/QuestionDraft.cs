using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Audits.Domain;

/// <summary>What a chair types when adding or editing a question; validated before it becomes a <see cref="Question"/>.</summary>
public sealed record QuestionDraft(
    string Text,
    string? Guidance = null,
    IReadOnlyList<string>? Themes = null,
    IReadOnlyList<AgencyType>? AppliesToAgencyTypes = null,
    bool IsSafetyQuestion = false)
{
    public static QuestionDraft From(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return new(question.Text, question.Guidance, question.Themes, question.AppliesToAgencyTypes, question.IsSafetyQuestion);
    }

    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(Text))
        {
            return "Type the question.";
        }

        var error = FreeText.Validate(Text, "The question", Question.MaxTextLength)
            ?? FreeText.Validate(Guidance, "The guidance", Question.MaxGuidanceLength);
        if (error is not null)
        {
            return error;
        }

        var unknownTheme = (Themes ?? []).FirstOrDefault(t => !WorkshopBot.Common.Themes.IsKnown(t));
        if (unknownTheme is not null)
        {
            return $"\"{unknownTheme}\" is not a theme in the partnership's list.";
        }

        if ((AppliesToAgencyTypes ?? []).Any(t => !Enum.IsDefined(t)))
        {
            return "One of the agency types is not recognised.";
        }

        if (IsSafetyQuestion && (AppliesToAgencyTypes ?? []).Count > 0)
        {
            return "The immediate-safety question must apply to every agency.";
        }

        return null;
    }

    /// <summary>
    /// Whether <paramref name="question"/> is what this draft adds: its text, guidance, agency types and safety flag, as
    /// stored. A second "Save" of the same new question (a double click, or Teams retrying the invoke) finds it so.
    /// </summary>
    public bool IsAddedAs(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var added = ToQuestion(question.Id);
        return added.Text == question.Text && added.Guidance == question.Guidance
            && added.IsSafetyQuestion == question.IsSafetyQuestion
            && added.AppliesToAgencyTypes.Order().SequenceEqual(question.AppliesToAgencyTypes.Order());
    }

    internal Question ToQuestion(string id) => new(
        id,
        FreeText.Normalise(Text),
        string.IsNullOrWhiteSpace(Guidance) ? null : FreeText.Normalise(Guidance),
        (Themes ?? []).Distinct().ToList(),
        (AppliesToAgencyTypes ?? []).Distinct().ToList(),
        IsSafetyQuestion);
}
