using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Jobs;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Briefings.Jobs;
using WorkshopBot.Help.Domain;

namespace WorkshopBot.Audits;

/// <summary>Composition of the audit feature; its routes are in <see cref="AuditsRoutes"/>.</summary>
public static class AuditsFeature
{
    public static IServiceCollection AddAudits(this IServiceCollection services)
    {
        services.AddOptions<AuditOptions>()
            .BindConfiguration(AuditOptions.Section)
            .Validate(o => o.SafetyResendAfter > TimeSpan.Zero && o.JobInterval > TimeSpan.Zero && o.ExportLinkLifetime > TimeSpan.Zero
                    && o.ExportLinkLifetime <= TimeSpan.FromHours(24),
                "Audits: intervals must be positive (ExportLinkLifetime at most 24 hours).")
            .ValidateOnStart();
        services.TryAddScoped<AuditStore>();
        services.AddScoped<IRepresentativeLookup, AuditRepresentativeLookup>();

        // Services the screens and the background jobs share.
        services.AddScoped<ChairAccess>();
        services.AddScoped<AuditMessenger>();
        services.AddScoped<ToolDelivery>();
        services.AddScoped<TrackerService>();
        services.AddScoped<ReminderSender>();
        services.AddScoped<RepresentativeNotices>();
        services.AddScoped<WorkshopMoveNotices>();
        services.AddScoped<DueDateNotices>();
        services.AddScoped<SafetyAlerts>();
        services.AddScoped<ChairHandovers>();
        services.AddScoped<ReopenRequestHandovers>();
        services.AddScoped<RoleHolderDepartures>();

        // A card still queued for a representative the chair has since replaced is withdrawn as its send starts.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Outbox.IOutboxAddressees, ReplacedRepresentatives>());
        services.TryAddScoped<AuditStages>();

        // Screens, resolved per turn by AuditsRoutes.
        services.AddScoped<CreateScreen>();
        services.AddScoped<DashboardScreen>();
        services.AddScoped<DetailsScreen>();
        services.AddScoped<QuestionsScreen>();
        services.AddScoped<CasesScreen>();
        services.AddScoped<AgenciesScreen>();
        services.AddScoped<ReturnsScreen>();
        services.AddScoped<SafetyScreen>();
        services.AddScoped<TrackerScreen>();
        services.AddScoped<ReopenRequestsScreen>();
        services.AddScoped<ExportScreen>();
        services.AddScoped<RetentionScreen>();
        services.AddScoped<ChairScreen>();

        // Retention: the daily purge of audits past their period (not on legal hold), with its deletion-log entry, and of
        // team discussions left with neither their audit nor their briefing.
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section)
            .Validate(o => o.Interval > TimeSpan.Zero, "Retention:Interval must be positive.")
            .Validate(o => o.MinimumMonths is >= RetentionPolicy.MinMonths and <= RetentionPolicy.MaxMonths,
                "Retention:MinimumMonths must be 1 to 300.").ValidateOnStart();
        services.AddScoped<AuditPurge>();
        services.TryAddSingleton<BriefingFileDeletionSignal>();
        services.AddScoped<OrphanedDiscussions>();
        services.AddSingleton<RetentionJob>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionJob>());

        services.AddSingleton<AuditJobs>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditJobs>());
        return services;
    }
}
