using System.Collections.Frozen;
using System.Data.Common;
using System.Text.Json;
using Dapper;
using WorkshopBot.Storage;

namespace WorkshopBot.Operations.Erase;

/// <summary>What one kind of record of an organisation the erase found (or removed): counts only, never text.</summary>
public sealed record ErasedKind(string Kind, long Count);

/// <summary>
/// Erases everything the store holds for one organisation (tenant) that has left the deployment, in one transaction:
/// its documents (audits and everything kept with them: returns, alerts, workshops, briefings, discussions, action
/// plans and actions, Teams bookkeeping), the vote tables of its workshops, its conversation references and the channel
/// members seen in them, the processed-activity marks and card slots of its conversations, its outbox messages,
/// shown-message records, the grades the partnership's view reads and its teams' group ids. Its briefings' Word files that
/// may still be in Teams (kept, queued, or refused by Graph) are queued for the bot's background deletion (their ids only
/// are kept until it is done; an upload's intent keeps its team's group id, to find the file by). The audit log keeps its lines
/// (who, what, when, the subject's id, the tenant) but loses every line's detail, and the erase appends one line with
/// counts. A crash before the commit leaves everything as it was; after it, the SQLite file's rewrite is owed
/// (<c>store_upkeep</c>), so a rerun (or the bot's next retention run) wipes the freed bytes.
/// </summary>
public static partial class TenantErase
{
    /// <summary>The audit-log action of an erase.</summary>
    public const string Action = "tenant.erased";

    /// <summary>Who the erase's log line names as actor: the operator, on the host.</summary>
    public const string Actor = "workshopbot-operator";

    /// <summary>The detail every earlier log line of the organisation keeps.</summary>
    public static string RedactedDetail { get; } = JsonSerializer.Serialize(new { redacted = Action });

    /// <summary>Why a Word file is deleted: its organisation was erased.</summary>
    public const string ErasedReason = "erased";

    /// <summary>Tables that hold nothing of any organisation: the store's own bookkeeping.</summary>
    public const string NoTenant = "holds no organisation's data";

    private const string Tenant = "lower(tenant_id) = @t";
    private const string Audits = "SELECT id FROM documents WHERE collection = 'audits' AND lower(tenant_id) = @t";
    private const string OwnDocuments = $"(lower(tenant_id) = @t OR key1 IN ({Audits}) OR id IN ({Audits}))";
    private const string Workshops = $"SELECT id FROM documents WHERE collection = 'workshops' AND {OwnDocuments}";
    private const string Polls = $"SELECT poll_id FROM workshop_polls WHERE workshop_id IN ({Workshops})";
    private const string Conversations = "SELECT conversation_id FROM conversations WHERE lower(tenant_id) = @t";

    /// <summary>
    /// The team-to-group documents (<c>briefing-team-groups</c>, which record no tenant) of the teams of its conversations that
    /// no other organisation's conversation (nor one stored without a tenant) names.
    /// </summary>
    private const string TeamGroups = """
        collection = 'briefing-team-groups'
        AND id IN (SELECT team_id FROM conversations WHERE lower(tenant_id) = @t AND team_id IS NOT NULL)
        AND id NOT IN (SELECT team_id FROM conversations
                       WHERE (tenant_id IS NULL OR lower(tenant_id) <> @t) AND team_id IS NOT NULL)
        """;

    /// <summary>Its Word files that may still be in Teams: kept, queued for deletion, or whose deletion Graph refused.</summary>
    private const string FilesInTeams = "status IN ('Kept', 'Pending', 'Failed')";

    /// <summary>
    /// Every table of the schema and how the erase finds an organisation's rows in it (or that it holds none). A table a
    /// migration adds must be named here: <c>EveryTableOfTheSchemaIsCoveredByTheErase</c> fails until it is. (store_upkeep is
    /// SQLite's alone.)
    /// </summary>
    public static FrozenDictionary<string, string> Tables { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["documents"] = "by tenant_id, every document whose id or key1 is one of its audits, and its teams' group ids",
        ["return_grades"] = "by tenant_key",
        ["workshop_vote_requests"] = "by the polls of its workshops",
        ["workshop_voters"] = "by the polls of its workshops",
        ["workshop_poll_counts"] = "by the polls of its workshops",
        ["workshop_poll_cards"] = "by the polls of its workshops",
        ["workshop_polls"] = "by its workshops",
        ["workshop_participants"] = "by its workshops",
        ["workshop_counts"] = "by its workshops",
        ["workshop_cards"] = "by its workshops",
        ["conversations"] = "by tenant_id",
        ["channel_members"] = "by tenant_id, and every member seen in its conversations",
        ["processed_activities"] = "by its conversations",
        ["card_slots"] = "by its conversations",
        ["outbox_messages"] = "by tenant_id",
        ["audit_shown_messages"] = "by tenant_id",
        ["briefing_files"] = "by tenant_id; files still in Teams queued for deletion first",
        ["audit_events"] = "kept, by tenant_id: each line's detail redacted, one line with counts appended",
        ["schema_migrations"] = NoTenant,
        ["store_upkeep"] = NoTenant,
        ["maintenance_runs"] = NoTenant,
        ["outbox_runs"] = NoTenant,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The plain deletions, in order (the vote tables before the workshops that find them, and so on).</summary>
    private static readonly (string Kind, string Table, string Where)[] Steps =
    [
        ("vote requests", "workshop_vote_requests", $"poll_id IN ({Polls})"),
        ("voters' dots in use", "workshop_voters", $"poll_id IN ({Polls})"),
        ("poll counts", "workshop_poll_counts", $"poll_id IN ({Polls})"),
        ("live cards' shown counts", "workshop_poll_cards", $"poll_id IN ({Polls})"),
        ("polls' voting state", "workshop_polls", $"workshop_id IN ({Workshops})"),
        ("workshop participants", "workshop_participants", $"workshop_id IN ({Workshops})"),
        ("workshop counts", "workshop_counts", $"workshop_id IN ({Workshops})"),
        ("live cards' shown changes", "workshop_cards", $"workshop_id IN ({Workshops})"),
        ("processed-activity records", "processed_activities", $"conversation_id IN ({Conversations})"),
        ("card slots", "card_slots", $"conversation_id IN ({Conversations})"),
        ("channel members", "channel_members", $"{Tenant} OR conversation_id IN ({Conversations})"),
        ("outbox messages", "outbox_messages", Tenant),
        ("shown-message records", "audit_shown_messages", Tenant),
        ("grades of the partnership view", "return_grades", "tenant_key = @t"),
    ];

    /// <summary>The organisation's key as the store compares it: trimmed, lower case (tenant ids are GUIDs).</summary>
    public static string Key(string tenantId)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        return SqlDocumentStore.TenantKey(tenantId.Trim());
    }

    /// <summary>What the store holds for the organisation, per kind (kinds with none are left out). Reads only.</summary>
    public static async Task<IReadOnlyList<ErasedKind>> CountAsync(DbConnection connection, DbTransaction? transaction,
        string tenantId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var args = new { t = Key(tenantId) };
        var counts = new List<ErasedKind>();
        var documents = await connection.QueryAsync<(string, long)>(new CommandDefinition(
            $"SELECT collection, COUNT(*) FROM documents WHERE {OwnDocuments} GROUP BY collection ORDER BY collection", args,
            transaction, cancellationToken: ct)).ConfigureAwait(false);
        counts.AddRange(documents.Select(d => new ErasedKind(d.Item1, d.Item2)));
        counts.Add(new ErasedKind(Votes, await VotesAsync(connection, transaction, args.t, ct).ConfigureAwait(false)));
        foreach (var (kind, table, where) in Steps)
        {
            counts.Add(new ErasedKind(kind, await CountAsync(connection, transaction, table, where, args, ct).ConfigureAwait(false)));
        }

        counts.Add(new ErasedKind("conversation references", await CountAsync(connection, transaction, "conversations", Tenant, args, ct)
            .ConfigureAwait(false)));
        counts.Add(new ErasedKind("Word file records", await CountAsync(connection, transaction, "briefing_files", Tenant, args, ct)
            .ConfigureAwait(false)));
        counts.Add(new ErasedKind("Word files still in Teams", await CountAsync(connection, transaction, "briefing_files",
            $"{Tenant} AND {FilesInTeams}", args, ct).ConfigureAwait(false)));
        counts.Add(new ErasedKind("teams' group ids", await CountAsync(connection, transaction, "documents", TeamGroups, args, ct)
            .ConfigureAwait(false)));
        counts.Add(new ErasedKind("audit-log lines to redact", await CountAsync(connection, transaction, "audit_events",
            RedactableLines, args, ct).ConfigureAwait(false)));
        return [.. counts.Where(c => c.Count > 0)];
    }

    /// <summary>A row that names no organisation: stored by a turn that carried no tenant (development mode only).</summary>
    private const string NoOrganisation = "(tenant_id IS NULL OR tenant_id = '')";

    /// <summary>The conversations stored with no organisation: their marks and card slots name none either.</summary>
    private const string ConversationsWithoutOrganisation = $"SELECT conversation_id FROM conversations WHERE {NoOrganisation}";

    /// <summary>
    /// Rows that name no organisation, per kind (kinds with none are left out): conversations stored by turns that carried
    /// no tenant (development mode, no <c>MicrosoftAppId</c>), their processed-activity records and card slots, and outbox
    /// messages with no tenant. No organisation's erase finds them. Reads only.
    /// </summary>
    public static async Task<IReadOnlyList<ErasedKind>> CountWithoutOrganisationAsync(DbConnection connection,
        DbTransaction? transaction, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        (string Kind, string Table, string Where)[] kinds =
        [
            ("conversation references", "conversations", NoOrganisation),
            ("processed-activity records", "processed_activities", $"conversation_id IN ({ConversationsWithoutOrganisation})"),
            ("card slots", "card_slots", $"conversation_id IN ({ConversationsWithoutOrganisation})"),
            ("outbox messages", "outbox_messages", NoOrganisation),
        ];
        var counts = new List<ErasedKind>();
        foreach (var (kind, table, where) in kinds)
        {
            counts.Add(new ErasedKind(kind, await CountAsync(connection, transaction, table, where, new { }, ct).ConfigureAwait(false)));
        }

        return [.. counts.Where(c => c.Count > 0)];
    }

    /// <summary>The organisation's audits on legal hold (their ids), read in <paramref name="transaction"/>.</summary>
    public static async Task<IReadOnlyList<string>> HeldAuditsAsync(DbConnection connection, DbTransaction? transaction,
        string tenantId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var audits = await connection.QueryAsync<(string, string)>(new CommandDefinition(
            $"SELECT id, json FROM documents WHERE collection = 'audits' AND {Tenant} ORDER BY id", new { t = Key(tenantId) },
            transaction, cancellationToken: ct)).ConfigureAwait(false);
        return [.. audits.Where(a => OnHold(a.Item2)).Select(a => a.Item1)];
    }

    private static bool OnHold(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("retention", out var retention)
                && retention.ValueKind == JsonValueKind.Object
                && retention.TryGetProperty("legalHold", out var hold)
                && hold.ValueKind == JsonValueKind.True;
        }
        catch (JsonException)
        {
            // A document that cannot be read cannot say it is not held: treated as held.
            return true;
        }
    }

    /// <summary>Lines with a detail still to lose; retention's deletion-log entries and erases hold counts only.</summary>
    private const string RedactableLines = $"""
        {Tenant} AND redacted_at IS NULL AND detail_json IS NOT NULL
        AND action NOT IN ('retention.purged', 'retention.orphans.purged', '{Action}')
        """;

    /// <summary>
    /// Erases the organisation's rows in <paramref name="transaction"/> (the caller commits) and appends the log line; returns
    /// what was removed. <paramref name="afterStep"/> is called after each statement (tests use it to fail part-way).
    /// </summary>
    public static async Task<IReadOnlyList<ErasedKind>> EraseAsync(DbConnection connection, DbTransaction transaction,
        string tenantId, DateTimeOffset now, Func<string, Task>? afterStep, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var t = Key(tenantId);
        var at = UnixTime.ToMs(now);
        var erased = new List<ErasedKind>();
        async Task<long> RunAsync(string kind, string sql, object args)
        {
            var count = await connection.ExecuteAsync(new CommandDefinition(sql, args, transaction, cancellationToken: ct))
                .ConfigureAwait(false);
            if (afterStep is not null)
            {
                await afterStep(kind).ConfigureAwait(false);
            }

            return count;
        }

        if (connection.GetType().Name == "SqliteConnection")
        {
            // Owed before anything is deleted, in the same transaction: a crash after the commit still gets the file rewritten.
            await RunAsync("wipe owed",
                "INSERT INTO store_upkeep (task, owed) VALUES ('wipe', 1) ON CONFLICT (task) DO UPDATE SET owed = store_upkeep.owed + 1",
                new { }).ConfigureAwait(false);
        }

        // Counted before the voters' rows that hold them go with the steps.
        erased.Add(new ErasedKind(Votes, await VotesAsync(connection, transaction, t, ct).ConfigureAwait(false)));
        foreach (var (kind, table, where) in Steps)
        {
            erased.Add(new ErasedKind(kind, await RunAsync(kind, $"DELETE FROM {table} WHERE {where}", new { t }).ConfigureAwait(false)));
        }

        // Word files still in Teams: queued for the bot's background deletion (ids only are kept until it is done), those whose
        // deletion Graph refused for good too (their record is the only trace of a file left there). An upload's intent is
        // found in its channel's folder through the team's group, which the erase takes away below: it keeps the group's id.
        await KeepIntentGroupsAsync(connection, transaction, t, ct).ConfigureAwait(false);
        erased.Add(new ErasedKind("Word files queued for deletion from Teams", await RunAsync("briefing files queued", $"""
            UPDATE briefing_files SET status = 'Pending', reason = '{ErasedReason}', next_attempt_at = @at, updated_at = @at,
                lease_owner = NULL, lease_until = NULL, attempts = 0
            WHERE {Tenant} AND status IN ('Kept', 'Failed')
            """, new { t, at }).ConfigureAwait(false)));
        erased.Add(new ErasedKind("Word file records", await RunAsync("briefing files",
            $"DELETE FROM briefing_files WHERE {Tenant} AND NOT ({FilesInTeams})", new { t }).ConfigureAwait(false)));
        erased.Add(new ErasedKind("teams' group ids", await RunAsync("team groups", $"DELETE FROM documents WHERE {TeamGroups}",
            new { t }).ConfigureAwait(false)));

        // Documents keyed by an audit first, then the audits that find them.
        var documents = (await connection.QueryAsync<(string, long)>(new CommandDefinition(
            $"SELECT collection, COUNT(*) FROM documents WHERE {OwnDocuments} GROUP BY collection ORDER BY collection", new { t },
            transaction, cancellationToken: ct)).ConfigureAwait(false)).ToList();
        await RunAsync("documents", $"DELETE FROM documents WHERE collection <> 'audits' AND {OwnDocuments}", new { t })
            .ConfigureAwait(false);
        await RunAsync("audits", $"DELETE FROM documents WHERE collection = 'audits' AND {Tenant}", new { t }).ConfigureAwait(false);
        erased.InsertRange(0, documents.Select(d => new ErasedKind(d.Item1, d.Item2)));
        erased.Add(new ErasedKind("conversation references", await RunAsync("conversations",
            $"DELETE FROM conversations WHERE {Tenant}", new { t }).ConfigureAwait(false)));
        erased.Add(new ErasedKind("audit-log lines redacted", await RunAsync("audit log",
            $"UPDATE audit_events SET detail_json = @detail, redacted_at = @at WHERE {RedactableLines}",
            new { t, at, detail = RedactedDetail }).ConfigureAwait(false)));

        var kept = erased.Where(e => e.Count > 0).ToList();
        var detail = JsonSerializer.Serialize(kept.ToDictionary(e => e.Kind, e => e.Count));
        await RunAsync("erase logged", """
            INSERT INTO audit_events (at, actor_id, actor_name, action, subject_type, subject_id, detail_json, tenant_id)
            VALUES (@at, @actor, NULL, @action, 'tenant', @tenant, @detail, @tenant)
            """, new { at, actor = Actor, action = Action, tenant = tenantId.Trim(), detail }).ConfigureAwait(false);
        return kept;
    }

    private static Task<long> CountAsync(DbConnection connection, DbTransaction? transaction, string table, string where, object args,
        CancellationToken ct) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COUNT(*) FROM {table} WHERE {where}", args, transaction,
            cancellationToken: ct));
}
