using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkshopBot.Audits.Jobs;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Jobs;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common.Storage;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Tests.Operations;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Briefings;

/// <summary>
/// The running bot with Graph on, talking over loopback HTTP to <see cref="FakeGraphServer"/> through the real
/// <see cref="GraphBriefingFileStore"/>, its background upload, deletion and retention passes run by the test, on a manual
/// clock, over a SQLite file or PostgreSQL. One approved briefing of a one-case audit, and the channel it is published to.
/// </summary>
internal sealed class BriefingFileDeletionScenario : IAsyncDisposable
{
    public const string GroupId = "8c1f5f0e-1d2b-4c3a-9e8f-7a6b5c4d3e2f";
    public static readonly TestUser Chair = BotTestHost.User("Quality Assurance Chair");
    public static readonly TestConversation General = BotTestHost.Channel("General", "Safeguarding Partnership");
    public static readonly TestConversation Admins = BotTestHost.Channel("Partnership admins", "Partnership office");

    private BriefingFileDeletionScenario(BotTestHost host, FakeGraphServer graph, ManualTimeProvider clock, Guid auditId)
    {
        Host = host;
        Graph = graph;
        Clock = clock;
        AuditId = auditId;
    }

    public BotTestHost Host { get; }

    public FakeGraphServer Graph { get; }

    public ManualTimeProvider Clock { get; }

    public Guid AuditId { get; }

    /// <param name="postgres">The PostgreSQL store's connection string, or null for a SQLite file.</param>
    /// <param name="logs">Where the bot's log lines also go, when a test reads them.</param>
    public static async Task<BriefingFileDeletionScenario> StartAsync(string? postgres, ILoggerProvider? logs = null)
    {
        var graph = await FakeGraphServer.StartAsync();
        var clock = new ManualTimeProvider();
        var host = await InstanceAsync(postgres, graph, clock, logs);
        host.Connector.Rosters[General.TeamId!] = [new TeamsChannelAccount
        {
            Id = Chair.Id, AadObjectId = Chair.AadObjectId, Name = Chair.Name, TenantId = BotTestHost.TenantId,
        }];
        // Installed in the team, as Teams tells it: with the team's Microsoft 365 group, which Graph needs.
        var added = host.BotAdded(Chair, General);
        var data = added.GetTeamsChannelData()!;
        await host.SendAsync(added with { ChannelData = BotJson.ToElement(data with { Team = data.Team! with { AadGroupId = GroupId } }) });
        await host.SendAsync(host.BotAdded(Chair, Admins));
        var auditId = await BriefingSeed.ApprovedBriefingAsync(host, Chair);
        return new BriefingFileDeletionScenario(host, graph, clock, auditId);
    }

    /// <summary>
    /// Another instance of the bot on the same PostgreSQL store, Graph and clock, its passes run by the test (as the first's).
    /// </summary>
    public Task<BotTestHost> SecondInstanceAsync(string postgres) => InstanceAsync(postgres, Graph, Clock);

    private static Task<BotTestHost> InstanceAsync(string? postgres, FakeGraphServer graph, ManualTimeProvider clock,
        ILoggerProvider? logs = null) =>
        BotTestHost.StartAsync(o =>
        {
            o.Time = clock;
            o.PostgresConnectionString = postgres;
            o.Settings["Graph:Enabled"] = "true";
            o.Settings["Graph:BaseUrl"] = graph.BaseUrl;
            o.Settings["Graph:TenantId"] = BotTestHost.TenantId;
            o.Settings["Briefings:RunUploadsInBackground"] = "false";
            o.Settings["Audits:RunJobsInBackground"] = "false";
            o.Settings["Retention:RunInBackground"] = "false";
            o.Settings["WorkshopBot:AdminChannelId"] = Admins.ChannelId;
            o.Services = services =>
            {
                services.AddSingleton<IGraphTokenSource, FixedGraphToken>();
                if (logs is not null)
                {
                    services.AddSingleton(logs);
                }
            };
        });

    /// <summary>Publishes version 1 to the channel: the post, and its upload queued.</summary>
    public async Task PublishAsync()
    {
        var published = await Host.ExecuteAsync(Chair, BotTestHost.PersonalChat(Chair), PublishScreen.Publish,
            new PublishData(AuditId, 1, General.Id));
        Assert.Contains(BriefingPublisher.UploadOnItsWay, published.Card!.Value.GetRawText(), StringComparison.Ordinal);
        await Host.DrainOutboxAsync();
    }

    /// <summary>Publishes and lets the background upload put the Word file in the channel's Files; returns its record.</summary>
    public async Task<BriefingFile> PublishAndUploadAsync()
    {
        await PublishAsync();
        Assert.Equal(1, (await UploadAsync()).Uploaded);
        Assert.Single(Graph.Files);
        var file = Assert.Single(await FilesAsync());
        Assert.Equal((BriefingFiles.Kept, "drive-1", Graph.ItemIds.Values.Single()), (file.Status, file.DriveId, file.ItemId));
        return file;
    }

    public Task<BriefingUploadReport> UploadAsync() => Host.Get<BriefingUploads>().RunOnceAsync(default);

    public Task<BriefingFileDeletionReport> DeleteAsync() => Host.Get<BriefingFileDeletions>().RunOnceAsync(default);

    public Task<IReadOnlyList<BriefingFile>> FilesAsync() => Host.Get<BriefingFiles>().ListAsync(AuditId, default);

    public async Task<string> WithdrawAsync()
    {
        var done = await Host.ExecuteAsync(Chair, BotTestHost.PersonalChat(Chair), WithdrawScreen.Withdraw, new WithdrawData(AuditId));
        var text = done.Card!.Value.GetRawText();
        Assert.Contains("Briefing withdrawn", text, StringComparison.Ordinal);
        return text;
    }

    /// <summary>The chair presses Retry upload for version 1 in the channel; returns the card or notice the turn answers.</summary>
    public async Task<string> RetryUploadAsync()
    {
        var retried = await Host.ExecuteAsync(Chair, BotTestHost.PersonalChat(Chair), PublishScreen.RetryUpload,
            new RetryUploadData(AuditId, 1, General.Id));
        return retried.Card!.Value.GetRawText();
    }

    /// <summary>Closes the audit, moves the clock past its retention period and runs the retention job once.</summary>
    public async Task<PurgeRecord> PurgeAsync()
    {
        await RetentionPurgeScenarios.CloseAsync(Host, AuditId, Clock.GetUtcNow());
        Clock.Advance(Clock.GetUtcNow().AddMonths(73) - Clock.GetUtcNow());
        var (purged, record) = Assert.Single(await Host.Get<RetentionJob>().RunOnceAsync(default));
        Assert.Equal(AuditId, purged);
        return record;
    }

    /// <summary>What the bot did about the file as the audit log has it: actions and details, with no free text.</summary>
    public async Task<IReadOnlyList<(string Action, string? Detail)>> FileLogAsync()
    {
        var log = await Host.Get<WorkshopBot.Storage.IAuditLog>().ListAsync("briefing", AuditId.ToString("D"));
        return log.Where(e => e.Action.StartsWith("briefing.file.", StringComparison.Ordinal)).Select(e => (e.Action, e.DetailJson))
            .ToList();
    }

    /// <summary>Claims the briefing's queued upload as a background pass does, and makes it (to Graph), recording nothing yet.</summary>
    public async Task<(ClaimedUpload Claimed, FileUploadResult Result)> UploadWithoutFinishingAsync()
    {
        var uploads = Host.Get<BriefingUploads>();
        var claimed = await Host.Get<WorkRunner>().RunAsync((services, ct) => services.GetRequiredService<BriefingPublisher>()
            .ClaimUploadAsync(AuditId, General.Id, 1, 1, "racing-pass", uploads.Lease, ct), CancellationToken.None);
        Assert.NotNull(claimed);
        await using var scope = Host.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<BriefingPublisher>().UploadClaimedAsync(claimed, default);
        Assert.True(result.Succeeded, result.Error);
        Assert.Single(Graph.Files);
        return (claimed, result);
    }

    public Task<FileUploadState?> FinishAsync(ClaimedUpload claimed, FileUploadResult result) =>
        Host.Get<WorkRunner>().RunAsync((services, ct) => services.GetRequiredService<BriefingPublisher>()
            .FinishUploadAsync(claimed, result, null, ct), CancellationToken.None);

    public int DeleteRequests => Graph.Requests.Count(r => r.Method == "DELETE");

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Graph.DisposeAsync();
    }
}
