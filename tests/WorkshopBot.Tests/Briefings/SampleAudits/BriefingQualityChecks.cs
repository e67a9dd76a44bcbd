using System.Globalization;
using System.Text.RegularExpressions;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Common;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Tests.Briefings.SampleAudits;

/// <summary>What the checks know of the audit a briefing was composed from.</summary>
internal sealed record BriefingFacts(
    IReadOnlyList<string> AgencyNames,
    IReadOnlyList<string> CaseReferences,
    IReadOnlyList<AgeBand> CaseAges,
    IReadOnlyList<string> RatifiedGradeLabels,
    bool AnonymousBoard,
    DateOnly PublicationDate)
{
    public static BriefingFacts Of(SampleOutcome outcome) => new(
        outcome.Audit.Agencies.Select(a => a.Name).ToList(),
        outcome.Audit.Cases.Select(c => c.Reference.Value).ToList(),
        outcome.Audit.Cases.Select(c => c.AgeBand).ToList(),
        outcome.Sample.CaseGrades.Select(k => outcome.Sample.Scale.FindLevel(k)!.Label).ToList(),
        outcome.Sample.AnonymousImprovementBoard,
        DateOnly.FromDateTime(SampleAuditRun.Today.UtcDateTime));
}

/// <summary>
/// What a partnership's QA lead would refuse to publish, as checks: an empty box, more than 900 words, template or help
/// text, a raw id, a theme label outside the taxonomy, counts out of order, a named finding without its agency, two
/// near-duplicate findings left in one box, a recommendation without owner and date, a practice message that does not
/// fit the ages of the cases, a wrong grade line.
/// Each returns the problems found (none for a briefing fit to publish).
/// </summary>
internal static partial class BriefingQualityChecks
{
    public static IReadOnlyList<string> Problems(Briefing briefing, BriefingFacts facts)
    {
        var text = briefing.FullText();
        var problems = new List<string>();
        problems.AddRange(EmptyBoxes(briefing));
        if (briefing.WordCount > Briefing.MaxWords)
        {
            problems.Add($"{briefing.WordCount} words, more than {Briefing.MaxWords}.");
        }

        problems.AddRange(TemplateText()
            .Where(t => text.Contains(t, StringComparison.OrdinalIgnoreCase))
            .Select(t => $"Template text: {t}"));
        problems.AddRange(RawIds(text, facts));
        problems.AddRange(Labels(briefing));
        problems.AddRange(CountsOutOfOrder(briefing));
        problems.AddRange(Unattributed(briefing, facts));
        problems.AddRange(NearDuplicates(briefing));
        problems.AddRange(Recommendations(briefing, facts));
        problems.AddRange(PracticeMessagesForOtherAges(briefing, facts));
        problems.AddRange(GradeLine(briefing, facts));
        return problems;
    }

    private static IEnumerable<string> EmptyBoxes(Briefing briefing) => briefing.Boxes
        .Where(b => (b.Points.Count == 0 && b.Kind is not (BriefingBoxKind.WhyItMatters or BriefingBoxKind.GradesAndFindings))
            || string.IsNullOrWhiteSpace(b.Lead) && b.Points.Count == 0
            || (b.Lead ?? "").StartsWith("No ", StringComparison.Ordinal))
        .Select(b => $"Empty box: {b.Title}")
        .Concat(briefing.Boxes.SelectMany(b => b.Points).Where(SaysNothing).Select(p => $"Point that says nothing: {p}"));

    // "Nothing further to add (Police).", "Other: None (2 agencies).": a return's filler stated as a finding.
    private static bool SaysNothing(string point)
    {
        var said = Attribution().Replace(point, "").Split(": ", 2)[^1].Trim().TrimEnd('.');
        return said.Length == 0 || (BriefingText.CountWords(said) <= 5 && Filler().IsMatch(said));
    }

    /// <summary>Every description, guidance and help text of the built-in audit tools.</summary>
    public static IEnumerable<string> TemplateText() => QuestionTemplates.All
        .SelectMany(t => new[] { t.Description }.Concat(t.AllQuestions.Select(q => q.Guidance).OfType<string>()))
        .Concat(["Why this theme", "add your own sections", "General practice"])
        .Distinct(StringComparer.Ordinal);

    private static IEnumerable<string> RawIds(string text, BriefingFacts facts) =>
        ThreadId().Matches(text).Select(m => $"Raw id: {m.Value}")
            .Concat(AgencyId().Matches(text).Select(m => $"Raw agency id: {m.Value}"))
            .Concat(facts.CaseReferences
                .Where(r => text.Contains(r, StringComparison.OrdinalIgnoreCase))
                .Select(r => $"Case reference: {r}"));

    private static IEnumerable<string> Labels(Briefing briefing)
    {
        var known = Themes.All.Select(t => t.DisplayName).Append(ThemeInference.OtherLabel).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var point in briefing.Box(BriefingBoxKind.CouldImprove).Points)
        {
            var label = point.Split(": ", 2)[0];
            if (!known.Contains(label))
            {
                yield return $"Label outside the taxonomy: {label}";
            }
        }

        foreach (var (label, _) in ThemeCounts(briefing))
        {
            if (!known.Contains(label))
            {
                yield return $"Label outside the taxonomy: {label}";
            }
        }
    }

    private static IEnumerable<string> CountsOutOfOrder(Briefing briefing)
    {
        var counts = ThemeCounts(briefing).Select(c => c.Count).ToList();
        if (counts.Zip(counts.Skip(1)).Any(p => p.First < p.Second))
        {
            yield return $"Counts out of order: {string.Join(", ", counts)}";
        }
    }

    /// <summary>The themes and counts of the "raised most often" line, in the order written.</summary>
    public static IReadOnlyList<(string Label, int Count)> ThemeCounts(Briefing briefing)
    {
        var line = briefing.Box(BriefingBoxKind.GradesAndFindings).Points
            .FirstOrDefault(p => p.StartsWith("Areas for development raised most often", StringComparison.Ordinal));
        return line is null ? [] : Counted().Matches(line.Split(": ", 2)[1])
            .Select(m => (m.Groups["label"].Value.Trim(), int.Parse(m.Groups["count"].Value, CultureInfo.InvariantCulture)))
            .ToList();
    }

    private static IEnumerable<string> Unattributed(Briefing briefing, BriefingFacts facts)
    {
        var points = briefing.Box(BriefingBoxKind.WorkedWell).Points.Concat(briefing.Box(BriefingBoxKind.CouldImprove).Points);
        foreach (var point in points)
        {
            var attribution = Attribution().Match(point);
            var named = attribution.Success
                && facts.AgencyNames.Any(a => attribution.Groups[1].Value.Contains(a, StringComparison.Ordinal));
            var anonymous = attribution.Success && attribution.Groups[1].Value == "raised at the workshop" && facts.AnonymousBoard;
            if (!named && !anonymous)
            {
                yield return $"Finding without its agency: {point}";
            }
        }
    }

    /// <summary>Two findings of one box that the merge rule calls the same point: the composer should have made them one.</summary>
    public static IEnumerable<string> NearDuplicates(Briefing briefing)
    {
        foreach (var kind in new[] { BriefingBoxKind.WorkedWell, BriefingBoxKind.CouldImprove })
        {
            var points = briefing.Box(kind).Points.Select(p => (Point: p, Said: Said(p))).ToList();
            for (var i = 0; i < points.Count; i++)
            {
                for (var j = i + 1; j < points.Count; j++)
                {
                    var comparison = FindingSimilarity.Compare(points[i].Said, points[j].Said);
                    if (comparison.SameFinding)
                    {
                        yield return $"Near-duplicate findings in \"{briefing.Box(kind).Title}\" ({comparison.Reason}): "
                            + $"{points[i].Point} / {points[j].Point}";
                    }
                }
            }
        }
    }

    // The finding itself: without the theme label before it ("Information sharing: ") and the agencies after it.
    private static string Said(string point)
    {
        var said = Attribution().Replace(point, "").Trim();
        var label = said.IndexOf(": ", StringComparison.Ordinal);
        return label > 0 && label < 60 ? said[(label + 2)..] : said;
    }

    private static IEnumerable<string> Recommendations(Briefing briefing, BriefingFacts facts)
    {
        var owners = facts.AgencyNames.Append(WorkshopRecommendation.PartnershipOwnerName).ToHashSet(StringComparer.Ordinal);
        foreach (var r in briefing.Recommendations)
        {
            if (string.IsNullOrWhiteSpace(r.Owner) || !r.Owner.Split(", ").Concat(r.Owner.Split(" and ")).Any(owners.Contains)
                || r.TargetDate <= facts.PublicationDate)
            {
                yield return $"Recommendation without a known owner or a future date: {r.Text}";
            }
        }

        var points = briefing.Box(BriefingBoxKind.NextSteps).Points;
        var stated = points.Where(p => p.Contains(" Owner: ", StringComparison.Ordinal)).ToList();
        foreach (var point in stated.Where(p => !OwnerAndTarget().IsMatch(p)))
        {
            yield return $"Recommendation without owner and target month: {point}";
        }

        if (stated.Count == 0 || stated.Count != Math.Min(briefing.Recommendations.Count, BriefingComposer.MaxNextSteps))
        {
            yield return $"{stated.Count} recommendations stated for {briefing.Recommendations.Count} agreed.";
        }

        if (briefing.Recommendations.FirstOrDefault()?.Source != RecommendationSource.Partnership)
        {
            yield return "The partnership's recommendations do not come first.";
        }
    }

    private static IEnumerable<string> PracticeMessagesForOtherAges(Briefing briefing, BriefingFacts facts)
    {
        var babies = facts.CaseAges.Contains(AgeBand.Under1);
        var teenagers = facts.CaseAges.Any(a => a >= AgeBand.ElevenToFifteen);
        foreach (var message in briefing.Box(BriefingBoxKind.DoNow).Points)
        {
            var known = PracticeMessages.Find(message);
            if (known is null || !known.FitsAny(facts.CaseAges)
                || (!babies && BabyWords().IsMatch(message)) || (!teenagers && message.Contains("young person", StringComparison.Ordinal)))
            {
                yield return $"Practice message that does not fit the ages of the cases: {message}";
            }
        }
    }

    private static IEnumerable<string> GradeLine(Briefing briefing, BriefingFacts facts)
    {
        var cases = facts.CaseReferences.Count;
        var expected = $"Of {cases} {(cases == 1 ? "case" : "cases")}: " + string.Join(", ", briefing.Grades.Select(g =>
        {
            var count = facts.RatifiedGradeLabels.Count(l => l == g.Label);
            return g.Label.All(char.IsAsciiDigit) ? $"{count} graded {g.Label}" : $"{count} {g.Label.ToLowerInvariant()}";
        })) + ".";
        if (briefing.Box(BriefingBoxKind.GradesAndFindings).Lead != expected)
        {
            yield return $"Grade line \"{briefing.Box(BriefingBoxKind.GradesAndFindings).Lead}\", expected \"{expected}\".";
        }
    }

    [GeneratedRegex(@"\b(19|28|29):[^\s)]*|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", RegexOptions.IgnoreCase)]
    private static partial Regex ThreadId();

    [GeneratedRegex(@"\bagency-\d+\b")]
    private static partial Regex AgencyId();

    // "a (3), b, with a comma (2) and c and d (1).": each label runs to its count, commas and "and" inside it included.
    [GeneratedRegex(@"(?:^|, | and )(?<label>.+?) \((?<count>\d+)\)(?=, | and |\.?$)")]
    private static partial Regex Counted();

    // The last bracket of a point, allowing agency names with their own brackets inside.
    [GeneratedRegex(@"\(((?:[^()]|\([^()]*\))+)\)\.?$")]
    private static partial Regex Attribution();

    [GeneratedRegex(@"^(nothing|none|n/a|nil|not applicable|no (further )?(comments?|concerns|issues))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Filler();

    [GeneratedRegex(@" Owner: .+?\. Target: (January|February|March|April|May|June|July|August|September|October|November|December)"
        + @" \d{4}\.")]
    private static partial Regex OwnerAndTarget();

    [GeneratedRegex(@"\b(baby|babies|non-mobile|newborn)\b", RegexOptions.IgnoreCase)]
    private static partial Regex BabyWords();
}
