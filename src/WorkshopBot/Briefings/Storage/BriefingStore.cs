using WorkshopBot.Briefings.Domain;
using WorkshopBot.Common;
using WorkshopBot.Common.Storage;
using WorkshopBot.Storage;

namespace WorkshopBot.Briefings.Storage;

/// <summary>
/// The briefing's persistence: one document per audit in "briefings" (all versions and publications), one per
/// team discussion in "briefing-discussions", and the Teams team id to Entra group id map Graph needs. Every change
/// goes through <see cref="DocumentChanges"/>.
/// </summary>
public sealed class BriefingStore(DocumentChanges documents, TeamGroupsSeen teamGroups)
{
    /// <summary>
    /// What the briefing's second lookup key holds while a publication's DOCX waits for the background upload (otherwise
    /// nothing, as before uploads were queued), so the upload finds those briefings by the store's key index across audits.
    /// </summary>
    public const string PendingUploadsKey = "uploads-pending";

    /// <summary>The briefing of one audit, keyed by the audit id; see <see cref="PendingUploadsKey"/>.</summary>
    public static DocumentKind<BriefingRecord> Briefings { get; } =
        new("briefings", r => Key(r.AuditId), r => Key(r.AuditId), r => r.HasPendingUploads ? PendingUploadsKey : null, r => r.TenantId,
            r => r.AuditId);

    /// <summary>
    /// A team's discussion, listed by audit and channel. It has no tenant of its own: its recorder's (the turn's) is the
    /// document's, so <c>PersonTenants</c> has nothing to fill a recorder from; those recorded before people's tenants were
    /// kept were given their briefing's by migration 1400.
    /// </summary>
    public static DocumentKind<TeamDiscussion> Discussions { get; } =
        new("briefing-discussions", d => d.Id.ToString("N"), d => Key(d.AuditId), d => d.ChannelId, d => d.RecordedBy.TenantId);

    private static DocumentKind<TeamGroup> TeamGroups { get; } = new("briefing-team-groups", g => g.TeamId);

    public Task<BriefingRecord?> GetAsync(Guid auditId, CancellationToken cancellationToken) =>
        documents.GetAsync(Briefings, Key(auditId), cancellationToken);

    /// <summary>
    /// The briefing, with the turn's commit made to depend on it (<see cref="DocumentChanges.RequireUnchanged{T}"/>): a
    /// change or a purge that lands before the commit wins, and the turn runs again from fresh reads. Read once the turn
    /// holds the briefing's gate (<see cref="DocumentChanges.HoldAsync{T}"/>), so a change to it under way on this instance
    /// is what the turn reads.
    /// </summary>
    public async Task<BriefingRecord?> HoldAsync(Guid auditId, CancellationToken cancellationToken) =>
        (await documents.HoldAsync(Briefings, Key(auditId), cancellationToken).ConfigureAwait(false))?.Value;

    /// <summary>Stores a newly composed briefing; false when one was stored first (two clicks on Open).</summary>
    public Task<bool> TryInsertAsync(BriefingRecord record, CancellationToken cancellationToken) =>
        documents.InsertAsync(Briefings, record, cancellationToken);

    /// <summary>Loads, changes and saves the briefing with the one retry policy.</summary>
    public Task<Changed<BriefingRecord, TResult>> ChangeAsync<TResult>(
        Guid auditId, Func<BriefingRecord, DomainResult<TResult>> change, CancellationToken cancellationToken) =>
        documents.ChangeAsync(Briefings, Key(auditId), change, cancellationToken);

    public Task<Changed<BriefingRecord, bool>> ChangeAsync(
        Guid auditId, Func<BriefingRecord, DomainResult> change, CancellationToken cancellationToken) =>
        documents.ChangeAsync(Briefings, Key(auditId), change, cancellationToken);

    /// <summary>
    /// Every briefing, of any audit and tenant, with a DOCX upload queued (<see cref="BriefingRecord.HasPendingUploads"/>),
    /// read by the key index, so the rest are not read. For the background upload, which works for every tenant.
    /// </summary>
    public Task<IReadOnlyList<BriefingRecord>> ListWithPendingUploadsAsync(CancellationToken cancellationToken) =>
        documents.ListAsync(Briefings, null, PendingUploadsKey, cancellationToken);

    /// <summary>
    /// Writes the briefing back as it is, with a new version: work that read it before this commit and replaces a channel's
    /// post from it (the Word file's link, added by the background upload or Retry upload) then conflicts and runs again from
    /// fresh reads, so its card carries what this unit of work recorded apart from the briefing (a team's discussion).
    /// </summary>
    public async Task MarkChangedAsync(Guid auditId, CancellationToken cancellationToken) =>
        _ = await ChangeAsync(auditId, _ => DomainResult.Ok, cancellationToken).ConfigureAwait(false);

    public Task<bool> AddDiscussionAsync(TeamDiscussion discussion, CancellationToken cancellationToken) =>
        documents.InsertAsync(Discussions, discussion, cancellationToken);

    /// <summary>
    /// Stores <paramref name="corrected"/> in place of the discussion with its id, as read now: one saved by someone else
    /// since makes the commit conflict, and the turn runs again from fresh reads. False when it is no longer stored.
    /// </summary>
    public async Task<bool> ReplaceDiscussionAsync(TeamDiscussion corrected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(corrected);
        var read = await documents.GetVersionedAsync(Discussions, corrected.Id.ToString("N"), cancellationToken).ConfigureAwait(false);
        if (read is null)
        {
            return false;
        }

        documents.Replace(Discussions, read with { Value = corrected });
        return true;
    }

    /// <summary>
    /// Deletes <paramref name="discussions"/> as read: one changed or removed by someone else since (here, or before the
    /// commit) makes the turn run again from fresh reads. False, deleting nothing, when one is no longer as read.
    /// </summary>
    public async Task<bool> RemoveDiscussionsAsync(IReadOnlyList<TeamDiscussion> discussions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(discussions);
        var reads = new List<VersionedDocument<TeamDiscussion>>();
        foreach (var discussion in discussions)
        {
            var read = await documents.GetVersionedAsync(Discussions, discussion.Id.ToString("N"), cancellationToken).ConfigureAwait(false);
            if (read is null || read.Value.LastChangedAt != discussion.LastChangedAt)
            {
                return false;
            }

            reads.Add(read);
        }

        reads.ForEach(read => documents.Delete(Discussions, read));
        return true;
    }

    public async Task<IReadOnlyList<TeamDiscussion>> ListDiscussionsAsync(Guid auditId, CancellationToken cancellationToken) =>
        (await documents.ListAsync(Discussions, Key(auditId), null, cancellationToken).ConfigureAwait(false))
            .OrderBy(d => d.RecordedAt)
            .ToList();

    /// <summary>The meetings recorded in the publication's channel for its version, one record each (OnePerMeeting).</summary>
    public async Task<IReadOnlyList<TeamDiscussion>> ListMeetingsAsync(Guid auditId, ChannelPublication publication,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publication);
        return TeamDiscussion.OnePerMeeting((await ListDiscussionsAsync(auditId, cancellationToken).ConfigureAwait(false))
            .Where(d => d.BriefingVersion == publication.Version && d.ChannelId == publication.ChannelId));
    }

    public async Task<string?> FindTeamGroupIdAsync(string teamId, CancellationToken cancellationToken) =>
        (await documents.GetAsync(TeamGroups, teamId, cancellationToken).ConfigureAwait(false))?.AadGroupId;

    /// <summary>
    /// Keeps the Microsoft 365 group id of a team; written only when it is new or changed, and read only when not found
    /// stored lately (<see cref="TeamGroupsSeen"/>).
    /// </summary>
    public async Task RememberTeamGroupIdAsync(string teamId, string aadGroupId, CancellationToken cancellationToken)
    {
        if (teamGroups.IsStored(teamId, aadGroupId))
        {
            return;
        }

        var known = await documents.GetAsync(TeamGroups, teamId, cancellationToken).ConfigureAwait(false);
        if (known?.AadGroupId == aadGroupId)
        {
            teamGroups.FoundStored(teamId, aadGroupId);
            return;
        }

        if (known is null
            && await documents.InsertAsync(TeamGroups, new TeamGroup(teamId, aadGroupId), cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        await documents.ChangeAsync(TeamGroups, teamId, group => group.PointTo(aadGroupId), cancellationToken).ConfigureAwait(false);
    }

    public static string Key(Guid auditId) => auditId.ToString("D");

    private sealed class TeamGroup(string teamId, string aadGroupId)
    {
        public string TeamId { get; } = teamId;

        public string AadGroupId { get; private set; } = aadGroupId;

        public DomainResult PointTo(string groupId)
        {
            if (AadGroupId == groupId)
            {
                return DomainResult.Fail(DomainErrorKind.AlreadyDone, "The team's group id is known.");
            }

            AadGroupId = groupId;
            return DomainResult.Ok;
        }
    }
}
