using System.Text.Json;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// Drives the audit feature over real HTTP: a chair in a team channel, five representatives of different agencies
/// (one with a named lead), three cases. Made-up people and pseudonymous references only. Cards are acted on with the
/// typed data records the screens read, as Teams posts them (the action's data merged with the card's inputs).
/// </summary>
internal sealed partial class AuditScenario : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    public const string PublicBaseUrl = "https://audits.partnership.example.org";

    public static readonly TestUser Chair = BotTestHost.User("Quality Chair");
    public static readonly TestUser Lead = BotTestHost.User("Police Named Lead");
    public static readonly TestUser Outsider = BotTestHost.User("Team Member Without Role");

    public static readonly (TestUser Rep, AgencyType Type, string Name)[] Agencies =
    [
        (BotTestHost.User("Social Care Auditor"), AgencyType.ChildrensSocialCare, "Children's Social Care"),
        (BotTestHost.User("Police Auditor"), AgencyType.Police, "County Police"),
        (BotTestHost.User("Health Visiting Auditor"), AgencyType.HealthVisiting, "Health Visiting Service"),
        (BotTestHost.User("GP Auditor"), AgencyType.Gp, "GP Practices"),
        (BotTestHost.User("School Auditor"), AgencyType.School, "Primary Schools"),
    ];

    public static readonly string[] Cases = ["NAI-2026-03-C1", "NAI-2026-03-C2", "NAI-2026-03-C3"];

    public static readonly TestConversation Team = BotTestHost.Channel("Audits");

    /// <summary>The creation form as a chair fills it in for the scenario's audit.</summary>
    public static readonly CreateAuditData NewAuditForm =
        new("Non-accidental injury audit, spring 2026", "nai", "ofsted-4", "12", "2026-03-20", "2026-04-24", "2");

    private AuditScenario(BotTestHost host, AuditTestClock time)
    {
        Host = host;
        Time = time;
    }

    public BotTestHost Host { get; }

    public AuditTestClock Time { get; }

    public Guid AuditId { get; private set; }

    /// <summary>For reading what the bot stored; write through <see cref="BotTestHost.WorkAsync{T}"/>.</summary>
    public AuditStore Store => TestStores.Audits(Host.Services);

    public static async Task<AuditScenario> StartAsync(Action<BotTestHostOptions>? configure = null)
    {
        var time = new AuditTestClock(Start);
        var host = await BotTestHost.StartAsync(o =>
        {
            o.Time = time;
            o.Settings["WorkshopBot:PublicBaseUrl"] = PublicBaseUrl;
            o.Settings["Audits:RunJobsInBackground"] = "false";
            o.Settings["Audits:SafetyResendAfter"] = "01:00:00";

            // Other features' background loops would move the test's clock; this scenario drives time itself.
            o.Settings["Workshop:RunTimerInBackground"] = "false";
            configure?.Invoke(o);
        });
        // The bot's clock is manual (it jumps through every wait) while the fake connector's limits run on wall-clock
        // time, so the two would disagree about Teams' rate limits; the outbox's own limit tests cover them.
        host.Connector.WriteLimits = [];
        host.Connector.Roster.AddRange(new[] { Chair, Lead, Outsider }.Concat(Agencies.Select(a => a.Rep))
            .Select(u => new TeamsChannelAccount
            {
                Id = u.Id, AadObjectId = u.AadObjectId, Name = u.Name, TenantId = BotTestHost.TenantId,
            }));
        var scenario = new AuditScenario(host, time);
        await host.SendAsync(host.BotAdded(Chair, Team));
        return scenario;
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();

    /// <summary>Acts on a card in the team channel (or elsewhere). <paramref name="data"/> is the verb's data record.</summary>
    public Task<InvokeResult> ExecuteAsync(TestUser user, string verb, object data, TestConversation? where = null) =>
        Host.ExecuteAsync(user, where ?? Team, verb, data);

    /// <summary>Acts on a card (the message <paramref name="replyToId"/>, if given) in the representative's 1:1 chat.</summary>
    public Task<InvokeResult> AsRepAsync(TestUser rep, string verb, object data, string? replyToId = null) =>
        Host.ExecuteAsync(rep, BotTestHost.PersonalChat(rep), verb, data, replyToId);

    /// <summary>Creates the audit from the creation card and returns its id.</summary>
    public Task<Guid> CreateAsync(string title = "Non-accidental injury audit, spring 2026") =>
        CreateAsync(NewAuditForm with { Title = title });

    /// <summary>
    /// Creates the audit from the creation card filled in as <paramref name="form"/> and returns its id; set up in the team
    /// channel unless <paramref name="where"/> names another conversation (the chair's 1:1 chat, say).
    /// </summary>
    public async Task<Guid> CreateAsync(CreateAuditData form, TestConversation? where = null)
    {
        await Host.SayAsync(Chair, where ?? Team, "new audit");
        var created = await ExecuteAsync(Chair, CreateScreen.Create, form, where);
        var card = CardOf(created);
        AuditId = Guid.Parse(FindString(card, "auditId")!);
        return AuditId;
    }

    public async Task AddCasesAsync()
    {
        foreach (var (reference, band) in Cases.Zip(new[] { "Under 1", "Under 1", "1-4" }))
        {
            var added = await ExecuteAsync(Chair, CasesScreen.AddCase, new AddCaseData(AuditId, reference, band));
            AssertHasText(added, $"Case {reference} added");
        }
    }

    /// <summary>
    /// Adds the five agencies, picks representatives from the roster; police has a named lead; schools return on case 1 only.
    /// </summary>
    public async Task AddAgenciesAsync()
    {
        for (var i = 0; i < Agencies.Length; i++)
        {
            var (rep, type, name) = Agencies[i];
            var agencyId = $"agency-{i + 1}";
            var added = await ExecuteAsync(Chair, AgenciesScreen.AddAgency, new AddAgencyData(AuditId, type.ToString(), name));
            AssertHasText(added, $"{name} added");
            var people = await ExecuteAsync(Chair, AgenciesScreen.AgencyPeople, new AgencyRefData(AuditId, agencyId));
            Assert.Contains(rep.Name, CardOf(people).GetRawText());
            var namedLead = type == AgencyType.Police ? Lead.Id : null;
            var assignedCases = type == AgencyType.School ? Cases[0] : null;
            var saved = await ExecuteAsync(Chair, AgenciesScreen.SaveAgencyPeople,
                new AgencyPeopleData(AuditId, agencyId, rep.Id, namedLead, assignedCases));
            AssertHasText(saved, "people and cases saved");
        }
    }

    public async Task<InvokeResult> IssueAsync() => await ExecuteAsync(Chair, DashboardScreen.Issue, new AuditRefData(AuditId));

    /// <summary>Create, cases, agencies, issue and deliver.</summary>
    public async Task SetUpIssuedAsync()
    {
        await CreateAsync();
        await AddCasesAsync();
        await AddAgenciesAsync();
        AssertHasText(await IssueAsync(), "Audit issued");
        await Host.DrainOutboxAsync();
    }

    /// <summary>What the bot sent to this person's 1:1 chat that contains this text.</summary>
    public List<SentActivity> SentTo(TestUser person, string text) =>
        Host.Sent(BotTestHost.PersonalChat(person).Id).Where(x => x.AllText.Contains(text, StringComparison.Ordinal)).ToList();

    public async Task<AuditReturn> ReturnOfAsync(int agencyIndex, int caseIndex = 0) =>
        (await Store.ListReturnsAsync(AuditId, default)).Select(r => r.Value)
        .Single(r => r.AgencyId == $"agency-{agencyIndex + 1}" && r.CaseReference.Value == Cases[caseIndex]);

    /// <summary>
    /// Saving the first page of the return's first section, with these inputs typed in: <c>a:{questionId}</c> answers
    /// and <c>n:{questionId}</c> narratives. The version is the return's unless given.
    /// </summary>
    public SaveSectionData SaveFirstSection(AuditReturn ret, string move, IReadOnlyDictionary<string, string> inputs,
        int? version = null) =>
        new(AuditId, ret.Id, ret.Sections[0].Id, 0, 0, version ?? ret.Version, move) { Inputs = Typed(inputs) };

    /// <summary>
    /// Saving "yes" with <paramref name="narrative"/> to the return's immediate-safety question, staying on its page (the
    /// press a representative makes to raise an alert).
    /// </summary>
    public SaveSectionData SafetyYes(AuditReturn ret, string narrative)
    {
        ArgumentNullException.ThrowIfNull(ret);
        var section = ret.Sections.Single(x => x.Questions.Any(q => q.IsSafetyQuestion));
        var safety = section.Questions.Single(q => q.IsSafetyQuestion);
        return new SaveSectionData(AuditId, ret.Id, section.Id, 0, 0, ret.Version, ReturnMoves.Stay)
        {
            Inputs = Typed(new Dictionary<string, string> { ["a:" + safety.Id] = "yes", ["n:" + safety.Id] = narrative }),
        };
    }

    /// <summary>
    /// Fills every step of a return through its cards and submits it, as the agency's scenario representative or as
    /// <paramref name="representative"/> (one the chair chose in its place), each press on the message
    /// <paramref name="replyToId"/> when given (the card its answers replace in place).
    /// </summary>
    public async Task FillAndSubmitAsync(int agencyIndex, int caseIndex, bool safetyConcern = false, TestUser? representative = null,
        string? replyToId = null)
    {
        var rep = representative ?? Agencies[agencyIndex].Rep;
        var ret = await ReturnOfAsync(agencyIndex, caseIndex);
        var card = CardOf(await AsRepAsync(rep, ReturnsScreen.OpenReturn, new ReturnRefData(AuditId, ret.Id, 0), replyToId));
        for (var guard = 0; guard < 40; guard++)
        {
            if (FindAction(card, ReturnsScreen.SaveSection) is { } section)
            {
                var save = DataOf<SaveSectionData>(section, ReturnMoves.Next, ReturnsScreen.SaveSection, card);
                var inputs = InputIds(card).ToDictionary(id => id, id => Answer(ret, id, safetyConcern));
                card = CardOf(await AsRepAsync(rep, ReturnsScreen.SaveSection, save with { Inputs = Typed(inputs) }, replyToId));
            }
            else if (FindAction(card, ReturnsScreen.SaveSummary) is { } summary)
            {
                var save = DataOf<SaveSummaryData>(summary, ReturnMoves.Next, ReturnsScreen.SaveSummary, card) with
                {
                    GoodPractice = "Strategy meeting held promptly with the right agencies.",
                    AreasForDevelopment = "Fathers were not seen or assessed.",
                    Recommendations = "Audit father-inclusive practice next quarter.",
                    Grade = "good",
                };
                card = CardOf(await AsRepAsync(rep, ReturnsScreen.SaveSummary, save, replyToId));
            }
            else if (FindAction(card, ReturnsScreen.ConfirmSubmit) is { } confirm)
            {
                card = CardOf(await AsRepAsync(rep, ReturnsScreen.ConfirmSubmit, Read<SubmitReturnData>(confirm), replyToId));
                var submit = FindAction(card, ReturnsScreen.Submit)!.Value;
                card = CardOf(await AsRepAsync(rep, ReturnsScreen.Submit, Read<SubmitReturnData>(submit), replyToId));
                Assert.Contains("submitted and locked", card.GetRawText());
                return;
            }
            else
            {
                Assert.Fail("No way forward on the card: " + card.GetRawText());
            }
        }

        Assert.Fail("The tool did not reach the submit step.");
    }

    /// <summary>
    /// Answers every question of the return's sections but <paramref name="except"/> page by page through their cards, as
    /// the agency's scenario representative, saving each page where it is: yes with a short narrative, no to immediate safety.
    /// </summary>
    public async Task AnswerEveryQuestionAsync(int agencyIndex, string? except = null)
    {
        var rep = Agencies[agencyIndex].Rep;
        var ret = await ReturnOfAsync(agencyIndex);
        foreach (var step in ReturnSteps.Build(ret).Where(s => !s.IsSummary && s.Section!.Id != except))
        {
            for (var page = 0; page < step.PageCount; page++)
            {
                var card = CardOf(await AsRepAsync(rep, ReturnsScreen.OpenReturn, new ReturnRefData(AuditId, ret.Id, step.Index, page)));
                var save = DataOf<SaveSectionData>(FindAction(card, ReturnsScreen.SaveSection)!.Value, ReturnMoves.Stay,
                    ReturnsScreen.SaveSection, card);
                var inputs = InputIds(card).ToDictionary(id => id, id => Answer(ret, id, safetyConcern: false));
                CardOf(await AsRepAsync(rep, ReturnsScreen.SaveSection, save with { Inputs = Typed(inputs) }));
            }
        }

        ret = await ReturnOfAsync(agencyIndex);
        Assert.All(ret.RequiredQuestions.Where(q => !ret.Sections.Any(s => s.Id == except && s.Questions.Contains(q))),
            q => Assert.True(ret.AnswerTo(q.Id)?.IsAnswered, q.Id));
    }

    /// <summary>What the representative types into an input: yes to every question (no to safety unless a concern is raised).</summary>
    private static string Answer(AuditReturn ret, string inputId, bool safetyConcern)
    {
        var safety = ret.AllQuestions.Single(q => q.Id == inputId[2..]).IsSafetyQuestion;
        if (inputId.StartsWith("a:", StringComparison.Ordinal))
        {
            return safety ? (safetyConcern ? "yes" : "no") : "yes";
        }

        return safety && safetyConcern
            ? "Bruising seen at a recent contact; agency referral made today."
            : "Records show a timely, well-recorded response.";
    }

    /// <summary>Inputs as Teams merges them into the action's data: strings, kept by the record's extension data.</summary>
    private static Dictionary<string, JsonElement> Typed(IReadOnlyDictionary<string, string> inputs) =>
        inputs.ToDictionary(i => i.Key, i => JsonSerializer.SerializeToElement(i.Value));
}
