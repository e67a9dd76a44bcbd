using System.Net;
using System.Text.Json;
using WorkshopBot.Insights.Teams;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Insights;

/// <summary>
/// The tab's API over real HTTP with Teams SSO tokens signed by a local Entra ID authority: a valid token of a chair
/// (v2 or v1 issuer, app ID URI or app id audience, issued to Teams, Outlook or a configured client app) or of a QA
/// sub-group member is served; an expired token, another audience, issuer, signing key or client app, a token without the
/// access_as_user scope, or no token at all gets 401 with a plain sentence; a practitioner, or a tenant the bot does not
/// serve, gets 403. Never a 500.
/// </summary>
public sealed class TabSignInMatrix(TabHost tab) : IClassFixture<TabHost>
{
    public enum Case
    {
        Valid,
        ValidV1Issuer,
        ValidAppIdAudience,
        QaSubGroupMember,
        TeamsOnTheWeb,
        OutlookOnTheWeb,
        ConfiguredClientApp,
        OtherClientApp,
        OtherClientAppV1,
        NoClientApp,
        Expired,
        WrongAudience,
        WrongTenant,
        WrongIssuer,
        IssuerOfAnotherTenant,
        BadSignature,
        MissingScope,
        NoToken,
        NotAToken,
        Unsigned,
        Practitioner,
    }

    public static TheoryData<Case> Cases() => new(Enum.GetValues<Case>());

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task TokenDecidesTheAnswer(Case which)
    {
        var tenant = BotTestHost.TenantId;
        var token = which switch
        {
            Case.Valid => tab.Token(TabHost.Chair),
            Case.ValidV1Issuer => tab.Token(TabHost.Chair, issuer: TestTokenIssuer.EntraV1Issuer(tenant)),
            Case.ValidAppIdAudience => tab.Token(TabHost.Chair, audience: BotTestHost.AppId),
            Case.QaSubGroupMember => tab.Token(TabHost.QaMember),
            Case.TeamsOnTheWeb => tab.Token(TabHost.Chair, client: "5e3ce6c0-2b1f-4285-8d4b-75ee78787346"),
            Case.OutlookOnTheWeb => tab.Token(TabHost.Chair, client: "bc59ab01-8403-45c6-8796-ac3ef710b3e3"),
            Case.ConfiguredClientApp => tab.Token(TabHost.Chair, client: TabHost.ConfiguredClient),
            Case.OtherClientApp => tab.Token(TabHost.Chair, client: "0b5f7f4e-8d53-4f7e-9f5c-3c1d2a8e6b71"),
            Case.OtherClientAppV1 => tab.Token(TabHost.Chair, issuer: TestTokenIssuer.EntraV1Issuer(tenant),
                client: "0b5f7f4e-8d53-4f7e-9f5c-3c1d2a8e6b71"),
            Case.NoClientApp => tab.Token(TabHost.Chair, client: null),
            Case.Expired => tab.Token(TabHost.Chair, expires: DateTimeOffset.UtcNow.AddMinutes(-30)),
            Case.WrongAudience => tab.Token(TabHost.Chair, audience: "api://elsewhere.example.org/" + Guid.NewGuid()),
            Case.WrongTenant => tab.Token(TabHost.Chair, tenant: "11111111-2222-4333-8444-555555555555"),
            Case.WrongIssuer => tab.Token(TabHost.Chair, issuer: "https://login.example.org/" + tenant + "/v2.0"),
            Case.IssuerOfAnotherTenant => tab.Token(TabHost.Chair, issuer: TestTokenIssuer.EntraV2Issuer(TabHost.OtherTenant)),
            Case.BadSignature => tab.Token(TabHost.Chair, key: TestTokenIssuer.CreateRsaKey("not-published")),
            Case.MissingScope => tab.Token(TabHost.Chair, scope: ""),
            Case.NoToken => null,
            Case.NotAToken => "not-a-token",
            Case.Unsigned => tab.Entra.CreateUnsignedToken(TabHost.Audience, null, TestTokenIssuer.EntraV2Issuer(tenant)),
            Case.Practitioner => tab.Token(TabHost.Practitioner),
            _ => throw new ArgumentOutOfRangeException(nameof(which)),
        };
        var expected = which switch
        {
            Case.Valid or Case.ValidV1Issuer or Case.ValidAppIdAudience or Case.QaSubGroupMember or Case.TeamsOnTheWeb
                or Case.OutlookOnTheWeb or Case.ConfiguredClientApp => HttpStatusCode.OK,
            Case.Practitioner or Case.WrongTenant => HttpStatusCode.Forbidden,
            _ => HttpStatusCode.Unauthorized,
        };

        foreach (var path in new[] { "/tab/api/view", "/tab/api/summary", "/tab/api/summary.xlsx", "/tab/api/actions.xlsx" })
        {
            using var response = await tab.GetAsync(path, token);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(expected == response.StatusCode, $"{which} {path}: {(int)response.StatusCode} {body}");
            if (expected == HttpStatusCode.OK)
            {
                continue;
            }

            Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(which switch
            {
                Case.Practitioner => TabSignIn.NotForYou,
                Case.WrongTenant => TabSignIn.OtherTenant,
                Case.NoToken => TabSignIn.NoToken,
                _ => TabSignIn.BadToken,
            }, body);
            if (expected == HttpStatusCode.Unauthorized)
            {
                Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task ViewShowsOnlyTheSignedInPersonsTenant()
    {
        using var mine = await tab.GetAsync("/tab/api/summary", tab.Token(TabHost.Chair));
        using var theirs = await tab.GetAsync("/tab/api/summary", tab.Token(TabHost.Chair, tenant: TabHost.OtherTenant));
        var own = JsonDocument.Parse(await mine.Content.ReadAsStringAsync()).RootElement;
        var other = JsonDocument.Parse(await theirs.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(3, own.GetProperty("auditsHeld").GetInt32());
        Assert.Equal(1, other.GetProperty("auditsHeld").GetInt32());
        Assert.DoesNotContain("Neighbouring", own.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("Neighbouring", other.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("from=yesterday", "year-month-day")]
    [InlineData("from=2026-05-01&to=2026-04-01", "on or before")]
    [InlineData("from=2000-01-01&to=2026-01-01", "at most 10 years")]
    // A year before 1900: the summary workbook could not write the date and answered 500.
    [InlineData("from=0050-01-01&to=0050-01-02", "from 1900 onwards")]
    [InlineData("to=0099-12-31&from=0099-12-01", "from 1900 onwards")]
    [InlineData("theme=not-a-theme", "list of themes")]
    [InlineData("agency=%00", "list of agencies")]
    [InlineData("agency=Police%1B", "list of agencies")]
    // U+FFFE and U+FFFF, no characters at all: the summary workbook could not hold them and answered 500.
    [InlineData("agency=Police%EF%BF%BE", "list of agencies")]
    [InlineData("agency=%EF%BF%BF", "list of agencies")]
    public async Task BadFiltersGetAPlainSentence(string query, string says)
    {
        foreach (var path in new[] { "/tab/api/view", "/tab/api/summary", "/tab/api/summary.xlsx", "/tab/api/actions.xlsx" })
        {
            using var response = await tab.GetAsync(path + "?" + query, tab.Token(TabHost.Chair));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(says, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.True(response.Headers.CacheControl?.NoStore, path);
        }
    }

    [Fact]
    public async Task PagesAllowOnlyThisHostAndTeamsFrames()
    {
        foreach (var path in new[] { "/tab/", "/tab/config", "/tab/static/tab.js", "/tab/static/MicrosoftTeams.min.js" })
        {
            using var response = await tab.GetAsync(path, null);
            Assert.True(response.StatusCode == HttpStatusCode.OK, path + ": " + await response.Content.ReadAsStringAsync());
            var policy = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft",
                policy, StringComparison.Ordinal);
        }

        using var missing = await tab.GetAsync("/tab/static/appsettings.json", null);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
