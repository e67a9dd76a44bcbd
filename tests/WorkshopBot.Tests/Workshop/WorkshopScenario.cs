using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Common;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Jobs;
using WorkshopBot.Workshop.Storage;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Workshop;

/// <summary>
/// A workshop driven over real HTTP: a Merton-style audit (one case, five agencies, made-up people) stored as the
/// audits feature stores it, a chair and participants who act only through signed activities. Every card action posts
/// the data record its verb is routed with, as a card the bot sent would.
/// </summary>
internal sealed class WorkshopScenario : IAsyncDisposable
{
    public static readonly CaseReference Case = CaseReference.Create("NAI-2021-08-C1").ValueOrThrow();

    public static readonly (AgencyType Type, string Name)[] MertonAgencies =
    [
        (AgencyType.ChildrensSocialCare, "Children's Social Care"),
        (AgencyType.Police, "Police"),
        (AgencyType.HealthVisiting, "Community health (CLCH)"),
        (AgencyType.HospitalTrust, "Kingston Hospital"),
        (AgencyType.HospitalTrust, "Epsom and St Helier Hospitals"),
    ];

    private static readonly DateTimeOffset AuditCreated = new(2021, 7, 1, 9, 0, 0, TimeSpan.Zero);

    private WorkshopScenario(BotTestHost host, Audit audit)
    {
        Host = host;
        Audit = audit;
    }

    public BotTestHost Host { get; }

    public Audit Audit { get; }

    public TestUser Chair { get; } = BotTestHost.User("QA Chair");

    /// <summary>Where the workshop runs: a team channel unless the test asks for a meeting chat.</summary>
    public TestConversation Channel { get; private init; } = BotTestHost.Channel("Audit workshop");

    public Guid WorkshopId { get; private set; }

    public IWorkshopVoteStore Votes => Host.Get<IWorkshopVoteStore>();

    /// <summary>The representative of agency N (1-based), as named on the audit.</summary>
    public static TestUser Representative(int agencyNumber) => BotTestHost.User($"Agency Rep {agencyNumber}");

    /// <summary>
    /// The audit issued and, unless <paramref name="releaseReturns"/> is false, its returns released to the workshop (as a
    /// chair does before it), so grade polls show the single-agency grades.
    /// </summary>
    public static async Task<WorkshopScenario> CreateAsync(Action<BotTestHostOptions>? configure = null, bool withGrades = true,
        TestConversation? conversation = null, bool releaseReturns = true)
    {
        var host = await BotTestHost.StartAsync(o =>
        {
            o.Settings["Workshop:RunTimerInBackground"] = "false";
            configure?.Invoke(o);
        });
        var chair = BotTestHost.User("QA Chair");
        var audit = Audit.Create(Guid.NewGuid(), "NAI audit 2021", "nai", chair.Person, AuditCreated)
            .ValueOrThrow();
        Assert.True(audit.AddCase(Case, AgeBand.Under1).Succeeded);
        for (var i = 0; i < MertonAgencies.Length; i++)
        {
            var rep = Representative(i + 1);
            audit.AddAgency(MertonAgencies[i].Type, MertonAgencies[i].Name, rep.Person).ValueOrThrow();
        }

        Assert.True(audit.ScheduleReturnsDue(new DateTimeOffset(2021, 7, 30, 17, 0, 0, TimeSpan.Zero), AuditCreated).Succeeded);
        Assert.True(audit.Issue(new DateTimeOffset(2021, 7, 1, 10, 0, 0, TimeSpan.Zero)).Succeeded, "issue");
        if (releaseReturns)
        {
            Assert.True(audit.ReleaseForModeration(new DateTimeOffset(2021, 8, 2, 9, 0, 0, TimeSpan.Zero)).Succeeded, "release");
        }

        await host.WorkAsync(async services =>
        {
            var store = services.GetRequiredService<AuditStore>();
            Assert.True(await store.InsertAuditAsync(audit, default));
            if (withGrades)
            {
                await SubmitGradedReturnsAsync(store, audit);
            }
        });

        return conversation is null ? new WorkshopScenario(host, audit) : new WorkshopScenario(host, audit) { Channel = conversation };
    }

    public async Task StartAsync()
    {
        await Host.SayAsync(Chair, Channel, StartScreen.Command);
        var sessions = await Host.Get<IDocumentStore>()
            .ListAsync<WorkshopSession>(WorkshopRepository.Collection, key1: Audit.Id.ToString());
        WorkshopId = Assert.Single(sessions).Value.Id;
    }

    /// <summary>The chair releases the audit's returns for moderation on the returns tracker.</summary>
    public async Task ReleaseReturnsAsync()
    {
        var released = await Host.ExecuteAsync(Chair, BotTestHost.PersonalChat(Chair), WorkshopBot.Audits.Teams.TrackerScreen.Release,
            new WorkshopBot.Audits.Teams.AuditRefData(Audit.Id));
        Assert.Contains("Returns released for moderation.", CardText(released), StringComparison.Ordinal);
    }

    public async Task<WorkshopSession> SessionAsync()
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<WorkshopRepository>().GetAsync(WorkshopId, default))!;
    }

    public async Task JoinAsync(TestUser user, string? agencyId = null)
    {
        var result = await ExecuteAsync(user, JoinScreen.Join, new JoinData(WorkshopId, agencyId));
        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Contains("You have joined", CardText(result));
    }

    public Task<InvokeResult> ChairPanelAsync(TestUser? by = null) =>
        ExecuteAsync(by ?? Chair, PollsScreen.ChairPanel, new WorkshopRef(WorkshopId));

    /// <summary>Creates a poll from the chair panel and returns it.</summary>
    public async Task<Poll> CreatePollAsync(CreatePollData data, TestUser? by = null)
    {
        var before = (await SessionAsync()).Polls.Count;
        var result = await TryCreatePollAsync(data, by);
        Assert.Equal(HttpStatusCode.OK, result.Status);
        var session = await SessionAsync();
        Assert.True(session.Polls.Count == before + 1, CardText(result));
        return session.Polls[^1];
    }

    /// <summary>Presses Create poll on the chair panel, whatever comes of it.</summary>
    public Task<InvokeResult> TryCreatePollAsync(CreatePollData data, TestUser? by = null) =>
        ExecuteAsync(by ?? Chair, PollsScreen.CreatePoll, data with { WorkshopId = WorkshopId });

    public Task<InvokeResult> ManageAsync(Poll poll, TestUser? by = null) =>
        ExecuteAsync(by ?? Chair, PollsScreen.Manage, new PollRef(WorkshopId, poll.Id));

    /// <summary>
    /// A phase button pressed; on a board with fewer places than dots (the default 5 dots on fewer than 5 ideas) Open voting
    /// first asks, and this chair then presses Open voting anyway (<see cref="AskedBeforeOpening"/> sees the question).
    /// </summary>
    public async Task<InvokeResult> PhaseAsync(Poll poll, string action, TestUser? by = null)
    {
        var result = await ExecuteAsync(by ?? Chair, PollsScreen.Phase, new PhaseData(WorkshopId, poll.Id, action));
        return action == PhaseActions.Open && AskedBeforeOpening(result)
            ? await ExecuteAsync(by ?? Chair, PollsScreen.OpenAnyway, new OpenAnywayData(WorkshopId, poll.Id))
            : result;
    }

    /// <summary>Whether the answer is the question asked before opening a board with fewer places than dots.</summary>
    public static bool AskedBeforeOpening(InvokeResult result) =>
        result.Status == HttpStatusCode.OK && CardText(result).Contains("Open voting anyway", StringComparison.Ordinal);

    public Task<InvokeResult> AddIdeaAsync(TestUser user, Poll poll, string text, string? agencyId = null, string? theme = null,
        bool confirm = false) =>
        ExecuteAsync(user, IdeasScreen.AddIdea, new AddIdeaData(WorkshopId, poll.Id, text, null, agencyId, theme, confirm));

    public Task<InvokeResult> ModerateAsync(Poll poll, string action, string itemId, string? intoItemId = null, string? text = null,
        TestUser? by = null) =>
        ExecuteAsync(by ?? Chair, ModerationScreen.Moderate, new ModerateData(WorkshopId, poll.Id, action, itemId, intoItemId, text));

    public Task<InvokeResult> ViewAsync(TestUser user, Poll poll) =>
        ExecuteAsync(user, BallotScreen.View, new PollRef(WorkshopId, poll.Id));

    public Task<InvokeResult> DotAsync(TestUser user, Poll poll, string optionId, int delta = 1) =>
        ExecuteAsync(user, BallotScreen.Dot, new DotData(WorkshopId, poll.Id, delta, optionId));

    public Task<InvokeResult> ChooseAsync(TestUser user, Poll poll, string choice) =>
        ExecuteAsync(user, BallotScreen.Choose, new ChooseData(WorkshopId, poll.Id, choice));

    public Task<InvokeResult> RatifyAsync(Poll poll, string grade, string rationale, TestUser? by = null) =>
        ExecuteAsync(by ?? Chair, RatifyScreen.Ratify, new RatifyData(WorkshopId, poll.Id, grade, rationale));

    public Task<InvokeResult> ExportAsync(TestUser? by = null) =>
        ExecuteAsync(by ?? Chair, ExportScreen.Export, new WorkshopRef(WorkshopId));

    /// <summary>
    /// Presses a card button: <paramref name="data"/> must be the record the verb is routed with, so the test posts what
    /// a card the bot sent would carry.
    /// </summary>
    public Task<InvokeResult> ExecuteAsync<TData>(TestUser user, string verb, TData data)
        where TData : class
    {
        Assert.Equal(typeof(TData), Host.Get<ActivityRouter>().CardActionVerbs[verb]);
        return Host.ExecuteAsync(user, Channel, verb, data);
    }

    public async Task<Dictionary<string, int>> TallyAsync(Poll poll) =>
        (await Votes.TallyAsync(poll.Id, default)).ToDictionary(t => t.OptionId, t => t.Dots);

    /// <summary>All text of an invoke answer's card.</summary>
    public static string CardText(InvokeResult result) => result.Card?.GetRawText() ?? result.Body?.GetRawText() ?? "";

    /// <summary>The agency ids Join's chooser offers on the answer (none when it is not the chooser).</summary>
    public static IReadOnlyList<string> AgencyChoices(InvokeResult result)
    {
        static IEnumerable<JsonElement> All(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.Object => new[] { e }.Concat(e.EnumerateObject().SelectMany(p => All(p.Value))),
            JsonValueKind.Array => e.EnumerateArray().SelectMany(All),
            _ => [],
        };

        return result.Card is not { } card ? [] : All(card)
            .Where(e => e.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.GetString() == "agencyId")
            .SelectMany(input => input.GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("value").GetString()!))
            .ToList();
    }

    /// <summary>Card updates (PUT) the bot made to a poll's card.</summary>
    public IReadOnlyList<SentActivity> UpdatesOf(Poll poll)
    {
        var activityId = PostedActivityId(poll.CardPostKey);
        return Host.Sent(Channel.Id).Where(s => s.Method == "PUT" && s.ActivityId == activityId).ToList();
    }

    /// <summary>The activity id Teams gave the card the outbox posted under <paramref name="postKey"/> (null until it is sent).</summary>
    public string? PostedActivityId(string? postKey) =>
        postKey is null ? null : Host.Get<IOutboxStore>().FindByDedupeKeyAsync(postKey).GetAwaiter().GetResult()?.SentActivityId;

    public async Task<IReadOnlyList<AuditEvent>> LogAsync(string subjectType, string subjectId) =>
        await Host.Get<IAuditLog>().ListAsync(subjectType, subjectId);

    /// <summary>What the workshop concluded, as the briefing reads it.</summary>
    public async Task<WorkshopOutcome?> OutcomeAsync()
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IWorkshopResults>().GetForAuditAsync(Audit.Id, default);
    }

    /// <summary>
    /// Lets out the card updates the coalescer holds for the channel, one slot at a time on <paramref name="clock"/> (the
    /// scenario's own), until none is waiting or one is being sent.
    /// </summary>
    /// <summary>
    /// Two participants joined, a board with one idea (2 dots each, 2 on an idea) open for voting, every card update it
    /// caused sent and the clock one second on: the next vote's update goes at once.
    /// </summary>
    public async Task<(IReadOnlyList<TestUser> Voters, Poll Board)> OpenBoardForTwoAsync(ManualTimeProvider clock)
    {
        var voters = Enumerable.Range(1, 2).Select(i => BotTestHost.User($"Participant {i}")).ToList();
        foreach (var voter in voters)
        {
            await JoinAsync(voter, JoinScreen.OtherAgency);
        }

        var board = await CreatePollAsync(new CreatePollData(WorkshopId, PollTypes.WorkedWell, Dots: "2", MaxPerItem: "2"));
        await AddIdeaAsync(voters[0], board, "Prompt safeguarding action.");
        await PhaseAsync(board, PhaseActions.Open);
        board = (await SessionAsync()).FindPoll(board.Id)!;
        await Host.DrainOutboxAsync();
        await LetCardUpdatesOutAsync(clock);
        clock.Advance(TimeSpan.FromSeconds(1));
        return (voters, board);
    }

    public async Task LetCardUpdatesOutAsync(ManualTimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var coalescer = Host.Get<LiveCardCoalescer>();
        for (var i = 0; i < 20 && coalescer.PendingFor(Channel.Id) > 0; i++)
        {
            var sent = coalescer.UpdatesSent;
            clock.Advance(TimeSpan.FromSeconds(1));
            await WaitForAsync(() => coalescer.UpdatesSent > sent && coalescer.PendingFor(Channel.Id) <= 1);
        }
    }

    /// <summary>
    /// Waits for background work on real threads until <paramref name="condition"/> holds; bounded (60 s on the real clock,
    /// generous for a loaded CI machine: it was 500 sleeps of 10 ms, about 5 s, each blocking a thread the work itself
    /// needed), and the assertion after it is what the test checks.
    /// </summary>
    public static async Task WaitForAsync(Func<bool> condition)
    {
        var patience = Stopwatch.StartNew();
        while (!condition() && patience.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(10);
        }
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();

    public static string Text(JsonElement card) => card.GetRawText();

    /// <summary>Each agency's submitted return for the case, with a single-agency grade.</summary>
    private static async Task SubmitGradedReturnsAsync(AuditStore store, Audit audit)
    {
        string[] grades = ["good", "good", "requires-improvement", "good", "outstanding"];
        var at = new DateTimeOffset(2021, 7, 20, 9, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < MertonAgencies.Length; i++)
        {
            var ret = AuditReturn.Create(Guid.NewGuid(), audit, Case, audit.Agencies[i].Id).ValueOrThrow();
            var rep = Representative(i + 1);
            var by = rep.Person;
            foreach (var section in ret.Sections)
            {
                var answers = section.Questions
                    .Select(q => new AnswerInput(q.Id, q.IsSafetyQuestion ? AnswerValue.No : AnswerValue.Yes, "Seen in records.")).ToList();
                ret.SaveSection(section.Id, answers, ret.Version, by, at).ValueOrThrow();
            }

            var summary = new ReturnSummaryInput("Prompt strategy discussion.", "Quicker sharing of records.", null, grades[i]);
            ret.SaveSummary(summary, ret.Version, by, at).ValueOrThrow();
            Assert.True(ret.Submit(ret.Version, by, at).Succeeded, "submit");
            Assert.True(await store.InsertReturnAsync(ret, default));
        }
    }
}
