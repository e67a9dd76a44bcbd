using System.Data.Common;
using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Storage;

/// <summary>
/// Migration 2286: the audit log stays append-only, but a line's detail may be redacted once (the retention purge does it
/// for the lines that named a purged audit's case), keeping who, what, when, the subject and the tenant. The database
/// itself refuses a redaction that changes any of those, a second redaction, and an update that is not a redaction.
/// </summary>
public abstract class AuditLogRedactionContract : StorageContract
{
    private const string Tenant = "0a1b2c3d-aaaa-4000-8000-00000000000a";

    private const string Redact = "UPDATE audit_events SET detail_json = @detail, redacted_at = @at WHERE id = @id";

    private IAuditLog Log => Storage.Get<IAuditLog>();

    [Fact]
    public async Task ALineIsRedactedOnceKeepingWhoWhatWhenAndItsSubject()
    {
        var line = await AppendAsync();

        Assert.Equal(1, await Storage.ExecuteRawAsync(Redact, new { id = line.Id, detail = """{"redacted":true}""", at = 1L }));
        var again = await Assert.ThrowsAnyAsync<DbException>(() =>
            Storage.ExecuteRawAsync(Redact, new { id = line.Id, detail = """{"caseReference":"NAI-2026-03-C1"}""", at = 2L }));

        Assert.Contains("append-only", again.Message, StringComparison.Ordinal);
        Assert.Equal(line with { DetailJson = """{"redacted":true}""" }, Assert.Single(await Log.ListAsync("audit", "a-1")));
    }

    [Theory]
    [InlineData("action = 'audit.deleted'")]
    [InlineData("actor_id = 'someone-else'")]
    [InlineData("actor_name = NULL")]
    [InlineData("subject_id = 'a-2'")]
    [InlineData("subject_type = 'briefing'")]
    [InlineData("tenant_id = NULL")]
    [InlineData("at = 0")]
    public async Task ARedactionThatChangesAnythingElseIsRefused(string change)
    {
        var line = await AppendAsync();

        var error = await Assert.ThrowsAnyAsync<DbException>(() => Storage.ExecuteRawAsync(
            $"UPDATE audit_events SET detail_json = NULL, redacted_at = 1, {change} WHERE id = @id", new { id = line.Id }));

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        Assert.Equal(line, Assert.Single(await Log.ListAsync("audit", "a-1")));
    }

    [Fact]
    public async Task AChangeOfDetailThatIsNotMarkedARedactionIsRefused()
    {
        var line = await AppendAsync();

        var error = await Assert.ThrowsAnyAsync<DbException>(() =>
            Storage.ExecuteRawAsync("UPDATE audit_events SET detail_json = NULL WHERE id = @id", new { id = line.Id }));

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        Assert.Equal(line, Assert.Single(await Log.ListAsync("audit", "a-1")));
        await Assert.ThrowsAnyAsync<DbException>(() => Storage.ExecuteRawAsync("DELETE FROM audit_events WHERE id = @id",
            new { id = line.Id }));
    }

    private Task<AuditEvent> AppendAsync() => Log.AppendAsync(new NewAuditEvent(T0, "aad-chair", "Audit Chair", "audit.case.added",
        "audit", "a-1", """{"caseReference":"NAI-2026-03-C1"}""", Tenant));
}

public sealed class AuditLogRedactionOnSqlite : AuditLogRedactionContract
{
    protected override Task<TestStorage> CreateStorageAsync(bool migrate) => TestStorage.CreateSqliteAsync(migrate);
}

[Collection(PostgresCollection.Name)]
public sealed class AuditLogRedactionOnPostgres(PostgresServerFixture server) : AuditLogRedactionContract
{
    protected override Task<TestStorage> CreateStorageAsync(bool migrate) => TestStorage.CreatePostgresAsync(server, migrate);
}
