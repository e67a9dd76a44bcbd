using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Jobs;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;

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
        services.AddScoped<BriefingStore>();
        services.TryAddSingleton<TeamGroupsSeen>();
        services.AddScoped<BriefingInputs>();
        services.AddScoped<BriefingAccess>();
        services.AddScoped<ChannelDirectory>();
        services.AddScoped<BriefingPublisher>();
        // The DOCX uploads Publish queues, made once its turn has committed; woken by each such publish, and every minute.
        services.TryAddSingleton<BriefingUploadSignal>();
        services.AddSingleton<BriefingUploads>();
        services.AddHostedService(sp => sp.GetRequiredService<BriefingUploads>());
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
