using WorkshopBot.Audits;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Common;
using WorkshopBot.Storage;
using WorkshopBot.Workshop;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Briefings.Storage;

/// <summary>
/// The briefing's persistence: one document per audit in "briefings" (all versions and publications), one per
/// team discussion in "briefing-discussions", and the Teams team id to Entra group id map Graph needs.
/// </summary>
public sealed class BriefingStore(IDocumentStore documents)
{
    public const string Briefings = "briefings";
    public const string Discussions = "briefing-discussions";
    public const string TeamGroups = "briefing-team-groups";

    public Task<VersionedDocument<BriefingRecord>?> GetAsync(Guid auditId, CancellationToken cancellationToken) =>
        documents.GetAsync<BriefingRecord>(Briefings, Key(auditId), cancellationToken: cancellationToken);

    public Task<bool> TryInsertAsync(BriefingRecord record, CancellationToken cancellationToken) =>
        documents.InsertAsync(Briefings, Key(record.AuditId), record, Key(record.AuditId), cancellationToken: cancellationToken);

    public Task<bool> TryUpdateAsync(VersionedDocument<BriefingRecord> document, CancellationToken cancellationToken) =>
        documents.UpdateAsync(Briefings, document.Id, document.Version, document.Value, Key(document.Value.AuditId), cancellationToken: cancellationToken);

    public Task<bool> AddDiscussionAsync(TeamDiscussion discussion, CancellationToken cancellationToken) =>
        documents.InsertAsync(Discussions, discussion.Id.ToString("N"), discussion, Key(discussion.AuditId), discussion.ChannelId, cancellationToken: cancellationToken);

    public async Task<IReadOnlyList<TeamDiscussion>> ListDiscussionsAsync(Guid auditId, CancellationToken cancellationToken) =>
        (await documents.ListAsync<TeamDiscussion>(Discussions, Key(auditId), cancellationToken: cancellationToken).ConfigureAwait(false))
            .Select(d => d.Value)
            .OrderBy(d => d.RecordedAt)
            .ToList();

    public async Task<string?> FindTeamGroupIdAsync(string teamId, CancellationToken cancellationToken) =>
        (await documents.GetAsync<TeamGroup>(TeamGroups, teamId, cancellationToken: cancellationToken).ConfigureAwait(false))?.Value.AadGroupId;

    public async Task RememberTeamGroupIdAsync(string teamId, string aadGroupId, CancellationToken cancellationToken)
    {
        var existing = await documents.GetAsync<TeamGroup>(TeamGroups, teamId, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            await documents.InsertAsync(TeamGroups, teamId, new TeamGroup(teamId, aadGroupId), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        else if (existing.Value.AadGroupId != aadGroupId)
        {
            await documents.UpdateAsync(TeamGroups, teamId, existing.Version, new TeamGroup(teamId, aadGroupId), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    public static string Key(Guid auditId) => auditId.ToString("D");

    private sealed record TeamGroup(string TeamId, string AadGroupId);
}

/// <summary>
/// Read-only access to what the audits and workshop features store. The briefing never writes their documents.
/// </summary>
public sealed class BriefingInputs(AuditStore audits, IEnumerable<IWorkshopResults> workshops)
{
    public async Task<Audit?> FindAuditAsync(Guid auditId, CancellationToken cancellationToken) =>
        (await audits.GetAuditAsync(auditId, cancellationToken).ConfigureAwait(false))?.Value;

    /// <summary>Audits this person may brief on: those they chair, or every audit for an admin. Past the draft stage only.</summary>
    public async Task<IReadOnlyList<Audit>> ListBriefableAsync(string userKey, bool isAdmin, CancellationToken cancellationToken)
    {
        var all = await audits.ListAuditsAsync(cancellationToken).ConfigureAwait(false);
        var me = new PersonRef(userKey, userKey);
        return all.Select(d => d.Value)
            .Where(a => a.Status != AuditStatus.Draft && (isAdmin || a.IsChair(me)))
            .OrderByDescending(a => a.CreatedAt)
            .ToList();
    }

    public async Task<BriefingSource> LoadSourceAsync(Audit audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var returns = await audits.ListReturnsAsync(audit.Id, cancellationToken).ConfigureAwait(false);
        WorkshopOutcome? outcome = null;
        foreach (var workshop in workshops)
        {
            outcome ??= await workshop.GetForAuditAsync(audit.Id, cancellationToken).ConfigureAwait(false);
        }

        return BriefingSource.From(audit, returns.Select(r => r.Value), outcome);
    }
}
