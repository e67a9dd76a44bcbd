using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Jobs;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Protocol.Auth;
using WorkshopBot.Storage;

namespace WorkshopBot.Briefings;

/// <summary>Composition of the 7-minute briefing (routes: <see cref="BriefingsRoutes"/>).</summary>
public static class BriefingsFeature
{
    public static IServiceCollection AddBriefings(this IServiceCollection services)
    {
        services.AddOptions<BriefingOptions>()
            .BindConfiguration(BriefingOptions.Section)
            .Validate(o => o.DownloadLinkLifetime > TimeSpan.Zero && o.DownloadLinkLifetime <= TimeSpan.FromHours(24),
                "Briefings:DownloadLinkLifetime must be between 0 and 24 hours.")
            .Validate(o => o.UploadSweepInterval > TimeSpan.Zero, "Briefings:UploadSweepInterval must be positive.")
            .ValidateOnStart();
        services.AddOptions<GraphOptions>()
            .BindConfiguration(GraphOptions.Section)
            .Validate(o => !o.Enabled || Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out _), "Graph:BaseUrl must be an absolute URL.")
            .Validate(o => !o.Enabled || !Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out var url) || GraphOptions.IsGraph(url),
                "Graph:BaseUrl must be Microsoft Graph over https (graph.microsoft.com, or a national cloud's: " +
                string.Join(", ", GraphOptions.NationalCloudHosts) + "): WorkshopBot sends it a token that may write to every team's "
                + "files.")
            .Validate(o => o.Timeout > TimeSpan.Zero && o.Timeout <= GraphOptions.MaxTimeout,
                "Graph:Timeout must be more than 0 and at most 10 minutes.")
            .Validate<IOptions<BotAuthenticationOptions>>(
                (o, bot) => !o.Enabled || !string.IsNullOrWhiteSpace(o.TenantId)
                    || !string.IsNullOrWhiteSpace(bot.Value.MicrosoftAppTenantId),
                "Graph:Enabled is true but neither Graph:TenantId nor MicrosoftAppTenantId names the tenant whose Graph WorkshopBot " +
                "uploads to, so every upload would fail: set Graph:TenantId to your Microsoft 365 tenant id (a MultiTenant bot has no " +
                "MicrosoftAppTenantId).")
            .ValidateOnStart();
        services.AddHttpClient(GraphBriefingFileStore.HttpClientName);
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<BriefingOptions>>().Value;
            return new BriefingComposer(new BriefingComposerSettings(options.Contact, options.LocalProceduresUrl));
        });
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<BriefingOptions>>().Value;
            return new BriefingPrivacy(options.AllowedContactEmails, options.AllowedContactPhoneNumbers);
        });
        services.AddSingleton<BriefingDownloadLinks>();
        services.AddSingleton<IGraphTokenSource, MsalGraphTokenSource>();
        services.AddSingleton<IBriefingFileStore, GraphBriefingFileStore>();
        services.AddSingleton<FileNameFingerprints>();
        services.AddScoped<BriefingStore>();
        services.TryAddSingleton<TeamGroupsSeen>();
        services.AddScoped<BriefingInputs>();
        services.AddScoped<BriefingAccess>();
        services.AddScoped<ChannelDirectory>();
        services.AddScoped<BriefingPublisher>();
        services.AddScoped<BriefingUploadScreening>();
        // The DOCX uploads Publish queues, made once its turn has committed; woken by each such publish, and every minute.
        services.TryAddSingleton<BriefingUploadSignal>();
        services.AddSingleton<BriefingUploads>();
        services.AddHostedService(sp => sp.GetRequiredService<BriefingUploads>());
        // The Word files to delete from channels' Files (withdrawn versions, purged audits), queued in those transactions.
        services.TryAddSingleton(sp => new BriefingFiles(sp.GetRequiredService<StorageDatabase>()));
        services.TryAddSingleton<BriefingFileDeletionSignal>();
        services.AddScoped<BriefingFileAlerts>();
        services.AddSingleton<BriefingFileDeletions>();
        services.AddHostedService(sp => sp.GetRequiredService<BriefingFileDeletions>());
        services.TryAddScoped<AuditStore>();
        services.TryAddScoped<AuditStages>();

        services.AddScoped<ComposeScreen>();
        services.AddScoped<PublishScreen>();
        services.AddScoped<DiscussionScreen>();
        services.AddScoped<WithdrawScreen>();
        services.AddScoped<ExportScreen>();
        return services;
    }
}
