using Microsoft.Extensions.Options;
using WorkshopBot.ActionPlans;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Audits;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Briefings;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common;
using WorkshopBot.Conversations;
using WorkshopBot.Help;
using WorkshopBot.Insights;
using WorkshopBot.Operations;
using WorkshopBot.Outbox;
using WorkshopBot.Protocol.Auth;
using WorkshopBot.Protocol.Connector;
using WorkshopBot.Protocol.Hosting;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Storage;
using WorkshopBot.Workshop;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Hosting;

/// <summary>Composition of the bot: <c>builder.AddWorkshopBot()</c> and <c>app.MapWorkshopBot()</c>.</summary>
public static class WorkshopBotApplication
{
    public static WebApplicationBuilder AddWorkshopBot(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddSingleton(TimeProvider.System);
        services.AddBotConnector(configuration);
        services.AddWorkshopBotStorage(configuration);

        services.AddOptions<WorkshopBotOptions>()
            .Bind(configuration.GetSection(WorkshopBotOptions.Section))
            .Validate(o => string.IsNullOrEmpty(o.PublicBaseUrl) || Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out _),
                "WorkshopBot:PublicBaseUrl must be an absolute URL.")
            .Validate(o => !Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out var url) || Loopback.IsHttpsOrLoopbackUri(url),
                "WorkshopBot:PublicBaseUrl must be an https URL (http only for a loopback address): the download links built on it "
                + "are credentials in themselves, readable by anyone on the path over plain http.")
            .Validate<IOptions<BotAuthenticationOptions>>(
                (o, bot) => bot.Value.IsDevelopmentMode || !IsSamplePublicBaseUrl(o.PublicBaseUrl),
                $"WorkshopBot:PublicBaseUrl is the placeholder of appsettings.sample.json ({SamplePublicBaseUrl}): set WorkshopBot's own "
                + "public https address (on App Service https://<web app name>.azurewebsites.net, or your custom domain).")
            .Validate(o => string.IsNullOrEmpty(o.LinkSigningKey) || IsSigningKey(o.LinkSigningKey),
                "WorkshopBot:LinkSigningKey must be base64 of at least 32 bytes.")
            .Validate<IOptions<BotAuthenticationOptions>>((o, bot) => TenantGate.Problem(o, bot.Value) is null,
                "WorkshopBot:AllowedTenants must list your partnership's Microsoft 365 tenant id(s) for a multi-tenant bot "
                + "(or set MicrosoftAppType=SingleTenant with MicrosoftAppTenantId).")
            .ValidateOnStart();
        services.AddOptions<BotEndpointOptions>()
            .Bind(configuration.GetSection("Bot"))
            .Validate(o => o.MaxRequestBodyBytes is >= 16 * 1024 and <= 4 * 1024 * 1024,
                "Bot:MaxRequestBodyBytes must be between 16 KB and 4 MB.")
            .Validate(o => o.AnswerWithin > TimeSpan.Zero && o.AnswerWithin <= TimeSpan.FromSeconds(10),
                "Bot:AnswerWithin must be more than 0 and at most 10 seconds: Teams gives an invoke about 5 s.")
            .ValidateOnStart();
        // Development mode (no app id) only on a developer's machine: the Development environment (or an explicit
        // Bot:AllowDevelopmentMode) and loopback addresses only.
        services.AddSingleton<IValidateOptions<BotEndpointOptions>, DevelopmentModeGuard>();
        services.AddHostedService<DevelopmentModeAddresses>();
        services.AddOptions<OutboxOptions>()
            .Bind(configuration.GetSection("Outbox"))
            .Validate(o => o.BatchSize > 0 && o.MaxParallelConversations > 0 && o.MaxAttempts > 0,
                "Outbox: BatchSize, MaxParallelConversations and MaxAttempts must be positive.")
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.Lease > TimeSpan.Zero, "Outbox: PollInterval and Lease must be positive.")
            .Validate(o => o.ReplyWait >= TimeSpan.Zero && o.ReplyWait <= TimeSpan.FromSeconds(10),
                "Outbox:ReplyWait must be between 0 and 10 seconds: Teams gives a turn's answer about 5 s.")
            .Validate(o => o.ThrottledRetryFor < ProcessedActivityPruner.KeepFor && o.TransientRetryFor < ProcessedActivityPruner.KeepFor,
                "Outbox: ThrottledRetryFor and TransientRetryFor must be shorter than two days: a message not sent two days after "
                + "it was queued is given up.")
            .Validate(o => o.RetryDelay >= TimeSpan.Zero && o.MaxRetryDelay >= o.RetryDelay,
                "Outbox: RetryDelay must not be negative, and MaxRetryDelay not shorter than it.")
            .Validate<IOptions<BotConnectorOptions>>((o, c) => o.SendMargin >= TimeSpan.Zero && o.SendDeadline >= c.Value.AttemptTimeout,
                "Outbox: SendMargin must not be negative, and Lease minus SendMargin must leave room for one "
                + "Bot:Connector:AttemptTimeout.")
            .ValidateOnStart();

        services.AddSingleton<Roles>();
        services.AddSingleton(_ => BotRoutes.Build());
        // One unit of work per turn or job run: documents, outbox messages and audit entries commit together.
        services.AddTurnPipeline();
        services.AddScoped<ConversationTracker>();
        services.AddSingleton(sp => new ShownMessageRecords(sp.GetRequiredService<StorageDatabase>()));
        services.AddSingleton<ProcessedActivityPruner>();
        services.AddHostedService(sp => sp.GetRequiredService<ProcessedActivityPruner>());
        services.AddCommon();
        services.AddHelp();
        services.AddAudits();
        services.AddWorkshop();
        services.AddBriefings();
        services.AddActionPlans();
        services.AddInsights();

        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        builder.AddWorkshopBotOperations();

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        return builder;
    }

    public static WebApplication MapWorkshopBot(this WebApplication app)
    {
        app.UseStrictTransportSecurityInProduction();
        app.AnswerPassingStoreFailuresWith503();
        app.MapWorkshopBotOperations(app.MapBotMessages());
        app.MapBriefingDownloads();
        app.MapWorkshopDownloads();
        app.MapActionPlans();
        app.MapInsights();
        app.MapGet("/healthz", HealthAsync);
        AuditsRoutes.MapEndpoints(app);
        return app;
    }

    private static async Task<IResult> HealthAsync(IStorageHealth storage, CancellationToken cancellationToken) =>
        await storage.IsHealthyAsync(cancellationToken).ConfigureAwait(false)
            ? TypedResults.Ok(new { status = "ok" })
            : TypedResults.Json(new { status = "storage unavailable" }, statusCode: StatusCodes.Status503ServiceUnavailable);

    /// <summary>appsettings.sample.json's PublicBaseUrl; links built on it would lead nowhere, or to whoever owns the name.</summary>
    internal const string SamplePublicBaseUrl = "https://workshopbot.example.org";

    // Only the sample's own value: other example.* hosts are what the tests run with, and no one deploys to them by mistake.
    private static bool IsSamplePublicBaseUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url)
        && string.Equals(url.Host, new Uri(SamplePublicBaseUrl).Host, StringComparison.OrdinalIgnoreCase);

    private static bool IsSigningKey(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var length) && length >= 32;
    }
}
