using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Audits.EndToEnd;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Storage;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Tests.Briefings.SampleAudits;

/// <summary>What a sample audit came to: the approved briefing and the audit it was composed from.</summary>
/// <summary>The audit run, its approved briefing, and what its exported copy says of when it went out (approved, not posted).</summary>
internal sealed record SampleOutcome(SampleAudit Sample, Audit Audit, Briefing Briefing, BriefingDates Dates);

/// <summary>
/// Runs a sample audit the way a partnership does, over real HTTP where people act in Teams: the audit and each agency's
/// submitted return are stored as the audits feature stores them; then the chair starts the workshop in a channel, every
/// representative joins, adds ideas to the two boards and votes with dots, the chair ratifies each case's grade and lists
/// the recommendations, composes the briefing and approves it (the approval runs the identifier check on the whole text).
/// </summary>
internal static class SampleAuditRun
{
    public const int DotsEach = 3;

    public static readonly DateTimeOffset Today = new(2026, 5, 6, 9, 0, 0, TimeSpan.Zero);

    public const string Contact =
        "Questions about this briefing: the partnership's quality assurance sub-group, via the partnership website.";

    private static readonly DateTimeOffset Created = new(2026, 1, 12, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ReturnsDue = new(2026, 3, 13, 17, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset WorkshopAt = new(2026, 4, 21, 10, 0, 0, TimeSpan.Zero);

    public static async Task<SampleOutcome> RunAsync(SampleAudit sample)
    {
        await using var host = await BotTestHost.StartAsync(o =>
        {
            // Rate-limit and card-update pauses pass at once (moving the clock by seconds); the day stays the same.
            o.Time = new AuditTestClock(Today);
            o.Settings["Workshop:RunTimerInBackground"] = "false";
            o.Settings["Briefings:Contact"] = Contact;
        });
        var chair = BotTestHost.User($"{sample.Key} chair");
        var reps = sample.Agencies.Select((_, i) => BotTestHost.User($"{sample.Key} representative {i + 1}")).ToList();
        var audit = SetUp(sample, chair, reps);
        await host.WorkAsync(async services =>
        {
            var store = services.GetRequiredService<AuditStore>();
            Assert.True(await store.InsertAuditAsync(audit, default));
            foreach (var ret in Returns(sample, audit, reps))
            {
                Assert.True(await store.InsertReturnAsync(ret, default));
            }
        });

        var workshop = new SampleWorkshop(host, sample, audit, chair, reps);
        await workshop.RunAsync();

        var chat = BotTestHost.PersonalChat(chair);
        await Expect(host.ExecuteAsync(chair, chat, ComposeScreen.Open, new OpenBriefingData(audit.Id)), "7-minute briefing");
        await Expect(host.ExecuteAsync(chair, chat, ComposeScreen.Approve, new ApproveData(audit.Id, 1)), "Version 1 is approved");
        await using var scope = host.Services.CreateAsyncScope();
        var record = await scope.ServiceProvider.GetRequiredService<BriefingStore>().GetAsync(audit.Id, default);
        return new SampleOutcome(sample, audit, record!.Approved!.Content, record.DatesOf(record.ApprovedVersion!.Value));
    }

    /// <summary>The answer's card text, failing with it when it does not say what was expected.</summary>
    public static async Task<string> Expect(Task<InvokeResult> pressed, string expected)
    {
        var result = await pressed;
        var text = result.Card?.GetRawText() ?? result.Body?.GetRawText() ?? "";
        Assert.True(text.Contains(expected, StringComparison.Ordinal), $"Expected \"{expected}\" in: {text}");
        return text;
    }

    private static Audit SetUp(SampleAudit sample, TestUser chair, IReadOnlyList<TestUser> reps)
    {
        var audit = Audit.Create(Guid.NewGuid(), sample.Title, sample.TemplateKey, Person(chair), Created, sample.Scale.Key)
            .ValueOrThrow();
        if (sample.ThemeName is { } theme)
        {
            Assert.True(audit.Rename(sample.Title, theme).Succeeded);
        }

        Assert.True(audit.SetLookBack(LookBackPeriod.OfMonths(sample.LookBackMonths).ValueOrThrow()).Succeeded);
        foreach (var section in sample.ChairSections)
        {
            var added = audit.AddSection(section.Title).ValueOrThrow();
            foreach (var question in section.Questions)
            {
                audit.AddQuestion(added.Id, new QuestionDraft(question)).ValueOrThrow();
            }
        }

        foreach (var (reference, age) in sample.Cases)
        {
            Assert.True(audit.AddCase(CaseReference.Create(reference).ValueOrThrow(), age).Succeeded, reference);
        }

        for (var i = 0; i < sample.Agencies.Count; i++)
        {
            var agency = audit.AddAgency(sample.Agencies[i].Type, sample.Agencies[i].Name, Person(reps[i])).ValueOrThrow();
            if (sample.Agencies[i].Cases is { } cases)
            {
                Assert.True(audit.AssignCases(agency.Id, cases.Select(c => audit.Cases[c].Reference).ToList()).Succeeded);
            }
        }

        Assert.True(audit.ScheduleReturnsDue(ReturnsDue, Created).Succeeded);
        Assert.True(audit.Issue(Created.AddDays(7)).Succeeded);
        Assert.True(audit.ScheduleWorkshop(WorkshopAt).Succeeded);
        return audit;
    }

    /// <summary>Every expected return, answered, with the agency's learning for that case, graded and submitted.</summary>
    private static IEnumerable<AuditReturn> Returns(SampleAudit sample, Audit audit, IReadOnlyList<TestUser> reps)
    {
        var at = ReturnsDue.AddDays(-10);
        for (var c = 0; c < sample.Cases.Count; c++)
        {
            for (var a = 0; a < sample.Agencies.Count; a++)
            {
                if (!sample.Returns(a, c))
                {
                    continue;
                }

                var ret = AuditReturn.Create(Guid.NewGuid(), audit, audit.Cases[c].Reference, audit.Agencies[a].Id).ValueOrThrow();
                var by = Person(reps[a]);
                foreach (var section in ret.Sections)
                {
                    var answers = section.Questions.Select(q => q.IsSafetyQuestion
                        ? new AnswerInput(q.Id, AnswerValue.No, null)
                        : new AnswerInput(q.Id, AnswerValue.Partly, "Read in the agency's records for the look-back period.")).ToList();
                    ret.SaveSection(section.Id, answers, ret.Version, by, at).ValueOrThrow();
                }

                var good = sample.Lines(sample.Strengths, a, c);
                var development = sample.Lines(sample.Developments, a, c);
                var recommendations = sample.ReturnRecommendations.Where(r => r.Agency == a && r.Case == c).Select(r => r.Text).ToList();
                ret.SaveSummary(new ReturnSummaryInput(good, development ?? (good is null ? "Nothing further to add." : null),
                    recommendations.Count == 0 ? null : string.Join("\n", recommendations), SingleAgencyGrade(sample, a, c)),
                    ret.Version, by, at).ValueOrThrow();
                Assert.True(ret.Submit(ret.Version, by, at).Succeeded, $"case {c}, agency {a}");
                yield return ret;
            }
        }
    }

    // Single-agency grades sit around the ratified one: most agree, some see their own part a level better or worse.
    private static string SingleAgencyGrade(SampleAudit sample, int agency, int caseIndex)
    {
        var levels = sample.Scale.Levels.OrderBy(l => l.Rank).Select(l => l.Key).ToList();
        var ratified = levels.IndexOf(sample.CaseGrades[caseIndex]);
        var shift = (caseIndex + agency) % 5 == 0 ? 1 : (caseIndex + agency) % 7 == 0 ? -1 : 0;
        return levels[Math.Clamp(ratified + shift, 0, levels.Count - 1)];
    }

    public static PersonRef Person(TestUser user) => user.Person;

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>The workshop of a sample audit, driven over HTTP by the chair and the representatives.</summary>
internal sealed class SampleWorkshop(BotTestHost host, SampleAudit sample, Audit audit, TestUser chair, IReadOnlyList<TestUser> reps)
{
    private readonly TestConversation _channel = BotTestHost.Channel("Audit workshop", "Safeguarding partnership");
    private Guid _id;

    public async Task RunAsync()
    {
        await host.SayAsync(chair, _channel, StartScreen.Command);
        var sessions = await host.Get<IDocumentStore>()
            .ListAsync<WorkshopSession>(WorkshopRepository.Collection, key1: audit.Id.ToString());
        _id = Assert.Single(sessions).Value.Id;
        foreach (var rep in reps)
        {
            await SampleAuditRun.Expect(Press(rep, JoinScreen.Join, new JoinData(_id)), "You have joined");
        }

        await BoardAsync(PollTypes.WorkedWell, "What worked well?", anonymous: false, sample.WorkedWellIdeas);
        await BoardAsync(PollTypes.CouldImprove, "What could we improve?", sample.AnonymousImprovementBoard, sample.CouldImproveIdeas);
        for (var c = 0; c < sample.Cases.Count; c++)
        {
            var poll = await CreatePollAsync(new CreatePollData(_id, PollTypes.Grade, CaseReference: sample.Cases[c].Reference));
            await SampleAuditRun.Expect(Press(chair, RatifyScreen.Ratify, new RatifyData(_id, poll.Id, sample.CaseGrades[c],
                "Agreed at the workshop from the single-agency grades and the discussion.")), "Ratified");
        }

        foreach (var r in sample.Recommendations)
        {
            var owner = r.Owner < 0 ? WorkshopRecommendation.PartnershipOwnerId : audit.Agencies[r.Owner].Id;
            await SampleAuditRun.Expect(Press(chair, RecommendationsScreen.Add,
                new AddRecommendationData(_id, r.Text, owner, SampleAuditRun.Date(r.Target), r.Measure)), "Recommendation added");
        }
    }

    private async Task BoardAsync(string type, string prompt, bool anonymous, IReadOnlyList<SampleIdea> ideas)
    {
        var poll = await CreatePollAsync(new CreatePollData(_id, type, prompt, anonymous ? "true" : "false",
            SampleWorkshopNumbers.Dots, "1"));
        foreach (var idea in ideas)
        {
            var agency = idea.TagAgency ? audit.Agencies[idea.Author].Id : null;
            await SampleAuditRun.Expect(Press(reps[idea.Author], IdeasScreen.AddIdea,
                new AddIdeaData(_id, poll.Id, idea.Text, null, agency, idea.Theme)), "Idea added");
        }

        await SampleAuditRun.Expect(Press(chair, PollsScreen.Phase, new PhaseData(_id, poll.Id, PhaseActions.Open)), "Voting is open");
        var items = (await SessionAsync()).FindPoll(poll.Id)!.Items.ToDictionary(i => i.Text, i => i.Id, StringComparer.Ordinal);
        var left = reps.ToDictionary(r => r.AadObjectId, _ => SampleAuditRun.DotsEach);
        foreach (var idea in ideas.OrderByDescending(i => i.Dots))
        {
            var voters = reps.Where(r => left[r.AadObjectId] > 0).OrderByDescending(r => left[r.AadObjectId]).Take(idea.Dots).ToList();
            foreach (var voter in voters)
            {
                await SampleAuditRun.Expect(Press(voter, BallotScreen.Dot, new DotData(_id, poll.Id, 1, items[idea.Text])), "");
                left[voter.AadObjectId]--;
            }
        }

        await SampleAuditRun.Expect(Press(chair, PollsScreen.Phase, new PhaseData(_id, poll.Id, PhaseActions.Close)), "Voting is closed");
    }

    private async Task<Poll> CreatePollAsync(CreatePollData data)
    {
        await SampleAuditRun.Expect(Press(chair, PollsScreen.CreatePoll, data), "Poll created");
        return (await SessionAsync()).Polls[^1];
    }

    private async Task<WorkshopSession> SessionAsync()
    {
        await using var scope = host.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<WorkshopRepository>().GetAsync(_id, default))!;
    }

    private Task<InvokeResult> Press<TData>(TestUser user, string verb, TData data)
        where TData : class => host.ExecuteAsync(user, _channel, verb, data);
}

internal static class SampleWorkshopNumbers
{
    public static readonly string Dots = SampleAuditRun.DotsEach.ToString(CultureInfo.InvariantCulture);
}
