using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Briefings;
using WorkshopBot.Tests.Support;
using WorkshopBot.Tests.Workshop;
using Microsoft.Extensions.DependencyInjection;

namespace WorkshopBot.Tests.Robustness;

/// <summary>One briefing publication of the crash stream: an approved briefing to one channel.</summary>
internal sealed record CrashPublication(Guid AuditId, string ChannelId);

/// <summary>What the crash stream's publications left behind, counted per (briefing, channel).</summary>
internal sealed record PublicationCounts(int Checked, int Lost, int Duplicated, int WithoutCard, int CardWithoutPublication,
    int CardsNotPosted, int CardsPostedTwice)
{
    public override string ToString() =>
        $"{Checked} publications: lost {Lost}, recorded twice {Duplicated}, without a queued card {WithoutCard}, "
        + $"card queued without a publication {CardWithoutPublication}, card never posted {CardsNotPosted}, "
        + $"card posted twice {CardsPostedTwice};";
}

/// <summary>
/// The briefing part of <see cref="CrashRecovery"/>: audits with an approved briefing, composed and approved by the chair
/// before the stream, and team channels the bot was added to; then what the chair's publications stored and posted.
/// </summary>
internal sealed class CrashBriefings
{
    private CrashBriefings(IReadOnlyList<CrashPublication> publications) => Publications = publications;

    /// <summary>Every (audit, channel) pair, the order the stream sends them in.</summary>
    public IReadOnlyList<CrashPublication> Publications { get; }

    public static async Task<CrashBriefings> PrepareAsync(WorkshopScenario scenario, int audits)
    {
        var host = scenario.Host;
        var chair = scenario.Chair;
        var channels = Enumerable.Range(1, 3).Select(c => BotTestHost.Channel($"Crash practice {c}", "Crash team")).ToList();
        foreach (var channel in channels)
        {
            await host.SendAsync(host.BotAdded(chair, channel));
        }

        var auditIds = await ApprovedAsync(scenario, audits);
        return new CrashBriefings([.. from channel in channels from audit in auditIds
                                      select new CrashPublication(audit, channel.ChannelId!)]);
    }

    /// <summary>
    /// Approved briefings and one team channel whose name Teams left out (as it does in most activities) and gives in the
    /// team's channel list: the first publication there asks Teams for the list and stores the name (a commit of its own),
    /// then commits the publication with the turn.
    /// </summary>
    public static async Task<CrashBriefings> PrepareUnnamedChannelAsync(WorkshopScenario scenario, int audits)
    {
        var host = scenario.Host;
        var chair = scenario.Chair;
        var general = BotTestHost.Channel("General", "Crash learning team");
        var teamId = general.TeamId!;
        var channel = new TestConversation("19:crash-unnamed@thread.tacv2", ConversationTypes.Channel, teamId,
            "19:crash-unnamed@thread.tacv2", general.TeamName, null);
        host.Connector.TeamChannels[teamId] = [new ChannelInfo { Id = teamId }, new ChannelInfo { Id = channel.Id, Name = UnnamedName }];
        await host.SendAsync(host.BotAdded(chair, channel));
        // Seen in each team's General (a standard channel), the chair is known a member of every team of the organisation,
        // so the publication asks Teams nothing else: the channel list is its one call to Teams.
        await host.SendAsync(host.BotAdded(chair, general));
        await host.SendAsync(host.BotAdded(chair, BotTestHost.Channel("General", scenario.Channel.TeamName!)));
        var auditIds = await ApprovedAsync(scenario, audits);
        return new CrashBriefings([.. auditIds.Select(audit => new CrashPublication(audit, channel.Id))]);
    }

    /// <summary>Audits with a briefing the chair composed and approved (version 1).</summary>
    private static async Task<List<Guid>> ApprovedAsync(WorkshopScenario scenario, int audits)
    {
        var host = scenario.Host;
        var chair = scenario.Chair;
        var chat = BotTestHost.PersonalChat(chair);
        var auditIds = new List<Guid>();
        for (var a = 0; a < audits; a++)
        {
            var audit = await BriefingSeed.OneCaseAuditAsync(host.Services, chair.Person,
                host.Get<TimeProvider>().GetUtcNow().AddDays(-20));
            await host.ExecuteAsync(chair, chat, ComposeScreen.Open, new OpenBriefingData(audit.Id));
            var approved = await host.ExecuteAsync(chair, chat, ComposeScreen.Approve, new ApproveData(audit.Id, 1));
            Assert.Contains("Version 1 is approved", WorkshopScenario.CardText(approved), StringComparison.Ordinal);
            auditIds.Add(audit.Id);
        }

        return auditIds;
    }

    /// <summary>The channel name Teams gives for <see cref="PrepareUnnamedChannelAsync"/>'s channel in the team's list.</summary>
    public const string UnnamedName = "Practice learning";

    /// <summary>The connector's receipts of the new thread posting <paramref name="publication"/>'s card, in order.</summary>
    public List<RecordedRequest> Posts(BotTestHost host, CrashPublication publication) =>
        host.Connector.Requests.Where(r => r.Method == "POST" && r.StatusCode is >= 200 and < 300
                && r.Path == "/v3/conversations" && r.Body.Contains(publication.ChannelId, StringComparison.Ordinal)
                && r.Body.Contains(publication.AuditId.ToString(), StringComparison.Ordinal))
            .OrderBy(r => r.ReceivedAt).ToList();

    /// <summary>The publications of version 1 to the channel that the briefing records.</summary>
    public static async Task<List<ChannelPublication>> RecordedAsync(BotTestHost host, CrashPublication publication)
    {
        var record = await host.WorkAsync(services =>
            services.GetRequiredService<BriefingStore>().GetAsync(publication.AuditId, CancellationToken.None));
        return [.. record!.Publications.Where(p => p.Version == 1 && p.ChannelId == publication.ChannelId)];
    }

    /// <summary>Reads each briefing and the outbox: one publication per pair, its card queued under its post key and posted.</summary>
    public async Task<PublicationCounts> CheckAsync(BotTestHost host)
    {
        var outbox = host.Get<IOutboxStore>();
        int lost = 0, duplicated = 0, withoutCard = 0, cardWithout = 0, notPosted = 0, postedTwice = 0;
        foreach (var publication in Publications)
        {
            var recorded = await RecordedAsync(host, publication);
            lost += recorded.Count == 0 ? 1 : 0;
            duplicated += Math.Max(0, recorded.Count - 1);
            foreach (var p in recorded)
            {
                withoutCard += await outbox.FindByDedupeKeyAsync(p.PostKey) is null ? 1 : 0;
            }

            var key = BriefingPublisher.PostDedupeKey(publication.AuditId, 1, publication.ChannelId);
            cardWithout += recorded.Count == 0 && await outbox.FindByDedupeKeyAsync(key) is not null ? 1 : 0;
            var posts = Posts(host, publication).Count;
            notPosted += posts == 0 ? 1 : 0;
            postedTwice += Math.Max(0, posts - 1);
        }

        return new PublicationCounts(Publications.Count, lost, duplicated, withoutCard, cardWithout, notPosted, postedTwice);
    }
}
