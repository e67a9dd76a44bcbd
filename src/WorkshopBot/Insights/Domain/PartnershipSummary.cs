using System.Globalization;
using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Common;

namespace WorkshopBot.Insights.Domain;

/// <summary>
/// Computes <see cref="PartnershipView"/> from a tenant's facts. Audits count when they were held in the period; a
/// theme filter keeps the audits that raised the theme (and actions tagged with it); an agency filter keeps the audits the
/// agency took part in (<see cref="TookPart"/>), and of those only that agency's grades and actions, so every figure
/// (audits held, cases audited, grades, recurring themes, actions and briefing use) is of those audits. Its cases audited
/// are those assigned to it in the audits it was named in or graded in (<see cref="CasesAudited"/>): an agency (the
/// partnership) that only owns an action audited none. The partnership's own entry (<see cref="InsightQuery.Partnership"/>)
/// keeps the audits where it owns an action, and its own actions: those the chair chose it for, whatever an agency is called.
/// Periods over time are years, or quarters when the period is three years or shorter.
/// <para>
/// Small numbers under an agency filter: a row of grade counts (an audit's, or a theme's in a period) that holds a count of
/// 1 or 2 gives none of its counts exactly, only their bands ("fewer than 3", "3 or more", <see cref="GradeCount"/>), so on
/// a one-case audit, or a quarter of one audit, the agency's grade cannot be read, nor worked out from the zeros beside it
/// or from the row's total (kept exact: it is the returns, which the cases audited already tell). A theme's row is banded
/// too when one of its audits' rows is, so it cannot be subtracted back from the audit rows given exactly. The grade
/// columns are those of all the audits' returns, not the agency's alone, which would name its grades. Without an agency
/// filter no row names an agency, and each theme's row is the sum of audit rows shown beside it, so all are exact.
/// </para>
/// </summary>
public static class PartnershipSummary
{
    public static PartnershipView Compute(InsightFactSet facts, InsightQuery query, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(query);
        var theme = Themes.IsKnown(query.Theme) ? query.Theme : null;
        // The partnership's own entry is told by the flag its actions carry, never by a name: an agency may be called
        // "The partnership" too, and then it is an agency like any other.
        var partnership = query.Partnership;
        var agency = partnership || string.IsNullOrWhiteSpace(query.Agency) ? null : query.Agency.Trim();
        var filtered = partnership || agency is not null;
        var inPeriod = facts.Audits.Where(a => a.HeldOn >= query.From && a.HeldOn <= query.To).ToList();
        var actionsOf = facts.Actions.ToLookup(a => a.AuditId);
        var audits = inPeriod.Where(a => theme is null || a.Themes.Contains(theme, StringComparer.Ordinal))
            .Where(a => partnership ? actionsOf[a.Id].Any(x => x.OwnedByPartnership)
                : agency is null || TookPart(a, actionsOf[a.Id], agency))
            .OrderBy(a => a.HeldOn).ThenBy(a => a.Title, StringComparer.Ordinal).ToList();
        // The partnership is graded in no return (it is no audit's agency).
        IEnumerable<GradedReturn> Filter(IEnumerable<GradedReturn> given) => partnership ? [] : FilterGrades(given, agency);

        var grades = Bands(partnership ? Enumerable.Empty<GradedReturn>() : audits.SelectMany(a => a.Grades));
        var index = grades.Select((g, i) => (g.Label, i)).ToDictionary(x => x.Label, x => x.i, StringComparer.Ordinal);
        var banding = agency is not null;
        var counted = audits.Select(a => (Audit: a, Counts: Count(Filter(a.Grades), index))).ToList();
        var banded = counted.Where(x => banding && Small(x.Counts)).Select(x => x.Audit.Id).ToHashSet();
        // Under an agency filter an audit's row gives the cases that agency audited in it (all, where it only owns actions).
        var perAudit = counted.Select(x => new AuditGrades(x.Audit.Id, x.Audit.Title, x.Audit.HeldOn,
            agency is null ? x.Audit.Cases : CasesAudited(x.Audit, agency) ?? x.Audit.Cases,
            Shown(x.Counts, banded.Contains(x.Audit.Id)), x.Counts.Sum())).ToList();
        PeriodGrades Period(string period, IEnumerable<AuditFacts> of)
        {
            var list = of.ToList();
            var counts = Count(list.SelectMany(a => Filter(a.Grades)), index);
            return new PeriodGrades(period, Shown(counts, banding && (Small(counts) || list.Any(a => banded.Contains(a.Id)))),
                counts.Sum());
        }

        var quarterly = query.To.DayNumber - query.From.DayNumber <= 3 * 366;
        var perTheme = audits.SelectMany(a => a.Themes).Distinct(StringComparer.Ordinal)
            .Where(Themes.IsKnown)
            .Select(key => new ThemeTrend(key, Themes.Find(key)!.DisplayName, audits
                .Where(a => a.Themes.Contains(key, StringComparer.Ordinal))
                .GroupBy(a => PeriodOf(a.HeldOn, quarterly))
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => Period(g.Key, g))
                .ToList()))
            .OrderByDescending(t => t.Periods.Sum(p => p.Total)).ThenBy(t => t.Label, StringComparer.Ordinal)
            .ToList();

        var recurring = audits.SelectMany(a => a.Themes.Distinct(StringComparer.Ordinal).Select(t => (Theme: t, Audit: a)))
            .Where(x => Themes.IsKnown(x.Theme) && (theme is null || x.Theme == theme))
            .GroupBy(x => x.Theme, StringComparer.Ordinal)
            .Where(g => g.Count() >= 2)
            .Select(g => new RecurringTheme(g.Key, Themes.Find(g.Key)!.DisplayName, g.Select(x => x.Audit)
                .OrderBy(a => a.HeldOn).Select(a => new AuditRef(a.Id, a.Title, a.HeldOn)).ToList()))
            .OrderByDescending(r => r.Audits.Count).ThenBy(r => r.Label, StringComparer.Ordinal)
            .ToList();

        var auditIds = audits.Select(a => a.Id).ToHashSet();
        var actions = facts.Actions
            .Where(a => auditIds.Contains(a.AuditId))
            .Where(a => theme is null || a.Themes.Contains(theme, StringComparer.Ordinal))
            .Where(a => !filtered || (partnership ? a.OwnedByPartnership : !a.OwnedByPartnership && SameAgency(a.Agency, agency!)))
            // The partnership's own actions are a row of their own, even beside an agency of the same name.
            .GroupBy(a => (a.OwnedByPartnership, Key: a.Agency.Trim().ToUpperInvariant()))
            .Select(g => new AgencyActions(OwnerName(g.Key.OwnedByPartnership, g.First().Agency),
                g.Count(a => a.Standing == ActionStanding.Open && a.IsInHand),
                g.Count(a => a.IsOverdue(today)),
                g.Count(a => a.Standing == ActionStanding.AwaitingSignOff && a.IsInHand),
                g.Count(a => a.Standing == ActionStanding.Completed),
                g.Count(a => a.Standing == ActionStanding.Closed))
            {
                LeftOpen = g.Count(a => a.LeftOpen), Partnership = g.Key.OwnedByPartnership,
            })
            .OrderByDescending(a => a.Overdue).ThenByDescending(a => a.Open).ThenBy(a => a.Agency, StringComparer.OrdinalIgnoreCase)
            .ToList();

        var briefings = audits.Where(a => a.Briefing is not null)
            .Select(a => new BriefingUse(a.Id, a.Title, a.Briefing!.Approved, a.Briefing.ChannelsPosted,
                a.Briefing.TeamsDiscussed.Distinct(StringComparer.OrdinalIgnoreCase)
                    .OrderBy(t => t, StringComparer.OrdinalIgnoreCase).ToList(), a.Briefing.Withdrawn))
            .ToList();

        // The filter's choices: every agency that took part in an audit of the period, whatever the filters, and the
        // partnership's own entry when it owns an action in one.
        var agencies = inPeriod.SelectMany(a => Participants(a, actionsOf[a.Id]))
            .Select(a => a.Trim()).Where(a => a.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
        var partnershipTookPart = inPeriod.Any(a => actionsOf[a.Id].Any(x => x.OwnedByPartnership));
        var themesSeen = inPeriod.SelectMany(a => a.Themes).Where(Themes.IsKnown).Distinct(StringComparer.Ordinal)
            .OrderBy(t => Themes.Find(t)!.DisplayName, StringComparer.Ordinal).ToList();

        // An agency audits its records on the cases of an audit assigned to it (every case when none were); owning an action
        // audits no case.
        var cases = audits.Sum(a => partnership ? 0 : agency is null ? a.Cases : CasesAudited(a, agency) ?? 0);
        return new PartnershipView(query with { Theme = theme, Agency = agency }, audits.Count, cases,
            perAudit.Sum(a => a.Total), grades, perAudit, perTheme, recurring, actions, briefings, agencies, themesSeen)
        {
            PartnershipTookPart = partnershipTookPart,
        };
    }

    /// <summary>
    /// An owner's row name: the partnership's own, or the agency's as named, told apart from the partnership's when it reads
    /// the same ("The partnership (an agency)").
    /// </summary>
    public static string OwnerName(bool partnership, string agency)
    {
        ArgumentNullException.ThrowIfNull(agency);
        return PlannedAction.OwnerNameOf(partnership, agency);
    }

    public static string PeriodOf(DateOnly day, bool quarterly) => quarterly
        ? string.Create(CultureInfo.InvariantCulture, $"{day.Year} Q{((day.Month - 1) / 3) + 1}")
        : day.Year.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Whether <paramref name="agency"/> took part in the audit: it is one of the audit's agencies (those the chair named
    /// and sent the audit tool to), or it owns one of the audit's actions (not one of the partnership's own: those are the
    /// partnership's entry, chosen apart, even where an agency is called "The partnership"). The agency of a graded return
    /// is always one of the audit's agencies; it is counted too, so the agencies the filter offers and the audits it keeps
    /// always agree.
    /// </summary>
    public static bool TookPart(AuditFacts audit, IEnumerable<ActionFacts> actions, string agency)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return Participants(audit, actions).Any(a => SameAgency(a, agency));
    }

    /// <summary>
    /// The cases of the audit <paramref name="agency"/> audited: those assigned to it (every case when none were, or when the
    /// audit's facts do not say); null when it audited none (it was not one of the audit's agencies, nor graded in it).
    /// </summary>
    public static int? CasesAudited(AuditFacts audit, string agency)
    {
        ArgumentNullException.ThrowIfNull(audit);
        if (audit.AgencyCases?.FirstOrDefault(a => SameAgency(a.Agency, agency)) is { } assigned)
        {
            return assigned.Cases;
        }

        return audit.Agencies.Concat(audit.Grades.Select(g => g.Agency)).Any(a => SameAgency(a, agency)) ? audit.Cases : null;
    }

    /// <summary>The audit's agencies: those named, graded, or owning an action (the partnership's own are no agency's).</summary>
    private static IEnumerable<string> Participants(AuditFacts audit, IEnumerable<ActionFacts> actions) =>
        audit.Agencies.Concat(audit.Grades.Select(g => g.Agency))
            .Concat(actions.Where(a => a.AuditId == audit.Id && !a.OwnedByPartnership).Select(a => a.Agency));

    private static bool SameAgency(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<GradedReturn> FilterGrades(IEnumerable<GradedReturn> grades, string? agency) =>
        agency is null ? grades : grades.Where(g => SameAgency(g.Agency, agency));

    /// <summary>
    /// The grade labels, best first. Every scale that graded some of them keeps its order: "Outstanding" comes before
    /// "Good" even in a period where "Good" was given only on the two-point Good / Requires improvement scale, where it is
    /// the best. A label two scales share is one column. Labels no scale orders (a RAG colour and an Ofsted grade) go by
    /// their average place on their own scale (0 best, 1 worst), then by name.
    /// </summary>
    private static List<GradeBand> Bands(IEnumerable<GradedReturn> grades)
    {
        var given = grades.ToList();
        var bands = given.GroupBy(g => g.Grade, StringComparer.Ordinal)
            .Select(g => new GradeBand(g.Key, g.Average(x => x.ScaleLevels <= 1 ? 0 : (x.Rank - 1) / (double)(x.ScaleLevels - 1))))
            .ToDictionary(b => b.Label, StringComparer.Ordinal);
        var worse = bands.Keys.ToDictionary(k => k, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        var better = bands.Keys.ToDictionary(k => k, _ => 0, StringComparer.Ordinal);
        foreach (var scale in ScalesOf(given))
        {
            var seen = scale.Levels.OrderBy(l => l.Rank).Select(l => l.Label).Where(bands.ContainsKey).ToList();
            for (var i = 1; i < seen.Count; i++)
            {
                if (worse[seen[i - 1]].Add(seen[i]))
                {
                    better[seen[i]]++;
                }
            }
        }

        var ordered = new List<GradeBand>(bands.Count);
        var ready = bands.Values.Where(b => better[b.Label] == 0).ToList();
        while (ready.Count > 0)
        {
            var next = ready.OrderBy(b => b.Position).ThenBy(b => b.Label, StringComparer.Ordinal).First();
            ready.Remove(next);
            ordered.Add(next);
            foreach (var label in worse[next.Label])
            {
                better[label]--;
                if (better[label] == 0)
                {
                    ready.Add(bands[label]);
                }
            }
        }

        // Two scales that order the same labels the other way round (none of today's do) leave the rest by place and name.
        return [.. ordered, .. bands.Values.Except(ordered).OrderBy(b => b.Position).ThenBy(b => b.Label, StringComparer.Ordinal)];
    }

    /// <summary>The known scales the grades were given on: the one whose level at the grade's rank has its label.</summary>
    private static IEnumerable<GradeScale> ScalesOf(IEnumerable<GradedReturn> grades) =>
        grades.Select(g => (g.Grade, g.Rank, g.ScaleLevels)).Distinct()
            .SelectMany(g => GradeScales.All.Where(s => s.Levels.Count == g.ScaleLevels
                && s.Levels.Any(l => l.Rank == g.Rank && string.Equals(l.Label, g.Grade, StringComparison.Ordinal))))
            .Distinct();

    private static bool Small(int[] counts) => counts.Any(c => c is > 0 and < GradeCount.Threshold);

    private static GradeCount[] Shown(int[] counts, bool banded) =>
        counts.Select(c => banded ? GradeCount.Band(c) : GradeCount.Of(c)).ToArray();

    private static int[] Count(IEnumerable<GradedReturn> grades, Dictionary<string, int> index)
    {
        var counts = new int[index.Count];
        foreach (var grade in grades)
        {
            if (index.TryGetValue(grade.Grade, out var i))
            {
                counts[i]++;
            }
        }

        return counts;
    }
}
