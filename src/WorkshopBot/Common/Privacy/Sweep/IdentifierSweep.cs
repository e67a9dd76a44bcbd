using System.Data.Common;
using System.Diagnostics;
using System.Text.Json;
using Dapper;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Storage;

namespace WorkshopBot.Common.Privacy.Sweep;

/// <summary>What one run of the sweep did: counts only.</summary>
public sealed record IdentifierSweepResult(int Scanned, int Changed, RemovedIdentifiers Removed, int NotChecked, int Unreadable,
    bool Wiped)
{
    public IdentifierSweepResult Plus(IdentifierSweepResult other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Scanned + other.Scanned, Changed + other.Changed, Removed.Plus(other.Removed), NotChecked + other.NotChecked,
            Unreadable + other.Unreadable, Wiped || other.Wiped);
    }
}

/// <summary>
/// The one-off sweep of text stored before NHS numbers, full postcodes and labelled dates of birth were refused even with a
/// confirmation (<see cref="IdentifierFinding.Confirmable"/>). It reads every stored document of every feature (returns'
/// answers and learning, saved or kept for their author, <see cref="AuditReturn.Held"/> and
/// <see cref="AuditReturn.HeldLearning"/>; workshops' ideas, questions and recommendations, action plans and their updates,
/// briefings and their discussion, reopen reasons): every text in it but ids, keys and addresses, whatever its property, so a
/// text a new property holds is read without a change here. It scans that text with the current scanner and replaces each
/// such identifier with a marker (<see cref="IdentifierRedaction"/>). Each changed object is written by the commit path
/// every change takes, checked against the version it was read at, with an audit-log entry that names the kinds and counts
/// only; on SQLite with <c>secure_delete</c> on (<see cref="SecureDelete"/>), then the file is rewritten and its log emptied
/// as after a purge. A row in <c>maintenance_runs</c> says it ran to the end, so it runs once per store; PostgreSQL
/// instances starting together take turns on an advisory lock. Killed halfway, it runs again from the start at the next
/// start-up, and changes nothing it changed before. An object whose text could not be checked is left as it was and
/// counted; the sweep is then not recorded as done, so the next start-up tries again.
/// </summary>
internal sealed partial class IdentifierSweep(
    StorageDatabase database, IStoreCommitter committer, IDocumentStore documents, IStoreCheckpoint checkpoint,
    IdentifierScanner scanner, TimeProvider time, ILogger<IdentifierSweep> logger)
{
    /// <summary>
    /// The row in maintenance_runs that says this sweep ran to the end. A new name runs it once more on every store: the
    /// second ("-04") came with the scanner reading underscores and dashes between digits and markup tags of any name, the
    /// third ("-05") with it reading colons and pipes between the groups of an NHS number or a date ("943:476:5919"), the
    /// fourth ("-05-tables") with it reading dates of birth in tables ("| DOB | 12 | 03 | 2019 |", see PipeTable), the fifth
    /// ("-05-held") because the version before kept answers held back from a warning too large to show as typed, NHS numbers
    /// and all (they are kept without them now, see FreeTextCheck.Keep), the sixth ("-06-neighbours") with the scanner finding
    /// an NHS number set off by a space from another number ("room 12 943 476 5919", see NhsNeighbours), the seventh
    /// ("-07-pieces") with it finding an NHS number with words or marks between its groups ("943 then 476 then 5919") and
    /// a postcode in pieces ("SW1A   1AA", "S W 1 A 1 A A"), the eighth ("-07-words") because the versions before read no text
    /// without a digit, so an NHS number, a postcode or a labelled date of birth written only in words ("nine four three
    /// ...", "DOB four three nineteen") was never swept (see <see cref="IdentifierRedaction.MayHoldRefused"/>).
    /// </summary>
    public const string Name = "identifier-sweep-2026-12-07-words";

    /// <summary>The audit-log action of a changed object.</summary>
    public const string Action = "privacy.identifiers.removed";

    /// <summary>The name recorded as the actor of the audit-log entries (the actor id is the bot's own).</summary>
    public const string ActorName = "WorkshopBot (identifier sweep)";

    private const int PageSize = 200;
    private const int MaxAttempts = 5;
    private const int TruncateTries = 3;

    // Arbitrary constant shared by every instance of the bot ("WKBSWEP" in ASCII); not the migrator's.
    private const long PostgresAdvisoryLockKey = 0x574B4253574550;

    /// <summary>Sweeps the store unless it was swept before; null when it had been.</summary>
    public async Task<IdentifierSweepResult?> RunOnceAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct).ConfigureAwait(false);
        var postgres = database.Provider == StorageProvider.Postgres;
        if (postgres)
        {
            // A second instance waits here while the first sweeps, then finds the row and goes on.
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@key)", new { key = PostgresAdvisoryLockKey },
                cancellationToken: ct)).ConfigureAwait(false);
        }

        try
        {
            if (await HasRunAsync(connection, ct).ConfigureAwait(false))
            {
                return null;
            }

            var clock = Stopwatch.StartNew();
            var result = await SweepAsync(connection, ct).ConfigureAwait(false);
            if (result.NotChecked == 0)
            {
                await RecordAsync(connection, result, ct).ConfigureAwait(false);
            }

            if (result.Changed > 0)
            {
                // After the record, so the log is emptied of that write too.
                documents.ForgetKeptTexts();
                result = result with { Wiped = await WipeAsync(ct).ConfigureAwait(false) };
            }

            LogSwept(result.Scanned, result.Changed, result.Removed.NhsNumbers, result.Removed.Postcodes, result.Removed.DatesOfBirth,
                result.NotChecked, result.Unreadable, clock.ElapsedMilliseconds);
            return result;
        }
        finally
        {
            if (postgres)
            {
                // Not cancellable: the lock must be released even when start-up is being aborted.
                await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(@key)",
                    new { key = PostgresAdvisoryLockKey }, cancellationToken: CancellationToken.None)).ConfigureAwait(false);
            }
        }
    }

    private static async Task<bool> HasRunAsync(DbConnection connection, CancellationToken ct) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM maintenance_runs WHERE name = @Name", new { Name }, cancellationToken: ct)).ConfigureAwait(false) > 0;

    private async Task RecordAsync(DbConnection connection, IdentifierSweepResult result, CancellationToken ct) =>
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO maintenance_runs (name, completed_at, detail_json) VALUES (@Name, @at, @detail)
            ON CONFLICT (name) DO NOTHING
            """, new
        {
            Name, at = UnixTime.ToMs(time.GetUtcNow()),
            detail = JsonSerializer.Serialize(result, DocumentStoreExtensions.DefaultJsonOptions),
        }, cancellationToken: ct)).ConfigureAwait(false);

    private async Task<IdentifierSweepResult> SweepAsync(DbConnection connection, CancellationToken ct)
    {
        var result = new IdentifierSweepResult(0, 0, RemovedIdentifiers.None, 0, 0, false);
        var clean = new HashSet<string>(StringComparer.Ordinal);
        var (collection, id) = ("", "");
        while (true)
        {
            // By key, a page at a time, so a large store is never read whole into memory.
            var page = (await connection.QueryAsync<Row>(new CommandDefinition("""
                SELECT collection AS Collection, id AS Id, version AS Version, json AS Json, tenant_id AS TenantId
                FROM documents WHERE collection > @collection OR (collection = @collection AND id > @id)
                ORDER BY collection, id LIMIT @limit
                """, new { collection, id, limit = PageSize }, cancellationToken: ct)).ConfigureAwait(false)).AsList();
            foreach (var row in page)
            {
                result = result.Plus(await SweepOneAsync(connection, row, clean, ct).ConfigureAwait(false));
            }

            if (page.Count < PageSize)
            {
                return result;
            }

            (collection, id) = (page[^1].Collection, page[^1].Id);
        }
    }

    /// <summary>One document: swept and written, read again and swept again when someone changed it meanwhile.</summary>
    private async Task<IdentifierSweepResult> SweepOneAsync(DbConnection connection, Row row, HashSet<string> clean, CancellationToken ct)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var swept = IdentifierRedaction.RedactJson(row.Json, scanner, clean);
            if (swept.Unchecked)
            {
                LogNotChecked(row.Collection, row.Id);
            }
            else if (swept.Unreadable)
            {
                LogUnreadable(row.Collection, row.Id);
            }

            if (swept.Json is null)
            {
                return new IdentifierSweepResult(1, 0, RemovedIdentifiers.None, swept.Unchecked ? 1 : 0, swept.Unreadable ? 1 : 0, false);
            }

            var commit = await committer.CommitAsync(Work(row, swept), ct).ConfigureAwait(false);
            if (commit.Outcome == CommitOutcome.Committed)
            {
                return new IdentifierSweepResult(1, 1, swept.Removed, 0, 0, false);
            }

            if (await ReadAsync(connection, row.Collection, row.Id, ct).ConfigureAwait(false) is not { } again)
            {
                return new IdentifierSweepResult(1, 0, RemovedIdentifiers.None, 0, 0, false);
            }

            row = again;
        }

        // Changed by others five times running: it was not swept, so the run is not recorded as done.
        LogNotChecked(row.Collection, row.Id);
        return new IdentifierSweepResult(1, 0, RemovedIdentifiers.None, 1, 0, false);
    }

    /// <summary>
    /// The new text, checked against the version read, in one transaction with its audit-log entry; with
    /// <c>secure_delete</c> on for that statement only, so the old text's bytes are overwritten where SQLite frees them.
    /// </summary>
    private StoreWork Work(Row row, RedactedDocument swept)
    {
        var work = new StoreWork();
        var json = swept.Json!;
        work.Execute($"identifier sweep {row.Collection}/{row.Id}", (connection, transaction, _, token) => SecureDelete.RunAsync(
            connection, transaction, async () => await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE documents SET version = version + 1, json = @json, updated_at = @now, stamp = @stamp
                WHERE collection = @collection AND id = @id AND version = @version
                """, new
            {
                json, now = UnixTime.ToMs(time.GetUtcNow()), stamp = SqlDocumentStore.NewStamp(), collection = row.Collection, id = row.Id,
                version = row.Version,
            }, transaction, cancellationToken: token)).ConfigureAwait(false) == 1, token));
        work.Append(new NewAuditEvent(time.GetUtcNow(), AuditSubjects.BotActor, ActorName, Action, row.Collection, row.Id,
            JsonSerializer.Serialize(swept.Removed, DocumentStoreExtensions.DefaultJsonOptions), row.TenantId));
        return work;
    }

    private static async Task<Row?> ReadAsync(DbConnection connection, string collection, string id, CancellationToken ct) =>
        await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition("""
            SELECT collection AS Collection, id AS Id, version AS Version, json AS Json, tenant_id AS TenantId
            FROM documents WHERE collection = @collection AND id = @id
            """, new { collection, id }, cancellationToken: ct)).ConfigureAwait(false);

    /// <summary>As after a purge (RetentionJob): the file rewritten, then its write-ahead log emptied; true when both were done.</summary>
    private async Task<bool> WipeAsync(CancellationToken ct)
    {
        if (checkpoint.TooLargeToCompact || !await checkpoint.CompactAsync(ct).ConfigureAwait(false))
        {
            LogNotWiped();
        }

        for (var attempt = 0; attempt < TruncateTries; attempt++)
        {
            if (await checkpoint.TruncateLogAsync(ct).ConfigureAwait(false))
            {
                return !checkpoint.TooLargeToCompact;
            }
        }

        LogNotWiped();
        return false;
    }

    /// <summary>A document row as the sweep reads it (Dapper fills it).</summary>
    private sealed class Row
    {
        public string Collection { get; set; } = "";

        public string Id { get; set; } = "";

        public long Version { get; set; }

        public string Json { get; set; } = "";

        public string? TenantId { get; set; }
    }

    // Event 3301: its fields are a logging template's, its message agrees in number ("1 postcode"), see SweepSummary.
    private void LogSwept(int scanned, int changed, int nhsNumbers, int postcodes, int datesOfBirth, int notChecked,
        int unreadable, long milliseconds)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.Log(LogLevel.Information, SweepSummary.Event,
                new SweepSummary(scanned, changed, nhsNumbers, postcodes, datesOfBirth, notChecked, unreadable, milliseconds), null,
                SweepSummary.Format);
        }
    }

    [LoggerMessage(EventId = 3302, Level = LogLevel.Warning,
        Message = "Identifier sweep: {Collection}/{Id} could not be checked and was left unchanged; the next start-up tries again")]
    private partial void LogNotChecked(string collection, string id);

    [LoggerMessage(EventId = 3303, Level = LogLevel.Warning,
        Message = "Identifier sweep: {Collection}/{Id} is not a JSON object and was left unchanged")]
    private partial void LogUnreadable(string collection, string id);

    [LoggerMessage(EventId = 3304, Level = LogLevel.Warning,
        Message = "Identifier sweep: the database file could not be rewritten or its log emptied (busy or too large; see README)")]
    private partial void LogNotWiped();
}
