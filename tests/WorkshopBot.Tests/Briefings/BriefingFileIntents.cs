using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Jobs;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common.Secrets;
using WorkshopBot.Common.Storage;
using WorkshopBot.Operations.Erase;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using static WorkshopBot.Tests.Briefings.BriefingFileDeletionScenario;

namespace WorkshopBot.Tests.Briefings;

/// <summary>
/// An upload records its intent (no Graph ids, the digest of the file's name) before Graph is asked to store the file. So
/// when the bot dies after Graph stored the file but before it recorded the file's ids, and the version is then withdrawn
/// or its audit purged, the deletion finds the file in the channel's folder by its name and deletes it. A chair's Retry
/// upload is claimed the same way, so a withdrawal committing while Graph stores the retried file leaves no file either.
/// Real bot over HTTP, real Graph client against the loopback stand-in, real store, a real restart for the crash.
/// </summary>
internal static class BriefingFileIntents
{
    /// <summary>Graph stored the file; the bot died before it recorded the ids; then the withdrawal or the purge.</summary>
    public static async Task ACrashAfterGraphStoredTheFileStillDeletesItAsync(string? postgres, bool purge)
    {
        await using var s = await StartAsync(postgres);
        await s.PublishAsync();
        await s.UploadWithoutFinishingAsync();
        var name = Assert.Single(s.Graph.Files.Keys);
        var intent = Assert.Single(await s.FilesAsync());
        var fingerprint = await s.Host.Get<FileNameFingerprints>().FunctionAsync(default);
        Assert.Equal((false, BriefingFiles.Kept, fingerprint(name)), (intent.Located, intent.Status, intent.NameHash));
        Assert.Equal(fingerprint(name), fingerprint(name.ToUpperInvariant()));
        // Keyed: not the plain hash a guessed title could be checked against.
        Assert.NotEqual(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(name.ToUpperInvariant()))), intent.NameHash![SafetyFingerprints.Prefix.Length..]);
        Assert.DoesNotContain(".docx", intent.NameHash, StringComparison.Ordinal);

        await s.Host.RestartAsync();
        if (purge)
        {
            Assert.Equal(1, (await s.PurgeAsync()).WordFilesDeleted);
        }
        else
        {
            await s.WithdrawAsync();
            // The dead upload's claim still stands: nobody looks for the file while an upload may still be making it.
            Assert.Equal(0, (await s.DeleteAsync()).Taken);
            s.Clock.Advance(s.Host.Get<BriefingUploads>().Lease + TimeSpan.FromSeconds(1));
        }

        var queued = Assert.Single(await s.FilesAsync());
        var report = await s.DeleteAsync();

        Assert.Equal((BriefingFiles.Pending, purge ? BriefingFiles.Purged : BriefingFiles.Withdrawn), (queued.Status, queued.Reason));
        Assert.Equal(1, report.Deleted);
        Assert.Empty(s.Graph.Files);
        Assert.Contains(s.Graph.Requests, r => r.Method == "GET" && r.Path == "/v1.0/drives/drive-1/items/folder-1/children");
        var delete = Assert.Single(s.Graph.Requests, r => r.Method == "DELETE");
        Assert.Equal("/v1.0/drives/drive-1/items/item-1", delete.Path);
        Assert.Equal(BriefingFiles.Deleted, Assert.Single(await s.FilesAsync()).Status);
        Assert.Empty(await s.Host.FreeTextInAuditLogAsync());
        // The upload is never made again, and nothing is left to do.
        s.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, (await s.UploadAsync()).Uploaded);
        Assert.Equal(0, (await s.DeleteAsync()).Taken);
        Assert.Empty(s.Graph.Files);
    }

    /// <summary>
    /// Graph stored the file, the bot died before it recorded the ids, and then the organisation left and was erased
    /// (<c>erase-tenant</c>): the erase takes away the channel's record and the team's group id with everything else, yet
    /// the queued deletion still finds the file in the channel's folder and deletes it; no group id of the organisation's
    /// teams is left in the store once it is done.
    /// </summary>
    public static async Task AnEraseOfTheOrganisationStillDeletesAFileACrashLeftAsync(string? postgres)
    {
        await using var s = await StartAsync(postgres);
        await s.PublishAsync();
        await s.UploadWithoutFinishingAsync();
        await s.Host.RestartAsync();
        var database = s.Host.Get<StorageDatabase>();
        Assert.Equal(1, await TeamGroupDocumentsAsync(database));

        Assert.Equal(0, await EraseTenantCommand.RunAsync(
            [.. StoreArgs(s, postgres), "--WorkshopBot:AllowedTenants:0", "9a8b7c6d-0000-4000-8000-00000000e2a5", "--tenant",
                BotTestHost.TenantId, "--confirm", BotTestHost.TenantId], s.Clock));
        var queued = Assert.Single(await s.FilesAsync());
        var report = await s.DeleteAsync();

        Assert.Equal((false, BriefingFiles.Pending), (queued.Located, queued.Status));
        Assert.Equal(1, report.Deleted);
        Assert.Empty(s.Graph.Files);
        Assert.Equal("/v1.0/drives/drive-1/items/item-1", Assert.Single(s.Graph.Requests, r => r.Method == "DELETE").Path);
        Assert.Equal(BriefingFiles.Deleted, Assert.Single(await s.FilesAsync()).Status);
        Assert.Equal(0, await TeamGroupDocumentsAsync(database));
    }

    /// <summary>
    /// Graph refused for good to delete a withdrawn version's file (it is still in the channel), and then the organisation
    /// is erased: the erase does not drop the file's record, the only trace of a file left there, but queues it again, and
    /// the deletion then removes the file.
    /// </summary>
    public static async Task AnEraseQueuesAgainAFileGraphRefusedToDeleteAsync(string? postgres)
    {
        await using var s = await StartAsync(postgres);
        await s.PublishAndUploadAsync();
        await s.WithdrawAsync();
        await s.Host.DrainOutboxAsync();
        s.Graph.FailNext(403);
        Assert.Equal(1, (await s.DeleteAsync()).Failed);
        Assert.Single(s.Graph.Files);

        Assert.Equal(0, await EraseTenantCommand.RunAsync(
            [.. StoreArgs(s, postgres), "--WorkshopBot:AllowedTenants:0", "9a8b7c6d-0000-4000-8000-00000000e2a5", "--tenant",
                BotTestHost.TenantId, "--confirm", BotTestHost.TenantId], s.Clock));
        var queued = Assert.Single(await s.FilesAsync());
        var report = await s.DeleteAsync();

        Assert.Equal((BriefingFiles.Pending, TenantErase.ErasedReason, 0), (queued.Status, queued.Reason, queued.Attempts));
        Assert.Equal(1, report.Deleted);
        Assert.Empty(s.Graph.Files);
    }

    private static string[] StoreArgs(BriefingFileDeletionScenario s, string? postgres) =>
        s.Host.Get<StorageDatabase>().SqliteFilePath is { } path
            ? ["--Storage:Provider", "Sqlite", "--Storage:SqlitePath", path]
            : ["--Storage:Provider", "Postgres", "--Storage:PostgresConnectionString", postgres!];

    private static async Task<long> TeamGroupDocumentsAsync(StorageDatabase database)
    {
        await using var connection = await database.OpenAsync(default);
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection,
            "SELECT COUNT(*) FROM documents WHERE collection = 'briefing-team-groups'");
    }

    /// <summary>An intent whose upload never stored the file: the deletion finds nothing there, and that is done.</summary>
    public static async Task AnIntentWithNoFileIsDoneAsync(string? postgres)
    {
        await using var s = await StartAsync(postgres);
        await s.PublishAsync();
        s.Graph.FailNext(500);
        Assert.Equal(1, (await s.UploadAsync()).TryAgain);
        var released = Assert.Single(await s.FilesAsync());
        await s.WithdrawAsync();

        var report = await s.DeleteAsync();

        Assert.Equal((false, BriefingFiles.Kept), (released.Located, released.Status));
        Assert.Equal(1, report.Deleted);
        Assert.Equal(0, s.DeleteRequests);
        Assert.Equal(BriefingFiles.Deleted, Assert.Single(await s.FilesAsync()).Status);
    }

    /// <summary>The upload taken again after the crash records the file's ids, and its intent goes.</summary>
    public static async Task AnUploadTakenAgainReplacesItsIntentAsync(string? postgres)
    {
        await using var s = await StartAsync(postgres);
        await s.PublishAsync();
        await s.UploadWithoutFinishingAsync();
        await s.Host.RestartAsync();
        s.Clock.Advance(s.Host.Get<BriefingUploads>().Lease + TimeSpan.FromSeconds(1));

        Assert.Equal(1, (await s.UploadAsync()).Uploaded);

        var file = Assert.Single(await s.FilesAsync());
        Assert.Equal((true, BriefingFiles.Kept, "item-1"), (file.Located, file.Status, file.ItemId));
        Assert.Single(s.Graph.Files);
    }

    /// <summary>
    /// The chair's Retry upload and a withdrawal in the same seconds: the withdrawal commits while Graph stores the retried
    /// file (after the retry's claim). The chair is told the version is no longer shown there, and the file is deleted.
    /// </summary>
    public static async Task ARetryRacingAWithdrawalLeavesNoFileAsync(string? postgres)
    {
        await using var s = await StartAsync(postgres);
        await s.PublishAsync();
        s.Graph.FailNext(403);
        Assert.Equal(1, (await s.UploadAsync()).Failed);
        string? withdrawn = null;
        s.Graph.OnUpload = async () =>
        {
            s.Graph.OnUpload = null;
            withdrawn = await s.WithdrawAsync();
        };

        var retried = await s.RetryUploadAsync();

        Assert.NotNull(withdrawn);
        Assert.Contains("no longer shown in that channel", retried, StringComparison.Ordinal);
        Assert.Single(s.Graph.Files);
        var queued = Assert.Single(await s.FilesAsync());
        Assert.Equal((true, BriefingFiles.Pending, BriefingFiles.NoLongerPosted), (queued.Located, queued.Status, queued.Reason));
        Assert.Equal(1, (await s.DeleteAsync()).Deleted);
        Assert.Empty(s.Graph.Files);
        await using var scope = s.Host.Services.CreateAsyncScope();
        var publication = Assert.Single((await scope.ServiceProvider.GetRequiredService<BriefingStore>().GetAsync(s.AuditId, default))!
            .Publications);
        Assert.Null(publication.FileUrl);
    }

    /// <summary>The withdrawal commits first: the retry's claim is refused, and Graph is never asked to store the file.</summary>
    public static async Task ARetryAfterTheWithdrawalIsNeverMadeAsync(string? postgres)
    {
        await using var s = await StartAsync(postgres);
        await s.PublishAsync();
        s.Graph.FailNext(403);
        Assert.Equal(1, (await s.UploadAsync()).Failed);
        await s.WithdrawAsync();

        var claimed = await s.Host.Get<WorkRunner>().RunAsync((services, ct) => services.GetRequiredService<BriefingPublisher>()
            .ClaimRetryAsync(s.AuditId, General.Id, 1, "late-retry", TimeSpan.FromMinutes(1), ct), CancellationToken.None);
        var retried = await s.RetryUploadAsync();

        Assert.Null(claimed);
        Assert.Contains("Version 1 was withdrawn on", retried, StringComparison.Ordinal);
        Assert.DoesNotContain(s.Graph.Requests, r => r.Method == "PUT");
        Assert.DoesNotContain(await s.FilesAsync(), f => f.Located);
    }

    /// <summary>A Retry upload with nothing in its way puts the file there and records its ids; no intent is left.</summary>
    public static async Task ARetryRecordsItsFileAsync(string? postgres)
    {
        await using var s = await StartAsync(postgres);
        await s.PublishAsync();
        s.Graph.FailNext(403);
        Assert.Equal(1, (await s.UploadAsync()).Failed);

        var retried = await s.RetryUploadAsync();

        Assert.Contains("now in the channel's Files", retried, StringComparison.Ordinal);
        var file = Assert.Single(await s.FilesAsync());
        Assert.Equal((true, BriefingFiles.Kept), (file.Located, file.Status));
        await using var scope = s.Host.Services.CreateAsyncScope();
        var publication = Assert.Single((await scope.ServiceProvider.GetRequiredService<BriefingStore>().GetAsync(s.AuditId, default))!
            .Publications);
        Assert.Equal(FileUploadState.Uploaded, publication.Upload);
        Assert.NotNull(publication.FileUrl);
    }
}

public sealed class BriefingFileIntentsOnSqlite
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public Task ACrashAfterGraphStoredTheFileThenAWithdrawalOrPurgeStillDeletesIt(bool purge) =>
        BriefingFileIntents.ACrashAfterGraphStoredTheFileStillDeletesItAsync(null, purge);

    [Fact]
    public Task AnEraseOfTheOrganisationStillDeletesAFileACrashLeft() =>
        BriefingFileIntents.AnEraseOfTheOrganisationStillDeletesAFileACrashLeftAsync(null);

    [Fact]
    public Task AnEraseQueuesAgainAFileGraphRefusedToDelete() => BriefingFileIntents.AnEraseQueuesAgainAFileGraphRefusedToDeleteAsync(null);

    [Fact]
    public Task AnIntentWhoseUploadStoredNoFileIsDone() => BriefingFileIntents.AnIntentWithNoFileIsDoneAsync(null);

    [Fact]
    public Task AnUploadTakenAgainAfterTheCrashReplacesItsIntent() => BriefingFileIntents.AnUploadTakenAgainReplacesItsIntentAsync(null);

    [Fact]
    public Task ARetryUploadRacingAWithdrawalLeavesNoFile() => BriefingFileIntents.ARetryRacingAWithdrawalLeavesNoFileAsync(null);

    [Fact]
    public Task ARetryUploadAfterTheWithdrawalIsNeverMade() => BriefingFileIntents.ARetryAfterTheWithdrawalIsNeverMadeAsync(null);

    [Fact]
    public Task ARetryUploadRecordsItsFile() => BriefingFileIntents.ARetryRecordsItsFileAsync(null);
}

[Collection(PostgresCollection.Name)]
public sealed class BriefingFileIntentsOnPostgres(PostgresServerFixture server)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ACrashAfterGraphStoredTheFileThenAWithdrawalOrPurgeStillDeletesIt(bool purge) =>
        await BriefingFileIntents.ACrashAfterGraphStoredTheFileStillDeletesItAsync(await server.CreateDatabaseAsync(), purge);

    [Fact]
    public async Task ARetryUploadRacingAWithdrawalLeavesNoFile() =>
        await BriefingFileIntents.ARetryRacingAWithdrawalLeavesNoFileAsync(await server.CreateDatabaseAsync());

    [Fact]
    public async Task AnEraseOfTheOrganisationStillDeletesAFileACrashLeft() =>
        await BriefingFileIntents.AnEraseOfTheOrganisationStillDeletesAFileACrashLeftAsync(await server.CreateDatabaseAsync());

    [Fact]
    public async Task AnEraseQueuesAgainAFileGraphRefusedToDelete() =>
        await BriefingFileIntents.AnEraseQueuesAgainAFileGraphRefusedToDeleteAsync(await server.CreateDatabaseAsync());
}
