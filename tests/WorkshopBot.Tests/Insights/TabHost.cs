using System.Net.Http.Headers;
using Microsoft.IdentityModel.Tokens;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Common;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Insights;

/// <summary>
/// The bot on real Kestrel with the tab switched on: an Entra ID authority of its own on loopback (OpenID metadata and a
/// JWKS with a freshly generated key) that signs the tab's SSO tokens, a chair, a QA sub-group member and a
/// practitioner, and a partnership's audits, briefings and actions seeded in the store (plus one audit of a neighbouring
/// partnership the bot also serves, which must never show). Made-up people and pseudonymous references only.
/// </summary>
public class TabHost : IAsyncLifetime
{
    public const string OtherTenant = "9a8b7c6d-0000-4000-8000-00000000beef";
    public const string Chair = "aad-tab-chair";
    public const string QaMember = "aad-tab-qa-member";
    public const string Practitioner = "aad-tab-practitioner";
    public const string PublicBaseUrl = "https://audits.partnership.example.org";
    public static readonly string Audience = "api://audits.partnership.example.org/" + BotTestHost.AppId;

    public TestTokenIssuer Entra { get; private set; } = null!;

    public BotTestHost Host { get; private set; } = null!;

    public DateOnly Today { get; private set; }

    public async Task InitializeAsync()
    {
        Entra = await TestTokenIssuer.StartAsync();
        Host = await BotTestHost.StartAsync(o =>
        {
            o.Settings["WorkshopBot:PublicBaseUrl"] = PublicBaseUrl;
            o.Settings["WorkshopBot:Chairs:0"] = Chair;
            // A person is a tenant and an object id: the same object id chairs in the other organisation only when named so.
            o.Settings["WorkshopBot:Chairs:1"] = OtherTenant + "/" + Chair;
            o.Settings["WorkshopBot:AllowedTenants:1"] = OtherTenant;
            o.Settings["WorkshopBot:Tab:Viewers:0"] = QaMember;
            o.Settings["WorkshopBot:Tab:AdditionalClientAppIds:0"] = ConfiguredClient;
            o.Settings["WorkshopBot:Tab:OpenIdMetadataUrl"] = Entra.EntraMetadataUrl("common");
            o.Settings["Audits:RunJobsInBackground"] = "false";
            o.Settings["Actions:RunJobsInBackground"] = "false";
            o.Settings["Workshop:RunTimerInBackground"] = "false";
            Configure(o);
        });
        var now = DateTimeOffset.UtcNow;
        Today = DateOnly.FromDateTime(now.UtcDateTime);
        await SeedAsync(now);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Entra.DisposeAsync();
    }

    /// <summary>Teams desktop and mobile: the client app id Entra ID names in the tokens it gives the tab there.</summary>
    /// <summary>A client app of the partnership's own, listed in WorkshopBot:Tab:AdditionalClientAppIds.</summary>
    public const string ConfiguredClient = "6a1d3b57-0c2e-4f5a-9b8d-7e6f5a4b3c2d";

    public const string TeamsDesktop = "1fec8e78-bce4-4aaf-ab1b-5451cc387264";

    /// <summary>A tab SSO token as Entra ID issues it for Teams: v2 issuer of its tenant, the app's ID URI, scope access_as_user.</summary>
    public string Token(string objectId, string tenant = BotTestHost.TenantId, string? issuer = null, string? audience = null,
        DateTimeOffset? expires = null, SecurityKey? key = null, string scope = "access_as_user", string? client = TeamsDesktop)
    {
        var now = DateTimeOffset.UtcNow;
        var claims = new Dictionary<string, object> { ["tid"] = tenant, ["oid"] = objectId, ["name"] = "Tab Tester", ["ver"] = "2.0" };
        if (client is not null)
        {
            // v1 tokens name the client app in appid, v2 tokens in azp.
            var v1 = issuer is not null && issuer.StartsWith("https://sts.windows.net/", StringComparison.Ordinal);
            claims[v1 ? "appid" : "azp"] = client;
        }

        if (scope.Length > 0)
        {
            claims["scp"] = scope;
        }

        return Entra.CreateToken(BotTestHost.AppId, null, issuer ?? TestTokenIssuer.EntraV2Issuer(tenant), audience ?? Audience,
            notBefore: expires is { } e && e < now ? e.AddHours(-1) : null, expires: expires, signingKey: key, extraClaims: claims);
    }

    public async Task<HttpResponseMessage> GetAsync(string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Host.Client.SendAsync(request);
    }

    /// <summary>Changes to the bot's settings (a PostgreSQL store, ...) before it starts.</summary>
    protected virtual void Configure(BotTestHostOptions options)
    {
    }

    protected virtual async Task SeedAsync(DateTimeOffset now)
    {
        string[] agencies = ["County Police", "Health Visiting", "Children's Social Care"];
        var neglect = await TabSeed.AuditAsync(Host, BotTestHost.TenantId, new SeedAudit("Neglect audit autumn", "Neglect",
            now.AddMonths(-14), 2, agencies, ["good", "requires-improvement", "inadequate"]));
        var domestic = await TabSeed.AuditAsync(Host, BotTestHost.TenantId, new SeedAudit("Domestic abuse audit spring",
            "Domestic abuse", now.AddMonths(-8), 2, agencies, ["good", "good", "requires-improvement"]));
        var neglect2 = await TabSeed.AuditAsync(Host, BotTestHost.TenantId, new SeedAudit("Neglect audit summer", "Neglect",
            now.AddMonths(-3), 1, agencies, ["outstanding", "good", "requires-improvement"]));
        await TabSeed.AuditAsync(Host, OtherTenant, new SeedAudit("Neighbouring partnership audit", "Neglect",
            now.AddMonths(-5), 1, ["Other Police"], ["inadequate"]));
        await TabSeed.BriefingAsync(Host, neglect, "Early Help North", "Health Visiting West");
        await TabSeed.BriefingAsync(Host, domestic, "MASH");
        await TabSeed.ActionAsync(Host, neglect, 1, "County Police", Today.AddDays(-20), Themes.InformationSharing);
        await TabSeed.ActionAsync(Host, neglect, 2, "Health Visiting", Today.AddDays(30), Themes.InformationSharing);
        await TabSeed.ActionAsync(Host, domestic, 1, "County Police", Today.AddDays(-5), Themes.InformationSharing);
        await TabSeed.ActionAsync(Host, domestic, 2, "Children's Social Care", Today.AddDays(-40), Themes.FathersAndMales,
            completed: true);
        await TabSeed.ActionAsync(Host, neglect2, 1, "Health Visiting", Today.AddDays(60), Themes.FathersAndMales);
    }
}
