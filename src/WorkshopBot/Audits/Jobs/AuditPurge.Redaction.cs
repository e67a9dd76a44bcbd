// The purge's audit-log part: the lines about the audit that name its case keep who, what and when, not the detail.
using System.Text.Json;
using Dapper;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Storage;

namespace WorkshopBot.Audits.Jobs;

public sealed partial class AuditPurge
{
    /// <summary>
    /// The detail a redacted line keeps: the purged audit's id and the deletion-log action that redacted it, so the line
    /// still says which audit it was about and why its detail is gone.
    /// </summary>
    public static string RedactedDetail(Guid auditId) =>
        JsonSerializer.Serialize(new { auditId = AuditStore.Key(auditId), redacted = Action });

    private sealed partial class Purge
    {
        /// <summary>
        /// The audit-log lines about the audit whose detail names its case (a case reference, or its title): those about the
        /// audit itself, its briefing, its returns, safety alerts and actions (found from their documents, so this runs before
        /// they are deleted), and its workshops and polls (<paramref name="workshopSubjects"/>), each read by its subject's
        /// index rather than by searching the whole log. Each keeps its id, time, actor, action, subject and tenant; its
        /// detail becomes <see cref="RedactedDetail"/> and it is marked redacted, which the database allows once and for
        /// nothing else. The deletion-log entries hold counts only and are left as they are. Returns how many were redacted.
        /// </summary>
        public async Task<int> RedactLogAsync(Audit audit, IEnumerable<(string Type, string Id)> workshopSubjects,
            DateTimeOffset at)
        {
            var key = AuditStore.Key(audit.Id);
            var subjects = new List<(string Type, string Id)> { (AuditSubjects.Audit, key), ("briefing", key) };
            subjects.AddRange(workshopSubjects);
            foreach (var (collection, type) in new[]
            {
                (AuditStore.Returns, AuditSubjects.Return), (AuditStore.Escalations, AuditSubjects.Escalation),
                (ActionStore.Actions.Collection, "action"),
            })
            {
                subjects.AddRange((await connection.QueryAsync<string>(new CommandDefinition(
                    "SELECT id FROM documents WHERE collection = @collection AND key1 = @key", new { collection, key }, transaction,
                    cancellationToken: ct)).ConfigureAwait(false)).Select(id => (type, id)));
            }

            var lines = new Dictionary<long, string>();
            foreach (var (type, id) in subjects.Distinct())
            {
                foreach (var line in await connection.QueryAsync<LoggedLine>(new CommandDefinition($"""
                    SELECT id AS Id, detail_json AS Detail FROM audit_events
                    WHERE subject_type = @type AND subject_id = @id AND redacted_at IS NULL AND detail_json IS NOT NULL
                        AND action <> '{Action}' AND action <> '{OrphanedDiscussions.Action}'
                    """, new { type, id }, transaction, cancellationToken: ct)).ConfigureAwait(false))
                {
                    lines.TryAdd(line.Id, line.Detail);
                }
            }

            string[] terms = [.. new[] { audit.Title }.Concat(audit.Cases.Select(c => c.Reference.Value))
                .Where(t => !string.IsNullOrWhiteSpace(t)).Distinct(StringComparer.OrdinalIgnoreCase)];
            var detail = RedactedDetail(audit.Id);
            var named = lines.Where(l => NamesTheCase(l.Value, terms))
                .Select(l => new { id = l.Key, detail, at = UnixTime.ToMs(at) }).ToList();
            return named.Count == 0 ? 0 : await RunAsync(
                "UPDATE audit_events SET detail_json = @detail, redacted_at = @at WHERE id = @id AND redacted_at IS NULL", named)
                .ConfigureAwait(false);
        }

        /// <summary>
        /// Whether a line's detail names the case: any text in it contains a term (whatever the JSON escaping), or it has a
        /// case-reference property. Detail that is not JSON is searched as it stands.
        /// </summary>
        private static bool NamesTheCase(string detail, string[] terms)
        {
            try
            {
                using var json = JsonDocument.Parse(detail);
                return Names(json.RootElement, terms);
            }
            catch (JsonException)
            {
                return terms.Any(t => detail.Contains(t, StringComparison.OrdinalIgnoreCase));
            }
        }

        private static bool Names(JsonElement element, string[] terms) => element.ValueKind switch
        {
            JsonValueKind.String => terms.Any(t => element.GetString()!.Contains(t, StringComparison.OrdinalIgnoreCase)),
            JsonValueKind.Array => element.EnumerateArray().Any(e => Names(e, terms)),
            JsonValueKind.Object => element.EnumerateObject().Any(p =>
                (IsCaseProperty(p.Name) && p.Value.ValueKind != JsonValueKind.Null)
                || terms.Any(t => p.Name.Contains(t, StringComparison.OrdinalIgnoreCase)) || Names(p.Value, terms)),
            _ => false,
        };

        /// <summary>A detail property that holds case references whatever their value (a case removed from the audit before).</summary>
        private static bool IsCaseProperty(string name) =>
            name.Equals("caseReference", StringComparison.OrdinalIgnoreCase) || name.Equals("cases", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>An audit-log line as the redaction reads it.</summary>
    private sealed class LoggedLine
    {
        public long Id { get; set; }
        public string Detail { get; set; } = "";
    }
}
