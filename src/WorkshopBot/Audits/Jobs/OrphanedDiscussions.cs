using System.Data.Common;
using Dapper;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Storage;

namespace WorkshopBot.Audits.Jobs;

/// <summary>What the sweep removed of one audit's orphaned team discussions: counts only, the deletion-log entry's detail.</summary>
public sealed record OrphansRecord(string Rule, DateTimeOffset PurgedAt, int TeamDiscussions);

/// <summary>The sweep of one audit's orphans queued in a unit of work; <see cref="Record"/> is set when its commit deleted some.</summary>
public sealed class PendingOrphans
{
    public OrphansRecord? Record { get; internal set; }
}

/// <summary>
/// Team discussions whose audit and briefing are both gone. The purge deletes an audit's discussions with the audit, but
/// before the save of a discussion depended on the briefing it read, one saved while its audit was being purged could be
/// stored after the purge: an orphan holding what a team wrote about a case, which no later purge looked for (the purge
/// finds what it deletes from the audit). Each retention run deletes them, audit by audit, each in a unit of work of its
/// own with a deletion-log entry (<see cref="Action"/>, counts only). A discussion whose audit is still stored (open,
/// closed or on legal hold, which is kept in the audit's document) is not an orphan, nor is one whose briefing the
/// partnership keeps (<c>Retention:KeepPublishedBriefing</c>). The delete checks both again when it commits, so a run on
/// another instance that got there first leaves it nothing to delete and nothing to log.
/// </summary>
internal sealed class OrphanedDiscussions(StorageDatabase database, UnitOfWork work)
{
    public const string Action = "retention.orphans.purged";

    public const string Rule = "audit and briefing gone";

    /// <summary>The most audits <see cref="ListAsync"/> names at once.</summary>
    public const int Chunk = 500;

    /// <summary>The ids (as stored, the discussions' key1) of at most <see cref="Chunk"/> audits that left orphans, in order.</summary>
    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct).ConfigureAwait(false);
        const string Sql = """
            SELECT DISTINCT d.key1 FROM documents AS d
            WHERE d.collection = @discussions AND d.key1 IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM documents AS a WHERE a.collection = @audits AND a.id = d.key1)
              AND NOT EXISTS (SELECT 1 FROM documents AS b WHERE b.collection = @briefings AND b.id = d.key1)
            ORDER BY d.key1
            LIMIT @chunk
            """;
        return (await connection.QueryAsync<string>(new CommandDefinition(Sql, Args(null), cancellationToken: ct))
            .ConfigureAwait(false)).ToList();
    }

    /// <summary>Queues the deletion of the audit's orphaned discussions, with its deletion-log entry when there were any.</summary>
    public PendingOrphans Queue(string auditKey, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(auditKey);
        var pending = new PendingOrphans();
        work.Store.Execute($"purge orphaned discussions of {auditKey}", async (connection, transaction, _, token) =>
        {
            // The orphans' organisation, for the log entry: their own tenant (a briefing's discussions are all of one).
            var tenants = (await connection.QueryAsync<string>(new CommandDefinition("""
                SELECT DISTINCT tenant_id FROM documents
                WHERE collection = @discussions AND key1 = @key AND tenant_id IS NOT NULL AND tenant_id <> ''
                """, Args(auditKey), transaction, cancellationToken: token)).ConfigureAwait(false)).ToList();
            var removed = await RunAsync(connection, transaction, """
                DELETE FROM documents
                WHERE collection = @discussions AND key1 = @key
                  AND NOT EXISTS (SELECT 1 FROM documents AS a WHERE a.collection = @audits AND a.id = @key)
                  AND NOT EXISTS (SELECT 1 FROM documents AS b WHERE b.collection = @briefings AND b.id = @key)
                """, Args(auditKey), token).ConfigureAwait(false);
            if (removed == 0)
            {
                return true;
            }

            var record = new OrphansRecord(Rule, now, removed);
            var tenantId = tenants.Count == 1 ? tenants[0] : null;
            await DeletionLog.WriteAsync(connection, transaction, Action, auditKey, tenantId, record, now, token).ConfigureAwait(false);
            pending.Record = record;
            return true;
        });
        return pending;
    }

    private static object Args(string? key) => new
    {
        discussions = BriefingStore.Discussions.Collection, audits = AuditStore.Audits,
        briefings = BriefingStore.Briefings.Collection, key, chunk = Chunk,
    };

    private static Task<int> RunAsync(DbConnection connection, DbTransaction transaction, string sql, object args, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(sql, args, transaction, cancellationToken: ct));
}
