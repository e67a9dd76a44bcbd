using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Audits.EndToEnd;
using WorkshopBot.Tests.Briefings;
using WorkshopBot.Tests.Support;
using WorkshopBot.Tests.Workshop;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Robustness;

/// <summary>
/// Real objects for the fuzzers to aim at, made by the scenarios' own code over HTTP: an issued audit with five agencies'
/// graded returns and a workshop on it (joined, with an open idea board, a choice poll and a grade poll), a draft audit, an
/// approved briefing and team channels the bot knows. The fuzzers mix these ids with random ones.
/// </summary>
internal sealed class FuzzWorld
{
    public static readonly TestUser Chair = BotTestHost.User("QA Chair");
    public static readonly TestUser Outsider = BotTestHost.User("Fuzz Outsider");
    public static readonly string ForeignTenant = "0a1b2c3d-4e5f-4a6b-8c7d-9e8f7a6b5c4d";

    private FuzzWorld(WorkshopScenario scenario, HandlerErrors errors)
    {
        Scenario = scenario;
        Errors = errors;
    }

    /// <summary>The errors the bot logged (the exceptions behind any 5xx).</summary>
    public HandlerErrors Errors { get; }

    public WorkshopScenario Scenario { get; }

    public BotTestHost Host => Scenario.Host;

    public List<string> AuditIds { get; } = [];

    public List<string> ReturnIds { get; } = [];

    public List<string> WorkshopIds { get; } = [];

    public List<string> PollIds { get; } = [];

    public List<string> OptionIds { get; } = ["i1", "i2", "i3", "c1", "c2", "c3", "1", "3", "5", "good"];

    public List<string> SectionIds { get; } = [];

    public List<string> QuestionIds { get; } = [];

    public List<string> CaseReferences { get; } = [];

    public List<string> ChannelIds { get; } = [];

    public List<string> EscalationIds { get; } = [];

    /// <summary>People who act: the chair, the five representatives, someone with no role.</summary>
    public IReadOnlyList<TestUser> People { get; } =
        [Chair, .. Enumerable.Range(1, 5).Select(WorkshopScenario.Representative), Outsider];

    /// <summary>Conversations the bot knows: the workshop channel, the audit team channel, people's 1:1 chats.</summary>
    public List<TestConversation> Conversations { get; } = [];

    /// <summary>The world on SQLite, or on the PostgreSQL database <paramref name="postgres"/> names.</summary>
    public static async Task<FuzzWorld> CreateAsync(string? postgres = null)
    {
        var errors = new HandlerErrors();
        var scenario = await WorkshopScenario.CreateAsync(o =>
        {
            o.PostgresConnectionString = postgres;
            o.Settings["WorkshopBot:PublicBaseUrl"] = "https://bot.example.org";
            o.Services = services => services.AddSingleton<ILoggerProvider>(errors);
        });
        var world = new FuzzWorld(scenario, errors);
        try
        {
            await world.BuildAsync();
        }
        catch
        {
            await scenario.DisposeAsync();
            throw;
        }

        return world;
    }

    private async Task BuildAsync()
    {
        var host = Host;
        // Tests of Teams' limits live elsewhere; here every answer should reach the fake connector at once.
        host.Connector.WriteLimits = [];
        var s = Scenario;
        var teamChannel = BotTestHost.Channel("Audits");
        var practice = BotTestHost.Channel("Practice", "Early Help");
        foreach (var channel in new[] { s.Channel, teamChannel, practice })
        {
            await host.SendAsync(host.BotAdded(Chair, channel));
            ChannelIds.Add(channel.ChannelId!);
        }

        Conversations.AddRange([s.Channel, teamChannel, practice, BotTestHost.GroupChat("Fuzz chat")]);
        Conversations.AddRange(People.Select(BotTestHost.PersonalChat));

        await s.StartAsync();
        WorkshopIds.Add(s.WorkshopId.ToString());
        for (var i = 1; i <= 3; i++)
        {
            await s.JoinAsync(WorkshopScenario.Representative(i));
        }

        var board = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.CustomBoard, "What worked?", Dots: "20",
            MaxPerItem: "20"));
        foreach (var idea in new[] { "Prompt strategy meeting.", "Records were shared.", "Father was seen." })
        {
            Assert.Equal(HttpStatusCode.OK, (await s.AddIdeaAsync(WorkshopScenario.Representative(1), board, idea)).Status);
        }

        await s.PhaseAsync(board, PhaseActions.Open);
        var single = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.Single, "Threshold applied?",
            Choices: "Yes\nPartly\nNo"));
        await s.PhaseAsync(single, PhaseActions.Open);
        var grade = await s.CreatePollAsync(new CreatePollData(s.WorkshopId, PollTypes.Grade, "Grade",
            CaseReference: WorkshopScenario.Case.Value));
        PollIds.AddRange([board.Id, single.Id, grade.Id]);

        var audit = s.Audit;
        AuditIds.Add(audit.Id.ToString());
        CaseReferences.AddRange(audit.Cases.Select(c => c.Reference.Value));
        SectionIds.AddRange(audit.Questions.Sections.Select(x => x.Id));
        QuestionIds.AddRange(audit.Questions.Sections.SelectMany(x => x.Questions).Select(q => q.Id).Take(20));
        ReturnIds.AddRange((await TestStores.Audits(host.Services).ListReturnsAsync(audit.Id, default)).Select(r => r.Value.Id.ToString()));

        // A draft audit of the chair's, made from the creation card as a chair makes it.
        await host.SayAsync(Chair, teamChannel, "new audit");
        var created = await host.ExecuteAsync(Chair, teamChannel, CreateScreen.Create, AuditScenario.NewAuditForm);
        Assert.Equal(HttpStatusCode.OK, created.Status);
        var drafts = await TestStores.Audits(host.Services).ListAuditsAsync(default);
        AuditIds.AddRange(drafts.Select(d => d.Value.Id.ToString()).Where(id => !AuditIds.Contains(id)));

        // An approved briefing on an audit of its own.
        var chair = new PersonRef(Chair.AadObjectId, Chair.Name) { TenantId = BotTestHost.TenantId };
        var briefed = await BriefingSeed.OneCaseAuditAsync(host.Services, chair, DateTimeOffset.UtcNow.AddDays(-20));
        var chat = BotTestHost.PersonalChat(Chair);
        var opened = await host.ExecuteAsync(Chair, chat, ComposeScreen.Open, new OpenBriefingData(briefed.Id));
        Assert.Equal(HttpStatusCode.OK, opened.Status);
        var approved = await host.ExecuteAsync(Chair, chat, ComposeScreen.Approve, new ApproveData(briefed.Id, 1));
        Assert.Equal(HttpStatusCode.OK, approved.Status);
        AuditIds.Add(briefed.Id.ToString());
        CaseReferences.Add(BriefingFlowHarness.Case1.Value);
        var briefedReturns = await TestStores.Audits(host.Services).ListReturnsAsync(briefed.Id, default);
        ReturnIds.AddRange(briefedReturns.Select(r => r.Value.Id.ToString()));
        var escalations = await TestStores.Audits(host.Services).ListOpenEscalationsAsync(default);
        EscalationIds.AddRange(escalations.Select(e => e.Value.Id.ToString()));
        EscalationIds.Add(Guid.NewGuid().ToString());
        await host.DrainOutboxAsync();
    }

    /// <summary>A plain "help" in a person's 1:1 chat: the bot still answers after everything the fuzzers sent.</summary>
    public async Task AssertStillAnswersHelpAsync()
    {
        var person = BotTestHost.User("After The Fuzz");
        var chat = BotTestHost.PersonalChat(person);
        var help = Host.Message(person, chat, "help");
        using var response = await Host.PostAsync(help);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Host.DrainOutboxAsync();
        var answer = Assert.Single(Host.Sent(chat.Id));
        Assert.NotEmpty(answer.Cards);
        Assert.NotNull(await Host.Get<IProcessedActivityStore>().FindAsync(chat.Id, help.Id!));
    }

    /// <summary>The JSON of an activity as Teams sends it, for the raw-body fuzzer to mutate.</summary>
    public string SampleActivityJson(int which)
    {
        var person = People[which % People.Count];
        var chat = BotTestHost.PersonalChat(person);
        var activity = (which % 3) switch
        {
            0 => Host.Message(person, chat, "help"),
            1 => Host.CardAction(person, Scenario.Channel, BallotScreen.Dot, new DotData(Scenario.WorkshopId, PollIds[0], 1, "i1")),
            _ => Host.Submit(person, chat, new { verb = "help.show", auditId = AuditIds[0] }),
        };
        return BotJson.Serialize(activity);
    }
}
