using System.Globalization;
using System.Text.RegularExpressions;
using WorkshopBot.Common;

namespace WorkshopBot.Briefings.Domain;

/// <summary>Writes each of the seven boxes from the source and its analysis, in reading order.</summary>
internal static partial class BriefingBoxes
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static BriefingBox Background(BriefingSource source)
    {
        var cases = source.CaseReferences.Count;
        var points = new List<string>
        {
            $"Agencies taking part ({source.AgencyNames.Count}): {BriefingText.JoinWithAnd(source.AgencyNames)}.",
            $"Look-back period: {source.LookBack}.",
        };
        if (source.TemplateDescription.Length > 0)
        {
            points.Add($"Why this theme: {BriefingText.Sentence(source.TemplateDescription)}");
        }

        points.Add(source.Ideas.Count > 0 || source.Judgements.Count > 0
            ? $"{source.Returns.Count} single-agency audit returns were read and discussed at a multi-agency workshop."
            : $"{source.Returns.Count} single-agency audit returns were read.");
        return Box(BriefingBoxKind.Background,
            $"In {source.AuditedAt.ToString("MMMM yyyy", English)} the partnership audited {cases} {(cases == 1 ? "case" : "cases")} "
            + $"on the theme \"{source.ThemeName}\".",
            points);
    }

    public static BriefingBox WhyItMatters(BriefingSource source, string? localProceduresUrl) =>
        Box(BriefingBoxKind.WhyItMatters, BriefingWording.WhyItMatters(source.TemplateKey, source.ThemeName),
            localProceduresUrl is { Length: > 0 } url ? [$"Local procedure: {url}"] : []);

    public static BriefingBox WorkedWell(BriefingAnalysis analysis) =>
        Box(BriefingBoxKind.WorkedWell,
            analysis.WorkedWell.Count == 0 ? "No strengths were recorded." : "Strengths agencies recorded and the workshop voted for:",
            analysis.WorkedWell.Take(BriefingComposer.MaxWorkedWell)
                .Select(c => BriefingText.Sentence(c.Text) + Agencies(c.Agencies)).ToList());

    public static BriefingBox CouldImprove(BriefingAnalysis analysis) =>
        Box(BriefingBoxKind.CouldImprove,
            analysis.CouldImprove.Count == 0
                ? "No areas for development were recorded."
                : "The areas for development the audit found, each with its theme:",
            analysis.CouldImprove.Take(BriefingComposer.MaxCouldImprove)
                .Select(c => $"{ThemeInference.DisplayName(c.Theme)}: {BriefingText.Sentence(c.Text)}").ToList());

    public static BriefingBox GradesAndFindings(BriefingAnalysis analysis) =>
        Box(BriefingBoxKind.GradesAndFindings, analysis.GradeLead, analysis.GradePoints);

    public static BriefingBox NextSteps(BriefingAnalysis analysis, DateOnly publicationDate)
    {
        var defaultTarget = publicationDate.AddMonths(3).ToString("MMMM yyyy", English);
        var points = analysis.Recommendations.Take(BriefingComposer.MaxNextSteps).Select(c =>
        {
            var target = TargetMonth().Match(c.Text) is { Success: true } m
                ? $"{m.Groups[1].Value} {m.Groups[2].Value}"
                : defaultTarget;
            var owner = c.Agencies.Count == 0 ? "the partnership" : NameAgencies(c.Agencies);
            return $"{BriefingText.Sentence(c.Text)} Owner: {owner}. Target: {target}.";
        }).ToList();
        if (points.Count == 0)
        {
            points.Add("The quality assurance sub-group will turn these findings into an action plan and monitor it. "
                + $"Owner: the partnership. Target: {defaultTarget}.");
        }

        return Box(BriefingBoxKind.NextSteps, "Recommendations, who owns them and when they are due:", points);
    }

    public static BriefingBox DoNow(BriefingAnalysis analysis)
    {
        var messages = analysis.TopImprovementThemes
            .Select(BriefingWording.PracticeMessage)
            .OfType<string>()
            .Concat([
                BriefingWording.PracticeMessage(Themes.ProfessionalCuriosity)!,
                BriefingWording.PracticeMessage(Themes.PoliciesAndProcedures)!,
            ])
            .Distinct(StringComparer.Ordinal)
            .Take(BriefingComposer.MaxPracticeMessages)
            .ToList();
        var questions = BriefingWording.StandardQuestions.ToList();
        if (analysis.TopImprovementThemes.FirstOrDefault() is { } top)
        {
            questions.Add(BriefingWording.ThemeQuestion(top));
        }

        return Box(BriefingBoxKind.DoNow, "Practice messages for everyone:", messages, questions);
    }

    private static BriefingBox Box(
        BriefingBoxKind kind, string? lead, IReadOnlyList<string> points, IReadOnlyList<string>? questions = null) =>
        new(kind, BriefingComposer.TitleOf(kind), lead, points, questions ?? []);

    private static string Agencies(IReadOnlyList<string> agencies) =>
        agencies.Count == 0 ? string.Empty : $" ({NameAgencies(agencies)})";

    private static string NameAgencies(IReadOnlyList<string> agencies) =>
        agencies.Count <= BriefingComposer.MaxAgenciesNamed
            ? BriefingText.JoinWithAnd(agencies)
            : $"{string.Join(", ", agencies.Take(BriefingComposer.MaxAgenciesNamed))} "
              + $"and {agencies.Count - BriefingComposer.MaxAgenciesNamed} other agencies";

    [GeneratedRegex(
        @"\bby (January|February|March|April|May|June|July|August|September|October|November|December) (\d{4})\b",
        RegexOptions.CultureInvariant, 1000)]
    private static partial Regex TargetMonth();
}
