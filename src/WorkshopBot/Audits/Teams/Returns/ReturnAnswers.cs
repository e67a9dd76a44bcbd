using System.Text.Json;
using WorkshopBot.Audits.Domain;

namespace WorkshopBot.Audits.Teams;

/// <summary>Typed answers carried back to a section card after a refused save, so nothing typed is lost.</summary>
public sealed record TypedAnswers(IReadOnlyDictionary<string, (string? Value, string? Narrative)> ByQuestion);

/// <summary>
/// The answers on a section card: inputs named <c>a:{questionId}</c> (the answer) and <c>n:{questionId}</c> (the
/// narrative). The only place those inputs are walked.
/// </summary>
internal static class ReturnAnswers
{
    public static bool TryRead(SaveSectionData data, out List<AnswerInput> answers, out TypedAnswers typed, out string? error)
    {
        var byQuestion = new Dictionary<string, (string? Value, string? Narrative)>(StringComparer.Ordinal);
        error = null;
        foreach (var (key, value) in data.Inputs ?? [])
        {
            var isAnswer = key.StartsWith("a:", StringComparison.Ordinal);
            var isNarrative = key.StartsWith("n:", StringComparison.Ordinal);
            if (!isAnswer && !isNarrative)
            {
                continue;
            }

            var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            if (value.ValueKind != JsonValueKind.String && value.ValueKind != JsonValueKind.Null)
            {
                error ??= "Some answers on this card could not be read. Nothing was saved.";
                continue;
            }

            var id = key[2..];
            var current = byQuestion.GetValueOrDefault(id);
            byQuestion[id] = isAnswer ? (text, current.Narrative) : (current.Value, text);
        }

        answers = [];
        foreach (var (id, (value, narrative)) in byQuestion)
        {
            var parsed = AuditCardKit.ParseAnswer(value);
            if (!string.IsNullOrWhiteSpace(value) && parsed is null)
            {
                error ??= $"\"{value}\" is not an answer: choose yes, no, partly or n/a. Nothing was saved.";
            }

            answers.Add(new AnswerInput(id, parsed, narrative));
        }

        typed = new TypedAnswers(byQuestion);
        return error is null;
    }
}
