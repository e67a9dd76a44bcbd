using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Briefings;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Foundation;

/// <summary>
/// One bot serving two organisations (both tenants allowed). Teams events from one organisation do not close the other's
/// channels, and what the bot reports about a message that could not be delivered stays in that message's organisation.
/// </summary>
public sealed class OutboundTenancy
{
    private const string Neighbour = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    private static readonly TestUser Chair = BotTestHost.User("Quality Assurance Chair");
    private static readonly TestUser NeighbourChair = BotTestHost.User("Neighbouring Partnership Chair");

    [Theory]
    [InlineData("teamMemberRemoved")]
    [InlineData("installationUpdate")]
    public async Task ARemovalFromAnotherTenantNamingOurTeamClosesNoneOfOurChannels(string how)
    {
        await using var host = await BotTestHost.StartAsync(o => o.Settings["WorkshopBot:AllowedTenants:1"] = Neighbour);
        var general = BotTestHost.Channel("General", "Safeguarding Partnership");
        var qa = BotTestHost.Channel("QA sub-group", "Safeguarding Partnership");
        await host.SendAsync(host.BotAdded(Chair, general));
        await host.SayAsync(Chair, qa, "help");

        // Heard first from the neighbour (so it is theirs), claiming our team in Teams' channel data.
        var theirs = BotTestHost.Channel("General", "Neighbouring partnership");
        var removal = how == "installationUpdate"
            ? host.Installation(NeighbourChair, theirs, "remove")
            : host.BotRemoved(NeighbourChair, theirs);
        await host.SendAsync(InTenant(removal, Neighbour, general.TeamId!, how == "installationUpdate" ? null : how));

        var store = host.Get<IConversationStore>();
        Assert.True((await store.GetAsync(general.Id))!.Active);
        Assert.True((await store.GetAsync(qa.Id))!.Active);
        Assert.Equal(2, (await store.ListChannelsAsync(general.TeamId)).Count);
    }

    [Fact]
    public async Task AFailedMessageOfAnotherOrganisationIsNotReportedInOurAdminsChannel()
    {
        var admins = BotTestHost.Channel("Partnership admins", "Partnership office");
        await using var host = await BotTestHost.StartAsync(o =>
        {
            o.Settings["WorkshopBot:AllowedTenants:1"] = Neighbour;
            o.Settings["WorkshopBot:AdminChannelId"] = admins.ChannelId;
        });
        await host.SendAsync(host.BotAdded(Chair, admins));
        var audit = await BriefingSeed.OneCaseAuditAsync(host.Services, NeighbourChair.Person with { TenantId = Neighbour },
            host.Get<TimeProvider>().GetUtcNow().AddDays(-20));
        await host.DrainOutboxAsync();

        // A message of the neighbour's audit that Teams refuses for good (400 is never retried).
        host.Connector.Inject("/v3/conversations", new InjectedFailure(400, "BadArgument", Times: 1));
        await host.QueueAsync(o => o.SendToUser(host.ServiceUrl, Neighbour, NeighbourChair.Id,
            CardMessage.Create(NoticeCard.Create("A reminder", "Please look at the audit.", Tone.Info)),
            $"audit:{audit.Id:D}:reminder:probe", AuditMessenger.Correlation(audit.Id)));
        await host.DrainOutboxAsync();
        await host.DrainOutboxAsync();

        var failed = await host.Get<IOutboxStore>().FindByDedupeKeyAsync($"audit:{audit.Id:D}:reminder:probe");
        Assert.Equal(OutboxStatus.Failed, failed!.Status);
        Assert.DoesNotContain(host.Sent(admins.ChannelId).SelectMany(x => x.Cards), c => c.GetRawText().Contains(
            audit.Title, StringComparison.Ordinal) || c.GetRawText().Contains(audit.Id.ToString("D"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task EachOrganisationsFailedMessageIsReportedInItsOwnAdminsChannel()
    {
        var ours = BotTestHost.Channel("Partnership admins", "Partnership office");
        var theirs = BotTestHost.Channel("Admins", "Neighbouring partnership office");
        await using var host = await BotTestHost.StartAsync(o =>
        {
            o.Settings["WorkshopBot:AllowedTenants:1"] = Neighbour;
            o.Settings["WorkshopBot:AdminChannelId"] = ours.ChannelId;
            o.Settings["WorkshopBot:AdminChannelIds:0"] = theirs.ChannelId;
        });
        await host.SendAsync(host.BotAdded(Chair, ours));
        await host.SendAsync(InTenant(host.BotAdded(NeighbourChair, theirs), Neighbour, theirs.TeamId!, "teamMemberAdded"));
        var start = host.Get<TimeProvider>().GetUtcNow().AddDays(-20);
        var ourAudit = await BriefingSeed.OneCaseAuditAsync(host.Services, Chair.Person, start);
        var theirAudit = await BriefingSeed.OneCaseAuditAsync(host.Services, NeighbourChair.Person with { TenantId = Neighbour }, start);
        await host.DrainOutboxAsync();

        // One message of each organisation that Teams refuses for good (400 is never retried).
        host.Connector.Inject("/v3/conversations", new InjectedFailure(400, "BadArgument", Times: 2));
        foreach (var (tenant, user, audit) in new[] { (BotTestHost.TenantId, Chair, ourAudit), (Neighbour, NeighbourChair, theirAudit) })
        {
            await host.QueueAsync(o => o.SendToUser(host.ServiceUrl, tenant, user.Id,
                CardMessage.Create(NoticeCard.Create("A reminder", "Please look at the audit.", Tone.Info)),
                $"audit:{audit.Id:D}:reminder:probe", AuditMessenger.Correlation(audit.Id)));
        }

        await host.DrainOutboxAsync();
        await host.DrainOutboxAsync();
        await host.DrainOutboxAsync();

        string Reported(TestConversation admins) =>
            string.Concat(host.Sent(admins.ChannelId).SelectMany(x => x.Cards).Select(c => c.GetRawText()));
        Assert.Contains(ourAudit.Id.ToString("D"), Reported(ours), StringComparison.Ordinal);
        Assert.DoesNotContain(theirAudit.Id.ToString("D"), Reported(ours), StringComparison.Ordinal);
        Assert.Contains(theirAudit.Id.ToString("D"), Reported(theirs), StringComparison.Ordinal);
        Assert.DoesNotContain(ourAudit.Id.ToString("D"), Reported(theirs), StringComparison.Ordinal);
        Assert.Equal(Neighbour, (await host.Get<IConversationStore>().GetAsync(theirs.Id))!.TenantId);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnAdminsChannelOfNoKnownOrganisationIsUsedOnlyByABotServingOne(bool twoTenants)
    {
        var admins = BotTestHost.Channel("Partnership admins", "Partnership office");
        var logs = new Operations.UndeliverableMessages.CapturedLogs();
        await using var host = await BotTestHost.StartAsync(o =>
        {
            if (twoTenants)
            {
                o.Settings["WorkshopBot:AllowedTenants:1"] = Neighbour;
            }

            o.Settings["WorkshopBot:AdminChannelId"] = admins.ChannelId;
            o.Services += services => services.AddSingleton<ILoggerProvider>(logs);
        });
        // Known to the bot without its organisation (stored by an earlier version, or from an activity that named none).
        await host.Get<IConversationStore>().UpsertAsync(new ConversationRecord(admins.ChannelId!, host.ServiceUrl, null, "msteams",
            ConversationKind.Channel, admins.TeamId, null, null, null, null, null, BotTestHost.Bot.Id, true, DateTimeOffset.UtcNow));
        var (tenant, user) = twoTenants ? (Neighbour, NeighbourChair) : (BotTestHost.TenantId, Chair);

        // A message Teams refuses for good (400 is never retried), of the neighbour's when the bot serves two organisations.
        host.Connector.Inject("/v3/conversations", new InjectedFailure(400, "BadArgument", Times: 1));
        var key = await host.QueueAsync(o => o.SendToUser(host.ServiceUrl, tenant, user.Id,
            CardMessage.Create(NoticeCard.Create("A reminder", "Please look at the audit.", Tone.Info)), "reminder:probe", null));
        await host.DrainOutboxAsync();
        await host.DrainOutboxAsync();

        var failed = await host.Get<IOutboxStore>().FindByDedupeKeyAsync(key);
        Assert.Equal(OutboxStatus.Failed, failed!.Status);
        var reported = host.Sent(admins.ChannelId).SelectMany(x => x.Cards)
            .Any(c => c.GetRawText().Contains($"For IT support: outbox message {failed.Id}", StringComparison.Ordinal));
        Assert.Equal(!twoTenants, reported);
        Assert.Equal(twoTenants, logs.Entries.Any(e => e.Level == LogLevel.Warning
            && e.Text.Contains("is of no known organisation and WorkshopBot serves several", StringComparison.Ordinal)));
    }

    /// <summary>The activity as the other organisation's: its tenant everywhere, and the team Teams' channel data names.</summary>
    private static Activity InTenant(Activity activity, string tenantId, string teamId, string? eventType)
    {
        var data = activity.GetTeamsChannelData() ?? new TeamsChannelData();
        return activity with
        {
            Conversation = activity.Conversation! with { TenantId = tenantId },
            ChannelData = BotJson.ToElement(data with
            {
                Tenant = new TenantInfo { Id = tenantId },
                Team = new TeamInfo { Id = teamId, Name = "Safeguarding Partnership" },
                EventType = eventType,
            }),
        };
    }
}
