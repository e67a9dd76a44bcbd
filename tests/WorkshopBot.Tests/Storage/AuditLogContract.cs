using System.Data.Common;
using WorkshopBot.Cards;
using WorkshopBot.Storage;

namespace WorkshopBot.Tests.Storage;

public abstract class AuditLogContract : StorageContract
{
    private IAuditLog Log => Storage.Get<IAuditLog>();

    [Fact]
    public async Task AppendReturnsTheStoredEventWithNewId()
    {
        var entry = new NewAuditEvent(T0, "aad-chair", "Audit Chair", "audit.opened", "audit", "a-1",
            """{"cases":3}""");

        var appended = await Log.AppendAsync(entry);

        Assert.True(appended.Id > 0);
        Assert.Equal(new AuditEvent(appended.Id, T0, "aad-chair", "Audit Chair", "audit.opened", "audit", "a-1",
            """{"cases":3}"""), appended);
    }

    [Fact]
    public async Task AnEntryKeepsItsTenantAndOneWithoutStaysWithout()
    {
        const string TenantA = "0a1b2c3d-aaaa-4000-8000-00000000000a";
        const string TenantB = "0a1b2c3d-bbbb-4000-8000-00000000000b";
        var one = await Log.AppendAsync(new NewAuditEvent(T0, "aad-chair", "Audit Chair", "audit.opened", "audit", "a-1",
            TenantId: TenantA));
        var none = await Log.AppendAsync(new NewAuditEvent(T0, "aad-chair", null, "audit.opened", "audit", "a-1"));
        Assert.Equal((TenantA, (string?)null), (one.TenantId, none.TenantId));

        var other = await Log.AppendAsync(new NewAuditEvent(T0, "aad-rep", null, "return.graded", "audit", "a-2", null, TenantB));

        Assert.Equal([TenantA, null], (await Log.ListAsync("audit", "a-1")).Select(e => e.TenantId));
        Assert.Equal([TenantB, null, TenantA], (await Log.ListRecentAsync(3)).Select(e => e.TenantId));
        Assert.Equal(other, Assert.Single(await Log.ListAsync("audit", "a-2")));
    }

    [Fact]
    public async Task ListReturnsEventsOfOneSubjectOldestFirst()
    {
        var opened = await Log.AppendAsync(new NewAuditEvent(T0, "aad-chair", null, "audit.opened", "audit", "a-1"));
        await Log.AppendAsync(new NewAuditEvent(T0, "aad-chair", null, "audit.opened", "audit", "a-2"));
        var graded = await Log.AppendAsync(
            new NewAuditEvent(T0.AddHours(1), "aad-rep", null, "return.graded", "audit", "a-1"));

        var events = await Log.ListAsync("audit", "a-1");

        Assert.Equal([opened.Id, graded.Id], events.Select(e => e.Id));
    }

    [Fact]
    public async Task ListRecentReturnsNewestFirstUpToMax()
    {
        for (var i = 0; i < 5; i++)
        {
            await Log.AppendAsync(new NewAuditEvent(T0.AddMinutes(i), "aad-chair", null, $"step.{i}", "audit", "a-1"));
        }

        var recent = await Log.ListRecentAsync(3);

        Assert.Equal(["step.4", "step.3", "step.2"], recent.Select(e => e.Action));
    }

    [Fact]
    public async Task DatabaseRefusesRawUpdate()
    {
        var appended = await Log.AppendAsync(new NewAuditEvent(T0, "aad-chair", null, "audit.opened", "audit", "a-1"));

        var error = await Assert.ThrowsAnyAsync<DbException>(() =>
            Storage.ExecuteRawAsync("UPDATE audit_events SET action = 'audit.deleted' WHERE id = @id",
                new { id = appended.Id }));

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        Assert.Equal("audit.opened", Assert.Single(await Log.ListAsync("audit", "a-1")).Action);
    }

    [Fact]
    public async Task DatabaseRefusesRawDelete()
    {
        await Log.AppendAsync(new NewAuditEvent(T0, "aad-chair", null, "audit.opened", "audit", "a-1"));

        var error = await Assert.ThrowsAnyAsync<DbException>(() =>
            Storage.ExecuteRawAsync("DELETE FROM audit_events"));

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        Assert.Single(await Log.ListAsync("audit", "a-1"));
    }
}

public sealed class AuditLogOnSqlite : AuditLogContract
{
    protected override Task<TestStorage> CreateStorageAsync(bool migrate) => TestStorage.CreateSqliteAsync(migrate);
}

[Collection(PostgresCollection.Name)]
public sealed class AuditLogOnPostgres(PostgresServerFixture server) : AuditLogContract
{
    protected override Task<TestStorage> CreateStorageAsync(bool migrate) =>
        TestStorage.CreatePostgresAsync(server, migrate);

    [Fact]
    public async Task DatabaseRefusesRawTruncate()
    {
        await Storage.Get<IAuditLog>().AppendAsync(
            new NewAuditEvent(T0, "aad-chair", null, "audit.opened", "audit", "a-1"));

        await Assert.ThrowsAnyAsync<DbException>(() => Storage.ExecuteRawAsync("TRUNCATE audit_events"));

        Assert.Single(await Storage.Get<IAuditLog>().ListRecentAsync(10));
    }
}
