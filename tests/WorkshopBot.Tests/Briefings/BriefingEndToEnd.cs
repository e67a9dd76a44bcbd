using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
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
        var audit = await BriefingSeed.OneCaseAuditAsync(host.Services, chairUser.Person,
            DateTimeOffset.UtcNow.AddDays(-20));
        workshop.Outcome = new WorkshopOutcome(audit.Id,
            [new RankedIdea("Strategy meetings were timely and well attended", IdeaBoardKind.WorkedWell, 6, 1, "Police", null, null)],
            [
                new MultiAgencyJudgement(audit.Id, "NAI-2026-03-C1", "good", "Good", "r", chairUser.AadObjectId, chairUser.Name,
                    DateTimeOffset.UnixEpoch),
            ]);

        var preview = await host.ExecuteAsync(chairUser, chat, ComposeScreen.Open, new OpenBriefingData(audit.Id));
        var approved = await host.ExecuteAsync(chairUser, chat, ComposeScreen.Approve, new ApproveData(audit.Id, 1));
        var outsider = await host.ExecuteAsync(practitioner, chat, ComposeScreen.Approve, new ApproveData(audit.Id, 1));
        var published = await host.ExecuteAsync(chairUser, chat, PublishScreen.Publish,
            new PublishData(audit.Id, 1, $"{alpha.ChannelId},{bravo.ChannelId}"));
        await host.DrainOutboxAsync();
        var posts = host.Sent().Where(s => s.AllText.Contains("Our team discussed this", StringComparison.Ordinal)).ToList();
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var recorded = await host.ExecuteAsync(practitioner, alpha, DiscussionScreen.Save, new DiscussionSaveData(
            audit.Id, 1, alpha.ChannelId!, today, "7", "We will see fathers at every visit", "Checklist updated", null));
        var usage = await host.ExecuteAsync(chairUser, chat, DiscussionScreen.Usage, new UsageData(audit.Id));
        var export = await host.ExecuteAsync(chairUser, chat, ExportScreen.Export, new ExportData(audit.Id));

        Assert.Contains("Of 1 case: 0 outstanding, 1 good", preview.Card!.Value.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("Version 1 is approved", approved.Card!.Value.GetRawText(), StringComparison.Ordinal);
        Assert.Contains(WorkshopBot.Common.Teams.Reply.NotAvailableTitle, outsider.Card!.Value.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("queued as a new thread", published.Card!.Value.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(2, posts.Count);
        Assert.Contains("Recorded by Team Manager: 7 attended", recorded.Card!.Value.GetRawText(), StringComparison.Ordinal);
        var usageText = usage.Card!.Value.GetRawText();
        Assert.Contains("Early Help > Early Help practice: 1 discussion recorded, 7 attended", usageText, StringComparison.Ordinal);
        Assert.Contains("We will see fathers at every visit", usageText, StringComparison.Ordinal);
        Assert.Contains("Health visiting > Health visiting practice: no discussion recorded yet", usageText, StringComparison.Ordinal);
        var url = export.Card!.Value.GetProperty("actions")[0].GetProperty("url").GetString()!;
        var download = await host.Client.GetAsync(new Uri(url).PathAndQuery.TrimStart('/'));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(BriefingDocx.ContentType, download.Content.Headers.ContentType?.MediaType);
        var forged = await host.Client.GetAsync("api/briefings/forged~token.docx");
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
    }
}
