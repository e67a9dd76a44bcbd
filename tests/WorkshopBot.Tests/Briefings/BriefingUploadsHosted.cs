using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Briefings;

/// <summary>
/// The running bot, over real HTTP, with Graph on (a scripted file store) and the background upload running as the host
/// runs it: the publish wakes it, so the DOCX is in the channel's Files within seconds, not at the next sweep (set here to
/// an hour), and the post then gets its link.
/// </summary>
public sealed class BriefingUploadsHosted : IAsyncLifetime
{
    private const string GroupId = "8c1f5f0e-1d2b-4c3a-9e8f-7a6b5c4d3e2f";
    private static readonly TestUser Chair = BotTestHost.User("Quality Assurance Chair");
    private static readonly TestConversation General = BotTestHost.Channel("General", "Safeguarding Partnership");
    private readonly ScriptedFileStore _files = new();
    private BotTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await BotTestHost.StartAsync(o =>
        {
            o.BackgroundOutbox = true;
            o.Settings["Briefings:UploadSweepInterval"] = "01:00:00";
            o.Services = services => services.AddSingleton<IBriefingFileStore>(_files);
        });
        _host.Connector.Rosters[General.TeamId!] = [new TeamsChannelAccount
        {
            Id = Chair.Id, AadObjectId = Chair.AadObjectId, Name = Chair.Name, TenantId = BotTestHost.TenantId,
        }];
        // Installed in the team, as Teams tells it: with the team's Microsoft 365 group, which Graph needs.
        var added = _host.BotAdded(Chair, General);
        var data = added.GetTeamsChannelData()!;
        var team = data.Team! with { AadGroupId = GroupId };
        await _host.SendAsync(added with { ChannelData = BotJson.ToElement(data with { Team = team }) });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task APublishWakesTheUploadAndThePostGetsTheLink()
    {
        var auditId = await BriefingSeed.ApprovedBriefingAsync(_host, Chair);

        var published = await _host.ExecuteAsync(Chair, BotTestHost.PersonalChat(Chair), PublishScreen.Publish,
            new PublishData(auditId, 1, General.Id));

        Assert.Contains(BriefingPublisher.UploadOnItsWay, published.Card!.Value.GetRawText(), StringComparison.Ordinal);
        var store = _host.Get<IServiceScopeFactory>();
        ChannelPublication? publication = null;
        for (var i = 0; i < 200 && publication is not { Upload: FileUploadState.Uploaded }; i++)
        {
            await Task.Delay(50);
            await using var scope = store.CreateAsyncScope();
            publication = (await scope.ServiceProvider.GetRequiredService<BriefingStore>().GetAsync(auditId, default))
                ?.FindPublication(General.Id);
        }

        Assert.Equal(FileUploadState.Uploaded, publication?.Upload);
        var upload = Assert.Single(_files.Uploads);
        Assert.Equal((GroupId, General.Id), (upload.Group, upload.Channel));
        for (var i = 0; i < 200 && !_host.Connector.Requests.Any(r => r.Method == "PUT"); i++)
        {
            await Task.Delay(50);
        }

        Assert.Contains("Open the Word version", Assert.Single(_host.Connector.Requests, r => r.Method == "PUT").Body,
            StringComparison.Ordinal);
    }
}
