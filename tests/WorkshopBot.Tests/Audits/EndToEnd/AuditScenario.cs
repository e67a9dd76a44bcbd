using System.Text.Json;
using WorkshopBot.Audits;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Audits.EndToEnd;

/// <summary>
/// Drives the audit feature over real HTTP: a chair in a team channel, five representatives of different agencies
/// (one with a named lead), three cases. Made-up people and pseudonymous references only.
/// </summary>
internal sealed class AuditScenario : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    public const string PublicBaseUrl = "https://workshopbot.example.org";

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

    private AuditScenario(BotTestHost host, AuditTestClock time)
    {
        Host = host;
        Time = time;
    }

    public BotTestHost Host { get; }

    public AuditTestClock Time { get; }

    public Guid AuditId { get; private set; }

    public AuditStore Store => new(Host.Get<IDocumentStore>());

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
            .Select(u => new TeamsChannelAccount { Id = u.Id, AadObjectId = u.AadObjectId, Name = u.Name }));
        var scenario = new AuditScenario(host, time);
        await host.SendAsync(host.BotAdded(Chair, Team));
        return scenario;
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();

    public Task<InvokeResult> ExecuteAsync(TestUser user, string verb, object data, TestConversation? where = null) =>
        Host.ExecuteAsync(user, where ?? Team, verb, data);

    public Task<InvokeResult> AsRepAsync(TestUser rep, string verb, object data) =>
        Host.ExecuteAsync(rep, BotTestHost.PersonalChat(rep), verb, data);

    /// <summary>Creates the audit from the creation card and returns its id.</summary>
    public async Task<Guid> CreateAsync(string title = "Non-accidental injury audit, spring 2026")
    {
        await Host.SayAsync(Chair, Team, "new audit");
        var created = await ExecuteAsync(Chair, CreateScreen.Create, new
        {
            title,
            templateKey = "nai",
            gradeScaleKey = "ofsted-4",
            lookBackMonths = "12",
            returnsDue = "2026-03-20",
            workshopDate = "2026-03-27",
            reminderDays = "2",
        });
        var card = CardOf(created);
        AuditId = Guid.Parse(FindString(card, "auditId")!);
        return AuditId;
    }

    public async Task AddCasesAsync()
    {
        foreach (var (reference, band) in Cases.Zip(new[] { "Under 1", "Under 1", "1-4" }))
        {
            AssertHasText(await ExecuteAsync(Chair, CasesScreen.AddCase, new { auditId = AuditId, caseReference = reference, ageBand = band }), $"Case {reference} added");
        }
    }

    /// <summary>Adds the five agencies, picks representatives from the roster; police has a named lead; schools return on case 1 only.</summary>
    public async Task AddAgenciesAsync()
    {
        for (var i = 0; i < Agencies.Length; i++)
        {
            var (rep, type, name) = Agencies[i];
            AssertHasText(await ExecuteAsync(Chair, AgenciesScreen.AddAgency, new { auditId = AuditId, agencyType = type.ToString(), agencyName = name }), $"{name} added");
            var people = await ExecuteAsync(Chair, AgenciesScreen.AgencyPeople, new { auditId = AuditId, agencyId = $"agency-{i + 1}" });
            Assert.Contains(rep.Name, CardOf(people).GetRawText());
            var saved = await ExecuteAsync(Chair, AgenciesScreen.SaveAgencyPeople, new
            {
                auditId = AuditId,
                agencyId = $"agency-{i + 1}",
                representative = rep.Id,
                namedLead = type == AgencyType.Police ? Lead.Id : null,
                assignedCases = type == AgencyType.School ? Cases[0] : null,
            });
            AssertHasText(saved, "people and cases saved");
        }
    }

    public async Task<InvokeResult> IssueAsync() => await ExecuteAsync(Chair, DashboardScreen.Issue, new { auditId = AuditId });

    /// <summary>Create, cases, agencies, issue and deliver.</summary>
    public async Task SetUpIssuedAsync()
    {
        await CreateAsync();
        await AddCasesAsync();
        await AddAgenciesAsync();
        AssertHasText(await IssueAsync(), "Audit issued");
        await Host.DrainOutboxAsync();
    }

    public async Task<AuditReturn> ReturnOfAsync(int agencyIndex, int caseIndex = 0) =>
        (await Store.ListReturnsAsync(AuditId, default)).Select(r => r.Value)
        .Single(r => r.AgencyId == $"agency-{agencyIndex + 1}" && r.CaseReference.Value == Cases[caseIndex]);

    /// <summary>Fills every step of a return through its cards and submits it.</summary>
    public async Task FillAndSubmitAsync(int agencyIndex, int caseIndex, bool safetyConcern = false)
    {
        var rep = Agencies[agencyIndex].Rep;
        var ret = await ReturnOfAsync(agencyIndex, caseIndex);
        var card = CardOf(await AsRepAsync(rep, ReturnsScreen.OpenReturn, new { auditId = AuditId, returnId = ret.Id, step = 0 }));
        for (var guard = 0; guard < 40; guard++)
        {
            if (FindAction(card, ReturnsScreen.SaveSection) is { } section)
            {
                var inputs = InputIds(card).ToDictionary(id => id, id => (object?)(id.StartsWith("a:", StringComparison.Ordinal)
                    ? (IsSafety(ret, id[2..]) ? (safetyConcern ? "yes" : "no") : "yes")
                    : IsSafety(ret, id[2..]) && safetyConcern ? "Bruising seen at a recent contact; agency referral made today." : "Records show a timely, well-recorded response."));
                card = CardOf(await AsRepAsync(rep, ReturnsScreen.SaveSection, Merge(DataOf(section, ReturnMoves.Next, ReturnsScreen.SaveSection, card), inputs)));
            }
            else if (FindAction(card, ReturnsScreen.SaveSummary) is { } summary)
            {
                card = CardOf(await AsRepAsync(rep, ReturnsScreen.SaveSummary, Merge(DataOf(summary, ReturnMoves.Next, ReturnsScreen.SaveSummary, card), new Dictionary<string, object?>
                {
                    ["goodPractice"] = "Strategy meeting held promptly with the right agencies.",
                    ["areasForDevelopment"] = "Fathers were not seen or assessed.",
                    ["recommendations"] = "Audit father-inclusive practice next quarter.",
                    ["grade"] = "good",
                })));
            }
            else if (FindAction(card, ReturnsScreen.ConfirmSubmit) is { } confirm)
            {
                card = CardOf(await AsRepAsync(rep, ReturnsScreen.ConfirmSubmit, confirm.GetProperty("data")));
                var submit = FindAction(card, ReturnsScreen.Submit)!.Value;
                card = CardOf(await AsRepAsync(rep, ReturnsScreen.Submit, submit.GetProperty("data")));
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

    private static bool IsSafety(AuditReturn ret, string questionId) => ret.AllQuestions.Single(q => q.Id == questionId).IsSafetyQuestion;

    /// <summary>The data of the action with this verb and move ("next"), else the first with the verb.</summary>
    private static JsonElement DataOf(JsonElement first, string move, string verb, JsonElement card) =>
        AllActions(card).Where(a => Verb(a) == verb).Select(a => a.GetProperty("data"))
            .FirstOrDefault(d => d.TryGetProperty("move", out var m) && m.GetString() == move && !d.TryGetProperty("confirmNotIdentifying", out _), first.GetProperty("data"));

    public static Dictionary<string, object?> Merge(JsonElement data, IReadOnlyDictionary<string, object?> inputs)
    {
        var merged = JsonSerializer.Deserialize<Dictionary<string, object?>>(data.GetRawText())!;
        foreach (var (k, v) in inputs)
        {
            merged[k] = v;
        }

        return merged;
    }

    public static JsonElement CardOf(InvokeResult result)
    {
        Assert.Equal(System.Net.HttpStatusCode.OK, result.Status);
        return result.Card ?? throw new Xunit.Sdk.XunitException("Expected a card, got: " + result.Body?.GetRawText());
    }

    public static void AssertHasText(InvokeResult result, string text) =>
        Assert.Contains(text, CardOf(result).GetRawText(), StringComparison.Ordinal);

    public static IEnumerable<JsonElement> AllActions(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("type", out var type) && type.GetString()?.StartsWith("Action.", StringComparison.Ordinal) == true)
            {
                yield return element;
            }

            foreach (var p in element.EnumerateObject())
            {
                foreach (var a in AllActions(p.Value))
                {
                    yield return a;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (var a in AllActions(item))
                {
                    yield return a;
                }
            }
        }
    }

    private static string? Verb(JsonElement action) => action.TryGetProperty("verb", out var v) ? v.GetString() : null;

    public static JsonElement? FindAction(JsonElement card, string verb) =>
        AllActions(card).Where(a => Verb(a) == verb).Select(a => (JsonElement?)a).FirstOrDefault();

    public static IEnumerable<string> InputIds(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("type", out var type) && type.GetString()?.StartsWith("Input.", StringComparison.Ordinal) == true)
            {
                yield return element.GetProperty("id").GetString()!;
            }

            foreach (var p in element.EnumerateObject())
            {
                foreach (var id in InputIds(p.Value))
                {
                    yield return id;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (var id in InputIds(item))
                {
                    yield return id;
                }
            }
        }
    }

    public static string? FindString(JsonElement element, string property)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in element.EnumerateObject())
            {
                if (p.Name == property && p.Value.ValueKind == JsonValueKind.String)
                {
                    return p.Value.GetString();
                }

                if (FindString(p.Value, property) is { } found)
                {
                    return found;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                if (FindString(item, property) is { } found)
                {
                    return found;
                }
            }
        }

        return null;
    }
}
