using System.Text.Json.Serialization;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Audits.Domain;

/// <summary>
/// An audit's own copy of a template's sections and questions, editable while the audit is a draft.
/// Invariant: at least one safety question remains, because every return must ask about immediate safety.
/// </summary>
public sealed class QuestionSet
{
    public const int MaxSectionTitleLength = 150;

    /// <summary>The chair's question card lists a whole section, with its actions, under Teams' 28 KB limit.</summary>
    public const int MaxQuestionsPerSection = 15;

    /// <summary>The review card lists every question of the tool; it fits under 28 KB at this many sections.</summary>
    public const int MaxSections = 12;

    [JsonConstructor]
    private QuestionSet()
    {
    }

    [JsonInclude]
    public string IdPrefix { get; private set; } = string.Empty;

    [JsonInclude]
    public IReadOnlyList<QuestionSection> Sections { get; private set; } = [];

    // Ever-increasing so a removed question's id is never reused by a new one.
    [JsonInclude]
    public int NextNumber { get; private set; } = 1;

    public IEnumerable<Question> AllQuestions => Sections.SelectMany(s => s.Questions);

    public int SafetyQuestionCount => AllQuestions.Count(q => q.IsSafetyQuestion);

    public static QuestionSet FromTemplate(QuestionTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return new QuestionSet
        {
            IdPrefix = template.Key,
            Sections = template.Sections.Select(s => s with { Questions = s.Questions.ToList() }).ToList(),
        };
    }

    public Question? FindQuestion(string? questionId) =>
        AllQuestions.FirstOrDefault(q => string.Equals(q.Id, questionId, StringComparison.Ordinal));

    public QuestionSection? FindSection(string? sectionId) =>
        Sections.FirstOrDefault(s => string.Equals(s.Id, sectionId, StringComparison.Ordinal));

    public QuestionSection? SectionOf(string questionId) =>
        Sections.FirstOrDefault(s => s.Questions.Any(q => q.Id == questionId));

    /// <summary>"2.3" style number for a question, as shown to users.</summary>
    public string NumberOf(string questionId)
    {
        for (var s = 0; s < Sections.Count; s++)
        {
            for (var q = 0; q < Sections[s].Questions.Count; q++)
            {
                if (Sections[s].Questions[q].Id == questionId)
                {
                    return $"{s + 1}.{q + 1}";
                }
            }
        }

        return "?";
    }

    internal DomainResult<QuestionSection> AddSection(string? title)
    {
        var titleError = ValidateTitle(title);
        if (titleError is not null)
        {
            return DomainResult<QuestionSection>.Fail(DomainErrorKind.Invalid, titleError);
        }

        if (Sections.Count >= MaxSections)
        {
            return DomainResult<QuestionSection>.Fail(DomainErrorKind.Invalid,
                $"An audit tool can have at most {MaxSections} sections, so a return can be reviewed on one card.");
        }

        var section = new QuestionSection($"{IdPrefix}-custom-s{NextNumber++}", FreeText.Normalise(title), []);
        var sections = Sections.ToList();

        // New sections go before the closing immediate-safety section so it stays last.
        var insertAt = sections.Count > 0 && sections[^1].Questions.Any(q => q.IsSafetyQuestion) ? sections.Count - 1 : sections.Count;
        sections.Insert(insertAt, section);
        Sections = sections;
        return DomainResult<QuestionSection>.Ok(section);
    }

    internal DomainResult RenameSection(string sectionId, string? title)
    {
        var titleError = ValidateTitle(title);
        if (titleError is not null)
        {
            return DomainResult.Invalid(titleError);
        }

        return ReplaceSection(sectionId, s => s with { Title = FreeText.Normalise(title) });
    }

    internal DomainResult RemoveSection(string sectionId)
    {
        var section = FindSection(sectionId);
        if (section is null)
        {
            return UnknownSection(sectionId);
        }

        if (SafetyQuestionCount - section.Questions.Count(q => q.IsSafetyQuestion) < 1)
        {
            return DomainResult.NotAllowed(LastSafetyMessage);
        }

        Sections = Sections.Where(s => s.Id != sectionId).ToList();
        return DomainResult.Ok;
    }

    internal DomainResult<Question> AddQuestion(string sectionId, QuestionDraft draft)
    {
        var section = FindSection(sectionId);
        if (section is null)
        {
            return DomainResult<Question>.Fail(DomainErrorKind.NotFound, UnknownSection(sectionId).Message);
        }

        var error = draft.Validate();
        if (error is not null)
        {
            return DomainResult<Question>.Fail(DomainErrorKind.Invalid, error);
        }

        if (section.Questions.Count >= MaxQuestionsPerSection)
        {
            return DomainResult<Question>.Fail(DomainErrorKind.Invalid,
                $"A section can have at most {MaxQuestionsPerSection} questions, so it fits on one card. Add another section.");
        }

        var question = draft.ToQuestion($"{sectionId}-n{NextNumber++}");
        ReplaceSection(sectionId, s => s with { Questions = [.. s.Questions, question] });
        return DomainResult<Question>.Ok(question);
    }

    internal DomainResult EditQuestion(string questionId, QuestionDraft draft)
    {
        var existing = FindQuestion(questionId);
        if (existing is null)
        {
            return UnknownQuestion(questionId);
        }

        var error = draft.Validate();
        if (error is not null)
        {
            return DomainResult.Invalid(error);
        }

        if (existing.IsSafetyQuestion && !draft.IsSafetyQuestion && SafetyQuestionCount <= 1)
        {
            return DomainResult.NotAllowed(LastSafetyMessage);
        }

        return ReplaceQuestion(questionId, _ => draft.ToQuestion(questionId));
    }

    internal DomainResult SetAgencyTypes(string questionId, IReadOnlyCollection<AgencyType> agencyTypes)
    {
        var existing = FindQuestion(questionId);
        if (existing is null)
        {
            return UnknownQuestion(questionId);
        }

        var draft = QuestionDraft.From(existing) with { AppliesToAgencyTypes = agencyTypes.ToList() };
        var error = draft.Validate();
        if (error is not null)
        {
            return DomainResult.Invalid(error);
        }

        return ReplaceQuestion(questionId, q => q with { AppliesToAgencyTypes = agencyTypes.Distinct().ToList() });
    }

    internal DomainResult MarkSafety(string questionId, bool isSafetyQuestion)
    {
        var existing = FindQuestion(questionId);
        if (existing is null)
        {
            return UnknownQuestion(questionId);
        }

        if (existing.IsSafetyQuestion && !isSafetyQuestion && SafetyQuestionCount <= 1)
        {
            return DomainResult.NotAllowed(LastSafetyMessage);
        }

        // The safety question must reach every agency: a child's immediate safety is never another agency's question.
        return ReplaceQuestion(questionId, q => q with
        {
            IsSafetyQuestion = isSafetyQuestion,
            AppliesToAgencyTypes = isSafetyQuestion ? [] : q.AppliesToAgencyTypes,
        });
    }

    internal DomainResult RemoveQuestion(string questionId)
    {
        var existing = FindQuestion(questionId);
        if (existing is null)
        {
            return UnknownQuestion(questionId);
        }

        if (existing.IsSafetyQuestion && SafetyQuestionCount <= 1)
        {
            return DomainResult.NotAllowed(LastSafetyMessage);
        }

        var section = SectionOf(questionId)!;
        return ReplaceSection(section.Id, s => s with { Questions = s.Questions.Where(q => q.Id != questionId).ToList() });
    }

    /// <summary>Moves a question to a zero-based position within its own section.</summary>
    internal DomainResult MoveQuestion(string questionId, int newIndex)
    {
        var section = SectionOf(questionId);
        if (section is null)
        {
            return UnknownQuestion(questionId);
        }

        if (newIndex < 0 || newIndex >= section.Questions.Count)
        {
            return DomainResult.Invalid($"Choose a position from 1 to {section.Questions.Count} in \"{section.Title}\".");
        }

        var questions = section.Questions.ToList();
        var question = questions.Single(q => q.Id == questionId);
        questions.Remove(question);
        questions.Insert(newIndex, question);
        return ReplaceSection(section.Id, s => s with { Questions = questions });
    }

    private const string LastSafetyMessage =
        "Every audit tool must keep at least one immediate-safety question (\"Is any child unsafe now?\").";

    private static string? ValidateTitle(string? title)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return "Give the section a title.";
        }

        return FreeText.Validate(title, "The section title", MaxSectionTitleLength);
    }

    private DomainResult ReplaceSection(string sectionId, Func<QuestionSection, QuestionSection> change)
    {
        if (FindSection(sectionId) is null)
        {
            return UnknownSection(sectionId);
        }

        Sections = Sections.Select(s => s.Id == sectionId ? change(s) : s).ToList();
        return DomainResult.Ok;
    }

    private DomainResult ReplaceQuestion(string questionId, Func<Question, Question> change)
    {
        var section = SectionOf(questionId)!;
        return ReplaceSection(section.Id, s => s with
        {
            Questions = s.Questions.Select(q => q.Id == questionId ? change(q) : q).ToList(),
        });
    }

    private static DomainResult UnknownSection(string? sectionId) =>
        DomainResult.NotFound($"There is no section \"{sectionId}\" in this audit tool.");

    private static DomainResult UnknownQuestion(string? questionId) =>
        DomainResult.NotFound($"There is no question \"{questionId}\" in this audit tool.");
}
