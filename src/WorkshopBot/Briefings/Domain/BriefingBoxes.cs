using System.Globalization;
using WorkshopBot.Common;

namespace WorkshopBot.Briefings.Domain;

/// <summary>Writes each of the seven boxes from the source and its analysis, in reading order.</summary>
internal static class BriefingBoxes
{
    public const int MaxAimsQuoted = 4;
    public const int MaxWordsPerAim = 25;

    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>What was audited, when, how many cases of which ages, the audit's aims, the agencies and the look-back.</summary>
    public static BriefingBox Background(BriefingSource source)
    {
        var month = EnglandTime.DateOf(source.AuditedAt).ToString("MMMM yyyy", English);
        var cases = CaseAges.Describe(source.CaseReferences.Count, source.CaseAges);
        var lead = string.Equals(source.Title.Trim(), source.ThemeName.Trim(), StringComparison.OrdinalIgnoreCase)
            ? $"In {month} the partnership audited {cases} on the theme \"{source.ThemeName}\"."
            : $"In {month} the partnership's multi-agency audit \"{source.Title}\" looked at {cases}.";
        var points = new List<string>();
        if (Aims(source) is { } aims)
        {
            points.Add(aims);
        }

        points.Add($"Agencies taking part ({source.AgencyNames.Count}): {BriefingText.JoinWithAnd(source.AgencyNames)}.");
        points.Add($"Look-back period: {source.LookBack}.");
        var returns = source.Returns.Count == 1
            ? "1 single-agency audit return was"
            : $"{source.Returns.Count} single-agency audit returns were";
        points.Add(source.Ideas.Count > 0 || source.Judgements.Count > 0 || source.Recommendations.Count > 0
            ? $"{returns} read and discussed at a multi-agency workshop."
            : $"{returns} read.");
        return Box(BriefingBoxKind.Background, lead, points);
    }

    public static BriefingBox WhyItMatters(BriefingSource source, AuditTopic topic, string? localProceduresUrl) =>
        Box(BriefingBoxKind.WhyItMatters,
            BriefingWording.WhyItMatters(topic, source.CaseAges.Count == 0 || CaseAges.HasBabies(source.CaseAges)),
            localProceduresUrl is { Length: > 0 } url ? [$"Local procedure: {url}"] : []);

    public static BriefingBox WorkedWell(BriefingAnalysis analysis) =>
        Box(BriefingBoxKind.WorkedWell,
            analysis.WorkedWell.Count == 0 ? "No strengths were recorded."
            : analysis.WorkedWell.Any(c => c.Voted) ? "Strengths agencies recorded and the workshop voted for:"
            : "Strengths agencies recorded in their returns:",
            analysis.WorkedWell.Take(BriefingComposer.MaxWorkedWell)
                .Select(c => Attributed(c.Text, c.Agencies, "noted by")).ToList());

    public static BriefingBox CouldImprove(BriefingAnalysis analysis) =>
        Box(BriefingBoxKind.CouldImprove,
            analysis.CouldImprove.Count == 0
                ? "No areas for development were recorded."
                : "The areas for development the audit found, each with its theme:",
            analysis.CouldImprove.Take(BriefingComposer.MaxCouldImprove)
                .Select(c => $"{ThemeInference.DisplayName(c.Theme)}: {Attributed(c.Text, c.Agencies, "raised by")}")
                .ToList());

    public static BriefingBox GradesAndFindings(BriefingAnalysis analysis) =>
        Box(BriefingBoxKind.GradesAndFindings, analysis.GradeLead, analysis.GradePoints);

    public static BriefingBox DoNow(BriefingSource source, BriefingAnalysis analysis)
    {
        var messages = PracticeMessages.Choose(analysis.TopImprovementThemes, analysis.Topic, source.CaseAges,
            BriefingComposer.MaxPracticeMessages);
        var questions = BriefingWording.StandardQuestions.ToList();
        if (analysis.TopImprovementThemes.FirstOrDefault() is { } top)
        {
            questions.Add(BriefingWording.ThemeQuestion(top));
        }

        return Box(BriefingBoxKind.DoNow, "Practice messages for everyone:", messages, questions);
    }

    public static BriefingBox Box(
        BriefingBoxKind kind, string? lead, IReadOnlyList<string> points, IReadOnlyList<string>? questions = null) =>
        new(kind, BriefingComposer.TitleOf(kind), lead, points, questions ?? []);

    /// <summary>"A", "A, B and C", "A, B, C and 2 other agencies".</summary>
    public static string NameAgencies(IReadOnlyList<string> agencies) =>
        agencies.Count <= BriefingComposer.MaxAgenciesNamed
            ? BriefingText.JoinWithAnd(agencies)
            : $"{string.Join(", ", agencies.Take(BriefingComposer.MaxAgenciesNamed))} "
              + $"and {agencies.Count - BriefingComposer.MaxAgenciesNamed} other agencies";

    /// <summary>
    /// A point as a sentence with who made it before its full stop: the agency; how many agencies made it and which when
    /// several did; "raised at the workshop" for an idea from an anonymous board that no return made.
    /// </summary>
    private static string Attributed(string text, IReadOnlyList<string> agencies, string verb)
    {
        var sentence = BriefingText.Sentence(text);
        return sentence.EndsWith('.') && !sentence.EndsWith("...", StringComparison.Ordinal)
            ? sentence[..^1] + Attribution(agencies, verb) + "."
            : sentence + Attribution(agencies, verb);
    }

    private static string Attribution(IReadOnlyList<string> agencies, string verb) => agencies.Count switch
    {
        0 => " (raised at the workshop)",
        1 => $" ({agencies[0]})",
        <= BriefingComposer.MaxAgenciesNamed => $" ({verb} {agencies.Count} agencies: {BriefingText.JoinWithAnd(agencies)})",
        _ => $" ({verb} {agencies.Count} agencies, including "
            + $"{BriefingText.JoinWithAnd(agencies.Take(BriefingComposer.MaxAgenciesNamed).ToList())})",
    };

    // The chair's own questions when the audit has them (as practitioners read them: "your agency" becomes "agencies"),
    // otherwise what its sections looked at.
    private static string? Aims(BriefingSource source)
    {
        if (source.ChairQuestions.Count > 0)
        {
            var quoted = source.ChairQuestions.Take(MaxAimsQuoted)
                .Select(q => BriefingText.Sentence(Acronyms.Fix(BriefingText.LimitWords(Generalise(q), MaxWordsPerAim))));
            var more = source.ChairQuestions.Count - MaxAimsQuoted;
            return $"The audit asked: {string.Join(" ", quoted)}"
                + (more > 0 ? $" (and {more} more {(more == 1 ? "question" : "questions")})." : string.Empty);
        }

        var areas = source.AreasLookedAt.Select(a => BriefingText.LowerFirst(Acronyms.Fix(a))).ToList();
        return areas.Count == 0 ? null : $"The audit looked at {BriefingText.JoinWithAnd(areas)}.";
    }

    private static string Generalise(string question) => question
        .Replace("your agency's", "agencies'", StringComparison.OrdinalIgnoreCase)
        .Replace("your agency", "agencies", StringComparison.OrdinalIgnoreCase);
}
