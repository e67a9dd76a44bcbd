using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using WorkshopBot.Protocol.Auth;

namespace WorkshopBot.Protocol.Connector;

public static class BotConnectorServiceCollectionExtensions
{
    /// <summary>
    /// How long a pooled connection to the connector, Entra ID or the OpenID metadata is used before the next request opens
    /// a new one, with a fresh DNS lookup. The outbox holds one connector client for the life of the process, so its
    /// handler is never replaced, and smba.trafficmanager.net sends the bot to another region by DNS: the connections are
    /// recycled instead, whatever the clients' handler lifetime is set to.
    /// </summary>
    public static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Registers inbound token validation and the outbound connector: <see cref="BotAuthenticationOptions"/> from
    /// the configuration root (<c>MicrosoftAppId</c>, ...), the bot's credential (<see cref="BotCredentialOptions"/>,
    /// also from the root), <see cref="ServiceUrlPolicyOptions"/> from <c>Bot</c>, <see cref="BotConnectorOptions"/>
    /// from <c>Bot:Connector</c>, all validated at start-up. Services already registered (e.g. a test's
    /// <see cref="IBotTokenProvider"/> or <see cref="TimeProvider"/>) are kept.
    /// </summary>
    public static IServiceCollection AddBotConnector(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<BotAuthenticationOptions>().Bind(configuration).ValidateOnStart();
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<BotAuthenticationOptions>, BotAuthenticationOptionsValidator>());
        // A relative certificate path is taken from the content root (the folder of the bot's DLL when published), like
        // the data folder, so the bot finds it whatever folder it is started from.
        services.AddOptions<BotCredentialOptions>().Bind(configuration).ValidateOnStart()
            .PostConfigure<IServiceProvider>((options, provider) =>
            {
                var path = options.MicrosoftAppCertificatePath?.Trim();
                if (!string.IsNullOrEmpty(path) && !Path.IsPathRooted(path)
                    && provider.GetService<IHostEnvironment>()?.ContentRootPath is { Length: > 0 } root)
                {
                    options.MicrosoftAppCertificatePath = Path.GetFullPath(Path.Combine(root, path));
                }
            });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotCredentialOptions>, BotCredentialOptionsValidator>());
        services.AddOptions<ServiceUrlPolicyOptions>()
            .Bind(configuration.GetSection(ServiceUrlPolicyOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<ServiceUrlPolicyOptions>, ServiceUrlPolicyOptionsValidator>());
        services.AddOptions<BotConnectorOptions>().Bind(configuration.GetSection(BotConnectorOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotConnectorOptions>, BotConnectorOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IJitterSource, SharedRandomJitterSource>();
        services.TryAddSingleton<SendDeadline>();
        services.TryAddSingleton<ServiceUrlPolicy>();
        services.TryAddSingleton<IBotTokenValidator, BotTokenValidator>();
        services.AddHttpClient(BotAppCredential.HttpClientName).RecyclingConnections();
        services.TryAddSingleton<BotAppCredential>();
        services.TryAddSingleton<IBotTokenProvider, MsalBotTokenProvider>();
        services.TryAddSingleton(sp => new ConversationRateLimiter(
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<BotConnectorOptions>>().Value.RateLimitSafetyMargin));
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<BotConnectorOptions>>().Value;
            return new TenantRateLimiter(
                sp.GetRequiredService<TimeProvider>(), options.TenantRequestsPerSecond, options.RateLimitSafetyMargin);
        });

        services.AddHttpClient(BotTokenValidator.MetadataHttpClientName).RecyclingConnections();
        services.TryAddTransient<ConnectorRetryHandler>();
        services.TryAddTransient<ConversationRateLimitHandler>();
        services.TryAddTransient<BotTokenHandler>();
        services.TryAddTransient<AttemptTimeoutHandler>();

        // Outermost first: each retry waits for a rate-limit slot and gets a fresh token; only the HTTP exchange
        // itself is timed, so a long wait for a rate-limit slot is not mistaken for a hung connection.
        services.AddHttpClient<IConnectorClient, ConnectorClient>(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RecyclingConnections()
            .AddHttpMessageHandler<ConnectorRetryHandler>()
            .AddHttpMessageHandler<ConversationRateLimitHandler>()
            .AddHttpMessageHandler<BotTokenHandler>()
            .AddHttpMessageHandler<AttemptTimeoutHandler>();

        return services;
    }

    /// <summary>
    /// A primary handler whose connections last <see cref="PooledConnectionLifetime"/> and which never follows a redirect.
    /// The connector, Entra ID and the OpenID metadata do not redirect, and the service URL policy approves the first
    /// address only: a redirect followed would carry an activity (with whatever case text it holds) to a host the policy
    /// refuses. A 3xx answer is a failed call instead.
    /// </summary>
    private static IHttpClientBuilder RecyclingConnections(this IHttpClientBuilder builder) =>
        builder.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
        {
            PooledConnectionLifetime = PooledConnectionLifetime,
            AllowAutoRedirect = false,
        });
}

internal sealed class ServiceUrlPolicyOptionsValidator : IValidateOptions<ServiceUrlPolicyOptions>
{
    public ValidateOptionsResult Validate(string? name, ServiceUrlPolicyOptions options)
    {
        var errors = new List<string>();
        foreach (var entry in options.AllowedServiceUrlHosts)
        {
            if (string.IsNullOrWhiteSpace(entry))
            {
                // An empty configuration value (e.g. an overridden array slot) adds nothing.
                continue;
            }

            var host = entry.Trim();
            var bare = host.StartsWith("*.", StringComparison.Ordinal) ? host[2..] : host;
            if (bare.Length == 0 || Uri.CheckHostName(bare) == UriHostNameType.Unknown)
            {
                errors.Add($"Bot:AllowedServiceUrlHosts entry '{entry}' is not a host name " +
                    "(give 'host' or '*.domain', no scheme or path).");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

internal sealed class BotConnectorOptionsValidator : IValidateOptions<BotConnectorOptions>
{
    public ValidateOptionsResult Validate(string? name, BotConnectorOptions options)
    {
        var errors = new List<string>();
        if (options.MaxAttempts is < 1 or > 10)
        {
            errors.Add($"Bot:Connector:MaxAttempts must be between 1 and 10 (got {options.MaxAttempts}).");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero || options.RetryMaxDelay < options.RetryBaseDelay)
        {
            errors.Add("Bot:Connector:RetryBaseDelay must be >= 0 and RetryMaxDelay >= RetryBaseDelay.");
        }

        if (options.MaxRetryAfter < TimeSpan.Zero)
        {
            errors.Add("Bot:Connector:MaxRetryAfter must not be negative.");
        }

        if (options.AttemptTimeout <= TimeSpan.Zero)
        {
            errors.Add("Bot:Connector:AttemptTimeout must be positive.");
        }

        if (options.RateLimitSafetyMargin < TimeSpan.Zero)
        {
            errors.Add("Bot:Connector:RateLimitSafetyMargin must not be negative.");
        }

        if (options.TenantRequestsPerSecond < 1)
        {
            errors.Add("Bot:Connector:TenantRequestsPerSecond must be positive.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
