using Microsoft.Data.Sqlite;
using Npgsql;
using WorkshopBot.Operations;
using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Operations;

/// <summary>
/// The sentence for a store error the tests cannot cause for real (a full disk, a server out of memory or connections, a
/// server shutting down, a busy or damaged SQLite file): sorted by what the operator should do, and never "check the settings"
/// when the settings are not the cause. The ones they can cause run for real in <c>StoreFailuresAtStart</c>.
/// </summary>
public sealed class StoreProblemSentences
{
    private static readonly StorageOptions Postgres = new()
    {
        Provider = StorageOptions.PostgresProviderName,
        PostgresConnectionString = "Host=db.internal;Port=6432;Database=partnership;Username=bot;Password=pg-secret-9",
    };

    private static readonly StorageOptions Sqlite = new() { SqlitePath = "/srv/workshopbot/data/workshopbot.db" };

    public static TheoryData<string, string, string> PostgresErrors => new()
    {
        { "53100", "could not extend file \"base/16384/16385\": No space left on device",
            "has run out of disk space (53100: could not extend file \"base/16384/16385\": No space left on device): ask whoever runs" },
        { "53400", "configuration limit exceeded", "is short of disk space, memory or connections (53400: configuration limit exceeded)" },
        { "53200", "out of memory", "has run out of memory (53200: out of memory)" },
        { "53300", "sorry, too many clients already",
            "has every connection it allows in use (53300: sorry, too many clients already)" },
        { "57P01", "terminating connection due to administrator command",
            "was not ready to serve WorkshopBot (57P01: terminating connection due to administrator command): it was starting" },
        { "57P03", "the database system is starting up", "was not ready to serve WorkshopBot (57P03: the database system is starting up)" },
        { "58030", "could not write to file \"pg_wal/xlogtemp.123\": Input/output error",
            "reported a fault of its own (58030: could not write to file" },
        { "40001", "could not serialize access due to concurrent update", "failed while WorkshopBot prepared or read its tables "
            + "(40001: could not serialize access due to concurrent update). This is not a settings problem: keep this message" },
        { "23505", "duplicate key value violates unique constraint \"documents_pkey\"", "failed while WorkshopBot prepared or read its "
            + "tables (23505: duplicate key value violates unique constraint \"documents_pkey\"). This is not a settings problem" },
        { "42601", "syntax error at or near \"TABEL\"", "failed while WorkshopBot prepared or read its tables (42601: syntax error" },
        { "42P01", "relation \"workshop_votes\" does not exist", "failed while WorkshopBot prepared or read its tables (42P01:" },
        { "42P01", "relation \"schema_migrations\" does not exist", "holds no WorkshopBot tables: check the Database" },
    };

    [Theory]
    [MemberData(nameof(PostgresErrors))]
    public void APostgresErrorIsSortedByWhatToDo(string state, string message, string said)
    {
        var line = OperatorStore.Problem(new PostgresException(message, "ERROR", "ERROR", state), Postgres, "/srv/workshopbot");

        Assert.NotNull(line);
        Assert.StartsWith("PostgreSQL host db.internal:6432, database partnership, " + said, line, StringComparison.Ordinal);
        Assert.DoesNotContain("check the settings", line, StringComparison.Ordinal);
        Assert.DoesNotContain("pg-secret-9", line, StringComparison.Ordinal);
    }

    /// <summary>A data error's message can quote the stored value (a child's name in free text): only its SQLSTATE is said.</summary>
    [Fact]
    public void APostgresDataErrorDoesNotQuoteTheValue()
    {
        var error = new PostgresException("invalid input syntax for type integer: \"Jayden Smith\"", "ERROR", "ERROR", "22P02");

        var line = OperatorStore.Problem(error, Postgres, "/srv/workshopbot");

        Assert.NotNull(line);
        Assert.StartsWith("PostgreSQL host db.internal:6432, database partnership, failed while WorkshopBot prepared or read its "
            + "tables (22P02: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Jayden", line, StringComparison.Ordinal);
    }

    public static TheoryData<int, string, string> SqliteErrors => new()
    {
        { 5, "database is locked", "the SQLite database /srv/workshopbot/data/workshopbot.db is held by another program (SQLite "
            + "Error 5: 'database is locked'): stop whatever else has it open" },
        { 6, "database table is locked", "the SQLite database /srv/workshopbot/data/workshopbot.db is held by another program" },
        { 8, "attempt to write a readonly database", "the SQLite database /srv/workshopbot/data/workshopbot.db takes no writes (SQLite "
            + "Error 8: 'attempt to write a readonly database'): check that the user running this command may write the file and "
            + "its folder" },
        { 13, "database or disk is full", "the disk holding the SQLite database /srv/workshopbot/data/workshopbot.db is full (SQLite "
            + "Error 13: 'database or disk is full'): free space on it, then try again." },
        { 7, "out of memory", "this computer ran out of memory while using the SQLite database" },
        { 10, "disk I/O error", "the disk holding the SQLite database /srv/workshopbot/data/workshopbot.db failed to read or write" },
        { 11, "database disk image is malformed", "the SQLite database /srv/workshopbot/data/workshopbot.db is damaged (SQLite "
            + "Error 11: 'database disk image is malformed'): keep the file, and restore the latest backup" },
        { 1, "no such table: workshop_votes", "the SQLite database /srv/workshopbot/data/workshopbot.db failed while WorkshopBot "
            + "prepared or read its tables (SQLite Error 1: 'no such table: workshop_votes'). This is not a settings problem" },
        { 19, "UNIQUE constraint failed: documents.id", "the SQLite database /srv/workshopbot/data/workshopbot.db failed while "
            + "WorkshopBot prepared or read its tables (SQLite Error 19: 'UNIQUE constraint failed: documents.id')." },
    };

    [Theory]
    [MemberData(nameof(SqliteErrors))]
    public void ASqliteErrorIsSortedByWhatToDo(int code, string message, string said)
    {
        var error = new SqliteException($"SQLite Error {code}: '{message}'.", code);

        var line = OperatorStore.Problem(error, Sqlite, "/srv/workshopbot");

        Assert.NotNull(line);
        Assert.StartsWith(said, line, StringComparison.Ordinal);
        Assert.DoesNotContain("check that the file is not damaged", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Storage:", line, StringComparison.Ordinal);
    }
}
