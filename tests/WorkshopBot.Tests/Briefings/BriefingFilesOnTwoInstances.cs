using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Jobs;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Briefings;

/// <summary>
/// Two instances of the bot on one PostgreSQL store, each with its own briefing upload and Word-file deletion passes, talking
/// to the same Graph. Their passes run at once, or one instance stalls past its claim (as one killed mid-upload) and the
/// other takes the work over: Graph gets one upload or one deletion when the passes meet, the record settles on one outcome,
/// the audit log has one entry, and the channel's post gets the file's link once.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class BriefingFilesOnTwoInstances(PostgresServerFixture server)
{
    [Fact]
    public async Task UploadPassesRunByTwoInstancesAtOnceUploadTheWordFileOnceAndLogItOnce()
    {
        var database = await server.CreateDatabaseAsync();
        await using var s = await BriefingFileDeletionScenario.StartAsync(database);
        await s.PublishAsync();
        await using var other = await s.SecondInstanceAsync(database);

        var reports = await Task.WhenAll(s.UploadAsync(), other.Get<BriefingUploads>().RunOnceAsync(default));
        await DrainAsync(s, other);

        Assert.Equal(1, reports.Sum(r => r.Uploaded));
        Assert.Single(s.Graph.Files);
        Assert.Single(s.Graph.Requests, r => r.Method == "PUT");
        await AssertUploadedOnceAsync(s, other);
    }

    /// <summary>
    /// The first instance claimed the upload and put the file to Graph, then stalled (or died) before keeping the outcome: the
    /// other leaves it while the claim holds, takes it over once the claim has run out, and its outcome is the one kept.
    /// </summary>
    [Fact]
    public async Task AnUploadWhoseInstanceStallsPastItsClaimIsTakenOverAndKeptOnce()
    {
        var database = await server.CreateDatabaseAsync();
        await using var s = await BriefingFileDeletionScenario.StartAsync(database);
        await s.PublishAsync();
        await using var other = await s.SecondInstanceAsync(database);
        var uploads = other.Get<BriefingUploads>();

        var (claimed, result) = await s.UploadWithoutFinishingAsync();
        var held = await uploads.RunOnceAsync(default);
        s.Clock.Advance(uploads.Lease + TimeSpan.FromSeconds(1));
        var taken = await uploads.RunOnceAsync(default);
        var late = await s.FinishAsync(claimed, result);
        await DrainAsync(s, other);

        Assert.Equal(0, held.Taken);
        Assert.Equal(1, taken.Uploaded);
        Assert.Null(late);
        // Graph replaced the file of the same name: one file in the channel's Files.
        Assert.Single(s.Graph.Files);
        await AssertUploadedOnceAsync(s, other);
    }

    [Fact]
    public async Task DeletionPassesRunByTwoInstancesAtOnceDeleteTheWordFileOnceAndLogItOnce()
    {
        var database = await server.CreateDatabaseAsync();
        await using var s = await BriefingFileDeletionScenario.StartAsync(database);
        await s.PublishAndUploadAsync();
        await s.WithdrawAsync();
        await using var other = await s.SecondInstanceAsync(database);

        var reports = await Task.WhenAll(s.DeleteAsync(), other.Get<BriefingFileDeletions>().RunOnceAsync(default));

        Assert.Equal(1, reports.Sum(r => r.Deleted));
        Assert.Equal(0, reports.Sum(r => r.Failed + r.TryAgain));
        Assert.Equal(1, s.DeleteRequests);
        Assert.Empty(s.Graph.Files);
        Assert.Equal(BriefingFiles.Deleted, Assert.Single(await s.FilesAsync()).Status);
        var (action, _) = Assert.Single(await s.FileLogAsync());
        Assert.Equal(BriefingFileAlerts.Deleted, action);
    }

    private static async Task DrainAsync(BriefingFileDeletionScenario s, BotTestHost other)
    {
        await s.Host.DrainOutboxAsync();
        await other.DrainOutboxAsync();
    }

    /// <summary>The publication says Uploaded with the file's link, one log entry says so, and the post was updated once.</summary>
    private static async Task AssertUploadedOnceAsync(BriefingFileDeletionScenario s, BotTestHost other)
    {
        await using (var scope = s.Host.Services.CreateAsyncScope())
        {
            var record = await scope.ServiceProvider.GetRequiredService<BriefingStore>().GetAsync(s.AuditId, default);
            var publication = Assert.Single(record!.Publications);
            Assert.Equal(FileUploadState.Uploaded, publication.Upload);
            Assert.NotNull(publication.FileUrl);
            Assert.Null(publication.UploadClaim);
        }

        var log = await s.Host.Get<IAuditLog>().ListAsync("briefing", s.AuditId.ToString("D"));
        Assert.Single(log, e => e.Action == BriefingPublisher.Uploaded);
        var linked = s.Host.Connector.Requests.Concat(other.Connector.Requests)
            .Where(r => r.Method == "PUT" && r.Body.Contains("Open the Word version", StringComparison.Ordinal));
        Assert.Single(linked);
    }
}
