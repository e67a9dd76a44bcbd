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
/// Reads one tenant's audits (with their agencies' names), the grades of their submitted returns once released for
/// moderation, workshop ideas,
/// briefings, team discussions and actions, and reduces them to <see cref="InsightFactSet"/>. Every read names the tenant
/// in SQL (the documents' tenant index), so other tenants' documents are never read. Draft audits are left out, and with
/// a period only the audits held in it (and their returns, briefings and actions) are kept. An audit's themes are those
/// its workshop findings and its actions were tagged with, and its own theme when that is a theme of the taxonomy.
/// Returns are the bulk (a five-year partnership has over ten thousand), so their grades come from
/// <see cref="ReturnGrades"/>, not from the returns; of each action only what the view counts is read
/// (<see cref="ActionRow"/>). Everything here is a read, never a change (the audits a person chairs are held to the
/// commit when only those are shown: see <see cref="ChairedAsync"/>).
/// </summary>
internal sealed class InsightSources(DocumentChanges documents, IDocumentStore store, ReturnGrades grades)
{
    /// <summary>Everything of the tenant (every audit held, whenever).</summary>
    public Task<InsightFactSet> ReadAsync(string tenantId, CancellationToken ct) =>
        ReadAsync(tenantId, DateOnly.MinValue, DateOnly.MaxValue, ct);

    /// <summary>The audits held from <paramref name="from"/> to <paramref name="to"/> (inclusive) and what belongs to them.</summary>
    public Task<InsightFactSet> ReadAsync(string tenantId, DateOnly from, DateOnly to, CancellationToken ct) =>
        ReadAsync(tenantId, from, to, null, ct);

    /// <summary>
    /// As above, and with <paramref name="chairedBy"/> only the audits that person chairs (and what belongs to them: their
    /// returns' grades, briefings and actions), each held to the commit (see <see cref="ChairedAsync"/>).
    /// </summary>
    public async Task<InsightFactSet> ReadAsync(string tenantId, DateOnly from, DateOnly to, PersonRef? chairedBy, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        var audits = (chairedBy is null
                ? await documents.ListForTenantAsync(AuditStore.AuditKind, tenantId, ct).ConfigureAwait(false)
                : await ChairedAsync(tenantId, chairedBy, ct).ConfigureAwait(false))
            .Where(a => a.Status != AuditStatus.Draft && HeldOn(a) >= from && HeldOn(a) <= to)
            .Where(a => chairedBy is null || a.IsChair(chairedBy)).ToList();
        var ids = audits.Select(a => a.Id).ToHashSet();
        var closed = audits.Where(a => a.Status == AuditStatus.Closed).Select(a => a.Id).ToHashSet();
        // Grades only once the chair released the returns for moderation: until then an agency's return is that agency's
        // and the chair's alone (the workshop's reader waits for the release too), and on a one-case audit a row of grade
        // counts under an agency filter would be that agency's grade.
        var released = audits.Where(a => a.ReturnsReleased).Select(a => a.Id).ToHashSet();
        var returns = await grades.ListAsync(tenantId, released, ct).ConfigureAwait(false);
        var workshops = (await documents.ListForTenantAsync(WorkshopRepository.Kind, tenantId, ct).ConfigureAwait(false))
            .Where(w => ids.Contains(w.AuditId)).ToLookup(w => w.AuditId);
        var briefings = (await documents.ListForTenantAsync(BriefingStore.Briefings, tenantId, ct).ConfigureAwait(false))
            .Where(b => ids.Contains(b.AuditId)).ToDictionary(b => b.AuditId);
        var discussions = (await documents.ListForTenantAsync(BriefingStore.Discussions, tenantId, ct).ConfigureAwait(false))
            .Where(d => ids.Contains(d.AuditId)).ToLookup(d => d.AuditId);
        var actions = (await store.ListForTenantAsync<ActionRow>(ActionStore.Actions.Collection, tenantId, cancellationToken: ct)
                .ConfigureAwait(false))
            .Select(d => d.Value)
            .Where(a => string.Equals(a.TenantId ?? "", tenantId, StringComparison.OrdinalIgnoreCase) && ids.Contains(a.AuditId))
            .Select(a => new ActionFacts(a.AuditId, a.OwnerAgency, Standing(a.State), a.DueOn, a.Themes, closed.Contains(a.AuditId))
            {
                OwnedByPartnership = PlannedAction.IsPartnershipOwner(a.OwnedByPartnership, a.OwnerAgency),
            })
            .ToList();
        var actionThemes = actions.ToLookup(a => a.AuditId);

        var facts = audits.Select(audit => new AuditFacts(
            audit.Id,
            audit.Title,
            HeldOn(audit),
            audit.Cases.Count,
            audit.Agencies.Select(a => a.Name).ToList(),
            returns.TryGetValue(audit.Id, out var graded) ? graded : [],
            ThemesOf(audit, workshops[audit.Id], actionThemes[audit.Id]),
            briefings.TryGetValue(audit.Id, out var briefing) ? Briefing(briefing, discussions[audit.Id]) : null)
        {
            AgencyCases = audit.Agencies.Select(a => new AgencyCases(a.Name, a.AssignedCases?.Count ?? audit.Cases.Count)).ToList(),
        }).ToList();
        return new InsightFactSet(facts, actions);
    }

    /// <summary>
    /// Whether <paramref name="person"/> chairs an audit of the tenant (a draft too), whenever it is held; the audits they
    /// chair are held to the commit (see <see cref="ChairedAsync"/>).
    /// </summary>
    public async Task<bool> ChairsAnyAsync(string tenantId, PersonRef person, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentNullException.ThrowIfNull(person);
        return (await ChairedAsync(tenantId, person, ct).ConfigureAwait(false)).Any(a => a.IsChair(person));
    }

    /// <summary>
    /// The tenant's audits, those <paramref name="chair"/> chairs held as listed (DocumentChanges.ListForTenantHoldingAsync):
    /// the tab's downloads in pilot mode show a person only the audits they chair, as the chair's own downloads do, and
    /// hold them the same way, so a handover that lands before the download commits sends it round again from fresh reads.
    /// </summary>
    private Task<IReadOnlyList<Audit>> ChairedAsync(string tenantId, PersonRef chair, CancellationToken ct) =>
        documents.ListForTenantHoldingAsync(AuditStore.AuditKind, tenantId, a => a.IsChair(chair), ct);

    /// <summary>The workshop's day, else the day the audit was issued, in England (it decides the month and quarter).</summary>
    public static DateOnly HeldOn(Audit audit)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return EnglandTime.DateOf(audit.WorkshopAt ?? audit.IssuedAt ?? audit.CreatedAt);
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

    // A channel counts as posted to while one of its posts is not withdrawn (a replaced post's channel has the newer one).
    private static BriefingFacts Briefing(BriefingRecord record, IEnumerable<TeamDiscussion> discussions) => new(
        record.ApprovedVersion is not null,
        record.Publications.Where(p => record.WithdrawalOf(p.Version) is null).Select(p => p.ChannelId)
            .Distinct(StringComparer.Ordinal).Count(),
        discussions.Select(d => string.IsNullOrWhiteSpace(d.TeamName) ? "A team" : d.TeamName.Trim()).ToList(),
        record.ApprovedVersion is { } approved && record.WithdrawalOf(approved) is not null);

    private static ActionStanding Standing(ActionState state) => state switch
    {
        ActionState.AwaitingSignOff => ActionStanding.AwaitingSignOff,
        ActionState.Completed => ActionStanding.Completed,
        ActionState.Closed => ActionStanding.Closed,
        _ => ActionStanding.Open,
    };

    /// <summary>The part of a stored action the view counts (the rest of the document is skipped, not built).</summary>
    private sealed class ActionRow
    {
        public Guid AuditId { get; set; }

        public string? TenantId { get; set; }

        public string OwnerAgency { get; set; } = string.Empty;

        /// <summary>The chair's choice of the partnership as owner; null for an action stored before it was kept.</summary>
        public bool? OwnedByPartnership { get; set; }

        public ActionState State { get; set; }

        public DateOnly DueOn { get; set; }

        public List<string> Themes { get; set; } = [];
    }
}
