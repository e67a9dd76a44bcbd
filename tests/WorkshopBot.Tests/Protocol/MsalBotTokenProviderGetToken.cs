using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WorkshopBot.Protocol.Auth;
using WorkshopBot.Protocol.Connector;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Protocol;

/// <summary>
/// The connector's token from the bot's credential, against a local Entra ID token endpoint (https on loopback):
/// client secret, certificate file (with and without password) and certificate from the store by thumbprint.
/// </summary>
public sealed class MsalBotTokenProviderGetToken : IAsyncLifetime
{
    private const string AppId = "11111111-2222-3333-4444-555555555555";
    private const string Tenant = "contoso-tenant";
    private LocalTokenEndpoint _entra = null!;

    public async Task InitializeAsync() => _entra = await LocalTokenEndpoint.StartAsync(https: true);

    public async Task DisposeAsync() => await _entra.DisposeAsync();

    [Fact]
    public async Task ReturnsNullInDevelopmentMode()
    {
        await using var services = Services(new Dictionary<string, string?>());

        Assert.Null(await services.GetRequiredService<IBotTokenProvider>().GetTokenAsync(CancellationToken.None));
        Assert.Empty(_entra.Requests);
    }

    [Fact]
    public async Task ClientSecretAsksTheTenantForTheBotFrameworkScope()
    {
        await using var services = Services(new Dictionary<string, string?> { ["MicrosoftAppPassword"] = "not-a-real-secret" });

        var token = await services.GetRequiredService<IBotTokenProvider>().GetTokenAsync(CancellationToken.None);

        var request = Assert.Single(_entra.Requests);
        Assert.Equal(request.IssuedToken, token);
        Assert.Equal($"/{Tenant}/oauth2/v2.0/token", request.Path);
        Assert.Equal("client_credentials", request.Form["grant_type"]);
        Assert.Equal(AppId, request.Form["client_id"]);
        Assert.Equal("not-a-real-secret", request.Form["client_secret"]);
        Assert.Contains(BotAuthenticationOptions.DefaultOAuthScope, request.Form["scope"], StringComparison.Ordinal);
        Assert.Equal(token, await services.GetRequiredService<IBotTokenProvider>().GetTokenAsync(CancellationToken.None));
        Assert.Single(_entra.Requests);
    }

    [Theory]
    [InlineData("pfx-password")]
    [InlineData(null)]
    public async Task ACertificateFileSignsTheClientAssertion(string? password)
    {
        using var certificate = LocalTokenEndpoint.CreateClientCertificate("workshopbot-file");
        var folder = Directory.CreateTempSubdirectory("workshopbot-cert-");
        try
        {
            var path = Path.Combine(folder.FullName, "bot.pfx");
            await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Pfx, password));
            await using var services = Services(new Dictionary<string, string?>
            {
                ["MicrosoftAppCertificatePath"] = path,
                ["MicrosoftAppCertificatePassword"] = password,
            });

            var token = await services.GetRequiredService<IBotTokenProvider>().GetTokenAsync(CancellationToken.None);

            await AssertSignedByAsync(certificate, token);
            var described = services.GetRequiredService<BotAppCredential>().Describe();
            Assert.Contains("certificate file " + path, described, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task AWrongCertificatePasswordStopsTheStartNamingTheKey()
    {
        using var certificate = LocalTokenEndpoint.CreateClientCertificate("workshopbot-wrong");
        var folder = Directory.CreateTempSubdirectory("workshopbot-cert-");
        try
        {
            var path = Path.Combine(folder.FullName, "bot.pfx");
            await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Pfx, "right"));
            await using var services = Services(new Dictionary<string, string?>
            {
                ["MicrosoftAppCertificatePath"] = path,
                ["MicrosoftAppCertificatePassword"] = "wrong",
            });

            var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

            Assert.Contains("MicrosoftAppCertificatePath", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task ACertificateFromTheStoreIsFoundByThumbprint()
    {
        // A fresh certificate with a unique thumbprint, added to this user's store for the test and removed after.
        using var certificate = LocalTokenEndpoint.CreateClientCertificate("workshopbot-store-" + Guid.NewGuid().ToString("N")[..8]);
        using var store = new X509Store(StoreName.My, StoreLocation.CurrentUser);
        store.Open(OpenFlags.ReadWrite);
        store.Add(certificate);
        try
        {
            await using var services = Services(new Dictionary<string, string?>
            {
                ["MicrosoftAppCertificateThumbprint"] = certificate.Thumbprint.ToLowerInvariant(),
            });

            var token = await services.GetRequiredService<IBotTokenProvider>().GetTokenAsync(CancellationToken.None);

            await AssertSignedByAsync(certificate, token);
        }
        finally
        {
            store.Remove(certificate);
        }
    }

    [Fact]
    public async Task AnUnknownThumbprintStopsTheStartNamingTheKey()
    {
        await using var services = Services(
            new Dictionary<string, string?> { ["MicrosoftAppCertificateThumbprint"] = new string('A', 40) });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("MicrosoftAppCertificateThumbprint", error.Message, StringComparison.Ordinal);
    }

    private async Task AssertSignedByAsync(X509Certificate2 certificate, string? token)
    {
        var request = Assert.Single(_entra.Requests);
        Assert.Equal(request.IssuedToken, token);
        Assert.False(request.Form.ContainsKey("client_secret"));
        Assert.Equal("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", request.Form["client_assertion_type"]);
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(request.Form["client_assertion"], new TokenValidationParameters
        {
            IssuerSigningKey = new X509SecurityKey(certificate),
            ValidIssuer = AppId,
            ValidateAudience = false,
        });
        Assert.True(validation.IsValid, validation.Exception?.Message);
        var audience = ((JsonWebToken)validation.SecurityToken).Audiences.Single();
        Assert.EndsWith($"/{Tenant}/oauth2/v2.0/token", audience, StringComparison.Ordinal);
    }

    private ServiceProvider Services(Dictionary<string, string?> settings)
    {
        if (settings.Count > 0)
        {
            settings["MicrosoftAppId"] = AppId;
            settings["MicrosoftAppType"] = "SingleTenant";
            settings["MicrosoftAppTenantId"] = Tenant;
            settings["ToChannelFromBotLoginUrl"] = _entra.Authority(Tenant);
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddBotConnector(configuration);
        services.AddHttpClient(BotAppCredential.HttpClientName).ConfigurePrimaryHttpMessageHandler(_entra.TrustingHandler);
        var provider = services.BuildServiceProvider();
        return provider;
    }
}
