using WorkshopBot.Audits.Domain;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Audits.Teams;

/// <summary>
/// The length before the identifier check on a page of the audit tool: an answer's text over the limit is refused for its
/// length at once, never scanned (a hand-made press of hundreds of KB took seconds to scan) and never stored, logged or shown
/// back whole (cut to the limit, as the input allows). The page is refused as one refused for its text is
/// (<see cref="WarnAsync"/>): its immediate-safety yes or no is still saved at once and the alert goes, the rest waits.
/// </summary>
public sealed partial class ReturnsScreen
{
    /// <summary>Answers on a page refused for their length, and what the card says of them.</summary>
    private sealed record LengthRefusal(IReadOnlyList<AnswerInput> Answers, string Message);

    /// <summary>
    /// The answers of <paramref name="answers"/> over the limit, and the refusal in FreeText.Validate's wording; null when none is.
    /// </summary>
    private static LengthRefusal? OverTheLimit(AuditReturn ret, IReadOnlyList<AnswerInput> answers)
    {
        var over = answers.Where(a => a.Narrative is { Length: > FreeText.DefaultMaxLength }
            && FreeText.Normalise(a.Narrative).Length > FreeText.DefaultMaxLength).ToList();
        if (over.Count == 0)
        {
            return null;
        }

        var first = FreeText.Validate(over[0].Narrative, $"Your answer to question {ret.NumberOf(over[0].QuestionId)}")!;
        var more = over.Count == 1 ? string.Empty
            : $" {over.Count - 1:N0} more answer{(over.Count == 2 ? " is" : "s are")} over the limit too.";
        return new LengthRefusal(over, first + more);
    }

    /// <summary>
    /// What was typed, as it may be shown back: each text over the limit cut to it (<see cref="TextCut.Prefix"/>), so a card
    /// answering a hand-made press stays small and echoes no more than the input itself allows.
    /// </summary>
    private static TypedAnswers WithinLimit(TypedAnswers typed) => new(typed.ByQuestion.ToDictionary(t => t.Key,
        t => (t.Value.Value, Cut(t.Value.Narrative)), StringComparer.Ordinal));

    /// <summary>
    /// Answers as the paths that save a page from an older or submitted card read them: a text over the limit left out, so a
    /// new "yes" is saved and alerts without it (as without details that may identify someone), never scanned at length.
    /// </summary>
    private static List<AnswerInput> WithoutOverLong(IReadOnlyList<AnswerInput> answers, LengthRefusal? over) =>
        over is null ? [.. answers] : answers.Select(a => over.Answers.Contains(a) ? a with { Narrative = null } : a).ToList();

    /// <summary>
    /// The first of the learning's parts on a summary card over the limit, refused in FreeText.Validate's wording; null when
    /// none is. Checked before the identifier check, which never reads a part over the limit.
    /// </summary>
    private static string? OverTheLimit(SaveSummaryData data, IReadOnlyList<string> fields) =>
        ReturnSummaryFields.Texts.Where(fields.Contains)
            .Select(f => ReturnsCard.TypedText(data, f) is { Length: > FreeText.DefaultMaxLength } text
                ? FreeText.Validate(text, ReturnSummaryFields.Label(f)) : null)
            .FirstOrDefault(e => e is not null);

    /// <summary>What was typed on a summary card, as it may be shown back: each part cut to the limit its input allows.</summary>
    private static SaveSummaryData WithinLimit(SaveSummaryData data) => data with
    {
        GoodPractice = Cut(data.GoodPractice),
        AreasForDevelopment = Cut(data.AreasForDevelopment),
        Recommendations = Cut(data.Recommendations),
    };

    private static string? Cut(string? text) =>
        text is { Length: > FreeText.DefaultMaxLength } ? TextCut.Prefix(text, FreeText.DefaultMaxLength) : text;
}
