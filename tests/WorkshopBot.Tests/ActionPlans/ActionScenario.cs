using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.ActionPlans.Jobs;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Storage;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Tests.Audits.EndToEnd;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Tests.Briefings;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.ActionPlans;

/// <summary>
/// The action plan over real HTTP: an audit (police and health visiting) whose briefing the chair approved, seeded as
/// those features store them; the chair works in the QA sub-group's channel; two agency leads and a practitioner are in
/// the team. Made-up people and pseudonymous references only. Cards are acted on with the screens' typed data records.
/// </summary>
internal sealed class ActionScenario : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 4, 14, 9, 0, 0, TimeSpan.Zero);

    public static readonly TestUser Chair = BotTestHost.User("QA Sub-group Chair");
    public static readonly TestUser PoliceLead = BotTestHost.User("Police Lead");
    public static readonly TestUser HealthLead = BotTestHost.User("Health Visiting Lead");
    public static readonly TestUser Practitioner = BotTestHost.User("Front-line Practitioner");
    public static readonly TestConversation QaChannel = BotTestHost.Channel("QA sub-group", "Safeguarding Partnership");

    /// <summary>Another organisation the bot also serves, with an admin of its own.</summary>
    public const string OtherTenant = "9a8b7c6d-0000-4000-8000-00000000beef";

    public static readonly TestUser OtherTenantAdmin = BotTestHost.User("Neighbouring Partnership Admin");

    /// <summary>An admin of the scenario's own tenant, who chairs none of its audits.</summary>
    public static readonly TestUser PartnershipAdmin = BotTestHost.User("Partnership Business Manager");

    private ActionScenario(BotTestHost host, AuditTestClock time, Audit audit, IReadOnlyList<Recommendation> recommendations)
    {
        Host = host;
        Time = time;
        Audit = audit;
        Recommendations = recommendations;
    }

    public BotTestHost Host { get; }

    public AuditTestClock Time { get; }

    public Audit Audit { get; }

    /// <summary>The approved briefing's recommendations, as the plan card numbers them.</summary>
    public IReadOnlyList<Recommendation> Recommendations { get; }

    /// <param name="postgres">A PostgreSQL database; SQLite when null.</param>
    /// <param name="agencyRecommendations">Further lines of each agency's recommendations in its return (one each).</param>
    /// <param name="services">Test seams to install in the bot (see <see cref="BotTestHostOptions.Services"/>).</param>
    /// <param name="chairEdit">
    /// When given, the composed briefing's approval is refused, and the chair's edit makes the version approved.
    /// </param>
    /// <param name="moreAgencies">
    /// Agencies of the audit after police and health visiting ("agency-3", ...), with no return; the workshop agreed a
    /// recommendation each of them owns (<see cref="WorkshopRecommendationOf"/>).
    /// </param>
    public static async Task<ActionScenario> StartAsync(string? postgres = null,
        (string Police, string Health)? agencyRecommendations = null, Action<IServiceCollection>? services = null,
        Func<Briefing, Briefing>? chairEdit = null, IReadOnlyList<string>? moreAgencies = null)
    {
        var time = new AuditTestClock(Start);
        var host = await BotTestHost.StartAsync(o =>
        {
            o.Time = time;
            o.Services = services;
            o.PostgresConnectionString = postgres;
            o.Settings["WorkshopBot:PublicBaseUrl"] = "https://audits.partnership.example.org";
            o.Settings["WorkshopBot:Chairs:0"] = Chair.AadObjectId;
            o.Settings["WorkshopBot:Admins:0"] = OtherTenant + "/" + OtherTenantAdmin.AadObjectId;
            o.Settings["WorkshopBot:Admins:1"] = PartnershipAdmin.AadObjectId;
            o.Settings["WorkshopBot:AllowedTenants:1"] = OtherTenant;
            o.Settings["Audits:RunJobsInBackground"] = "false";
            o.Settings["Actions:RunJobsInBackground"] = "false";
            o.Settings["Workshop:RunTimerInBackground"] = "false";
        });
        host.Connector.WriteLimits = [];
        host.Connector.Roster.AddRange(new[] { Chair, PoliceLead, HealthLead, Practitioner }
            .Select(u => new TeamsChannelAccount
            {
                Id = u.Id, AadObjectId = u.AadObjectId, Name = u.Name, TenantId = BotTestHost.TenantId,
            }));
        await host.SendAsync(host.BotAdded(Chair, QaChannel));
        var (audit, briefing) = await SeedAsync(host, new PersonRef(Chair.AadObjectId, Chair.Name) { TenantId = BotTestHost.TenantId },
            Start.AddDays(-40), agencyRecommendations, chairEdit, moreAgencies);
        return new ActionScenario(host, time, audit, BriefingRecommendations.Of(briefing, Identifiers, [CaseReference]));
    }

    /// <summary>
    /// An issued two-agency audit with submitted returns, the recommendation the partnership agreed at its workshop, and
    /// the briefing composed and approved: one partnership recommendation, then each agency's own (with a target month).
    /// </summary>
    public static async Task<(Audit Audit, Briefing Briefing)> SeedAsync(BotTestHost host, PersonRef chair, DateTimeOffset at,
        (string Police, string Health)? more = null, Func<Briefing, Briefing>? chairEdit = null,
        IReadOnlyList<string>? moreAgencies = null)
    {
        var audit = Audit.Create(Guid.NewGuid(), "NAI audit spring 2026", "nai", chair, at).ValueOrThrow();
        Assert.True(audit.AddCase(BriefingFlowHarness.Case1, AgeBand.Under1).Succeeded);
        audit.AddAgency(AgencyType.Police, "County Police", new PersonRef("police-rep", "Police Auditor")).ValueOrThrow();
        audit.AddAgency(AgencyType.HealthVisiting, "Health Visiting", new PersonRef("hv-rep", "HV Auditor")).ValueOrThrow();
        foreach (var (name, i) in (moreAgencies ?? []).Select((name, i) => (name, i)))
        {
            audit.AddAgency(AgencyType.Other, name, new PersonRef($"other-rep-{i}", "Other Auditor")).ValueOrThrow();
        }

        Assert.True(audit.ScheduleReturnsDue(at.AddDays(5), at).Succeeded);
        Assert.True(audit.Issue(at).Succeeded);
        var returns = new List<AuditReturn>();
        foreach (var (agencyId, recommendation) in new[]
        {
            ("agency-1", "Share police interview notes with health within two working days by June 2026"
                + (more is { } m1 ? "\n" + m1.Police : "")),
            ("agency-2", "Train health visitors to see and assess fathers at every contact by July 2026"
                + (more is { } m2 ? "\n" + m2.Health : "")),
        })
        {
            var ret = AuditReturn.Create(Guid.NewGuid(), audit, BriefingFlowHarness.Case1, agencyId).ValueOrThrow();
            var by = new PersonRef(agencyId, agencyId);
            foreach (var section in ret.Sections)
            {
                var answers = section.Questions
                    .Select(q => new AnswerInput(q.Id, q.IsSafetyQuestion ? AnswerValue.No : AnswerValue.Yes, "Seen.")).ToList();
                ret.SaveSection(section.Id, answers, ret.Version, by, at).ValueOrThrow();
            }

            ret.SaveSummary(new ReturnSummaryInput("Prompt referral", "Information was not shared quickly", recommendation, "good"),
                ret.Version, by, at).ValueOrThrow();
            Assert.True(ret.Submit(ret.Version, by, at).Succeeded);
            returns.Add(ret);
        }

        var outcome = new WorkshopOutcome(audit.Id, [], [])
        {
            Recommendations =
            [
                new WorkshopRecommendation("r1", PartnershipRecommendation, WorkshopRecommendation.PartnershipOwnerId,
                    WorkshopRecommendation.PartnershipOwnerName, new DateOnly(2026, 5, 30), PartnershipMeasure, chair.UserId, at),
                .. (moreAgencies ?? []).Select((name, i) => new WorkshopRecommendation($"r{i + 2}", WorkshopRecommendationOf(name),
                    $"agency-{i + 3}", name, new DateOnly(2026, 6, 30), PartnershipMeasure, chair.UserId, at)),
            ],
        };
        var briefing = BriefingFixtures.Composer.Compose(BriefingSource.From(audit, returns, outcome),
            DateOnly.FromDateTime(at.UtcDateTime));
        var record = BriefingRecord.Start(briefing, chair, at);
        if (chairEdit is not null)
        {
            Assert.False(record.Approve(1, chair, at, Identifiers, [CaseReference]).Succeeded);
            briefing = chairEdit(briefing);
            record.AddVersion(briefing, "Edited the next steps", 1, chair, at).ValueOrThrow();
        }

        Assert.True(record.Approve(record.Latest.Number, chair, at, Identifiers, [CaseReference]).Succeeded);
        await host.WorkAsync(async services =>
        {
            var audits = services.GetRequiredService<AuditStore>();
            foreach (var ret in returns)
            {
                Assert.True(await audits.InsertReturnAsync(ret, CancellationToken.None));
            }

            Assert.True(await audits.InsertAuditAsync(audit, CancellationToken.None));
            Assert.True(await services.GetRequiredService<BriefingStore>().TryInsertAsync(record, CancellationToken.None));
        });
        return (audit, briefing);
    }

    /// <summary>The identifier check the bot screens with (no partnership contacts spared).</summary>
    public static FreeTextCheck Identifiers => new(IdentifierScanner.Default);

    public const string CaseReference = "NAI-2026-03-C1";

    public const string PartnershipRecommendation = "Agree an information-sharing protocol between police and health";

    /// <summary>What the workshop agreed an agency of <c>moreAgencies</c> (see <see cref="StartAsync"/>) would do.</summary>
    public static string WorkshopRecommendationOf(string agency) => $"Review the referrals {agency} made this year";

    public const string PartnershipMeasure = "Every interview note reaches health within two working days";

    /// <summary>The number of the first recommendation that matches, as the plan card and the create form name it.</summary>
    public int RecommendationNumber(bool partnership, string owner) =>
        Recommendations.First(r => r.IsPartnership == partnership && (r.Owner ?? "").Contains(owner, StringComparison.Ordinal)).Number;

    /// <summary>The value an input of a card starts with.</summary>
    public static string? InputValue(JsonElement card, string inputId) =>
        card.GetProperty("body").EnumerateArray()
            .Where(e => e.TryGetProperty("id", out var id) && id.GetString() == inputId)
            .Select(e => e.TryGetProperty("value", out var v) ? v.GetString() : null)
            .FirstOrDefault();

    public ValueTask DisposeAsync() => Host.DisposeAsync();

    public Task<InvokeResult> InChannelAsync(TestUser user, string verb, object data) => Host.ExecuteAsync(user, QaChannel, verb, data);

    public Task<InvokeResult> InChatAsync(TestUser user, string verb, object data) =>
        Host.ExecuteAsync(user, BotTestHost.PersonalChat(user), verb, data);

    public async Task<IReadOnlyList<PlannedAction>> ActionsAsync()
    {
        using var scope = Host.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ActionStore>().ListForAuditAsync(Audit.Id, BotTestHost.TenantId,
            CancellationToken.None);
    }

    /// <summary>A card action from a person of <see cref="OtherTenant"/>, in their 1:1 chat.</summary>
    public Task<InvokeResult> InOtherTenantAsync(TestUser user, string verb, object data) =>
        Host.InvokeAsync(InTenant(Host.CardAction(user, BotTestHost.PersonalChat(user), verb, data), OtherTenant));

    /// <summary>A message from a person of <see cref="OtherTenant"/>, in their 1:1 chat.</summary>
    public Task SayInOtherTenantAsync(TestUser user, string text) =>
        Host.SendAsync(InTenant(Host.Message(user, BotTestHost.PersonalChat(user), text), OtherTenant));

    private static Activity InTenant(Activity activity, string tenantId) => activity with
    {
        Conversation = activity.Conversation! with { TenantId = tenantId },
        ChannelData = BotJson.ToElement(new TeamsChannelData { Tenant = new TenantInfo { Id = tenantId } }),
    };

    /// <summary>The chair's review card of an action's evidence (the one "Review the evidence" shows).</summary>
    public async Task<JsonElement> ReviewAsync(Guid actionId)
    {
        var review = await InChatAsync(Chair, SignOffScreen.Review, new ActionRefData(actionId));
        return review.Card ?? throw new InvalidOperationException($"Expected the review card, got {review.Status}: {review.Body}");
    }

    /// <summary>What Teams sends when the button of <paramref name="verb"/> on a card is pressed: its data and the inputs.</summary>
    public static Dictionary<string, JsonElement> Press(JsonElement card, string verb, params (string Id, string Value)[] inputs)
    {
        var button = card.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("verb").GetString() == verb);
        var data = button.GetProperty("data").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
        foreach (var (id, value) in inputs)
        {
            data[id] = JsonSerializer.SerializeToElement(value);
        }

        return data;
    }

    public Task<ActionJobReport> RunJobsAsync() => Host.Get<ActionJobs>().RunOnceAsync(CancellationToken.None);

    public async Task<IReadOnlyList<WorkshopBot.Storage.AuditEvent>> LogAsync(string subjectType) =>
        (await Host.Get<WorkshopBot.Storage.IAuditLog>().ListRecentAsync(1000)).Where(e => e.SubjectType == subjectType).ToList();

    public static string Text(InvokeResult result) => (result.Card ?? throw new InvalidOperationException(
        $"Expected a card, got {result.Status}: {result.Body}")).GetRawText();

    /// <summary>Cards the bot posted or updated in a person's 1:1 chat (the fake connector names it after their Teams id).</summary>
    public IReadOnlyList<string> ChatCards(TestUser user) =>
        Host.CardsIn(BotTestHost.PersonalChat(user).Id).Select(c => c.GetRawText()).ToList();

    public IReadOnlyList<SentActivity> ChannelPosts() => Host.Sent(QaChannel.ChannelId);

    public static string? ValueOf(JsonElement card, string inputId, string choiceTitle)
    {
        foreach (var element in card.GetProperty("body").EnumerateArray())
        {
            if (element.TryGetProperty("id", out var id) && id.GetString() == inputId)
            {
                return element.GetProperty("choices").EnumerateArray()
                    .First(c => c.GetProperty("title").GetString() == choiceTitle).GetProperty("value").GetString();
            }
        }

        return null;
    }
}
