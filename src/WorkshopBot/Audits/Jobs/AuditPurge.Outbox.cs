// The purge's outbox part: the audit's messages go, and each card they posted in Teams is taken down.
using Dapper;
using WorkshopBot.Common;
using WorkshopBot.Storage;

namespace WorkshopBot.Audits.Jobs;

public sealed partial class AuditPurge
{
    /// <summary>What a purged audit's card says once taken down: why and when, nothing of the audit.</summary>
    public static string TakenDownText(DateTimeOffset at) =>
        $"This was removed under the partnership's retention policy on {Moments.Day(at)}.";

    private sealed partial class Purge
    {
        /// <summary>
        /// Outbox messages that carried the audit's cards (by correlation, and by dedupe-key prefix) and the admins' cards that
        /// reported any of them undeliverable (which name the audit): all deleted. Each card they posted in Teams (a message
        /// sent with an activity id), but those of the briefing versions kept (<paramref name="keptPosts"/>), is taken down
        /// by an update queued here, in the purge's transaction, so that a crash after the commit still sends it; it holds
        /// the ids and a neutral card only, and its row goes once it is sent. An update, not a deletion: Teams shows a
        /// deleted message as "This message has been deleted", which tells the chair or lead nothing and can alarm them; the
        /// card says why it went. Returns how many messages were deleted and how many cards are being taken down.
        /// </summary>
        public async Task<(int Removed, int TakenDown)> OutboxAsync(string[] correlations, string[] keyPrefixes, string[] keptPosts,
            Guid auditId, DateTimeOffset at)
        {
            var rows = new Dictionary<long, PostedRow>();
            foreach (var correlation in correlations)
            {
                Add(rows, await SelectAsync("correlation_id = @correlation OR correlation_id LIKE @prefix",
                    new { correlation, prefix = correlation + ":%" }).ConfigureAwait(false));
            }

            foreach (var prefix in keyPrefixes)
            {
                Add(rows, await SelectAsync("dedupe_key LIKE @like", new { like = prefix + "%" }).ConfigureAwait(false));
            }

            // The admins' "could not deliver" cards name the audit's title: found by the failed message they report.
            foreach (var failed in rows.Values.Where(r => r.Status is "Failed" or "Blocked").Select(r => r.Id).ToList())
            {
                Add(rows, await SelectAsync("dedupe_key = @key", new { key = IOutboxStore.UndeliverableReportKey(failed) })
                    .ConfigureAwait(false));
            }

            var kept = rows.Values.Where(r => keptPosts.Contains(r.DedupeKey, StringComparer.Ordinal)).Select(r => r.Card)
                .ToHashSet();
            var cards = rows.Values
                .Where(r => r.Status == "Sent" && !string.IsNullOrEmpty(r.SentActivityId) && !string.IsNullOrEmpty(r.Card.Conversation)
                    && !kept.Contains(r.Card))
                .GroupBy(r => r.Card).Select(g => g.MinBy(r => r.Id)!).OrderBy(r => r.Id).ToList();
            _handled.UnionWith(kept);
            foreach (var posted in cards)
            {
                _handled.Add(posted.Card);
                var key = $"{IOutboxStore.TakeDownPrefix}{auditId:N}:{posted.Id}";
                await TakeDownAsync(posted.TenantId, posted.ServiceUrl, posted.Card, null, key, at).ConfigureAwait(false);
            }

            var removed = await RunAsync("DELETE FROM outbox_messages WHERE id = @Id", rows.Values.Select(r => new { r.Id }).ToList())
                .ConfigureAwait(false);
            return (removed, cards.Count);
        }

        /// <summary>
        /// Replies of the audit's organisation still waiting to be sent (pending, or in flight under a lease that has run out:
        /// Teams was down or slow when their turn was answered). A reply is tied to no audit, so which of them quote this one
        /// cannot be told: all of the organisation's go, as every stored answer is forgotten (<see cref="ForgetRecentContentAsync"/>);
        /// another organisation's people never saw this audit, so their replies are left to be sent. One whose send holds a
        /// live lease is under way and is left to finish; the pruner forgets its payload around the purge's time.
        /// </summary>
        public Task<int> DropQueuedRepliesAsync(string? tenantId, DateTimeOffset now) => RunAsync("""
            DELETE FROM outbox_messages
            WHERE dedupe_key LIKE 'reply:%' AND tenant_id = @tenantId
                AND (status = 'Pending' OR (status = 'InFlight' AND lease_until <= @now))
            """, new { tenantId = tenantId ?? "", now = UnixTime.ToMs(now) });

        private async Task<IEnumerable<PostedRow>> SelectAsync(string where, object args) =>
            await connection.QueryAsync<PostedRow>(new CommandDefinition($"""
                SELECT id AS Id, status AS Status, tenant_id AS TenantId, service_url AS ServiceUrl, dedupe_key AS DedupeKey,
                    conversation_id AS ConversationId, result_conversation_id AS ResultConversationId,
                    sent_activity_id AS SentActivityId
                FROM outbox_messages WHERE {where}
                """, args, transaction, cancellationToken: ct)).ConfigureAwait(false);

        private static void Add(Dictionary<long, PostedRow> rows, IEnumerable<PostedRow> found)
        {
            foreach (var row in found)
            {
                rows.TryAdd(row.Id, row);
            }
        }
    }

    /// <summary>An outbox row as the purge reads it: where its card is in Teams, if it posted one.</summary>
    private sealed class PostedRow
    {
        public long Id { get; set; }
        public string Status { get; set; } = "";
        public string TenantId { get; set; } = "";
        public string ServiceUrl { get; set; } = "";
        public string DedupeKey { get; set; } = "";
        public string? ConversationId { get; set; }
        public string? ResultConversationId { get; set; }
        public string? SentActivityId { get; set; }

        public (string? Conversation, string? Activity) Card => (ResultConversationId ?? ConversationId, SentActivityId);
    }
}
