namespace WorkshopBot.Briefings.Domain;

/// <summary>
/// The chart of the "Grades and findings" box, drawn from the grades the briefing kept (<see cref="Briefing.Grades"/>: the
/// ratified multi-agency grades, else the single-agency ones), and whether the box's text still says what it draws. The
/// composer writes both from the same grades; a chair's edit of the box changes only its text, so the chart could show
/// figures its own text no longer gives. The chart is not redrawn from edited text (a figure typed by hand is no ratified
/// grade): such a version is refused approval and publication until the box is regenerated, or says the figures again.
/// </summary>
public static class GradeChart
{
    /// <summary>
    /// True when the chart draws cases by multi-agency grade, false when single-agency returns by grade; null when the
    /// briefing has no grade to draw (no chart).
    /// </summary>
    public static bool? DrawsCases(Briefing briefing)
    {
        ArgumentNullException.ThrowIfNull(briefing);
        return !briefing.Grades.Any(g => g.Cases > 0 || g.Returns > 0) ? null : briefing.Grades.Any(g => g.Cases > 0);
    }

    /// <summary>What the chart draws, in the words the composer states it: "0 outstanding, 5 good, ..."; null when no chart.</summary>
    public static string? Figures(Briefing briefing) => DrawsCases(briefing) is { } cases
        ? GradeSummary.Distribution(briefing.Grades, g => cases ? g.Cases : g.Returns)
        : null;

    /// <summary>
    /// Why the chart would disagree with the text of the box it is drawn in, or null when they agree: when the chair edited
    /// the box and its text no longer gives the figures the chart draws. A box as composed (or regenerated) always agrees.
    /// </summary>
    public static string? Disagreement(Briefing briefing)
    {
        ArgumentNullException.ThrowIfNull(briefing);
        var box = briefing.Box(BriefingBoxKind.GradesAndFindings);
        if (!box.EditedByChair || Figures(briefing) is not { } figures)
        {
            return null;
        }

        return Words(string.Join(" ", box.AllText())).Contains(Words(figures), StringComparison.OrdinalIgnoreCase)
            ? null
            : $"The chart in \"{box.Title}\" is drawn from the grades recorded for the audit ({figures}), but the box's text no "
                + "longer gives those figures, so the two would disagree. Choose Regenerate on that box to write it again from the "
                + "recorded grades, or give those figures in its text.";
    }

    private static string Words(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
