using System.Net;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common;
using WorkshopBot.Common.Links;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Briefings;

/// <summary>
/// The chair's download links over real HTTP: they serve the briefing while they are valid and answer as every link
/// does otherwise (404 not genuine, 410 expired, 403 when the person it names may no longer prepare the briefing).
/// </summary>
public sealed class BriefingDownloads
{
    private const string BaseUrl = "https://bot.example.org/";

    [Fact]
    public async Task ExportGivesChairSignedLinksThatServeTheDocxAndExpire()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await StartAsync(clock);
        var chair = BotTestHost.User("QA Chair");
        var (audit, chat) = await ApprovedAsync(host, chair, clock);

        var export = await host.ExecuteAsync(chair, chat, ExportScreen.Export, new ExportData(audit));

        var docx = export.Card!.Value.GetProperty("actions")[0].GetProperty("url").GetString()!;
        var markdown = export.Card!.Value.GetProperty("actions")[1].GetProperty("url").GetString()!;
        Assert.StartsWith(BaseUrl + "api/briefings/", docx, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(host, docx)).StatusCode);
        Assert.Equal("text/markdown", (await GetAsync(host, markdown)).Content.Headers.ContentType?.MediaType);
        // A Word link does not open the Markdown, and a changed character makes it worthless.
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(host, docx[..^".docx".Length] + ".md")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(host, ChangeOneCharacter(docx))).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(16));
        var expired = await GetAsync(host, docx);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Equal(LinkAnswers.ExpiredText, await expired.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ALinkSealedBeforeTheGrantLostItsExpiryServesTheDocxUntilItExpires()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await StartAsync(clock);
        var chair = BotTestHost.User("QA Chair");
        var (audit, _) = await ApprovedAsync(host, chair, clock);
        // As the previous build sealed it: the grant with its own copy of the link's expiry.
        var expires = clock.GetUtcNow().AddMinutes(15);
        var before = new GrantsWithTheirOwnExpiry.DownloadGrant(audit, 1, BriefingDownloadLinks.Docx, expires, chair.AadObjectId);
        var token = await host.Get<SignedLinks>().SignAsync(BriefingDownloadLinks.Purpose, before, expires, default);

        var served = await GetAsync(host, $"{BaseUrl}api/briefings/{token}.docx");
        var asMarkdown = await GetAsync(host, $"{BaseUrl}api/briefings/{token}.md");
        clock.Advance(TimeSpan.FromMinutes(16));
        var expired = await GetAsync(host, $"{BaseUrl}api/briefings/{token}.docx");

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.EndsWith("wordprocessingml.document", served.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, asMarkdown.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Equal(LinkAnswers.ExpiredText, await expired.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// The link with one character of its token replaced by a different one, well inside it (the token's last character
    /// may carry bits a decoder ignores; replacing the last two with "xx" left 1 link in 4,096 unchanged).
    /// </summary>
    private static string ChangeOneCharacter(string link)
    {
        var at = link.Length - ".docx".Length - 10;
        return string.Concat(link.AsSpan(0, at), link[at] == 'A' ? "B" : "A", link.AsSpan(at + 1));
    }

    [Theory]
    [InlineData("api/briefings/forged~token.docx")]
    [InlineData("api/briefings/abc.def.docx")]
    [InlineData("api/briefings/token.pdf")]
    public async Task AForgedLinkAnswers404WithAPlainSentence(string path)
    {
        await using var host = await StartAsync(TimeProvider.System);

        var response = await host.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(LinkAnswers.NotFoundText, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ALinkOfSomeoneNoLongerTheChairAnswers403()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await StartAsync(clock);
        var chair = BotTestHost.User("QA Chair");
        var audit = await SeedAsync(host, chair, clock);
        await host.ExecuteAsync(chair, BotTestHost.PersonalChat(chair), ComposeScreen.Open, new OpenBriefingData(audit));
        // A link issued to the previous chair, who no longer chairs the audit and is no admin.
        var link = await host.Get<BriefingDownloadLinks>().CreateAsync(audit, 1, BriefingDownloadLinks.Docx, "former-chair-oid", default);

        var response = await GetAsync(host, link!.ToString());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(LinkAnswers.ForbiddenText, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnAdminsLinkServesTheBriefing()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var admin = BotTestHost.User("Partnership Admin");
        await using var host = await StartAsync(clock, admin.AadObjectId);
        var audit = await SeedAsync(host, BotTestHost.User("QA Chair"), clock);
        var chat = BotTestHost.PersonalChat(admin);
        await host.ExecuteAsync(admin, chat, ComposeScreen.Open, new OpenBriefingData(audit));
        await host.ExecuteAsync(admin, chat, ComposeScreen.Approve, new ApproveData(audit, 1));

        var export = await host.ExecuteAsync(admin, chat, ExportScreen.Export, new ExportData(audit));

        var markdown = export.Card!.Value.GetProperty("actions")[1].GetProperty("url").GetString()!;
        var response = await GetAsync(host, markdown);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("# 7-minute briefing", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static Task<BotTestHost> StartAsync(TimeProvider clock, string? admin = null) =>
        BotTestHost.StartAsync(o =>
        {
            o.Time = clock;
            o.Settings["WorkshopBot:PublicBaseUrl"] = BaseUrl;
            if (admin is not null)
            {
                o.Settings["WorkshopBot:Admins:0"] = admin;
            }
        });

    private static async Task<Guid> SeedAsync(BotTestHost host, TestUser chair, TimeProvider clock) =>
        (await BriefingSeed.OneCaseAuditAsync(host.Services, chair.Person,
            clock.GetUtcNow().AddDays(-20))).Id;

    private static Task<HttpResponseMessage> GetAsync(BotTestHost host, string url) =>
        host.Client.GetAsync(new Uri(url).PathAndQuery.TrimStart('/'));

    /// <summary>A briefing composed from the seeded audit and approved by its chair (only the approved version is exported).</summary>
    private static async Task<(Guid Audit, TestConversation Chat)> ApprovedAsync(BotTestHost host, TestUser chair, ManualTimeProvider clock)
    {
        var audit = await SeedAsync(host, chair, clock);
        var chat = BotTestHost.PersonalChat(chair);
        await host.ExecuteAsync(chair, chat, ComposeScreen.Open, new OpenBriefingData(audit));
        await host.ExecuteAsync(chair, chat, ComposeScreen.Approve, new ApproveData(audit, 1));
        return (audit, chat);
    }
}
