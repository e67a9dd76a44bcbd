using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Briefings.Jobs;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Common.Storage;
using WorkshopBot.Storage;
using WorkshopBot.Workshop.Storage;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Audits.Jobs;

/// <summary>What the purge of one audit removed: counts only, written to the audit log as the deletion-log entry.</summary>
public sealed record PurgeRecord(
    string Rule, DateTimeOffset ClosedAt, int RetainForMonths, DateTimeOffset PurgeDueAt, DateTimeOffset PurgedAt, int Returns,
    int SafetyAlerts, int Workshops, int Polls, int Ideas, int Votes, int BriefingVersions, bool BriefingKept, int TeamDiscussions,
    int OutboxMessages, int Actions = 0, int CardsTakenDown = 0, int WordFilesDeleted = 0,
    int LogLinesRedacted = 0);

/// <summary>The purge queued in a unit of work; <see cref="Record"/> is set when its commit applies it.</summary>
public sealed class PendingPurge
{
    public PurgeRecord? Record { get; internal set; }
}

/// <summary>
/// Purges one audit past its retention period, in the unit of work of the job's run: its returns (narratives and all),
/// safety alerts, Teams bookkeeping, workshops with their polls, ideas, participants and votes, the briefing's drafts (all
/// of the briefing unless the partnership keeps published ones), team discussions, its action plan and actions, the outbox
/// messages that carried its cards, and the audit itself; in the same transaction, every answer and completed outbox
/// payload still stored, however recent, and every reply still waiting to be sent. Each card it had posted in Teams is
/// taken down: an update to a neutral card, queued in the same transaction (see <see cref="Purge.OutboxAsync"/>), and so is
/// every message recorded as showing it (replies, cards answered in place: see <see cref="Purge.ShownAsync"/>). The
/// deletion-log entry (what, when, under which rule; counts, no content) is appended to the audit log, which is append-only
/// and outlives the purge; the log's earlier lines about the audit that name its case (a case reference, its title) keep
/// who, what and when, and lose their detail (<see cref="Purge.RedactLogAsync"/>). An audit on legal hold, still open, or
/// changed since it was read (a hold placed at that moment) is left alone.
/// </summary>
public sealed partial class AuditPurge(
    AuditStore audits, DocumentChanges documents, BriefingStore briefings, UnitOfWork work, IOptions<RetentionOptions> options,
    BriefingFileDeletionSignal fileDeletions, TimeProvider time)
{
    public const string Action = "retention.purged";

    /// <summary>
    /// Whether retention purged an audit with this id: its deletion-log entry outlives it in the append-only audit log, so
    /// a new audit whose id is derived again from the same creation form is not given it (see CreateAuditIds).
    /// </summary>
    public static async Task<bool> WasPurgedAsync(IAuditLog log, Guid auditId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(log);
        return (await log.ListAsync(AuditSubjects.Audit, AuditStore.Key(auditId), ct).ConfigureAwait(false)).Any(e => e.Action == Action);
    }

    /// <summary>Queues the purge of the audit if it is due (null when not); its record is set once the work commits.</summary>
    public async Task<PendingPurge?> PurgeIfDueAsync(Guid auditId, DateTimeOffset now, CancellationToken ct)
    {
        var read = await audits.GetAuditAsync(auditId, ct).ConfigureAwait(false);
        if (read?.Value is not { } audit || audit.PurgeDueAt is not { } due || due > now || audit.ClosedAt is not { } closedAt)
        {
            return null;
        }

        var key = AuditStore.Key(auditId);
        var sessions = await documents.ListAsync(WorkshopRepository.Kind, auditId.ToString(), null, ct).ConfigureAwait(false);
        var polls = sessions.SelectMany(s => s.Polls).ToList();
        var briefing = await briefings.GetAsync(auditId, ct).ConfigureAwait(false);
        var kept = 0;
        string[] keptPosts = [];
        int[] keptVersions = [];
        if (briefing is not null && options.Value.KeepPublishedBriefing)
        {
            var trimmed = await briefings.ChangeAsync(auditId, b => b.KeepPublishedOnly(), ct).ConfigureAwait(false);
            kept = trimmed.Saved ? briefing.Versions.Count - trimmed.Result.Value : 0;
            // The kept versions' posts stay in their channels as they are: they are not taken down.
            keptPosts = kept > 0
                ? [.. briefing.Publications.Where(p => briefing.WithdrawalOf(p.Version) is null).Select(p => p.PostKey)]
                : [];
            // Their Word files stay too (the posts link to them); every other version's is deleted from the channel's Files.
            keptVersions = kept > 0 ? [.. briefing.Publications.Select(p => p.Version).Where(v => briefing.WithdrawalOf(v) is null)] : [];
        }

        var rule = $"{audit.Retention.RetainForMonthsAfterClosure} months after closure";
        var record = new PurgeRecord(rule, closedAt, audit.Retention.RetainForMonthsAfterClosure, due, now, 0, 0, sessions.Count,
            polls.Count, polls.Sum(p => p.Items.Count), 0, (briefing?.Versions.Count ?? 0) - kept, kept > 0, 0, 0);
        var workshopIds = sessions.Select(s => s.Id.ToString("D")).ToArray();
        (string, string)[] workshopSubjects =
            [.. workshopIds.Select(id => ("workshop", id)), .. polls.Select(p => ("workshop-poll", p.Id))];
        var correlations = new[] { $"audit:{auditId:D}", $"briefing:{auditId:N}", ActionMessenger.Correlation(auditId) }
            .Concat(polls.Select(p => p.Id)).Concat(polls.Select(p => PollCardPublisher.DurableCorrelation(p.Id))).ToArray();
        // A poll's card updates are keyed by the poll ("workshop:{pollId}:..."), the workshop's own by the workshop.
        var workshopKeys = sessions.Select(s => $"workshop:{s.Id:N}:").Concat(polls.Select(p => $"workshop:{p.Id}:")).ToArray();
        // The admins' card saying the chair left names the audit under the admins' correlation: found by its key.
        string[] keyPrefixes = [AuditMessageKey.PrefixOf(auditId), RoleHolderDepartures.ChairLeftKeyPrefix(auditId), .. workshopKeys];
        var pending = new PendingPurge();
        // On SQLite, with secure_delete on for the purge's statements only (see SecureDelete).
        work.Store.Execute($"purge audit {key}", (connection, transaction, _, token) => SecureDelete.RunAsync(connection, transaction,
            async () =>
        {
            var purge = new Purge(connection, transaction, token);
            // The deletion log's time is this commit's, not the run's start: the pruner forgets answers around it.
            var at = time.GetUtcNow();
            if (await purge.RunAsync("DELETE FROM documents WHERE collection = @c AND id = @key AND version = @v",
                new { c = AuditStore.Audits, key, v = read.Version }).ConfigureAwait(false) != 1)
            {
                return false;
            }

            // Before the returns, alerts and actions go: their lines are found by them.
            var redacted = await purge.RedactLogAsync(audit, workshopSubjects, at).ConfigureAwait(false);
            var (outbox, takenDown) = await purge.OutboxAsync(correlations, keyPrefixes, keptPosts, auditId, at).ConfigureAwait(false);
            var purged = record with
            {
                PurgedAt = at,
                CardsTakenDown = takenDown,
                Returns = await purge.DocumentsAsync(AuditStore.Returns, key).ConfigureAwait(false),
                SafetyAlerts = await purge.DocumentsAsync(AuditStore.Escalations, key).ConfigureAwait(false),
                TeamDiscussions = await purge.DocumentsAsync(BriefingStore.Discussions.Collection, key).ConfigureAwait(false),
                Actions = await purge.DocumentsAsync(ActionStore.Actions.Collection, key).ConfigureAwait(false),
                Votes = await purge.VotesAsync(workshopIds).ConfigureAwait(false),
                OutboxMessages = outbox,
                LogLinesRedacted = redacted,
            };
            await purge.RunAsync("DELETE FROM documents WHERE collection = @c AND id = @key", new { c = AuditStore.Channels, key })
                .ConfigureAwait(false);
            await purge.RunAsync("DELETE FROM documents WHERE collection = @c AND id = @key",
                new { c = ActionStore.Plans.Collection, key = ActionStore.Key(auditId) }).ConfigureAwait(false);
            await purge.RunAsync("DELETE FROM documents WHERE collection = @c AND key1 = @a",
                new { c = WorkshopRepository.Collection, a = auditId.ToString() }).ConfigureAwait(false);
            if (!purged.BriefingKept)
            {
                await purge.RunAsync("DELETE FROM documents WHERE collection = @c AND id = @key",
                    new { c = BriefingStore.Briefings.Collection, key = BriefingStore.Key(auditId) }).ConfigureAwait(false);
            }

            // After the briefing's own row: an upload finishing at this moment has written its file's record, or finds the
            // briefing changed (or gone) and records its file as one to delete (see BriefingPublisher.RecordFileAsync).
            purged = purged with
            {
                WordFilesDeleted = await BriefingFiles.QueuePurgedAsync(connection, transaction, auditId, keptVersions, at, token)
                    .ConfigureAwait(false),
            };

            await purge.ForgetRecentContentAsync().ConfigureAwait(false);
            await purge.DropQueuedRepliesAsync(audit.TenantId, at).ConfigureAwait(false);
            purged = purged with { CardsTakenDown = takenDown + await purge.ShownAsync(auditId, keptPosts, at).ConfigureAwait(false) };
            await purge.LogAsync(Action, key, audit.TenantId, purged, at).ConfigureAwait(false);
            pending.Record = purged;
            return true;
        }, token));
        work.OnCommitted(fileDeletions.Notify);
        return pending;
    }

    /// <summary>The SQL of one purge, inside the commit's transaction.</summary>
    private sealed partial class Purge(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        public Task<int> RunAsync(string sql, object args) =>
            connection.ExecuteAsync(new CommandDefinition(sql, args, transaction, cancellationToken: ct));

        public Task<int> LogAsync<TRecord>(string action, string auditKey, string? tenantId, TRecord record, DateTimeOffset now) =>
            DeletionLog.WriteAsync(connection, transaction, action, auditKey, tenantId, record, now, ct);

        public Task<int> DocumentsAsync(string collection, string auditKey) =>
            RunAsync("DELETE FROM documents WHERE collection = @collection AND key1 = @auditKey", new { collection, auditKey });

        public async Task<int> VotesAsync(string[] workshopIds)
        {
            var votes = 0;
            foreach (var workshop in workshopIds)
            {
                const string Polls = "SELECT poll_id FROM workshop_polls WHERE workshop_id = @workshop";
                // The dot placements (a voter's dots on one option), kept in the voters' rows deleted below.
                votes += (int)await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    $"SELECT COALESCE(SUM({VoterBallots.PlacementsSql}), 0) FROM workshop_voters WHERE poll_id IN ({Polls})",
                    new { workshop, entry = VoterBallots.Entry }, transaction, cancellationToken: ct)).ConfigureAwait(false);
                await RunAsync($"DELETE FROM workshop_vote_requests WHERE poll_id IN ({Polls})", new { workshop }).ConfigureAwait(false);
                await RunAsync($"DELETE FROM workshop_voters WHERE poll_id IN ({Polls})", new { workshop }).ConfigureAwait(false);
                await RunAsync($"DELETE FROM workshop_poll_counts WHERE poll_id IN ({Polls})", new { workshop }).ConfigureAwait(false);
                await RunAsync($"DELETE FROM workshop_poll_cards WHERE poll_id IN ({Polls})", new { workshop }).ConfigureAwait(false);
                await RunAsync("DELETE FROM workshop_polls WHERE workshop_id = @workshop", new { workshop }).ConfigureAwait(false);
                await RunAsync("DELETE FROM workshop_participants WHERE workshop_id = @workshop", new { workshop }).ConfigureAwait(false);
                await RunAsync("DELETE FROM workshop_counts WHERE workshop_id = @workshop", new { workshop }).ConfigureAwait(false);
                await RunAsync("DELETE FROM workshop_cards WHERE workshop_id = @workshop", new { workshop }).ConfigureAwait(false);
            }

            return votes;
        }

        /// <summary>
        /// Every answer kept for a handled activity and every completed outbox payload, however recent: what was answered or
        /// sent about the audit in the days before (its plan opened, "my audits") is tied to no audit, and would otherwise
        /// outlive it until the pruner's two days have passed. The marks and rows stay; a redelivery is answered afresh.
        /// </summary>
        public async Task ForgetRecentContentAsync()
        {
            await RunAsync("""
                UPDATE processed_activities SET response_json = NULL, response_packed = @afresh
                WHERE response_json IS NOT NULL OR (response_packed IS NOT NULL AND response_packed <> @afresh)
                """, new { afresh = PackedAnswer.AfreshMark() }).ConfigureAwait(false);
            await RunAsync("""
                UPDATE outbox_messages SET payload_json = @forgotten
                WHERE status IN ('Sent', 'Blocked', 'Failed') AND payload_json <> @forgotten
                """, new { forgotten = IOutboxStore.ForgottenPayload }).ConfigureAwait(false);
        }
    }
}
