using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common;
using WorkshopBot.Common.Links;
using WorkshopBot.Insights.Teams;
using WorkshopBot.Storage;
using WorkshopBot.Tests.Support;
using ActionPlanExport = WorkshopBot.ActionPlans.Teams.ExportScreen;

namespace WorkshopBot.Tests.Insights;

/// <summary>
/// Red-team probes of the bot's HTTP endpoints other than POST /api/messages: stored text that tries to break out of the
/// tab's HTML, methods the routes do not expect, tokens whose claims have unexpected types, edge periods and download
/// links of a format they were not made for. Never a 500, never markup from stored text.
/// </summary>
public sealed class TabProbes(TabProbes.HostileTab tab) : IClassFixture<TabProbes.HostileTab>
{
    private const string ScriptTitle = "Neglect <script>alert(1)</script> \"quoted' audit";
    private const string QuotedAgency = "Police\" onmouseover=\"alert(2)";
    private const string ImageTeam = "<img src=x onerror=alert(3)>";

    // Team names come from Teams' channel data as they are, not through the bot's text checks.
    private const string BellTeam = "Early Help\u0007 North";
    private const string OurAction = "Review the joint screening rota";
    private const string TheirAction = "Neighbouring partnership rota review";
    private const string SeedChair = "seed-chair";

    [Fact]
    public async Task StoredTextNeverBecomesMarkupInTheView()
    {
        using var response = await tab.GetAsync("/tab/api/view", tab.Token(TabHost.Chair));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\" onmouseover", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(3)&gt;", html, StringComparison.Ordinal);
        Assert.Contains("Police&quot; onmouseover=&quot;alert(2)", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("POST")]
    [InlineData("PATCH")]
    [InlineData("OPTIONS")]
    public async Task OtherMethodsAreRefusedWithoutA500(string method)
    {
        var answers = new List<string>();
        foreach (var path in new[] { "/tab/", "/tab/config", "/tab/static/tab.js", "/tab/api/view", "/tab/api/summary.xlsx",
            "/tab/api/actions.xlsx", "/api/exports/x.y", "/api/briefings/x.y.docx", "/api/workshops/x.y.csv", "/api/actions/x.y.xlsx",
            "/healthz", "/readyz" })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            request.Headers.Authorization = new("Bearer", tab.Token(TabHost.Chair));
            using var response = await tab.Host.Client.SendAsync(request);
            answers.Add($"{path}: {(int)response.StatusCode}");
        }

        Assert.All(answers, answer => Assert.EndsWith(": 405", answer, StringComparison.Ordinal));
    }

    public static TheoryData<string, object> OddClaims() => new()
    {
        { "oid", 12345 },
        { "oid", new[] { TabHost.Chair } },
        { "scp", new[] { "access_as_user" } },
        { "azp", new[] { TabHost.TeamsDesktop } },
        { "name", new Dictionary<string, object> { ["given"] = "Tab" } },
        { "tid", new[] { BotTestHost.TenantId } },
    };

    [Theory]
    [MemberData(nameof(OddClaims))]
    public async Task ClaimsOfUnexpectedTypesAreNeverA500(string claim, object value)
    {
        var claims = new Dictionary<string, object>
        {
            ["tid"] = BotTestHost.TenantId, ["oid"] = TabHost.Chair, ["name"] = "Tab Tester", ["ver"] = "2.0",
            ["azp"] = TabHost.TeamsDesktop, ["scp"] = TabSignIn.Scope,
        };
        claims[claim] = value;
        var token = tab.Entra.CreateToken(BotTestHost.AppId, null, TestTokenIssuer.EntraV2Issuer(BotTestHost.TenantId), TabHost.Audience,
            extraClaims: claims);

        using var response = await tab.GetAsync("/tab/api/summary", token);

        Assert.True((int)response.StatusCode < 500, $"{claim}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public enum Forgery
    {
        AlgNone,
        Hs256KeyedWithThePublicKey,
        AnotherKeyUnderThePublishedKid,
    }

    /// <summary>
    /// Every claim of a valid chair's token (tenant, issuer, audience, scope, client, expiry), with only its signature
    /// forged: the signature alone must decide. (The sign-in matrix's unsigned token lacks the tab's claims as well.)
    /// </summary>
    [Theory]
    [InlineData(Forgery.AlgNone)]
    [InlineData(Forgery.Hs256KeyedWithThePublicKey)]
    [InlineData(Forgery.AnotherKeyUnderThePublishedKid)]
    public async Task AValidTokenWithAForgedSignatureIsUnauthorised(Forgery forgery)
    {
        var published = tab.Entra.SigningKey;
        var genuine = tab.Token(TabHost.Chair).Split('.');
        string Header(string alg) => Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(
            new Dictionary<string, string> { ["alg"] = alg, ["typ"] = "JWT", ["kid"] = published.KeyId! }));
        var token = forgery switch
        {
            Forgery.AlgNone => $"{Header("none")}.{genuine[1]}.",
            Forgery.Hs256KeyedWithThePublicKey => Hmac($"{Header("HS256")}.{genuine[1]}", published.Rsa.ExportSubjectPublicKeyInfo()),
            _ => tab.Token(TabHost.Chair, key: TestTokenIssuer.CreateRsaKey(published.KeyId)),
        };

        using var valid = await tab.GetAsync("/tab/api/summary", string.Join('.', genuine));
        using var forged = await tab.GetAsync("/tab/api/summary", token);

        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(TabSignIn.BadToken, await forged.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("from=9990-01-01&to=9999-12-31", HttpStatusCode.OK)]
    [InlineData("from=1900-01-01&to=1909-12-31", HttpStatusCode.OK)]
    [InlineData("from=2025-01-01&from=2024-01-01", HttpStatusCode.BadRequest)]
    [InlineData("to=2026-02-30", HttpStatusCode.BadRequest)]
    [InlineData("theme=neglect&theme=neglect", HttpStatusCode.BadRequest)]
    public async Task EdgePeriodsAndRepeatedFiltersAreNeverA500(string query, HttpStatusCode expected)
    {
        foreach (var path in new[] { "/tab/api/view", "/tab/api/summary", "/tab/api/summary.xlsx", "/tab/api/actions.xlsx" })
        {
            using var response = await tab.GetAsync(path + "?" + query, tab.Token(TabHost.Chair));
            Assert.True(expected == response.StatusCode, $"{path}?{query}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task TheSameQaMemberIdFromAnotherServedTenantSeesNothing()
    {
        using var response = await tab.GetAsync("/tab/api/summary", tab.Token(TabHost.QaMember, tenant: TabHost.OtherTenant));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(TabSignIn.NotForYou, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// The summary workbook names the agency filter as the data spells it, never as typed into the link: the link's text
    /// was checked for nothing but its length and control characters.
    /// </summary>
    [Fact]
    public async Task TheSummaryWorkbookNamesTheAgencyFilterOnlyAsTheDataSpellsIt()
    {
        const string Typed = "Baby Aisha Rahman NHS 943 476 5919";
        using var unknown = await tab.GetAsync("/tab/api/summary.xlsx?agency=" + Uri.EscapeDataString(Typed), tab.Token(TabHost.Chair));
        using var known = await tab.GetAsync("/tab/api/summary.xlsx?agency=county%20POLICE", tab.Token(TabHost.Chair));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (unknown.StatusCode, known.StatusCode));
        var (unknownText, knownText) = (await WorkbookTextAsync(unknown), await WorkbookTextAsync(known));
        Assert.DoesNotContain("Aisha", unknownText, StringComparison.Ordinal);
        Assert.DoesNotContain("943 476", unknownText, StringComparison.Ordinal);
        Assert.Contains("No agency of that name in the period", unknownText, StringComparison.Ordinal);
        Assert.Contains("County Police", knownText, StringComparison.Ordinal);
        Assert.DoesNotContain("county POLICE", knownText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheActionPlansWorkbookHoldsNoActionOfAnotherTenant()
    {
        using var ours = await tab.GetAsync("/tab/api/actions.xlsx", tab.Token(TabHost.Chair));
        using var theirs = await tab.GetAsync("/tab/api/actions.xlsx", tab.Token(TabHost.Chair, tenant: TabHost.OtherTenant));

        Assert.Equal(HttpStatusCode.OK, ours.StatusCode);
        Assert.Contains(OurAction, await WorkbookTextAsync(ours), StringComparison.Ordinal);
        Assert.DoesNotContain(TheirAction, await WorkbookTextAsync(ours), StringComparison.Ordinal);
        Assert.DoesNotContain(OurAction, await WorkbookTextAsync(theirs), StringComparison.Ordinal);
    }

    /// <summary>
    /// A genuine, unexpired action plan link is checked again when used: its person must chair the audit (or be an admin of
    /// its organisation), and the tenant it names must be the audit's.
    /// </summary>
    [Fact]
    public async Task AnActionPlanLinkServesOnlyTheAuditsChairInTheAuditsTenant()
    {
        var answers = new List<string>();
        foreach (var (who, tenant) in new[]
        {
            (SeedChair, BotTestHost.TenantId), (TabHost.Practitioner, BotTestHost.TenantId), (TabHost.Chair, BotTestHost.TenantId),
            (SeedChair, TabHost.OtherTenant),
        })
        {
            var expires = tab.Host.Get<TimeProvider>().GetUtcNow().AddMinutes(10);
            var token = await tab.Host.Get<SignedLinks>().SignAsync(ActionPlanExport.Purpose,
                new ActionPlanGrant(tab.Audit.Id, tenant, who), expires, default);
            using var response = await tab.Host.Client.GetAsync($"/api/actions/{token}.xlsx");
            answers.Add($"{who} in {tenant}: {(int)response.StatusCode}");
        }

        Assert.Equal(
        [
            $"{SeedChair} in {BotTestHost.TenantId}: 200", $"{TabHost.Practitioner} in {BotTestHost.TenantId}: 403",
            $"{TabHost.Chair} in {BotTestHost.TenantId}: 403", $"{SeedChair} in {TabHost.OtherTenant}: 404",
        ], answers);
    }

    /// <summary>
    /// Each download from the tab is written to the audit log once, as its person and tenant, without the filter typed
    /// into it; a refused download is not.
    /// </summary>
    [Fact]
    public async Task TabDownloadsAreLoggedWithoutTheirFilterText()
    {
        var log = tab.Host.Get<IAuditLog>();
        var before = (await log.ListRecentAsync(1000)).Select(e => e.Id).ToHashSet();
        var filter = "?agency=" + Uri.EscapeDataString(QuotedAgency);

        using var refused = await tab.GetAsync("/tab/api/summary.xlsx" + filter, tab.Token(TabHost.Practitioner));
        using var summary = await tab.GetAsync("/tab/api/summary.xlsx" + filter, tab.Token(TabHost.Chair));
        using var plans = await tab.GetAsync("/tab/api/actions.xlsx" + filter, tab.Token(TabHost.Chair));
        var added = (await log.ListRecentAsync(1000)).Where(e => !before.Contains(e.Id)).OrderBy(e => e.Id).ToList();

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.OK, HttpStatusCode.OK), (refused.StatusCode, summary.StatusCode,
            plans.StatusCode));
        Assert.Equal(["insights.summary.exported", "insights.action-plans.exported"], added.Select(e => e.Action));
        Assert.All(added, e => Assert.Equal((TabHost.Chair, BotTestHost.TenantId), (e.ActorId, e.SubjectId)));
        Assert.All(added, e => Assert.DoesNotContain("onmouseover", e.DetailJson ?? "", StringComparison.Ordinal));
    }

    /// <summary>A team name with a character XML cannot hold once made the summary workbook a 500; it is left out.</summary>
    [Fact]
    public async Task ATeamNameWithAControlCharacterStillDownloads()
    {
        using var summary = await tab.GetAsync("/tab/api/summary.xlsx", tab.Token(TabHost.Chair));

        Assert.Equal(HttpStatusCode.OK, summary.StatusCode);
        var text = await WorkbookTextAsync(summary);
        Assert.Contains("Early Help North", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\u0007", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALongAgencyFilterIsABadRequest()
    {
        using var response = await tab.GetAsync("/tab/api/view?agency=" + new string('a', 4000), tab.Token(TabHost.Chair));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ABriefingLinkOfAnotherFormatIsNotStoredEither()
    {
        var links = tab.Host.Get<SignedLinks>();
        var soon = tab.Host.Get<TimeProvider>().GetUtcNow().AddMinutes(10);
        var token = await links.SignAsync(BriefingDownloadLinks.Purpose, new DownloadGrant(Guid.NewGuid(), 1, "docx", "chair"),
            soon, default);

        using var response = await tab.Host.Client.GetAsync($"/api/briefings/{token}.pdf");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(LinkAnswers.NotFoundText, await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.CacheControl?.NoStore == true, $"{response.Headers.CacheControl}");
        Assert.Contains("nosniff", response.Headers.GetValues("X-Content-Type-Options"));
    }

    private static string Hmac(string signingInput, byte[] key) =>
        signingInput + "." + Base64UrlEncoder.Encode(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signingInput)));

    private static async Task<string> WorkbookTextAsync(HttpResponseMessage response)
    {
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        var text = new StringBuilder();
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            text.Append(await reader.ReadToEndAsync());
        }

        return text.ToString();
    }

    /// <summary>The tab with one audit whose title, agency and discussing team try to break out of the page's HTML.</summary>
    public sealed class HostileTab : TabHost
    {
        public Audit Audit { get; private set; } = null!;

        protected override async Task SeedAsync(DateTimeOffset now)
        {
            var audit = Audit = await TabSeed.AuditAsync(Host, BotTestHost.TenantId,
                new SeedAudit(ScriptTitle, "Neglect", now.AddMonths(-2), 1, [QuotedAgency], ["good"]));
            await TabSeed.BriefingAsync(Host, audit, ImageTeam, BellTeam);
            await TabSeed.ActionAsync(Host, audit, 1, QuotedAgency, Today.AddDays(-3), Themes.InformationSharing);
            await ActionAsync(audit, BotTestHost.TenantId, 2, OurAction);

            // The neighbouring partnership's action that names our audit: theirs, never in our workbook.
            await ActionAsync(audit, OtherTenant, 3, TheirAction);
            var plan = ActionPlan.Start(audit.Id, BotTestHost.TenantId, audit.Title, audit.Chair, null,
                "https://smba.example.org/", "19:qa@thread.tacv2", now);
            await Host.WorkAsync(async services =>
                Assert.True(await services.GetRequiredService<ActionStore>().InsertPlanAsync(plan, CancellationToken.None)));
        }

        private async Task ActionAsync(Audit audit, string tenant, int number, string what)
        {
            var chair = new PersonRef("seed-chair", "Seed Chair") { TenantId = tenant };
            var lead = new PersonRef("lead-" + number, "Lead " + number) { TenantId = tenant };
            var action = PlannedAction.Create(Guid.NewGuid(), tenant, audit.Id, audit.Title, number, new ActionDraft(what,
                "County Police", new ActionLead(lead, null), Today.AddDays(20), "Checked", [Themes.InformationSharing], null),
                chair, DateTimeOffset.UtcNow.AddDays(-5)).ValueOrThrow();
            await Host.WorkAsync(async services =>
                Assert.True(await services.GetRequiredService<ActionStore>().InsertAsync(action, CancellationToken.None)));
        }
    }
}
