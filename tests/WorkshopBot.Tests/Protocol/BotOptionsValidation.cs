using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using WorkshopBot.Cards;
using WorkshopBot.Protocol.Auth;
using WorkshopBot.Protocol.Connector;

namespace WorkshopBot.Tests.Protocol;

public sealed class BotOptionsValidation
{
    private const string AppId = "11111111-2222-3333-4444-555555555555";

    [Fact]
    public void AcceptsDevelopmentModeWithNothingConfigured()
    {
        Assert.True(Validate(new BotAuthenticationOptions()).Succeeded);
    }

    [Fact]
    public void AcceptsMultiTenantWithPassword()
    {
        Assert.True(Validate(new BotAuthenticationOptions { MicrosoftAppId = AppId, MicrosoftAppPassword = "x" }).Succeeded);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("MultiTenant")]
    [InlineData("SingleTenant")]
    public void RequiresACredentialWhenAppIdSet(string? type)
    {
        var result = ValidateCredential(
            new BotAuthenticationOptions { MicrosoftAppId = AppId, MicrosoftAppType = type, MicrosoftAppTenantId = "t" }, new());

        Assert.True(result.Failed);
        Assert.Contains("MicrosoftAppPassword, MicrosoftAppCertificatePath or MicrosoftAppCertificateThumbprint", result.FailureMessage,
            StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesTwoCredentials()
    {
        var result = ValidateCredential(new BotAuthenticationOptions { MicrosoftAppId = AppId, MicrosoftAppPassword = "x" },
            new BotCredentialOptions { MicrosoftAppCertificateThumbprint = "AB" });

        Assert.True(result.Failed);
        Assert.Contains("only one", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesTheSamplePlaceholderAppId()
    {
        var result = ValidateCredential(
            new BotAuthenticationOptions { MicrosoftAppId = Guid.Empty.ToString(), MicrosoftAppPassword = "x" }, new());

        Assert.True(result.Failed);
        Assert.Contains("placeholder", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SingleTenant")]
    [InlineData("UserAssignedMSI")]
    [InlineData("MultiTenant")]
    public void RefusesTheSamplePlaceholderTenantId(string type)
    {
        var result = Validate(new BotAuthenticationOptions
        {
            MicrosoftAppId = AppId, MicrosoftAppType = type, MicrosoftAppTenantId = Guid.Empty.ToString(), MicrosoftAppPassword = "x",
        });

        Assert.True(result.Failed);
        Assert.Contains("MicrosoftAppTenantId is the all-zero placeholder", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void ManagedIdentityNeedsItsTenantAndNoSecret()
    {
        var noTenant = Validate(new BotAuthenticationOptions { MicrosoftAppId = AppId, MicrosoftAppType = "UserAssignedMSI" });
        var withSecret = ValidateCredential(
            new BotAuthenticationOptions { MicrosoftAppId = AppId, MicrosoftAppType = "UserAssignedMSI", MicrosoftAppPassword = "x" },
            new());
        var good = new BotAuthenticationOptions
        {
            MicrosoftAppId = AppId, MicrosoftAppType = "userassignedmsi", MicrosoftAppTenantId = "t",
        };

        Assert.Contains("MicrosoftAppTenantId", noTenant.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("remove MicrosoftAppPassword", withSecret.FailureMessage, StringComparison.Ordinal);
        Assert.True(Validate(good).Succeeded, Validate(good).FailureMessage);
        Assert.True(ValidateCredential(good, new()).Succeeded);
        Assert.True(good.IsSingleTenant);
    }

    [Fact]
    public void RefusesAnUnknownAppType()
    {
        var result = Validate(
            new BotAuthenticationOptions { MicrosoftAppId = AppId, MicrosoftAppPassword = "x", MicrosoftAppType = "SystemAssignedMSI" });

        Assert.True(result.Failed);
        Assert.Contains("UserAssignedMSI", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void RequiresTenantForSingleTenant()
    {
        var result = Validate(new BotAuthenticationOptions
        {
            MicrosoftAppId = AppId, MicrosoftAppPassword = "x", MicrosoftAppType = "SingleTenant",
        });

        Assert.True(result.Failed);
        Assert.Contains("MicrosoftAppTenantId", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsHttpMetadataUrlOnNonLoopbackHost()
    {
        var result = Validate(new BotAuthenticationOptions
        {
            MicrosoftAppId = AppId,
            MicrosoftAppPassword = "x",
            ToBotFromChannelOpenIdMetadataUrl = "http://login.botframework.com/v1/.well-known/openidconfiguration",
        });

        Assert.True(result.Failed);
        Assert.Contains("login.botframework.com", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("https", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsHttpEntraMetadataUrlOnNonLoopbackHost()
    {
        var result = Validate(new BotAuthenticationOptions
        {
            MicrosoftAppId = AppId,
            MicrosoftAppPassword = "x",
            MicrosoftAppType = "SingleTenant",
            MicrosoftAppTenantId = "t",
            EntraOpenIdMetadataUrl = "http://login.microsoftonline.com/t/v2.0/.well-known/openid-configuration",
        });

        Assert.True(result.Failed);
        Assert.Contains("EntraOpenIdMetadataUrl", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/v1/.well-known/openidconfiguration")]
    [InlineData("http://localhost:5000/v1/.well-known/openidconfiguration")]
    public void AcceptsHttpMetadataUrlOnLoopback(string url)
    {
        var result = Validate(new BotAuthenticationOptions
        {
            MicrosoftAppId = AppId, MicrosoftAppPassword = "x", ToBotFromChannelOpenIdMetadataUrl = url,
        });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://login.botframework.com/keys")]
    public void RejectsMalformedMetadataUrl(string url)
    {
        var result = Validate(new BotAuthenticationOptions
        {
            MicrosoftAppId = AppId, MicrosoftAppPassword = "x", ToBotFromChannelOpenIdMetadataUrl = url,
        });

        Assert.True(result.Failed);
    }

    [Fact]
    public void RejectsHttpLoginUrl()
    {
        var result = Validate(new BotAuthenticationOptions
        {
            MicrosoftAppId = AppId, MicrosoftAppPassword = "x", ToChannelFromBotLoginUrl = "http://127.0.0.1:9/tenant",
        });

        Assert.True(result.Failed);
        Assert.Contains("ToChannelFromBotLoginUrl", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void SingleTenantLoginUrlUsesTenant()
    {
        var options = new BotAuthenticationOptions { MicrosoftAppType = "SingleTenant", MicrosoftAppTenantId = "contoso-tenant" };

        Assert.Equal("https://login.microsoftonline.com/contoso-tenant", options.LoginUrl);
        Assert.Equal("https://login.microsoftonline.com/contoso-tenant/v2.0/.well-known/openid-configuration", options.EntraMetadataUrl);
    }

    /// <summary>
    /// Entra ID refuses a single-tenant app (or managed identity) at the botframework.com authority (AADSTS700016), and
    /// every send would then be put off for a day without a word: such a setting ends the start instead.
    /// </summary>
    [Theory]
    [InlineData("SingleTenant", "https://login.microsoftonline.com/botframework.com")]
    [InlineData("SingleTenant", "https://login.microsoftonline.com/BotFramework.com/")]
    [InlineData("UserAssignedMSI", "https://login.microsoftonline.com/botframework.com")]
    [InlineData("SingleTenant", "https://login.microsoftonline.us/botframework.com")]
    public void RefusesTheMultiTenantAuthorityForASingleTenantBot(string type, string loginUrl)
    {
        var result = Validate(new BotAuthenticationOptions
        {
            MicrosoftAppId = AppId, MicrosoftAppType = type, MicrosoftAppTenantId = "contoso-tenant",
            ToChannelFromBotLoginUrl = loginUrl,
        });

        Assert.True(result.Failed);
        Assert.Contains($"the multi-tenant authority, but MicrosoftAppType is {type}", result.FailureMessage, StringComparison.Ordinal);
        // That authority stays right for a multi-tenant bot, and the tenant's (or none: the tenant's) for this one.
        Assert.True(Validate(Bot("MultiTenant", loginUrl)).Succeeded);
        Assert.True(Validate(Bot(type, "https://login.microsoftonline.com/contoso-tenant")).Succeeded);
        Assert.True(Validate(Bot(type, null)).Succeeded);

        static BotAuthenticationOptions Bot(string type, string? loginUrl) => new()
        {
            MicrosoftAppId = AppId, MicrosoftAppType = type, MicrosoftAppTenantId = "contoso-tenant", ToChannelFromBotLoginUrl = loginUrl,
        };
    }

    /// <summary>An operator who copies the sample and fills in the ids gets their tenant's authority, and a valid setting.</summary>
    [Fact]
    public void TheSampleSettingsWithTheirIdsFilledInGiveASingleTenantBotItsTenantsAuthority()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Support.RepositoryRoot.Find(), "appsettings.sample.json"))
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["MicrosoftAppId"] = AppId,
                ["MicrosoftAppTenantId"] = "4d3c2b1a-0f9e-4d8c-8b7a-6e5f4d3c2b1a",
                ["MicrosoftAppPassword"] = "secret",
            })
            .Build();
        var options = configuration.Get<BotAuthenticationOptions>()!;

        Assert.Equal("SingleTenant", options.MicrosoftAppType);
        Assert.Equal("https://login.microsoftonline.com/4d3c2b1a-0f9e-4d8c-8b7a-6e5f4d3c2b1a", options.LoginUrl);
        Assert.Equal(BotAuthenticationOptions.DefaultOpenIdMetadataUrl, options.OpenIdMetadataUrl);
        Assert.Equal(BotAuthenticationOptions.DefaultTokenIssuer, options.TokenIssuer);
        Assert.Equal(BotAuthenticationOptions.DefaultOAuthScope, options.OAuthScope);
        Assert.True(Validate(options).Succeeded, Validate(options).FailureMessage);
    }

    /// <summary>
    /// The sample's advice for local development (its comment) works: with the ids, type and credential emptied as it says,
    /// the settings are those of development mode and are accepted.
    /// </summary>
    [Fact]
    public void TheSampleSettingsEmptiedAsItsCommentSaysAreAcceptedForDevelopment()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Support.RepositoryRoot.Find(), "appsettings.sample.json"))
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["MicrosoftAppType"] = "",
                ["MicrosoftAppId"] = "",
                ["MicrosoftAppTenantId"] = "",
            })
            .Build();
        var options = configuration.Get<BotAuthenticationOptions>()!;
        var credential = configuration.Get<BotCredentialOptions>()!;
        var comment = configuration["_comment"]!;

        Assert.Contains("empty MicrosoftAppType, MicrosoftAppId, MicrosoftAppTenantId and the credential", comment,
            StringComparison.Ordinal);
        Assert.True(options.IsDevelopmentMode);
        Assert.True(Validate(options).Succeeded, Validate(options).FailureMessage);
        Assert.True(ValidateCredential(options, credential).Succeeded, ValidateCredential(options, credential).FailureMessage);
    }

    [Fact]
    public async Task HostFailsToStartWithInvalidOptions()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["MicrosoftAppId"] = AppId }).Build();
        using var host = new HostBuilder().ConfigureServices(s => s.AddLogging().AddBotConnector(configuration)).Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("MicrosoftAppPassword", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bot:Connector:MaxAttempts", "0", "MaxAttempts")]
    [InlineData("Bot:Connector:TenantRequestsPerSecond", "0", "TenantRequestsPerSecond")]
    [InlineData("Bot:AllowedServiceUrlHosts:0", "https://example.com/path", "AllowedServiceUrlHosts")]
    public async Task HostFailsToStartWithInvalidConnectorSettings(string key, string value, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        using var host = new HostBuilder().ConfigureServices(s => s.AddLogging().AddBotConnector(configuration)).Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BindsFromConfigurationRoot()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppPassword"] = "x",
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppTenantId"] = "contoso-tenant",
            ["Bot:Connector:MaxAttempts"] = "6",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddBotConnector(configuration).BuildServiceProvider();

        var auth = services.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value;
        var connector = services.GetRequiredService<IOptions<BotConnectorOptions>>().Value;

        Assert.Equal(AppId, auth.MicrosoftAppId);
        Assert.True(auth.IsSingleTenant);
        Assert.Equal(6, connector.MaxAttempts);
    }

    [Theory]
    [InlineData("UserAssignedMSI", null, null, "MicrosoftAppType is UserAssignedMSI")]
    [InlineData("SingleTenant", null, null, "MicrosoftAppType is SingleTenant")]
    [InlineData("MultiTenant", "a-secret", null, "MicrosoftAppPassword is set")]
    [InlineData(null, null, "bot.pfx", "MicrosoftAppCertificatePath is set")]
    public void AProductionSettingWithoutAnAppIdIsRefusedNotRunUnauthenticated(string? type, string? password, string? path,
        string named)
    {
        var result = ValidateCredential(new BotAuthenticationOptions { MicrosoftAppType = type, MicrosoftAppPassword = password },
            new BotCredentialOptions { MicrosoftAppCertificatePath = path });

        Assert.True(result.Failed);
        Assert.Contains("MicrosoftAppId is empty", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(named, result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("a-secret", result.FailureMessage, StringComparison.Ordinal);
        Assert.True(ValidateCredential(new BotAuthenticationOptions { MicrosoftAppType = "MultiTenant" }, new()).Succeeded);
    }

    [Fact]
    public void AMissingCertificateFileIsNamedWithItsFullPath()
    {
        var missing = Path.Combine(Path.GetTempPath(), "workshopbot-" + Guid.NewGuid().ToString("N"), "bot.pfx");

        var result = ValidateCredential(new BotAuthenticationOptions { MicrosoftAppId = AppId },
            new BotCredentialOptions { MicrosoftAppCertificatePath = missing });

        Assert.True(result.Failed);
        Assert.Contains($"MicrosoftAppCertificatePath: there is no file at {missing}", result.FailureMessage, StringComparison.Ordinal);
    }

    private static ValidateOptionsResult Validate(BotAuthenticationOptions options) =>
        new BotAuthenticationOptionsValidator().Validate(null, options);

    private static ValidateOptionsResult ValidateCredential(BotAuthenticationOptions auth, BotCredentialOptions credential) =>
        new BotCredentialOptionsValidator(Options.Create(auth)).Validate(null, credential);
}
