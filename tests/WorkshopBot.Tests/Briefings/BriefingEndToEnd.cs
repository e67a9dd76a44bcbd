using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Audits;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Briefings;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using WorkshopBot.Workshop;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Tests.Briefings;

/// <summary>
/// The whole journey over real HTTP with signed tokens: the audit is seeded as the audits feature stores it and
/// the workshop outcome comes from an in-test IWorkshopResults registered through the host's service overrides.
/// </summary>
public sealed class BriefingEndToEnd
{
    [Fact]
    public async Task ChairComposesApprovesPublishesToTwoChannelsAndSeesATeamsDiscussion()
    {
        var workshop = new StubWorkshopResults();
        await using var host = await BotTestHost.StartAsync(o =>
        {
            o.Services = s => s.AddSingleton<IWorkshopResults>(workshop);
            o.Settings["WorkshopBot:PublicBaseUrl"] = "https://bot.example.org";
        });
        var chairUser = BotTestHost.User("QA Chair");
        var practitioner = BotTestHost.User("Team Manager");
        var chat = BotTestHost.PersonalChat(chairUser);
        var alpha = BotTestHost.Channel("Early Help practice", "Early Help");
        var bravo = BotTestHost.Channel("Health visiting practice", "Health visiting");
        await host.SendAsync(host.BotAdded(chairUser, alpha));
        await host.SendAsync(host.BotAdded(chairUser, bravo));
        var audit = await SeedAsync(host.Get<IDocumentStore>(), new PersonRef(chairUser.AadObjectId, chairUser.Name));
        workshop.Outcome = new WorkshopOutcome(audit.Id,
            [new RankedIdea("Strategy meetings were timely and well attended", IdeaBoardKind.WorkedWell, 6, 1, "Police", null, null)],
            [new MultiAgencyJudgement(audit.Id, "NAI-2026-03-C1", "good", "Good", "r", chairUser.AadObjectId, chairUser.Name, DateTimeOffset.UnixEpoch)]);

        var preview = await host.ExecuteAsync(chairUser, chat, BriefingVerbs.Open, new { auditId = audit.Id });
        var approved = await host.ExecuteAsync(chairUser, chat, BriefingVerbs.Approve, new { auditId = audit.Id, version = 1 });
        var outsider = await host.ExecuteAsync(practitioner, chat, BriefingVerbs.Approve, new { auditId = audit.Id, version = 1 });
        var published = await host.ExecuteAsync(chairUser, chat, BriefingVerbs.Publish, new { auditId = audit.Id, version = 1, channels = $"{alpha.ChannelId},{bravo.ChannelId}" });
        await host.DrainOutboxAsync();
        var posts = host.Sent().Where(s => s.AllText.Contains("Our team discussed this", StringComparison.Ordinal)).ToList();
        var recorded = await host.ExecuteAsync(practitioner, alpha, BriefingVerbs.DiscussionSave, new
        {
            auditId = audit.Id, version = 1, channelId = alpha.ChannelId, discussedOn = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            attended = "7", reflections = "We will see fathers at every visit", teamActions = "Checklist updated",
        });
        var usage = await host.ExecuteAsync(chairUser, chat, BriefingVerbs.Usage, new { auditId = audit.Id });
        var export = await host.ExecuteAsync(chairUser, chat, BriefingVerbs.Export, new { auditId = audit.Id });

        Assert.Contains("Of 1 case: 0 outstanding, 1 good", preview.Card!.Value.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("Version 1 is approved", approved.Card!.Value.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("Only the audit chair", outsider.Card!.Value.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("queued as a new thread", published.Card!.Value.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(2, posts.Count);
        Assert.Contains("Recorded by Team Manager: 7 attended", recorded.Card!.Value.GetRawText(), StringComparison.Ordinal);
        var usageText = usage.Card!.Value.GetRawText();
        Assert.Contains("Early Help > Early Help practice: 1 discussion(s) recorded, 7 attended", usageText, StringComparison.Ordinal);
        Assert.Contains("We will see fathers at every visit", usageText, StringComparison.Ordinal);
        Assert.Contains("Health visiting > Health visiting practice: no discussion recorded yet", usageText, StringComparison.Ordinal);
        var url = export.Card!.Value.GetProperty("actions")[0].GetProperty("url").GetString()!;
        var download = await host.Client.GetAsync(new Uri(url).PathAndQuery.TrimStart('/'));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(BriefingDocx.ContentType, download.Content.Headers.ContentType?.MediaType);
        var forged = await host.Client.GetAsync("api/briefings/forged~token.docx");
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
    }

    private static async Task<Audit> SeedAsync(IDocumentStore documents, PersonRef chair)
    {
        var now = DateTimeOffset.UtcNow.AddDays(-20);
        var audit = Audit.Create(Guid.NewGuid(), "NAI audit", "nai", chair, now).ValueOrThrow();
        Assert.True(audit.AddCase(BriefingFlowHarness.Case1, AgeBand.Under1).Succeeded);
        audit.AddAgency(AgencyType.Police, "Police", new PersonRef("police-oid", "Police Auditor")).ValueOrThrow();
        Assert.True(audit.ScheduleReturnsDue(now.AddDays(5), now).Succeeded);
        Assert.True(audit.Issue(now).Succeeded);
        var ret = AuditReturn.Create(Guid.NewGuid(), audit, BriefingFlowHarness.Case1, "agency-1").ValueOrThrow();
        var by = new PersonRef("police-oid", "Police Auditor");
        foreach (var section in ret.Sections)
        {
            ret.SaveSection(section.Id, section.Questions.Select(q => new AnswerInput(q.Id, q.IsSafetyQuestion ? AnswerValue.No : AnswerValue.Yes, "Seen.")).ToList(), ret.Version, by, now).ValueOrThrow();
        }

        ret.SaveSummary(new ReturnSummaryInput("Prompt referral", "Fathers were not seen", "Train staff on engaging fathers", "good"), ret.Version, by, now).ValueOrThrow();
        Assert.True(ret.Submit(ret.Version, by, now).Succeeded);
        Assert.True(await new AuditStore(documents).InsertReturnAsync(ret, default));
        Assert.True(await new AuditStore(documents).InsertAuditAsync(audit, default));
        return audit;
    }
}
