using WorkshopBot.ActionPlans.Domain;

namespace WorkshopBot.Insights.Domain;

/// <summary>
/// The partnership's view across audits for one period: the figures, the grade distributions, recurring themes,
/// actions by agency and briefing use. Grade labels are listed best first.
/// </summary>
public sealed record PartnershipView(
    InsightQuery Query,
    int AuditsHeld,
    int CasesAudited,
    int ReturnsGraded,
    IReadOnlyList<GradeBand> Grades,
    IReadOnlyList<AuditGrades> PerAudit,
    IReadOnlyList<ThemeTrend> PerTheme,
    IReadOnlyList<RecurringTheme> Recurring,
    IReadOnlyList<AgencyActions> Actions,
    IReadOnlyList<BriefingUse> Briefings,
    IReadOnlyList<string> Agencies,
    IReadOnlyList<string> ThemesSeen)
{
    /// <summary>Actions in hand: open or waiting for sign-off, in audits still being monitored (not closed).</summary>
    public int OpenActions => Actions.Sum(a => a.Open + a.AwaitingSignOff);

    public int OverdueActions => Actions.Sum(a => a.Overdue);

    /// <summary>Actions still open (or waiting for sign-off) when their audit was closed, counted apart from those in hand.</summary>
    public int LeftOpenActions => Actions.Sum(a => a.LeftOpen);

    /// <summary>
    /// Whether the partnership itself owns an action of an audit of the period: the filter then offers its own entry, apart
    /// from <see cref="Agencies"/> (which holds an agency called "The partnership", if one took part).
    /// </summary>
    public bool PartnershipTookPart { get; init; }

    /// <summary>
    /// The agency filter as the partnership's own data spells it, and as the filter's choice reads (an agency called as the
    /// partnership's own entry is "The partnership (an agency)"); null when none was chosen, or when no agency of that name
    /// took part in an audit of the period. What was typed into the link is never shown: nothing checked it for identifiers.
    /// </summary>
    public string? AgencyAsRecorded()
    {
        if (Query.Partnership)
        {
            return PartnershipTookPart ? PlannedAction.PartnershipOwner : null;
        }

        return Query.Agency is not { } asked
            ? null
            : Agencies.FirstOrDefault(a => string.Equals(a.Trim(), asked.Trim(), StringComparison.OrdinalIgnoreCase)) is { } named
                ? PlannedAction.OwnerNameOf(false, named)
                : null;
    }

    /// <summary>
    /// Only the audits the person chairs are shown: the partnership has named no chairs, admins or QA sub-group yet (pilot
    /// mode), so nobody sees the audits of others.
    /// </summary>
    public bool OnlyYourAudits { get; init; }

    /// <summary>Whether some grade counts are given only as bands ("fewer than 3", "3 or more").</summary>
    public bool HasBandedCounts() => PerAudit.Any(a => a.Banded) || PerTheme.Any(t => t.Periods.Any(p => p.Banded));

    /// <summary>Whether the view is of one agency, or of the partnership's own entry.</summary>
    public bool IsFiltered() => Query.Partnership || Query.Agency is not null;
}

/// <summary>A grade label as the charts colour it: <see cref="Position"/> is 0 for the best grade, 1 for the worst.</summary>
public sealed record GradeBand(string Label, double Position);

/// <summary>
/// How many returns of one audit got each grade (in <see cref="PartnershipView.Grades"/> order), or only their bands
/// (<see cref="GradeCount"/>); <see cref="Total"/> is always exact (it is the cases the agencies audited).
/// </summary>
public sealed record AuditGrades(Guid AuditId, string Title, DateOnly HeldOn, int Cases, IReadOnlyList<GradeCount> Counts, int Total)
{
    /// <summary>Whether this row's counts are given only as bands.</summary>
    public bool Banded => Counts.Any(c => c.IsBanded);
}

/// <summary>A theme's grade distribution per period, from the audits that raised it.</summary>
public sealed record ThemeTrend(string Theme, string Label, IReadOnlyList<PeriodGrades> Periods);

/// <summary>One period (a year or a quarter) and its grade counts (exact, or only their bands), and its exact total.</summary>
public sealed record PeriodGrades(string Period, IReadOnlyList<GradeCount> Counts, int Total)
{
    /// <summary>Whether this row's counts are given only as bands.</summary>
    public bool Banded => Counts.Any(c => c.IsBanded);
}

/// <summary>A theme raised in two or more audits of the period, with those audits (oldest first).</summary>
public sealed record RecurringTheme(string Theme, string Label, IReadOnlyList<AuditRef> Audits);

public sealed record AuditRef(Guid Id, string Title, DateOnly HeldOn);

/// <summary>
/// One owner's actions: open (of which overdue), waiting for sign-off, completed and closed, and, apart from those, the
/// ones its audits left open when they were closed (<see cref="LeftOpen"/>). <see cref="Partnership"/> for the
/// partnership's own actions, a row apart from any agency's, even one of the same name.
/// </summary>
public sealed record AgencyActions(string Agency, int Open, int Overdue, int AwaitingSignOff, int Completed, int Closed)
{
    /// <summary>Open or waiting for sign-off when their audit was closed: not among <see cref="Open"/> nor overdue.</summary>
    public int LeftOpen { get; init; }

    /// <summary>The partnership's own actions (not an agency's).</summary>
    public bool Partnership { get; init; }

    public int Total => Open + AwaitingSignOff + Completed + Closed + LeftOpen;
}

/// <summary>An audit's briefing: approved or not, channels posted to, and the teams that recorded discussing it.</summary>
public sealed record BriefingUse(Guid AuditId, string Title, bool Approved, int ChannelsPosted, IReadOnlyList<string> Teams,
    bool Withdrawn = false);
