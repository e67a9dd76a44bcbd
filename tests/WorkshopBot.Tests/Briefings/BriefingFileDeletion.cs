using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Jobs;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Storage;
using static WorkshopBot.Tests.Briefings.BriefingFileDeletionScenario;

namespace WorkshopBot.Tests.Briefings;

/// <summary>
/// A briefing's Word file leaves the channel's Files when its audit is purged or its version withdrawn: the deletion is queued
/// in the purge's or the withdrawal's own transaction and made by the background pass with DELETE /drives/{id}/items/{id};
/// gone already (404) is done; throttling is tried again later; a refusal (403) is kept in view and told to the admins; an
/// upload that finishes after the purge or withdrawal leaves no file; an upload still queued is never made; a restart
/// picks a deletion up again. Real bot over HTTP, real Graph client against a loopback stand-in, real store.
/// </summary>
internal static class BriefingFileDeletion
{
    public static async Task PurgeDeletesTheFileAsync(string? postgres)
    {
        await using var s = await StartAsync(postgres);
        var file = await s.PublishAndUploadAsync();

        var record = await s.PurgeAsync();
        var queued = Assert.Single(await s.FilesAsync());
        Assert.Equal((BriefingFiles.Pending, BriefingFiles.Purged), (queued.Status, queued.Reason));
        Assert.Equal(1, record.WordFilesDeleted);
        Assert.Equal(0, s.DeleteRequests);
        var report = await s.DeleteAsync();

        Assert.Equal(1, report.Deleted);
        Assert.Empty(s.Graph.Files);
        var delete = Assert.Single(s.Graph.Requests, r => r.Method == "DELETE");
        Assert.Equal(($"/v1.0/drives/drive-1/items/{file.ItemId}", "Bearer test-graph-token"), (delete.Path, delete.Authorization));
        Assert.Equal(BriefingFiles.Deleted, Assert.Single(await s.FilesAsync()).Status);
        var (action, detail) = Assert.Single(await s.FileLogAsync());
        Assert.Equal(BriefingFileAlerts.Deleted, action);
        Assert.Contains("\"reason\":\"purged\"", detail, StringComparison.Ordinal);
        Assert.Empty(await s.Host.FreeTextInAuditLogAsync());
        // Nothing is left to do.
        Assert.Equal(0, (await s.DeleteAsync()).Taken);
        Assert.Equal(1, s.DeleteRequests);
    }

    public static async Task WithdrawalDeletesTheFileAsync(string? postgres)
    {
        await using var s = await StartAsync(postgres);
        await s.PublishAndUploadAsync();

        var card = await s.WithdrawAsync();
        Assert.Contains("being deleted from the Files of 1 channel", card, StringComparison.Ordinal);
        Assert.DoesNotContain("please delete it", card, StringComparison.Ordinal);
        Assert.Equal(BriefingFiles.Withdrawn, Assert.Single(await s.FilesAsync()).Reason);
        var report = await s.DeleteAsync();

        Assert.Equal(1, report.Deleted);
        Assert.Empty(s.Graph.Files);
        Assert.Equal(BriefingFiles.Deleted, Assert.Single(await s.FilesAsync()).Status);
    }

    public static async Task GoneAlreadyCountsAsDeletedAsync(string? postgres)
    {
        await using var s = await StartAsync(postgres);
        await s.PublishAndUploadAsync();
        await s.WithdrawAsync();
        // Someone deleted it in Teams meanwhile: Graph answers 404.
        s.Graph.Files.Clear();

        var report = await s.DeleteAsync();

        Assert.Equal((1, 0), (report.Deleted, report.Failed));
        Assert.Equal(1, s.DeleteRequests);
        Assert.Equal(BriefingFiles.Deleted, Assert.Single(await s.FilesAsync()).Status);
        Assert.Equal(0, (await s.DeleteAsync()).Taken);
    }

    public static async Task ThrottledIsTriedAgainLaterAsync(string? postgres)
    {
        await using var s = await StartAsync(postgres);
        await s.PublishAndUploadAsync();
        await s.WithdrawAsync();
        s.Graph.FailNext(429);

        var throttled = await s.DeleteAsync();
        var waiting = Assert.Single(await s.FilesAsync());
        var tooSoon = await s.DeleteAsync();
        s.Clock.Advance(BriefingFileDeletions.RetryDelay(1) + TimeSpan.FromSeconds(1));
        var again = await s.DeleteAsync();

        Assert.Equal(1, throttled.TryAgain);
        Assert.Equal(BriefingFiles.Pending, waiting.Status);
        Assert.Contains("429", waiting.LastError, StringComparison.Ordinal);
        // Not before the pass's own wait (a minute), which is longer than the three seconds Graph asked for.
        Assert.True(waiting.NextAttemptAt >= s.Clock.GetUtcNow() - TimeSpan.FromSeconds(1));
        Assert.Equal(0, tooSoon.Taken);
        Assert.Equal(1, again.Deleted);
        Assert.Empty(s.Graph.Files);
        Assert.Equal(2, s.DeleteRequests);
        Assert.Equal(BriefingFiles.Deleted, Assert.Single(await s.FilesAsync()).Status);
    }

    public static async Task RefusedIsReportedAndKeptInViewAsync(string? postgres)
    {
        await using var s = await StartAsync(postgres);
        await s.PublishAndUploadAsync();
        await s.WithdrawAsync();
        await s.Host.DrainOutboxAsync();
        s.Graph.FailNext(403);

        var report = await s.DeleteAsync();
        await s.Host.DrainOutboxAsync();
        s.Clock.Advance(TimeSpan.FromDays(1));
        var later = await s.DeleteAsync();

        Assert.Equal(1, report.Failed);
        Assert.Equal(0, later.Taken);
        var failed = Assert.Single(await s.FilesAsync());
        Assert.Equal(BriefingFiles.Failed, failed.Status);
        Assert.Contains("403", failed.LastError, StringComparison.Ordinal);
        Assert.NotNull(failed.ReportedAt);
        Assert.Single(s.Graph.Files);
        var card = Assert.Single(s.Host.Connector.Requests,
            r => r.Method == "POST" && r.Body.Contains("could not be deleted", StringComparison.Ordinal));
        Assert.Contains(Admins.Id, card.Body, StringComparison.Ordinal);
        Assert.Contains("Files.ReadWrite.All", card.Body, StringComparison.Ordinal);
        Assert.Contains("Safeguarding Partnership", card.Body, StringComparison.Ordinal);
        Assert.Contains(await s.FileLogAsync(), e => e.Action == BriefingFileAlerts.DeleteFailed);
    }

    public static async Task AnUploadFinishingAfterThePurgeLeavesNoFileAsync(string? postgres)
    {
        await using var s = await StartAsync(postgres);
        await s.PublishAsync();
        // A pass claimed the upload before the purge, and Graph takes the file while the purge commits.
        var (claimed, result) = await s.UploadWithoutFinishingAsync();
        var record = await s.PurgeAsync();

        var kept = await s.FinishAsync(claimed, result);
        var queued = Assert.Single(await s.FilesAsync());
        var report = await s.DeleteAsync();

        // The purge queued the upload's intent (its file's ids not yet known); the finish recorded the file, and the intent went.
        Assert.Equal(1, record.WordFilesDeleted);
        Assert.Null(kept);
        Assert.Equal((BriefingFiles.Pending, BriefingFiles.NoLongerPosted), (queued.Status, queued.Reason));
        Assert.Equal(1, report.Deleted);
        Assert.Empty(s.Graph.Files);
    }

    public static async Task AnUploadFinishingAfterTheWithdrawalLeavesNoFileAsync(string? postgres)
    {
        await using var s = await StartAsync(postgres);
        await s.PublishAsync();
        var (claimed, result) = await s.UploadWithoutFinishingAsync();
        await s.WithdrawAsync();

        var kept = await s.FinishAsync(claimed, result);
        var report = await s.DeleteAsync();

        Assert.Null(kept);
        Assert.Equal(1, report.Deleted);
        Assert.Empty(s.Graph.Files);
        Assert.Equal(BriefingFiles.Deleted, Assert.Single(await s.FilesAsync()).Status);
        await using var scope = s.Host.Services.CreateAsyncScope();
        var publication = Assert.Single((await scope.ServiceProvider.GetRequiredService<BriefingStore>().GetAsync(s.AuditId, default))!
            .Publications);
        Assert.Null(publication.FileUrl);
    }

    public static async Task AnUploadStillQueuedIsNeverMadeAsync(string? postgres, bool purge)
    {
        await using var s = await StartAsync(postgres);
        await s.PublishAsync();

        if (purge)
        {
            await s.PurgeAsync();
        }
        else
        {
            await s.WithdrawAsync();
        }

        var report = await s.UploadAsync();

        Assert.Equal(0, report.Uploaded);
        Assert.DoesNotContain(s.Graph.Requests, r => r.Method == "PUT");
        Assert.Empty(s.Graph.Files);
        Assert.Empty(await s.FilesAsync());
    }

    public static async Task ARestartPicksTheDeletionUpAgainAsync(string? postgres)
    {
        await using var s = await StartAsync(postgres);
        await s.PublishAndUploadAsync();
        await s.WithdrawAsync();
        // A pass claimed the deletion and the bot died before Graph answered (or before it could keep the answer).
        var queued = Assert.Single(await s.FilesAsync());
        var lease = s.Host.Get<BriefingFileDeletions>().Lease;
        Assert.True(await s.Host.Get<BriefingFiles>().ClaimAsync(queued.Id, "dead-pass", s.Clock.GetUtcNow(),
            s.Clock.GetUtcNow() + lease, default));

        await s.Host.RestartAsync();
        var held = await s.DeleteAsync();
        s.Clock.Advance(lease + TimeSpan.FromSeconds(1));
        var taken = await s.DeleteAsync();

        Assert.Equal(0, held.Taken);
        Assert.Equal(1, taken.Deleted);
        Assert.Empty(s.Graph.Files);
        // The dead pass's outcome, were it to come back, is not kept.
        Assert.False(await s.Host.Get<BriefingFiles>().FinishAsync(queued.Id, "dead-pass", s.Clock.GetUtcNow(), "late",
            s.Clock.GetUtcNow(), default));
        Assert.Equal(BriefingFiles.Deleted, Assert.Single(await s.FilesAsync()).Status);
    }
}

public sealed class BriefingFileDeletionOnSqlite
{
    [Fact]
    public Task PublishUploadPurgeDeletesTheWordFile() => BriefingFileDeletion.PurgeDeletesTheFileAsync(null);

    [Fact]
    public Task WithdrawingDeletesTheWordFile() => BriefingFileDeletion.WithdrawalDeletesTheFileAsync(null);

    [Fact]
    public Task AFileGoneAlreadyCountsAsDeleted() => BriefingFileDeletion.GoneAlreadyCountsAsDeletedAsync(null);

    [Fact]
    public Task ThrottlingIsTriedAgainAfterTheWait() => BriefingFileDeletion.ThrottledIsTriedAgainLaterAsync(null);

    [Fact]
    public Task ARefusalIsToldToTheAdminsAndKeptInView() => BriefingFileDeletion.RefusedIsReportedAndKeptInViewAsync(null);

    [Fact]
    public Task AnUploadRacingThePurgeLeavesNoFile() => BriefingFileDeletion.AnUploadFinishingAfterThePurgeLeavesNoFileAsync(null);

    [Fact]
    public Task AnUploadRacingTheWithdrawalLeavesNoFile() =>
        BriefingFileDeletion.AnUploadFinishingAfterTheWithdrawalLeavesNoFileAsync(null);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public Task AnUploadStillQueuedAtPurgeOrWithdrawalIsNeverMade(bool purge) =>
        BriefingFileDeletion.AnUploadStillQueuedIsNeverMadeAsync(null, purge);

    [Fact]
    public Task ARestartPicksTheDeletionUpAgain() => BriefingFileDeletion.ARestartPicksTheDeletionUpAgainAsync(null);
}

[Collection(PostgresCollection.Name)]
public sealed class BriefingFileDeletionOnPostgres(PostgresServerFixture server)
{
    [Fact]
    public async Task PublishUploadPurgeDeletesTheWordFile() =>
        await BriefingFileDeletion.PurgeDeletesTheFileAsync(await server.CreateDatabaseAsync());

    [Fact]
    public async Task ARefusalIsToldToTheAdminsAndKeptInView() =>
        await BriefingFileDeletion.RefusedIsReportedAndKeptInViewAsync(await server.CreateDatabaseAsync());

    [Fact]
    public async Task AnUploadRacingThePurgeLeavesNoFile() =>
        await BriefingFileDeletion.AnUploadFinishingAfterThePurgeLeavesNoFileAsync(await server.CreateDatabaseAsync());

    [Fact]
    public async Task AnUploadRacingTheWithdrawalLeavesNoFile() =>
        await BriefingFileDeletion.AnUploadFinishingAfterTheWithdrawalLeavesNoFileAsync(await server.CreateDatabaseAsync());

    [Fact]
    public async Task ARestartPicksTheDeletionUpAgain() =>
        await BriefingFileDeletion.ARestartPicksTheDeletionUpAgainAsync(await server.CreateDatabaseAsync());
}
