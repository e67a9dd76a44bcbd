using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.ActionPlans;
using WorkshopBot.Tests.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Tests.Workshop;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// The audit's stage moves on by itself when what begins it happens, through /api/messages: the first poll made (or
/// voting opened) once the returns are released → Workshop; the chair's first approval of the briefing → Briefing; the
/// action plan's first action → Monitoring. Forward only, once, from Moderation onwards (an audit whose returns are not
/// released stays Issued), never on a closed audit, each move one <c>audit.stage-changed</c> line with from and to; the
/// dashboard names the stage in words.
/// </summary>
public abstract class AuditStagesMoveOnScenarios
{
    /// <summary>A PostgreSQL database, or null for SQLite.</summary>
    protected abstract Task<string?> DatabaseAsync();

    [Fact]
    public async Task TheWorkshopAndTheBriefingMoveTheStageOnOnceEachAndNotBeforeTheReturnsAreReleased()
    {
        var postgres = await DatabaseAsync();
        await using var s = await WorkshopScenario.CreateAsync(o => o.PostgresConnectionString = postgres, releaseReturns: false);
        var chat = BotTestHost.PersonalChat(s.Chair);
        await s.StartAsync();

        // A poll made while the returns are still being collected: the chair must release them first (need to know).
        var early = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.Single, "Shared in time?", Choices: "Yes\nNo"));
        Assert.Equal(AuditStatus.Issued, await StageAsync(s.Host, s.Audit.Id));
        await s.ReleaseReturnsAsync();
        Assert.Equal(AuditStatus.Moderation, await StageAsync(s.Host, s.Audit.Id));

        // Voting opened on that poll is the workshop under way; a second poll and more voting move nothing again.
        Assert.Contains("Voting is open.", WorkshopScenario.CardText(await s.PhaseAsync(early, PhaseActions.Open)),
            StringComparison.Ordinal);
        Assert.Equal(AuditStatus.Workshop, await StageAsync(s.Host, s.Audit.Id));
        var later = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.Single, "Best next step?", Choices: "A\nB"));
        await s.PhaseAsync(later, PhaseActions.Open);
        await s.PhaseAsync(early, PhaseActions.Close);
        await s.PhaseAsync(later, PhaseActions.Close);
        var dashboard = WorkshopScenario.CardText(await s.Host.ExecuteAsync(s.Chair, chat, DashboardScreen.Dashboard,
            new AuditRefData(s.Audit.Id)));
        Assert.Contains("\"value\":\"Workshop under way\"", dashboard, StringComparison.Ordinal);

        // The chair's first approval of the briefing; a later version approved moves nothing again.
        await s.Host.ExecuteAsync(s.Chair, chat, ComposeScreen.Open, new OpenBriefingData(s.Audit.Id));
        Assert.Contains("is approved", WorkshopScenario.CardText(await s.Host.ExecuteAsync(s.Chair, chat, ComposeScreen.Approve,
            new ApproveData(s.Audit.Id, 1))), StringComparison.Ordinal);
        Assert.Equal(AuditStatus.Briefing, await StageAsync(s.Host, s.Audit.Id));
        await s.Host.ExecuteAsync(s.Chair, chat, ComposeScreen.Regenerate, new RegenerateData(s.Audit.Id, 1, null));
        Assert.Contains("Version 2 is approved", WorkshopScenario.CardText(await s.Host.ExecuteAsync(s.Chair, chat,
            ComposeScreen.Approve, new ApproveData(s.Audit.Id, 2))), StringComparison.Ordinal);
        // A poll made after the briefing never takes the audit back to the workshop stage.
        var afterBriefing = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.RatingFive, "How useful was it?"));
        await s.PhaseAsync(afterBriefing, PhaseActions.Open);
        await s.PhaseAsync(afterBriefing, PhaseActions.Close);
        Assert.Equal(AuditStatus.Briefing, await StageAsync(s.Host, s.Audit.Id));

        Assert.Equal(["Moderation→Workshop", "Workshop→Briefing"], await MovesAsync(s.Host, s.Audit.Id));
        dashboard = WorkshopScenario.CardText(await s.Host.ExecuteAsync(s.Chair, chat, DashboardScreen.Dashboard,
            new AuditRefData(s.Audit.Id)));
        Assert.Contains("\"value\":\"Briefing approved\"", dashboard, StringComparison.Ordinal);
        Assert.DoesNotContain("\"value\":\"Briefing\"", dashboard, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABriefingApprovedStraightAfterModerationStepsThroughTheWorkshopAndAClosedAuditNeverMoves()
    {
        var postgres = await DatabaseAsync();
        await using var s = await WorkshopScenario.CreateAsync(o => o.PostgresConnectionString = postgres);
        var chat = BotTestHost.PersonalChat(s.Chair);
        await s.StartAsync();
        var id = new AuditRefData(s.Audit.Id);

        // The returns were released before the workshop card was posted: starting the workshop alone moves nothing.
        Assert.Equal(AuditStatus.Moderation, await StageAsync(s.Host, s.Audit.Id));
        await s.Host.ExecuteAsync(s.Chair, chat, ComposeScreen.Open, new OpenBriefingData(s.Audit.Id));
        await s.Host.ExecuteAsync(s.Chair, chat, ComposeScreen.Approve, new ApproveData(s.Audit.Id, 1));
        Assert.Equal(AuditStatus.Briefing, await StageAsync(s.Host, s.Audit.Id));
        Assert.Equal(["Moderation→Briefing"], await MovesAsync(s.Host, s.Audit.Id));

        // Closed: voting can still be closed on a poll, and nothing moves the stage any more.
        var poll = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.Single, "Shared in time?", Choices: "Yes\nNo"));
        Assert.Contains("Audit closed.", WorkshopScenario.CardText(await s.Host.ExecuteAsync(s.Chair, chat, DashboardScreen.Close, id)),
            StringComparison.Ordinal);
        await s.PhaseAsync(poll, PhaseActions.Open);
        await s.PhaseAsync(poll, PhaseActions.Close);
        await s.TryCreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.CouldImprove));
        await s.Host.ExecuteAsync(s.Chair, chat, ComposeScreen.Approve, new ApproveData(s.Audit.Id, 1));

        Assert.Equal(AuditStatus.Closed, await StageAsync(s.Host, s.Audit.Id));
        Assert.Equal(["Moderation→Briefing"], await MovesAsync(s.Host, s.Audit.Id));
        var dashboard = WorkshopScenario.CardText(await s.Host.ExecuteAsync(s.Chair, chat, DashboardScreen.Dashboard, id));
        var closedOn = CardKitDate((await TestStores.Audits(s.Host.Services).GetAuditAsync(s.Audit.Id, default))!.Value.ClosedAt);
        Assert.Contains($"\"value\":\"Closed on {closedOn}\"", dashboard, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheActionPlansFirstActionStartsMonitoringOnce()
    {
        await using var s = await ActionScenario.StartAsync(await DatabaseAsync());
        var auditId = s.Audit.Id;
        var id = new AuditRefData(auditId);
        await s.InChannelAsync(ActionScenario.Chair, PlanScreen.OpenPlan, new PlanRefData(auditId));

        // Returns not released: an action is created all the same, and the stage stays as it is.
        Assert.Contains("A1 created", ActionScenario.Text(await s.InChannelAsync(ActionScenario.Chair, ActionCreate,
            Action(auditId, "Agree an information-sharing protocol between police and health"))), StringComparison.Ordinal);
        Assert.Equal(AuditStatus.Issued, await StageAsync(s.Host, auditId));
        Assert.Empty(await MovesAsync(s.Host, auditId));

        Assert.Contains("Returns released for moderation.", ActionScenario.Text(await s.InChatAsync(ActionScenario.Chair,
            TrackerScreen.Release, id)), StringComparison.Ordinal);
        Assert.Contains("A2 created", ActionScenario.Text(await s.InChannelAsync(ActionScenario.Chair, ActionCreate,
            Action(auditId, "Run a joint briefing on fathers for health visitors"))), StringComparison.Ordinal);
        Assert.Equal(AuditStatus.Monitoring, await StageAsync(s.Host, auditId));
        Assert.Contains("A3 created", ActionScenario.Text(await s.InChannelAsync(ActionScenario.Chair, ActionCreate,
            Action(auditId, "Audit the protocol's use after six months"))), StringComparison.Ordinal);

        Assert.Equal(["Moderation→Monitoring"], await MovesAsync(s.Host, auditId));
        var moved = Assert.Single(await s.Host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, auditId.ToString("D")),
            e => e.Action == AuditStages.StageChanged);
        Assert.Equal((ActionScenario.Chair.AadObjectId, "{\"from\":\"Moderation\",\"to\":\"Monitoring\"}"),
            (moved.ActorId, moved.DetailJson));
        var dashboard = ActionScenario.Text(await s.InChatAsync(ActionScenario.Chair, DashboardScreen.Dashboard, id));
        Assert.Contains("\"value\":\"Monitoring the action plan\"", dashboard, StringComparison.Ordinal);
    }

    private const string ActionCreate = WorkshopBot.ActionPlans.Teams.CreateScreen.Create;

    private static CreateActionData Action(Guid auditId, string what) =>
        new(auditId, 0, what, "County Police", ActionScenario.PoliceLead.Id, "2026-05-30",
            "Every interview note reaches health within two working days", null, null);

    private static string CardKitDate(DateTimeOffset? at) => WorkshopBot.Common.Teams.CardKit.Date(at);

    private static async Task<AuditStatus> StageAsync(BotTestHost host, Guid auditId) =>
        (await TestStores.Audits(host.Services).GetAuditAsync(auditId, default))!.Value.Status;

    /// <summary>The stage moves logged for the audit, oldest first, as "from→to".</summary>
    private static async Task<List<string>> MovesAsync(BotTestHost host, Guid auditId)
    {
        var events = await host.Get<IAuditLog>().ListAsync(AuditSubjects.Audit, auditId.ToString("D"));
        return events.Where(e => e.Action == AuditStages.StageChanged)
            .Select(e => System.Text.Json.JsonDocument.Parse(e.DetailJson!).RootElement)
            .Select(d => $"{d.GetProperty("from").GetString()}→{d.GetProperty("to").GetString()}")
            .ToList();
    }
}

/// <summary>The stage moving on, on the default SQLite store.</summary>
public sealed class AuditStagesMoveOnOnSqlite : AuditStagesMoveOnScenarios
{
    protected override Task<string?> DatabaseAsync() => Task.FromResult<string?>(null);
}

/// <summary>The stage moving on, on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AuditStagesMoveOnOnPostgres(PostgresServerFixture server) : AuditStagesMoveOnScenarios
{
    protected override async Task<string?> DatabaseAsync() => await server.CreateDatabaseAsync();
}
