// The purge's take-down of the messages recorded as showing the audit: replies, cards answered in place, and the like.
using Dapper;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;
using WorkshopBot.Conversations;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;

namespace WorkshopBot.Audits.Jobs;

public sealed partial class AuditPurge
{
    private sealed partial class Purge
    {
        /// <summary>The cards <see cref="OutboxAsync"/> took down or kept: not taken down a second time.</summary>
        private readonly HashSet<(string? Conversation, string? Activity)> _handled = [];

        /// <summary>
        /// The messages recorded as showing the audit (<see cref="ShownMessages"/>: a turn's replies, the cards it posted
        /// or updated, the card an <c>Action.Execute</c> answer replaced), which no outbox message ties to it: each one posted
        /// is taken down as <see cref="OutboxAsync"/> takes down the audit's own cards, by an update queued here, in the
        /// purge's transaction, with the neutral card and the ids only. One still on its way (its send under way as the purge
        /// runs) is taken down once it is posted. Those of the briefing versions kept (<paramref name="keptPosts"/>) stay as
        /// they are. The records go with the audit. Returns how many cards are being taken down.
        /// </summary>
        public async Task<int> ShownAsync(Guid auditId, string[] keptPosts, DateTimeOffset at)
        {
            var audit = auditId.ToString("D");
            var shown = (await connection.QueryAsync<ShownRow>(new CommandDefinition($"""
                SELECT s.id AS Id, s.tenant_id AS TenantId, s.service_url AS ServiceUrl, s.conversation_id AS ConversationId,
                    s.activity_id AS ActivityId, s.outbox_key AS OutboxKey, o.status AS Status, o.sent_activity_id AS SentActivityId,
                    COALESCE(o.result_conversation_id, o.conversation_id) AS SentConversationId
                FROM {ShownMessages.Table} s LEFT JOIN outbox_messages o ON o.dedupe_key = s.outbox_key
                WHERE s.audit_id = @audit ORDER BY s.id
                """, new { audit }, transaction, cancellationToken: ct)).ConfigureAwait(false)).ToList();
            var updated = new HashSet<string>(StringComparer.Ordinal);
            var takenDown = 0;
            foreach (var row in shown.Where(r => r.OutboxKey is null || !keptPosts.Contains(r.OutboxKey, StringComparer.Ordinal)))
            {
                var key = $"{IOutboxStore.TakeDownPrefix}{auditId:N}:shown:{row.Id}";
                if (row.Card is ({ Length: > 0 }, { Length: > 0 }) card)
                {
                    if (_handled.Add(card))
                    {
                        takenDown += await TakeDownAsync(row.TenantId, row.ServiceUrl, card, null, key, at).ConfigureAwait(false);
                    }
                }
                else if (row.Status is "Pending" or "InFlight" && updated.Add(row.OutboxKey!))
                {
                    // Not posted yet: the update waits for it, and replaces it as soon as Teams gives it an id.
                    takenDown += await TakeDownAsync(row.TenantId, row.ServiceUrl, (null, null), row.OutboxKey, key, at)
                        .ConfigureAwait(false);
                }
            }

            await RunAsync($"DELETE FROM {ShownMessages.Table} WHERE audit_id = @audit", new { audit }).ConfigureAwait(false);
            return takenDown;
        }

        /// <summary>
        /// Queues the update that replaces a posted card with the neutral one (<see cref="TakenDownText"/>): by its ids, or
        /// by the outbox message that posts it (<paramref name="postedKey"/>). Idempotent by its key; 1 when queued now.
        /// </summary>
        private Task<int> TakeDownAsync(string tenant, string serviceUrl, (string? Conversation, string? Activity) card,
            string? postedKey, string key, DateTimeOffset at)
        {
            var neutral = CardMessage.Create(NoticeCard.Create("Removed", TakenDownText(at), Tone.Info));
            return RunAsync("""
                INSERT INTO outbox_messages (tenant_id, kind, service_url, conversation_id, activity_id, update_of_key, payload_json,
                    dedupe_key, correlation_id, status, attempts, next_attempt_at, created_at, updated_at)
                VALUES (@tenant, 'Update', @serviceUrl, @conversation, @activity, @postedKey, @payload, @key, NULL, 'Pending', 0,
                    @at, @at, @at)
                ON CONFLICT (dedupe_key) DO NOTHING
                """, new
            {
                tenant, serviceUrl, conversation = card.Conversation, activity = card.Activity, postedKey,
                payload = BotJson.Serialize(neutral with { Type = ActivityTypes.Message, Id = card.Activity }),
                key, at = UnixTime.ToMs(at),
            });
        }
    }

    /// <summary>A record of a message that shows the audit, with the outbox message that posts it (if any).</summary>
    private sealed class ShownRow
    {
        public long Id { get; set; }
        public string TenantId { get; set; } = "";
        public string ServiceUrl { get; set; } = "";
        public string? ConversationId { get; set; }
        public string? ActivityId { get; set; }
        public string? OutboxKey { get; set; }
        public string? Status { get; set; }
        public string? SentActivityId { get; set; }
        public string? SentConversationId { get; set; }

        /// <summary>Where the card is in Teams: its own ids, or those Teams gave its outbox message (null when not posted).</summary>
        public (string? Conversation, string? Activity) Card => ActivityId is { Length: > 0 }
            ? (ConversationId, ActivityId)
            : Status == "Sent" ? (ConversationId ?? SentConversationId, SentActivityId) : (null, null);
    }
}
