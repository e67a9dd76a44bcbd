using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Common;
using WorkshopBot.Common.Storage;
using WorkshopBot.Insights.Domain;
using WorkshopBot.Storage;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Storage;

namespace WorkshopBot.Insights.Storage;

/// <summary>
/// Reads one tenant's audits, submitted returns, workshop ideas, briefings, team discussions and actions (one list per
/// collection, each naming the tenant) and reduces them to <see cref="InsightFactSet"/>. Draft audits are left out.
/// An audit's themes are those its workshop findings and its actions were tagged with, and its own theme when that is a
/// theme of the taxonomy. Returns are the bulk (a five-year partnership has over ten thousand), so only their grade, agency
/// and status are read from each stored return (<see cref="ReturnGrade"/>); this is a read, never a change.
/// </summary>
public sealed class InsightSources(DocumentChanges documents, IDocumentStore store)
{
    public async Task<InsightFactSet> ReadAsync(string tenantId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        var audits = (await documents.ListAsync(AuditStore.AuditKind, null, null, tenantId, ct).ConfigureAwait(false))
            .Where(a => a.Status != AuditStatus.Draft).ToList();
        var returns = (await store.ListAsync<ReturnGrade>(AuditStore.Returns, cancellationToken: ct).ConfigureAwait(false))
            .Select(d => d.Value)
            .Where(r => string.Equals(r.TenantId ?? "", tenantId, StringComparison.OrdinalIgnoreCase))
            .Where(r => r.Status == ReturnStatus.Submitted && r.Grade is not null)
            .ToLookup(r => r.AuditId);
        var workshops = (await documents.ListAsync(WorkshopRepository.Kind, null, null, tenantId, ct).ConfigureAwait(false))
            .ToLookup(w => w.AuditId);
        var briefings = (await documents.ListAsync(BriefingStore.Briefings, null, null, tenantId, ct).ConfigureAwait(false))
            .ToDictionary(b => b.AuditId);
        var discussions = (await documents.ListAsync(BriefingStore.Discussions, null, null, tenantId, ct).ConfigureAwait(false))
            .ToLookup(d => d.AuditId);
        var actions = (await documents.ListAsync(ActionStore.Actions, null, null, tenantId, ct).ConfigureAwait(false))
            .Select(a => new ActionFacts(a.AuditId, a.OwnerAgency, Standing(a.State), a.DueOn, a.Themes)).ToList();
        var actionThemes = actions.ToLookup(a => a.AuditId);

        var facts = audits.Select(audit => new AuditFacts(
            audit.Id,
            audit.Title,
            HeldOn(audit),
            audit.Cases.Count,
            returns[audit.Id].Select(r => new GradedReturn(r.AgencyName, r.Grade!.Label, r.Grade.Rank, r.GradeScale!.Levels.Count))
                .ToList(),
            ThemesOf(audit, workshops[audit.Id], actionThemes[audit.Id]),
            briefings.TryGetValue(audit.Id, out var briefing) ? Briefing(briefing, discussions[audit.Id]) : null)).ToList();
        return new InsightFactSet(facts, actions);
    }

    /// <summary>The workshop's day, else the day the audit was issued.</summary>
    public static DateOnly HeldOn(Audit audit)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return DateOnly.FromDateTime((audit.WorkshopAt ?? audit.IssuedAt ?? audit.CreatedAt).UtcDateTime);
    }

    private static List<string> ThemesOf(Audit audit, IEnumerable<WorkshopSession> workshops, IEnumerable<ActionFacts> actions)
    {
        var themes = workshops.SelectMany(w => w.Polls).SelectMany(p => p.Items)
            .Where(i => i.IsVisible && Themes.IsKnown(i.ThemeKey)).Select(i => i.ThemeKey!)
            .Concat(actions.SelectMany(a => a.Themes).Where(Themes.IsKnown));
        var own = Themes.All.FirstOrDefault(t => string.Equals(t.DisplayName, audit.ThemeName, StringComparison.OrdinalIgnoreCase)
            || string.Equals(t.Key, audit.TemplateKey, StringComparison.Ordinal));
        return (own is null ? themes : themes.Append(own.Key)).Distinct(StringComparer.Ordinal).ToList();
    }

    private static BriefingFacts Briefing(BriefingRecord record, IEnumerable<TeamDiscussion> discussions) => new(
        record.ApprovedVersion is not null,
        record.Publications.Select(p => p.ChannelId).Distinct(StringComparer.Ordinal).Count(),
        discussions.Select(d => string.IsNullOrWhiteSpace(d.TeamName) ? "A team" : d.TeamName.Trim()).ToList());

    private static ActionStanding Standing(ActionState state) => state switch
    {
        ActionState.AwaitingSignOff => ActionStanding.AwaitingSignOff,
        ActionState.Completed => ActionStanding.Completed,
        ActionState.Closed => ActionStanding.Closed,
        _ => ActionStanding.Open,
    };

    /// <summary>The part of a stored return the view reads (the rest of the document is skipped, not built).</summary>
    private sealed class ReturnGrade
    {
        public Guid AuditId { get; set; }

        public string? TenantId { get; set; }

        public string AgencyName { get; set; } = string.Empty;

        public GradeScale? GradeScale { get; set; }

        public string? GradeKey { get; set; }

        public ReturnStatus Status { get; set; }

        public GradeLevel? Grade => GradeScale?.FindLevel(GradeKey);
    }
}
