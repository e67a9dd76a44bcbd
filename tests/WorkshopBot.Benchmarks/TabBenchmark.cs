using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Common;
using WorkshopBot.Common.Storage;
using WorkshopBot.Hosting;
using WorkshopBot.Insights.Domain;
using WorkshopBot.Insights.Storage;
using WorkshopBot.Insights.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Benchmarks;

/// <summary>
/// The cross-audit tab for five years of a partnership: 60 audits x 15 cases x 12 agencies (10,800 graded returns), 600
/// actions and 60 briefings with team discussions, in a real SQLite store behind the real bot (development mode on
/// loopback). Reports, as medians and 95th percentiles: the view computed and rendered on the server from the facts,
/// the store read that gathers the facts, and the whole GET /tab/api/view over HTTP. Target: under 300 ms.
/// `tab [rounds] [--neighbour]`: with --neighbour a second partnership of the same size shares the store, which the
/// view must not read (its cost should not change).
/// </summary>
public static class TabBenchmark
{
    private const string Tenant = "6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9";
    private const string Neighbour = "0e9d8c7b-6a5f-4e3d-8c2b-1a0f9e8d7c6b";
    private const string User = "bench-chair";

    private static readonly string[] Agencies =
    [
        "County Police", "Children's Social Care", "Health Visiting", "Midwifery", "Acute Hospital Trust", "GP Practices",
        "Schools", "Early Help", "CAMHS", "Probation", "Housing", "Voluntary Sector",
    ];

    private static readonly string[] AuditThemes = ["Neglect", "Domestic abuse", "Harm outside the home and exploitation",
        "Parental mental health", "Vulnerability of babies and child development"];

    private static readonly string[] ActionThemes = [Themes.InformationSharing, Themes.FathersAndMales, Themes.ProfessionalCuriosity,
        Themes.SupervisionAndOversight, Themes.VoiceOfChild, Themes.ChallengeAndEscalation];

    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var n) ? n : 50;
        var neighbour = args.Contains("--neighbour", StringComparer.Ordinal);
        var folder = Directory.CreateTempSubdirectory("workshopbot-tab-bench-");
        try
        {
            var builder = WebApplication.CreateBuilder(WorkshopBotHost.Options([]));
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Urls"] = "http://127.0.0.1:0",
                ["MicrosoftAppId"] = "",
                // Development mode outside the Development environment: the benchmark's own in-process bot, on loopback.
                ["Bot:AllowDevelopmentMode"] = "true",
                ["Storage:Provider"] = "Sqlite",
                ["Storage:SqlitePath"] = Path.Combine(folder.FullName, "bench.db"),
                ["Outbox:RunInBackground"] = "false",
                ["Audits:RunJobsInBackground"] = "false",
                ["Actions:RunJobsInBackground"] = "false",
                ["Workshop:RunTimerInBackground"] = "false",
                ["Logging:LogLevel:Default"] = "Warning",
                ["WorkshopBot:Tab:DevelopmentUser:ObjectId"] = User,
                ["WorkshopBot:Tab:DevelopmentUser:TenantId"] = Tenant,
            });
            builder.AddWorkshopBot();
            await using var app = builder.Build();
            app.MapWorkshopBot();
            await app.Services.GetRequiredService<StorageMigrator>().MigrateAsync();
            await app.StartAsync();
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var start = today.AddYears(-5).AddDays(10);
            var seeding = Stopwatch.StartNew();
            await SeedAsync(app.Services, start, today, Tenant);
            if (neighbour)
            {
                await SeedAsync(app.Services, start, today, Neighbour);
            }

            var each = neighbour ? " for each of two partnerships" : "";
            Console.WriteLine($"Seeded 60 audits, 10,800 returns, 600 actions, 60 briefings{each} in {seeding.Elapsed.TotalSeconds:0.0} s");

            var query = new InsightQuery(today.AddYears(-5), today);
            InsightFactSet facts;
            using (var scope = app.Services.CreateScope())
            {
                facts = await scope.ServiceProvider.GetRequiredService<InsightSources>().ReadAsync(Tenant, CancellationToken.None);
            }

            var html = SummaryHtml.Render(PartnershipSummary.Compute(facts, query, today));
            Console.WriteLine($"View: {facts.Audits.Count} audits, {facts.Audits.Sum(a => a.Grades.Count)} graded returns, "
                + $"{facts.Actions.Count} actions; HTML {html.Length / 1024} KB");
            Report("compute + render (server, from the facts)", Measure(rounds * 4, () =>
                Task.FromResult(SummaryHtml.Render(PartnershipSummary.Compute(facts, query, today)).Length)));
            Report("store read (InsightSources, SQLite)", Measure(rounds, async () =>
            {
                using var scope = app.Services.CreateScope();
                return (await scope.ServiceProvider.GetRequiredService<InsightSources>().ReadAsync(Tenant, CancellationToken.None))
                    .Audits.Count;
            }));
            using var http = new HttpClient { BaseAddress = new Uri(LoopbackServer.BaseUrl(app)) };
            var url = $"tab/api/view?from={query.From:yyyy-MM-dd}&to={query.To:yyyy-MM-dd}";
            Report("GET /tab/api/view over HTTP (read + compute + render)", Measure(rounds, async () =>
            {
                using var response = await http.GetAsync(new Uri(url, UriKind.Relative));
                response.EnsureSuccessStatusCode();
                return (await response.Content.ReadAsStringAsync()).Length;
            }));
            await app.StopAsync();
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static List<double> Measure(int rounds, Func<Task<int>> body)
    {
        for (var i = 0; i < 3; i++)
        {
            body().GetAwaiter().GetResult();
        }

        var times = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            var watch = Stopwatch.StartNew();
            body().GetAwaiter().GetResult();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return times;
    }

    private static void Report(string what, List<double> times) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: median {times[times.Count / 2]:0.0} ms, p95 {times[(int)(times.Count * 0.95)]:0.0} ms ({times.Count} runs)"));

    private static async Task SeedAsync(IServiceProvider services, DateOnly start, DateOnly today, string tenant)
    {
        var random = new Random(20261201);
        var runner = services.GetRequiredService<WorkRunner>();
        var composer = new BriefingComposer(new BriefingComposerSettings("Contact the QA sub-group."));
        string[] grades = ["outstanding", "good", "good", "requires-improvement", "requires-improvement", "inadequate"];
        for (var a = 0; a < 60; a++)
        {
            var issued = new DateTimeOffset(start.AddDays(a * 30).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
            var chair = new PersonRef(User, "Bench Chair") { TenantId = tenant };
            var audit = Audit.Create(Guid.NewGuid(), $"Audit {a + 1}: {AuditThemes[a % AuditThemes.Length]}", QuestionTemplates.BlankKey,
                chair, issued.AddDays(-10)).ValueOrThrow();
            audit.Rename(audit.Title, AuditThemes[a % AuditThemes.Length]).ValueOrThrow();
            for (var c = 1; c <= 15; c++)
            {
                audit.AddCase(CaseReference.Create($"AUD{a + 1:00}-C{c}").ValueOrThrow(), AgeBand.Under1).ValueOrThrow();
            }

            foreach (var agency in Agencies)
            {
                audit.AddAgency(AgencyType.Other, agency, new PersonRef("rep-" + agency, agency)).ValueOrThrow();
            }

            audit.ScheduleReturnsDue(issued.AddDays(20), issued.AddDays(-10)).ValueOrThrow();
            audit.Issue(issued).ValueOrThrow();
            var returns = new List<AuditReturn>();
            foreach (var (auditCase, agency) in audit.ExpectedReturns())
            {
                var ret = AuditReturn.Create(Guid.NewGuid(), audit, auditCase.Reference, agency.Id).ValueOrThrow();
                var by = new PersonRef("rep-" + agency.Name, agency.Name);
                foreach (var section in ret.Sections)
                {
                    ret.SaveSection(section.Id, section.Questions.Select(q => new AnswerInput(q.Id, AnswerValue.No, "Seen.")).ToList(),
                        ret.Version, by, issued).ValueOrThrow();
                }

                ret.SaveSummary(new ReturnSummaryInput("Prompt referral", "Slow sharing", "Share sooner",
                    grades[random.Next(grades.Length)]), ret.Version, by, issued).ValueOrThrow();
                ret.Submit(ret.Version, by, issued).ValueOrThrow();
                returns.Add(ret);
            }

            audit.ReleaseForModeration(issued).ValueOrThrow(); // the tab counts released grades only
            var briefing = BriefingRecord.Start(composer.Compose(BriefingSource.From(audit, [], new WorkshopOutcome(audit.Id, [], [])),
                DateOnly.FromDateTime(issued.UtcDateTime).AddDays(30)), chair, issued.AddDays(30));
            var actions = Enumerable.Range(1, 10).Select(i =>
            {
                var due = DateOnly.FromDateTime(issued.UtcDateTime).AddDays(60 + (i * 20));
                var lead = new PersonRef("lead-" + i, "Lead " + i) { TenantId = tenant };
                var action = PlannedAction.Create(Guid.NewGuid(), tenant, audit.Id, audit.Title, i,
                    new ActionDraft("Agree a shared checklist", Agencies[(a + i) % Agencies.Length], new ActionLead(lead, null), due,
                        "Checklist in use", [ActionThemes[(a + i) % ActionThemes.Length]], null), chair, issued).ValueOrThrow();
                if (due < today.AddDays(-200))
                {
                    action.SubmitEvidence(lead, "Checklist adopted", issued.AddDays(50)).ValueOrThrow();
                    action.SignOff(chair, issued.AddDays(51)).ValueOrThrow();
                }

                return action;
            }).ToList();
            await runner.RunAsync<bool>(async (work, ct) =>
            {
                var store = work.GetRequiredService<AuditStore>();
                await store.InsertAuditAsync(audit, ct);
                foreach (var ret in returns)
                {
                    await store.InsertReturnAsync(ret, ct);
                }

                var briefings = work.GetRequiredService<BriefingStore>();
                await briefings.TryInsertAsync(briefing, ct);
                foreach (var team in new[] { "Early Help North", "MASH", "Health Visiting West" }.Take(1 + (a % 3)))
                {
                    await briefings.AddDiscussionAsync(new TeamDiscussion(Guid.NewGuid(), audit.Id, 1, "19:" + a + team, team,
                        DateOnly.FromDateTime(issued.UtcDateTime).AddDays(35), 9, "Talked it through.", "", chair, issued.AddDays(35),
                        false), ct);
                }

                foreach (var action in actions)
                {
                    await work.GetRequiredService<ActionStore>().InsertAsync(action, ct);
                }

                return true;
            }, CancellationToken.None);
        }
    }
}

/// <summary>Seeding stops at the first change the domain refuses.</summary>
internal static class DomainResultChecks
{
    public static void ValueOrThrow(this DomainResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Seeding was refused: " + result.Error?.Message);
        }
    }
}
