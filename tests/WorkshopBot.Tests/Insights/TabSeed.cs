using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Tests.Briefings;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Tests.Insights;

/// <summary>
/// One audit to seed: its title and theme, the day it was issued, its agencies and the grade key of each return in turn;
/// its returns released for moderation the same day unless <paramref name="Released"/> is false; chaired by
/// <paramref name="Chair"/> (an object id of the audit's tenant).
/// </summary>
internal sealed record SeedAudit(string Title, string Theme, DateTimeOffset IssuedAt, int Cases, string[] Agencies, string[] Grades,
    bool Released = true, string Chair = TabSeed.SeedChair);

/// <summary>
/// Puts audits, submitted returns with grades, briefings with team discussions and actions into a running bot's store, as
/// those features store them (the blank audit tool: only the immediate-safety question). Made-up names and pseudonymous
/// case references only.
/// </summary>
internal static class TabSeed
{
    /// <summary>Who chairs the seeded audits unless told otherwise.</summary>
    public const string SeedChair = "seed-chair";

    public static async Task<Audit> AuditAsync(BotTestHost host, string tenant, SeedAudit seed)
    {
        var chair = new PersonRef(seed.Chair, "Seed Chair") { TenantId = tenant };
        var at = seed.IssuedAt.AddDays(-10);
        var audit = Audit.Create(Guid.NewGuid(), seed.Title, QuestionTemplates.BlankKey, chair, at).ValueOrThrow();
        Assert.True(audit.Rename(seed.Title, seed.Theme).Succeeded);
        for (var c = 1; c <= seed.Cases; c++)
        {
            var reference = CaseReference.Create($"AUD-{seed.IssuedAt:yyMM}-C{c}").ValueOrThrow();
            Assert.True(audit.AddCase(reference, AgeBand.Under1).Succeeded);
        }

        foreach (var agency in seed.Agencies)
        {
            audit.AddAgency(AgencyType.Other, agency, new PersonRef("rep-" + agency, agency + " auditor")).ValueOrThrow();
        }

        Assert.True(audit.ScheduleReturnsDue(seed.IssuedAt.AddDays(20), at).Succeeded);
        Assert.True(audit.Issue(seed.IssuedAt).Succeeded);
        var returns = new List<AuditReturn>();
        var n = 0;
        foreach (var (auditCase, agency) in audit.ExpectedReturns())
        {
            var ret = AuditReturn.Create(Guid.NewGuid(), audit, auditCase.Reference, agency.Id).ValueOrThrow();
            var by = new PersonRef("rep-" + agency.Name, agency.Name);
            foreach (var section in ret.Sections)
            {
                var answers = section.Questions.Select(q => new AnswerInput(q.Id, AnswerValue.No, "Seen.")).ToList();
                ret.SaveSection(section.Id, answers, ret.Version, by, seed.IssuedAt).ValueOrThrow();
            }

            var grade = seed.Grades[n++ % seed.Grades.Length];
            ret.SaveSummary(new ReturnSummaryInput("Prompt referral", "Slow sharing", "Share sooner", grade), ret.Version, by,
                seed.IssuedAt).ValueOrThrow();
            Assert.True(ret.Submit(ret.Version, by, seed.IssuedAt).Succeeded);
            returns.Add(ret);
        }

        if (seed.Released)
        {
            Assert.True(audit.ReleaseForModeration(seed.IssuedAt).Succeeded);
        }

        await host.WorkAsync(async services =>
        {
            var store = services.GetRequiredService<AuditStore>();
            Assert.True(await store.InsertAuditAsync(audit, CancellationToken.None));
            foreach (var ret in returns)
            {
                Assert.True(await store.InsertReturnAsync(ret, CancellationToken.None));
            }
        });
        return audit;
    }

    /// <summary>The audit's briefing, approved, and the teams that recorded discussing it.</summary>
    public static async Task BriefingAsync(BotTestHost host, Audit audit, params string[] teams)
    {
        var chair = audit.Chair;
        var at = audit.IssuedAt!.Value.AddDays(30);
        var briefing = BriefingFixtures.Composer.Compose(BriefingSource.From(audit, [], new WorkshopOutcome(audit.Id, [], [])),
            DateOnly.FromDateTime(at.UtcDateTime));
        var record = BriefingRecord.Start(briefing, chair, at);
        Assert.True(record.Approve(1, chair, at, new FreeTextCheck(IdentifierScanner.Default),
            audit.Cases.Select(c => c.Reference.ToString()).ToList()).Succeeded);
        await host.WorkAsync(async services =>
        {
            var store = services.GetRequiredService<BriefingStore>();
            Assert.True(await store.TryInsertAsync(record, CancellationToken.None));
            foreach (var team in teams)
            {
                var by = new PersonRef("lead-" + team, team + " lead") { TenantId = audit.TenantId };
                Assert.True(await store.AddDiscussionAsync(new TeamDiscussion(Guid.NewGuid(), audit.Id, 1, "19:" + team + "@thread.tacv2",
                    team, DateOnly.FromDateTime(at.UtcDateTime).AddDays(3), 8, "We talked it through.", "Check records.", by,
                    at.AddDays(3), false), CancellationToken.None));
            }
        });
    }

    /// <summary>An action of the audit's plan; completed ones were signed off, the rest are open.</summary>
    public static async Task ActionAsync(BotTestHost host, Audit audit, int number, string agency, DateOnly dueOn,
        string theme, bool completed = false)
    {
        var chair = audit.Chair;
        var created = new DateTimeOffset(dueOn.AddDays(-60).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var lead = new PersonRef("lead-" + agency, agency + " lead") { TenantId = audit.TenantId };
        var action = PlannedAction.Create(Guid.NewGuid(), audit.TenantId!, audit.Id, audit.Title, number,
            new ActionDraft("Agree a shared checklist", agency, new ActionLead(lead, null), dueOn, "Checklist in use", [theme], null),
            chair, created).ValueOrThrow();
        if (completed)
        {
            Assert.True(action.SubmitEvidence(lead, "Checklist adopted by every team", created.AddDays(10)).Succeeded);
            Assert.True(action.SignOff(chair, created.AddDays(11)).Succeeded);
        }

        await host.WorkAsync(async services =>
            Assert.True(await services.GetRequiredService<ActionStore>().InsertAsync(action, CancellationToken.None)));
    }
}
