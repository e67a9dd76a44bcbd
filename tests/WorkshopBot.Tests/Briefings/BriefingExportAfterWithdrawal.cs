using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common;
using WorkshopBot.Common.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Briefings;

/// <summary>
/// A withdrawn version is not exported: the chair's Export is refused politely, and a link made before the withdrawal no
/// longer serves it. A corrected version approved afterwards is exported as any approved version is.
/// </summary>
public sealed class BriefingExportAfterWithdrawal
{
    private const string BaseUrl = "https://bot.example.org/";
    private const string Alpha = "19:alpha@thread.tacv2";

    [Fact]
    public async Task AWithdrawnVersionIsNotExportedButACorrectedOneIs()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await BotTestHost.StartAsync(o =>
        {
            o.Time = clock;
            o.Settings["WorkshopBot:PublicBaseUrl"] = BaseUrl;
        });
        var chair = BotTestHost.User("QA Chair");
        var chat = BotTestHost.PersonalChat(chair);
        var audit = await BriefingSeed.ApprovedBriefingAsync(host, chair);
        var before = await host.ExecuteAsync(chair, chat, ExportScreen.Export, new ExportData(audit));
        var docx = before.Card!.Value.GetProperty("actions")[0].GetProperty("url").GetString()!;
        var markdown = before.Card!.Value.GetProperty("actions")[1].GetProperty("url").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(host, docx)).StatusCode);
        // Posted to a channel (as Publish records it), then withdrawn by the chair.
        Assert.True(await host.Get<WorkRunner>().RunAsync(async (scope, ct) =>
            (await scope.GetRequiredService<BriefingStore>().ChangeAsync(audit, r =>
            {
                r.RecordPublication(new ChannelPublication(1, Alpha, "Alpha", "3f1a0c52-0000-4000-8000-000000000001", "Early Help team",
                    BaseUrl, BotTestHost.TenantId, "post-key", clock.GetUtcNow(), chair.Person, FileUploadState.NotConfigured, null, null));
                return DomainResult.Ok;
            }, ct)).Saved, CancellationToken.None));
        var withdrawn = await host.ExecuteAsync(chair, chat, WithdrawScreen.Withdraw, new WithdrawData(audit));
        Assert.Contains("Briefing withdrawn", withdrawn.Card!.Value.GetRawText(), StringComparison.Ordinal);

        var refused = await host.ExecuteAsync(chair, chat, ExportScreen.Export, new ExportData(audit));
        var served = await GetAsync(host, docx);
        var servedMarkdown = await GetAsync(host, markdown);

        var text = refused.Card!.Value.GetRawText();
        Assert.Contains("Not exported", text, StringComparison.Ordinal);
        Assert.Contains("Version 1 was withdrawn on", text, StringComparison.Ordinal);
        Assert.DoesNotContain(BaseUrl + "api/briefings/", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, served.StatusCode);
        Assert.Equal(ExportScreen.WithdrawnText, await served.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, servedMarkdown.StatusCode);

        await host.ExecuteAsync(chair, chat, ComposeScreen.EditSave,
            new EditSaveData(audit, 1, BriefingBoxKind.WhyItMatters, "Our local reason.", "See the local protocol.", null));
        var approved = await host.ExecuteAsync(chair, chat, ComposeScreen.Approve, new ApproveData(audit, 2));
        Assert.Contains("Version 2 is approved", approved.Card!.Value.GetRawText(), StringComparison.Ordinal);
        var corrected = await host.ExecuteAsync(chair, chat, ExportScreen.Export, new ExportData(audit));
        var link = corrected.Card!.Value.GetProperty("actions")[1].GetProperty("url").GetString()!;
        var response = await GetAsync(host, link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Our local reason.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> GetAsync(BotTestHost host, string url) =>
        host.Client.GetAsync(new Uri(url).PathAndQuery.TrimStart('/'));
}
