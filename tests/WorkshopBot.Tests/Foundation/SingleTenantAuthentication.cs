using System.Net;
using WorkshopBot.Cards;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Foundation;

/// <summary>
/// A single-tenant bot also accepts Entra ID tokens of its own tenant (v1 and v2 issuers), over real HTTP, but only from
/// itself or a caller listed in AllowedCallers: any app registered in the tenant can get a token for the bot's audience.
/// </summary>
public sealed class SingleTenantAuthentication : IAsyncLifetime
{
    private const string OtherTenant = "0a1b2c3d-4e5f-4061-8293-a4b5c6d7e8f9";
    private const string ListedCaller = "5d1e0c8a-7b2f-4a39-9e61-0f4c2b7a8d13";
    private const string SomeAppOfTheTenant = "9b7c3e21-4d5a-4f68-8c09-1e2d3f4a5b6c";
    private static readonly TestUser Jo = BotTestHost.User("Jo Chair");
    private BotTestHost _host = null!;

    public async Task InitializeAsync()
    {
        // The issuer's address is only known once it runs, so the host reads it from the issuer it creates.
        _host = await BotTestHost.StartAsync(o =>
        {
            o.Settings["MicrosoftAppType"] = "SingleTenant";
            o.Settings["MicrosoftAppTenantId"] = BotTestHost.TenantId;
            o.Settings["AllowedCallers:0"] = ListedCaller;
            o.UseIssuerForEntra = true;
        });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("v2", ListedCaller)]
    [InlineData("v1", ListedCaller)]
    [InlineData("v2", BotTestHost.AppId)]
    public async Task AcceptsAnEntraTokenOfTheBotsTenantFromAnAllowedCaller(string version, string caller)
    {
        using var response = await PostEntraAsync(version, new Dictionary<string, object> { [version == "v2" ? "azp" : "appid"] = caller });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("v2", true)]
    [InlineData("v1", true)]
    [InlineData("v2", false)]
    public async Task RefusesAnEntraTokenOfTheBotsTenantFromAnyOtherApp(string version, bool named)
    {
        // Someone in the tenant registers an app and asks Entra ID for a token for the bot's audience: it could name any
        // person (from.aadObjectId) and any serviceUrl, so it must not be let in.
        var claims = named ? new Dictionary<string, object> { [version == "v2" ? "azp" : "appid"] = SomeAppOfTheTenant } : null;

        using var response = await PostEntraAsync(version, claims);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<HttpResponseMessage> PostEntraAsync(string version, Dictionary<string, object>? claims)
    {
        var issuer = version == "v2"
            ? TestTokenIssuer.EntraV2Issuer(BotTestHost.TenantId)
            : TestTokenIssuer.EntraV1Issuer(BotTestHost.TenantId);
        var activity = _host.Message(Jo, BotTestHost.PersonalChat(Jo), "help");
        return await _host.PostAsync(activity,
            "Bearer " + _host.Issuer.CreateToken(BotTestHost.AppId, serviceUrl: null, issuer: issuer, extraClaims: claims));
    }

    [Fact]
    public async Task RefusesAnEntraTokenOfAnotherTenant()
    {
        var activity = _host.Message(Jo, BotTestHost.PersonalChat(Jo), "help");

        var token = _host.Issuer.CreateToken(BotTestHost.AppId, activity.ServiceUrl, issuer: TestTokenIssuer.EntraV2Issuer(OtherTenant));
        using var response = await _host.PostAsync(activity, "Bearer " + token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task StillAcceptsBotFrameworkTokens()
    {
        using var response = await _host.PostAsync(_host.Message(Jo, BotTestHost.PersonalChat(Jo), "help"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
