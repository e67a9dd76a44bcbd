using System.Globalization;
using System.Text.RegularExpressions;
using WorkshopBot.Audits;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Common;
using WorkshopBot.Workshop;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Briefings.Domain;

/// <summary>What the composer needs besides the audit: the footer contact and an optional local procedure link.</summary>
public sealed record BriefingComposerSettings(string Contact, string? LocalProceduresUrl = null);

/// <summary>
/// Composes the seven boxes from an audit's returns and its workshop. Deterministic: inputs are put in a fixed
/// order first, nothing random or time-based is read, so the same source and date always give the same briefing.
/// </summary>
public sealed partial class BriefingComposer(BriefingComposerSettings settings)
{
    public const int MaxWorkedWell = 6;
    public const int MaxCouldImprove = 6;
    public const int MaxNextSteps = 5;
    public const int MaxPracticeMessages = 4;

    /// <summary>A point longer than this is cut, so one long narrative cannot crowd out the rest.</summary>
    public const int MaxWordsPerPoint = 40;

    /// <summary>Two points at least this similar (token sets) are one point said twice.</summary>
    public const double MergeThreshold = 0.6;

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    private static readonly BriefingBoxKind[] TrimOrder =
        [BriefingBoxKind.WorkedWell, BriefingBoxKind.CouldImprove, BriefingBoxKind.NextSteps, BriefingBoxKind.DoNow, BriefingBoxKind.GradesAndFindings];

    public static string TitleOf(BriefingBoxKind kind) => kind switch
    {
        BriefingBoxKind.Background => "Background: what did we audit?",
        BriefingBoxKind.WhyItMatters => "Why it matters",
        BriefingBoxKind.WorkedWell => "What worked well",
        BriefingBoxKind.CouldImprove => "What could we improve",
        BriefingBoxKind.GradesAndFindings => "Grades and findings",
        BriefingBoxKind.NextSteps => "What the partnership will do next",
        BriefingBoxKind.DoNow => "What can you do now? Reflect and act",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown box."),
    };

    public Briefing Compose(BriefingSource source, DateOnly publicationDate)
    {
        ArgumentNullException.ThrowIfNull(source);
        var analysis = Analyse(source);
        var boxes = Enum.GetValues<BriefingBoxKind>().Select(kind => BuildBox(kind, source, analysis, publicationDate)).ToList();
        var briefing = new Briefing(
            source.AuditId,
            $"7-minute briefing: {source.ThemeName}",
            boxes,
            analysis.Grades,
            new BriefingFooter(BriefingWording.AnonymisationNote, publicationDate, settings.Contact));
        return TrimToLimit(briefing, TrimOrder);
    }

    /// <summary>Recomposes one box (or all when <paramref name="kind"/> is null), keeping the chair's other boxes.</summary>
    public Briefing Regenerate(Briefing current, BriefingSource source, DateOnly publicationDate, BriefingBoxKind? kind)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(source);
        if (kind is not { } only)
        {
            return Compose(source, publicationDate);
        }

        var analysis = Analyse(source);
        var regenerated = current.WithBox(BuildBox(only, source, analysis, publicationDate));
        if (only == BriefingBoxKind.GradesAndFindings)
        {
            regenerated = regenerated with { Grades = analysis.Grades };
        }

        return TrimToLimit(regenerated, [only]);
    }

    private BriefingBox BuildBox(BriefingBoxKind kind, BriefingSource source, Analysis analysis, DateOnly publicationDate) => kind switch
    {
        BriefingBoxKind.Background => Background(source),
        BriefingBoxKind.WhyItMatters => Box(kind, BriefingWording.WhyItMatters(source.TemplateKey, source.ThemeName),
            settings.LocalProceduresUrl is { Length: > 0 } url ? [$"Local procedure: {url}"] : []),
        BriefingBoxKind.WorkedWell => Box(kind,
            analysis.WorkedWell.Count == 0 ? "No strengths were recorded." : "Strengths agencies recorded and the workshop voted for:",
            analysis.WorkedWell.Take(MaxWorkedWell).Select(c => BriefingText.Sentence(c.Text) + Agencies(c.Agencies)).ToList()),
        BriefingBoxKind.CouldImprove => Box(kind,
            analysis.CouldImprove.Count == 0 ? "No areas for development were recorded." : "The areas for development the audit found, each with its theme:",
            analysis.CouldImprove.Take(MaxCouldImprove)
                .Select(c => $"{ThemeInference.DisplayName(c.Theme)}: {BriefingText.Sentence(c.Text)}").ToList()),
        BriefingBoxKind.GradesAndFindings => Box(kind, analysis.GradeLead, analysis.GradePoints),
        BriefingBoxKind.NextSteps => NextSteps(analysis, publicationDate),
        BriefingBoxKind.DoNow => DoNow(analysis),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown box."),
    };

    private static BriefingBox Box(BriefingBoxKind kind, string? lead, IReadOnlyList<string> points, IReadOnlyList<string>? questions = null) =>
        new(kind, TitleOf(kind), lead, points, questions ?? []);

    private static BriefingBox Background(BriefingSource source)
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
            $"In {source.AuditedAt.ToString("MMMM yyyy", English)} the partnership audited {cases} {(cases == 1 ? "case" : "cases")} on the theme \"{source.ThemeName}\".",
            points);
    }

    private static BriefingBox NextSteps(Analysis analysis, DateOnly publicationDate)
    {
        var defaultTarget = publicationDate.AddMonths(3).ToString("MMMM yyyy", English);
        var points = analysis.Recommendations.Take(MaxNextSteps).Select(c =>
        {
            var target = TargetMonth().Match(c.Text) is { Success: true } m
                ? $"{m.Groups[1].Value} {m.Groups[2].Value}"
                : defaultTarget;
            var owner = c.Agencies.Count == 0 ? "the partnership" : NameAgencies(c.Agencies);
            return $"{BriefingText.Sentence(c.Text)} Owner: {owner}. Target: {target}.";
        }).ToList();
        if (points.Count == 0)
        {
            points.Add($"The quality assurance sub-group will turn these findings into an action plan and monitor it. Owner: the partnership. Target: {defaultTarget}.");
        }

        return Box(BriefingBoxKind.NextSteps, "Recommendations, who owns them and when they are due:", points);
    }

    private static BriefingBox DoNow(Analysis analysis)
    {
        var messages = analysis.TopImprovementThemes
            .Select(BriefingWording.PracticeMessage)
            .OfType<string>()
            .Concat([BriefingWording.PracticeMessage(Themes.ProfessionalCuriosity)!, BriefingWording.PracticeMessage(Themes.PoliciesAndProcedures)!])
            .Distinct(StringComparer.Ordinal)
            .Take(MaxPracticeMessages)
            .ToList();
        var questions = BriefingWording.StandardQuestions.ToList();
        if (analysis.TopImprovementThemes.FirstOrDefault() is { } top)
        {
            questions.Add(BriefingWording.ThemeQuestion(top));
        }

        return Box(BriefingBoxKind.DoNow, "Practice messages for everyone:", messages, questions);
    }

    /// <summary>Drops the lowest-ranked points, from the fullest box first, until the briefing fits.</summary>
    private static Briefing TrimToLimit(Briefing briefing, IReadOnlyList<BriefingBoxKind> trimmable)
    {
        while (briefing.WordCount > Briefing.MaxWords)
        {
            var fullest = trimmable
                .Select(briefing.Box)
                .Where(b => b.Points.Count > 1)
                .OrderByDescending(b => b.Points.Count)
                .ThenBy(b => Array.IndexOf(TrimOrder, b.Kind))
                .FirstOrDefault();
            if (fullest is null)
            {
                break;
            }

            briefing = briefing.WithBox(fullest with { Points = fullest.Points.Take(fullest.Points.Count - 1).ToList() });
        }

        return briefing;
    }

    /// <summary>At most this many agencies are named on one point; a point every agency made would otherwise crowd out the rest.</summary>
    public const int MaxAgenciesNamed = 3;

    private static string Agencies(IReadOnlyList<string> agencies) =>
        agencies.Count == 0 ? string.Empty : $" ({NameAgencies(agencies)})";

    private static string NameAgencies(IReadOnlyList<string> agencies) =>
        agencies.Count <= MaxAgenciesNamed
            ? BriefingText.JoinWithAnd(agencies)
            : $"{string.Join(", ", agencies.Take(MaxAgenciesNamed))} and {agencies.Count - MaxAgenciesNamed} other agencies";

    // ---- analysis: order, merge, rank ----

    private sealed class Candidate(string text, HashSet<string> tokens, int order)
    {
        public string Text { get; } = text;
        public HashSet<string> Tokens { get; } = tokens;
        public int Order { get; } = order;
        public List<string> Agencies { get; } = [];
        public int Dots { get; set; }
        public int Support { get; set; }
        public bool Voted { get; set; }
        public string? Theme { get; set; }
    }

    private sealed record Analysis(
        IReadOnlyList<Candidate> WorkedWell,
        IReadOnlyList<Candidate> CouldImprove,
        IReadOnlyList<Candidate> Recommendations,
        IReadOnlyList<string> TopImprovementThemes,
        IReadOnlyList<GradeCount> Grades,
        string GradeLead,
        IReadOnlyList<string> GradePoints);

    private static Analysis Analyse(BriefingSource source)
    {
        var returns = source.Returns
            .OrderBy(r => r.CaseReference, StringComparer.Ordinal)
            .ThenBy(r => r.AgencyId, StringComparer.Ordinal)
            .ToList();
        var ideas = source.Ideas
            .OrderByDescending(i => i.Dots)
            .ThenBy(i => i.Rank)
            .ThenBy(i => i.Text, StringComparer.Ordinal)
            .ThenBy(i => i.AgencyName, StringComparer.Ordinal)
            .ToList();
        var scrubber = new CaseScrubber(source.CaseReferences);

        var workedWell = new List<Candidate>();
        var couldImprove = new List<Candidate>();
        var recommendations = new List<Candidate>();
        foreach (var idea in ideas)
        {
            var target = idea.Board switch
            {
                IdeaBoardKind.WorkedWell => workedWell,
                IdeaBoardKind.CouldImprove => couldImprove,
                _ => null,
            };
            if (target is not null)
            {
                AddOrMerge(target, scrubber.Scrub(idea.Text), idea.AgencyName, idea.Dots, voted: true, idea.ThemeKey);
            }
        }

        foreach (var learning in returns)
        {
            foreach (var point in BriefingText.SplitPoints(learning.GoodPractice))
            {
                AddOrMerge(workedWell, scrubber.Scrub(point), learning.AgencyName, 0, voted: false, null);
            }

            foreach (var point in BriefingText.SplitPoints(learning.AreasForDevelopment))
            {
                AddOrMerge(couldImprove, scrubber.Scrub(point), learning.AgencyName, 0, voted: false, null);
            }

            foreach (var point in BriefingText.SplitPoints(learning.Recommendations))
            {
                AddOrMerge(recommendations, scrubber.Scrub(point), learning.AgencyName, 0, voted: false, null);
            }
        }

        foreach (var candidate in couldImprove)
        {
            candidate.Theme ??= ThemeInference.Infer(candidate.Text);
        }

        var topThemes = couldImprove
            .Where(c => c.Theme is not null)
            .GroupBy(c => c.Theme!, StringComparer.Ordinal)
            .Select(g => (Theme: g.Key, Weight: g.Sum(c => c.Dots + c.Support), First: g.Min(c => c.Order)))
            .OrderByDescending(t => t.Weight)
            .ThenBy(t => t.First)
            .Select(t => t.Theme)
            .ToList();

        var (grades, lead, gradePoints) = Grades(source, returns, topThemes, couldImprove);
        return new Analysis(Ranked(workedWell), Ranked(couldImprove), Ranked(recommendations), topThemes, grades, lead, gradePoints);
    }

    // Voted workshop items first (by dots), then returns' points by how many agencies made them.
    private static List<Candidate> Ranked(List<Candidate> candidates) => candidates
        .OrderByDescending(c => c.Voted)
        .ThenByDescending(c => c.Dots)
        .ThenByDescending(c => c.Support)
        .ThenBy(c => c.Order)
        .ToList();

    private static void AddOrMerge(List<Candidate> list, string text, string? agency, int dots, bool voted, string? theme)
    {
        if (text.Length == 0)
        {
            return;
        }

        var tokens = BriefingText.Tokens(text);
        var match = list.FirstOrDefault(c => BriefingText.Similarity(c.Tokens, tokens) >= MergeThreshold);
        if (match is null)
        {
            match = new Candidate(BriefingText.LimitWords(text, MaxWordsPerPoint), tokens, list.Count);
            list.Add(match);
        }

        match.Dots += dots;
        match.Support++;
        match.Voted |= voted;
        match.Theme ??= Themes.IsKnown(theme) ? theme : null;
        if (!string.IsNullOrWhiteSpace(agency) && !match.Agencies.Contains(agency, StringComparer.OrdinalIgnoreCase))
        {
            match.Agencies.Add(agency.Trim());
        }
    }

    private static (IReadOnlyList<GradeCount> Grades, string Lead, IReadOnlyList<string> Points) Grades(
        BriefingSource source, IReadOnlyList<ReturnLearning> returns, IReadOnlyList<string> topThemes, IReadOnlyList<Candidate> couldImprove)
    {
        var scale = source.GradeScale;
        // One ratified grade per case: the latest ratification wins if a case was re-graded.
        var judgements = source.Judgements
            .GroupBy(j => j.CaseReference, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.OrderByDescending(j => j.RatifiedAt).ThenBy(j => j.GradeKey, StringComparer.Ordinal).First())
            .ToList();
        var counts = scale.Levels
            .OrderBy(l => l.Rank)
            .Select(level => new GradeCount(
                level.Key,
                level.Label,
                judgements.Count(j => Matches(level, j.GradeKey) || Matches(level, j.GradeLabel)),
                returns.Count(r => Matches(level, r.GradeKey))))
            .ToList();

        var caseCount = Math.Max(source.CaseReferences.Count, judgements.Count);
        var gradedReturns = counts.Sum(c => c.Returns);
        string lead;
        var points = new List<string>();
        if (judgements.Count > 0)
        {
            var ungraded = caseCount - counts.Sum(c => c.Cases);
            lead = $"Of {caseCount} {(caseCount == 1 ? "case" : "cases")}: {Distribution(counts, c => c.Cases)}"
                + (ungraded > 0 ? $", {ungraded} not graded" : string.Empty) + ".";
            if (gradedReturns > 0)
            {
                points.Add($"Single-agency grades ({gradedReturns} {(gradedReturns == 1 ? "return" : "returns")}): {Distribution(counts, c => c.Returns)}.");
            }
        }
        else if (gradedReturns > 0)
        {
            lead = $"Of {gradedReturns} single-agency {(gradedReturns == 1 ? "return" : "returns")}: {Distribution(counts, c => c.Returns)}. The multi-agency grades have not been ratified yet.";
        }
        else
        {
            lead = "No grades have been recorded yet.";
        }

        if (topThemes.Count > 0)
        {
            var described = topThemes.Take(3)
                .Select(t => $"{ThemeInference.DisplayName(t).ToLowerInvariant()} ({couldImprove.Where(c => c.Theme == t).Sum(c => c.Support)})")
                .ToList();
            points.Add($"Findings most often raised for development: {BriefingText.JoinWithAnd(described)}.");
        }

        return (counts, lead, points);
    }

    private static bool Matches(GradeLevel level, string? keyOrLabel) =>
        keyOrLabel is not null
        && (string.Equals(level.Key, keyOrLabel, StringComparison.OrdinalIgnoreCase)
            || string.Equals(level.Label, keyOrLabel, StringComparison.OrdinalIgnoreCase));

    private static string Distribution(IReadOnlyList<GradeCount> counts, Func<GradeCount, int> count) =>
        string.Join(", ", counts.Select(c => c.Label.All(char.IsAsciiDigit)
            ? $"{count(c)} graded {c.Label}" // "3 graded 2", not "3 2", on a numeric scale
            : $"{count(c)} {c.Label.ToLowerInvariant()}"));

    [GeneratedRegex(@"\bby (January|February|March|April|May|June|July|August|September|October|November|December) (\d{4})\b", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex TargetMonth();
}
