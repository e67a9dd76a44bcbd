using System.Net;
using WorkshopBot.Cards;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Foundation;

/// <summary>A single-tenant bot also accepts Entra ID tokens of its own tenant (v1 and v2 issuers), over real HTTP.</summary>
public sealed class SingleTenantAuthentication : IAsyncLifetime
{
    private const string OtherTenant = "0a1b2c3d-4e5f-4061-8293-a4b5c6d7e8f9";
    private static readonly TestUser Jo = BotTestHost.User("Jo Chair");
    private BotTestHost _host = null!;

    public async Task InitializeAsync()
    {
        // The issuer's address is only known once it runs, so the host reads it from the issuer it creates.
        _host = await BotTestHost.StartAsync(o =>
        {
            o.Settings["MicrosoftAppType"] = "SingleTenant";
            o.Settings["MicrosoftAppTenantId"] = BotTestHost.TenantId;
            o.UseIssuerForEntra = true;
        });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("v2")]
    [InlineData("v1")]
    public async Task AcceptsAnEntraTokenOfTheBotsTenant(string version)
    {
        var issuer = version == "v2"
            ? TestTokenIssuer.EntraV2Issuer(BotTestHost.TenantId)
            : TestTokenIssuer.EntraV1Issuer(BotTestHost.TenantId);
        var activity = _host.Message(Jo, BotTestHost.PersonalChat(Jo), "help");

        using var response = await _host.PostAsync(activity,
            "Bearer " + _host.Issuer.CreateToken(BotTestHost.AppId, serviceUrl: null, issuer: issuer));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
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
