using System.Text.Encodings.Web;
using System.Text.Json;
using WorkshopBot.Audits.Domain;

namespace WorkshopBot.Audits.Teams;

/// <summary>One step of the audit tool as the representative walks through it: a page of a section, or the summary.</summary>
public sealed record ReturnStep(int Index, QuestionSection? Section, int SectionNumber, int PageCount, bool IsSummary)
{
    public string Title => IsSummary ? "Learning and grade" : Section!.Title;
}

/// <summary>
/// Orders the tool into steps: the sections, with the learning-and-grade summary placed before the closing
/// immediate-safety section, so the last thing asked is whether any child is unsafe now. Long sections are split
/// into pages so a card stays under Teams' size limit even with long narratives.
/// </summary>
public static class ReturnSteps
{
    /// <summary>Narrative bytes per page; keeps a section card well below 28 KB.</summary>
    public const int PageBudgetBytes = 14_000;
    public const int MaxQuestionsPerPage = 6;

    public static IReadOnlyList<ReturnStep> Build(AuditReturn ret)
    {
        ArgumentNullException.ThrowIfNull(ret);
        var steps = new List<ReturnStep>();
        var sections = ret.Sections.ToList();
        var summaryAt = sections.FindIndex(s => s.Questions.Any(q => q.IsSafetyQuestion));
        if (summaryAt < 0)
        {
            summaryAt = sections.Count;
        }

        for (var i = 0; i <= sections.Count; i++)
        {
            if (i == summaryAt)
            {
                steps.Add(new ReturnStep(steps.Count, null, 0, 1, IsSummary: true));
            }

            if (i < sections.Count)
            {
                steps.Add(new ReturnStep(steps.Count, sections[i], i + 1, Pages(ret, sections[i]).Count, IsSummary: false));
            }
        }

        return steps;
    }

    /// <summary>
    /// The questions of a section split into pages by the size of their narratives as written into the card (JSON-escaped:
    /// an emoji takes 12 bytes there), held ones (<see cref="AuditReturn.Held"/>) in place of those saved.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<Question>> Pages(AuditReturn ret, QuestionSection section)
    {
        var pages = new List<IReadOnlyList<Question>>();
        var current = new List<Question>();
        var bytes = 0;
        foreach (var q in section.Questions)
        {
            var size = CardBytes((ret.HeldFor(q.Id) ?? ret.AnswerTo(q.Id))?.Narrative) + 600;
            if (current.Count > 0 && (bytes + size > PageBudgetBytes || current.Count >= MaxQuestionsPerPage))
            {
                pages.Add(current);
                current = [];
                bytes = 0;
            }

            current.Add(q);
            bytes += size;
        }

        if (current.Count > 0 || pages.Count == 0)
        {
            pages.Add(current);
        }

        return pages;
    }

    /// <summary>
    /// The step and page of the return's first immediate-safety question, so it can be opened without paging through the
    /// tool; null when the tool has none.
    /// </summary>
    public static (int Step, int Page)? SafetyStep(AuditReturn ret, IReadOnlyList<ReturnStep> steps)
    {
        ArgumentNullException.ThrowIfNull(ret);
        ArgumentNullException.ThrowIfNull(steps);
        var step = steps.FirstOrDefault(s => !s.IsSummary && s.Section!.Questions.Any(q => q.IsSafetyQuestion));
        return step is null ? null
            : (step.Index, Math.Max(0, Pages(ret, step.Section!).ToList().FindIndex(p => p.Any(q => q.IsSafetyQuestion))));
    }

    /// <summary>
    /// The parts of the learning and grade (<see cref="ReturnSummaryFields"/>) split into pages as a section's questions are,
    /// by the size of their texts in the card (kept ones, <see cref="AuditReturn.HeldLearning"/>, in place of those saved);
    /// the grade on the last page. Short texts share one page.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> SummaryPages(AuditReturn ret)
    {
        ArgumentNullException.ThrowIfNull(ret);
        var pages = new List<List<string>>();
        var current = new List<string>();
        var bytes = 0;
        foreach (var field in ReturnSummaryFields.Texts)
        {
            var size = CardBytes(ret.HeldLearning.GetValueOrDefault(field) ?? ret.LearningText(field)) + 600;
            if (current.Count > 0 && bytes + size > PageBudgetBytes)
            {
                pages.Add(current);
                current = [];
                bytes = 0;
            }

            current.Add(field);
            bytes += size;
        }

        current.Add(ReturnSummaryFields.Grade);
        pages.Add(current);
        return pages;
    }

    /// <summary>The bytes <paramref name="text"/> takes as a string in a card's JSON (as AdaptiveCardJson writes it).</summary>
    public static int CardBytes(string? text) =>
        string.IsNullOrEmpty(text) ? 0 : JsonEncodedText.Encode(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).EncodedUtf8Bytes.Length;

    /// <summary>
    /// Where "Continue" leads: the step, and the page of it, where the first thing missing before the return can be submitted
    /// is asked, in the order the review lists what is missing (<see cref="AuditReturn.MissingItems"/>): a required question
    /// unanswered, an immediate-safety question answered yes without its details, an answer kept for its author
    /// (<see cref="AuditReturn.Held"/>, even to a question answered before or optional for the agency), learning kept for its
    /// author, then the learning or grade missing (at the page with the part missing: the grade is on the last page of the
    /// summary, a later one than the first when the learning is long). Past the last step when nothing is left.
    /// </summary>
    public static (int Step, int Page) NextToDo(AuditReturn ret, IReadOnlyList<ReturnStep> steps)
    {
        ArgumentNullException.ThrowIfNull(ret);
        ArgumentNullException.ThrowIfNull(steps);
        if (ret.MissingItems().FirstOrDefault() is not { } first)
        {
            return (steps.Count, 0);
        }

        if (first.Kind is MissingKind.HeldLearning or MissingKind.Learning or MissingKind.Grade)
        {
            // The page with the text kept, the learning missing or the grade: with long texts the grade is on a later page.
            var summary = steps.First(s => s.IsSummary);
            return (summary.Index, Math.Max(0, SummaryPages(ret).ToList().FindIndex(p => p.Contains(first.Id))));
        }

        var step = steps.First(s => !s.IsSummary && s.Section!.Questions.Any(q => q.Id == first.Id));
        return (step.Index, Math.Max(0, Pages(ret, step.Section!).ToList().FindIndex(p => p.Any(q => q.Id == first.Id))));
    }
}
