namespace WorkshopBot.Briefings.Domain;

/// <summary>What the composer needs besides the audit: the footer contact and an optional local procedure link.</summary>
public sealed record BriefingComposerSettings(string Contact, string? LocalProceduresUrl = null);

/// <summary>
/// Composes the seven boxes from an audit's returns and its workshop. Deterministic: inputs are put in a fixed
/// order first, nothing random or time-based is read, so the same source and date always give the same briefing.
/// The source is read once (<see cref="BriefingAnalysis"/>), each box is written from it (<see cref="BriefingBoxes"/>),
/// then the lowest-ranked points are dropped until the briefing fits.
/// </summary>
public sealed class BriefingComposer(BriefingComposerSettings settings)
{
    public const int MaxWorkedWell = 6;
    public const int MaxCouldImprove = 6;
    public const int MaxNextSteps = 5;
    public const int MaxPracticeMessages = 4;

    /// <summary>A point longer than this is cut, so one long narrative cannot crowd out the rest.</summary>
    public const int MaxWordsPerPoint = 40;

    /// <summary>At most this many agencies are named on one point; a point every agency made would otherwise crowd out the rest.</summary>
    public const int MaxAgenciesNamed = 3;

    private static readonly BriefingBoxKind[] TrimOrder =
    [
        BriefingBoxKind.WorkedWell, BriefingBoxKind.CouldImprove, BriefingBoxKind.NextSteps, BriefingBoxKind.DoNow,
        BriefingBoxKind.GradesAndFindings,
    ];

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
        var analysis = BriefingAnalysis.Of(source);
        var next = BriefingNextSteps.Compose(source, analysis);
        var boxes = Enum.GetValues<BriefingBoxKind>()
            .Select(kind => kind == BriefingBoxKind.NextSteps ? next.Box : BuildBox(kind, source, analysis))
            .ToList();
        var briefing = new Briefing(
            source.AuditId,
            $"7-minute briefing: {source.ThemeName}",
            boxes,
            analysis.Grades,
            new BriefingFooter(BriefingWording.AnonymisationNote, publicationDate, settings.Contact))
        {
            Recommendations = next.Recommendations,
            UndatedRecommendations = next.Undated,
            UndatedSummary = next.UndatedSummary,
        };
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

        var analysis = BriefingAnalysis.Of(source);
        Briefing regenerated;
        if (only == BriefingBoxKind.NextSteps)
        {
            var next = BriefingNextSteps.Compose(source, analysis);
            regenerated = current.WithBox(next.Box) with
            {
                Recommendations = next.Recommendations, UndatedRecommendations = next.Undated, UndatedSummary = next.UndatedSummary,
            };
        }
        else
        {
            regenerated = current.WithBox(BuildBox(only, source, analysis));
        }

        if (only == BriefingBoxKind.GradesAndFindings)
        {
            regenerated = regenerated with { Grades = analysis.Grades };
        }

        return TrimToLimit(regenerated, [only]);
    }

    private BriefingBox BuildBox(BriefingBoxKind kind, BriefingSource source, BriefingAnalysis analysis) =>
        kind switch
        {
            BriefingBoxKind.Background => BriefingBoxes.Background(source),
            BriefingBoxKind.WhyItMatters => BriefingBoxes.WhyItMatters(source, analysis.Topic, settings.LocalProceduresUrl),
            BriefingBoxKind.WorkedWell => BriefingBoxes.WorkedWell(analysis),
            BriefingBoxKind.CouldImprove => BriefingBoxes.CouldImprove(analysis),
            BriefingBoxKind.GradesAndFindings => BriefingBoxes.GradesAndFindings(analysis),
            BriefingBoxKind.NextSteps => BriefingNextSteps.Compose(source, analysis).Box,
            BriefingBoxKind.DoNow => BriefingBoxes.DoNow(source, analysis),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown box."),
        };

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
}
