using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkshopBot.Briefings;
using WorkshopBot.Cards;
using WorkshopBot.Common.Teams;
using WorkshopBot.Hosting;
using WorkshopBot.Outbox;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Briefings;
using WorkshopBot.Tests.Support;
using WorkshopBot.Tests.Workshop;
using WorkshopBot.Workshop.Jobs;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Foundation;

/// <summary>
/// An organisation taken off <c>WorkshopBot:AllowedTenants</c> gets nothing more from the bot: what was queued for it (a
/// reminder, an overdue notice, a safety alert or its re-send, a briefing post, a tracker) stays stored and unsent, no attempt
/// spent and nothing reported into its channels, each hold is logged without the message's content, and it is sent once the
/// organisation is back on the list.
/// </summary>
public sealed class OrganisationTakenOffTheList
{
    private const string Neighbour = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    private static readonly TestUser NeighbourChair = BotTestHost.User("Neighbouring Partnership Chair");
    private static readonly Guid AuditId = Guid.Parse("5b1f7c1e-2a44-4d6b-9e0a-3f2d1c0b9a88");

    public static TheoryData<string> Kinds => ["reminder", "overdue", "safety-alert", "safety-resend", "briefing-post", "tracker"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task ItsQueuedMessagesAreHeldUnsentAndSentWhenItIsBack(string kind)
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var logs = new Operations.UndeliverableMessages.CapturedLogs();
        await using var host = await BotTestHost.StartAsync(o =>
        {
            o.Time = clock;
            o.Settings["WorkshopBot:AllowedTenants:1"] = Neighbour;
            o.Services += services => services.AddSingleton<ILoggerProvider>(logs);
        });
        var key = await host.QueueAsync(o => Queue(o, host.ServiceUrl, kind));

        // The operator takes the neighbour off the list (a restart reads the configuration again).
        host.ChangeSetting("WorkshopBot:AllowedTenants:1", null);
        await host.RestartAsync();
        var before = host.Connector.Requests.Count;
        await host.DrainOutboxAsync();
        clock.Advance(OutboxDispatcher.HeldRecheck);
        await host.DrainOutboxAsync();

        Assert.Equal(before, host.Connector.Requests.Count);
        var held = (await host.Get<IOutboxStore>().FindByDedupeKeyAsync(key))!;
        Assert.Equal(OutboxStatus.Pending, held.Status);
        Assert.Equal(0, held.Attempts);
        var safety = kind.StartsWith("safety", StringComparison.Ordinal);
        var lines = logs.Entries.Where(e => e.Text.Contains($"outbox message {held.Id}", StringComparison.OrdinalIgnoreCase)
            && e.Text.Contains(Neighbour, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, e => Assert.Equal(safety ? LogLevel.Error : LogLevel.Warning, e.Level));
        Assert.DoesNotContain(logs.Entries, e => e.Text.Contains("Please look at the audit", StringComparison.Ordinal));

        // Back on the list: sent at the next look.
        host.ChangeSetting("WorkshopBot:AllowedTenants:1", Neighbour);
        await host.RestartAsync();
        clock.Advance(OutboxDispatcher.HeldRecheck);
        await host.DrainOutboxAsync();

        Assert.Equal(OutboxStatus.Sent, (await host.Get<IOutboxStore>().FindByDedupeKeyAsync(key))!.Status);
        Assert.Contains(host.Sent(), s => s.AllText.Contains("Please look at the audit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ItsWorkshopsLiveCardIsNotUpdated()
    {
        await using var s = await WorkshopScenario.CreateAsync();
        await s.StartAsync();
        var rep = WorkshopScenario.Representative(1);
        await s.JoinAsync(rep);
        var poll = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.Single, "Best next step?",
            Choices: "Training\nAudit again"));
        await s.PhaseAsync(poll, PhaseActions.Open);
        await s.ChooseAsync(rep, poll, "c1");
        await s.Host.DrainOutboxAsync();

        // The partnership's organisation is taken off the list (another one is served instead).
        s.Host.ChangeSetting("WorkshopBot:AllowedTenants:0", Neighbour);
        await s.Host.RestartAsync();
        var before = s.Host.Connector.Requests.Count;
        await using (var scope = s.Host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IPollCardSender>().SendAsync(s.WorkshopId, poll.Id, false, default);
        }

        Assert.Equal(before, s.Host.Connector.Requests.Count);
    }

    [Fact]
    public async Task ItsBriefingsWordFileStaysQueuedAndIsUploadedWhenItIsBack()
    {
        await using var s = await BriefingFileDeletionScenario.StartAsync(null);
        await s.PublishAsync();

        s.Host.ChangeSetting("WorkshopBot:AllowedTenants:0", Neighbour);
        await s.Host.RestartAsync();
        var held = await s.UploadAsync();

        Assert.Equal(0, held.Taken);
        await AssertHeldThenUploadedWhenBackAsync(s);
    }

    /// <summary>
    /// The held upload is reported (event 1525) as the outbox reports a held message: once, not again at each sweep within
    /// <see cref="TenantGate.HeldRecheck"/>, and again once that has passed; it stays queued, untaken, throughout.
    /// </summary>
    [Fact]
    public async Task ItsHeldWordFileIsReportedOnceEveryRecheckNotAtEverySweep()
    {
        var logs = new Operations.UndeliverableMessages.CapturedLogs();
        await using var s = await BriefingFileDeletionScenario.StartAsync(null, logs);
        await s.PublishAsync();
        s.Host.ChangeSetting("WorkshopBot:AllowedTenants:0", Neighbour);
        await s.Host.RestartAsync();
        var sweep = s.Host.Get<IOptions<BriefingOptions>>().Value.UploadSweepInterval;
        Assert.True(sweep < TenantGate.HeldRecheck / 2, $"sweep {sweep}");
        var reports = new List<int>();
        async Task SweepAsync()
        {
            Assert.Equal(0, (await s.UploadAsync()).Taken);
            reports.Add(logs.Entries.Count(e => e.Level == LogLevel.Warning
                && e.Text.Contains($"uploads of audit {s.AuditId} are held", StringComparison.Ordinal)
                && e.Text.Contains(BotTestHost.TenantId, StringComparison.Ordinal)));
        }

        // One report at the first sweep; none at the sweeps within the recheck interval; one more once it has passed.
        await SweepAsync();
        var start = s.Clock.GetUtcNow();
        while (s.Clock.GetUtcNow() + sweep < start + TenantGate.HeldRecheck)
        {
            s.Clock.Advance(sweep);
            await SweepAsync();
        }

        s.Clock.Advance(start + TenantGate.HeldRecheck - s.Clock.GetUtcNow());
        await SweepAsync();
        s.Clock.Advance(sweep);
        await SweepAsync();

        Assert.True(reports.Count > 4, string.Join(",", reports));
        Assert.Equal([.. Enumerable.Repeat(1, reports.Count - 2), 2, 2], reports);
        await AssertHeldThenUploadedWhenBackAsync(s);
    }

    /// <summary>No file made yet; the organisation put back on the list (and a restart): its queued upload is made.</summary>
    private static async Task AssertHeldThenUploadedWhenBackAsync(BriefingFileDeletionScenario s)
    {
        Assert.Empty(s.Graph.Files);
        Assert.DoesNotContain(s.Graph.Requests, r => r.Method == "PUT");

        s.Host.ChangeSetting("WorkshopBot:AllowedTenants:0", BotTestHost.TenantId);
        await s.Host.RestartAsync();

        Assert.Equal(1, (await s.UploadAsync()).Uploaded);
        Assert.Single(s.Graph.Files);
    }

    /// <summary>One message of the kind, queued as the bot's jobs queue it (the dedupe key names the kind).</summary>
    private static string Queue(IOutbox outbox, string serviceUrl, string kind)
    {
        var card = CardMessage.Create(NoticeCard.Create("For the neighbouring partnership", "Please look at the audit.", Tone.Info));
        var correlation = $"audit:{AuditId:D}";
        return kind switch
        {
            "reminder" => outbox.SendToUser(serviceUrl, Neighbour, NeighbourChair.Id, card,
                $"audit:{AuditId:D}:return:police:reminder:1", correlation),
            "overdue" => outbox.SendToUser(serviceUrl, Neighbour, NeighbourChair.Id, card,
                $"audit:{AuditId:D}:return:police:overdue:1", correlation),
            "safety-alert" => outbox.SendToUser(serviceUrl, Neighbour, NeighbourChair.Id, card,
                $"safety:{AuditId:N}:to:{NeighbourChair.AadObjectId}", correlation),
            "safety-resend" => outbox.SendToUser(serviceUrl, Neighbour, NeighbourChair.Id, card,
                $"safety:{AuditId:N}:to:{NeighbourChair.AadObjectId}:resend:1", correlation),
            "briefing-post" => outbox.PostToChannel(serviceUrl, Neighbour, "19:neighbour-general@thread.tacv2", card,
                $"briefing:{AuditId:D}:post:19:neighbour-general@thread.tacv2", correlation),
            _ => outbox.PostToChannel(serviceUrl, Neighbour, "19:neighbour-audit@thread.tacv2", card,
                $"audit:{AuditId:D}:tracker:post", correlation),
        };
    }
}
