using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkshopBot.ActionPlans.Jobs;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Briefings.Storage;

namespace WorkshopBot.ActionPlans;

/// <summary>Composition of the action plans (routes: <see cref="ActionPlansRoutes"/>).</summary>
public static class ActionPlansFeature
{
    public static IServiceCollection AddActionPlans(this IServiceCollection services)
    {
        services.AddOptions<ActionPlansOptions>()
            .BindConfiguration(ActionPlansOptions.Section)
            .Validate(o => o.ReminderDaysBefore is >= 0 and <= 90, "Actions:ReminderDaysBefore must be between 0 and 90.")
            .Validate(o => o.JobInterval > TimeSpan.Zero && o.DownloadLinkLifetime > TimeSpan.Zero
                && o.DownloadLinkLifetime <= TimeSpan.FromHours(24), "Actions: intervals must be positive (links at most 24 hours).")
            .ValidateOnStart();
        services.TryAddScoped<AuditStore>();
        services.TryAddScoped<AuditStages>();
        services.TryAddScoped<BriefingStore>();
        services.TryAddSingleton<TeamGroupsSeen>();

        services.AddScoped<ActionStore>();
        services.AddScoped<ActionSources>();
        services.AddScoped<ActionGuard>();
        services.AddScoped<ActionMessenger>();
        services.AddScoped<SignOffHandovers>();
        services.AddScoped<OverdueNoticeHandovers>();
        services.AddScoped<PlanRoster>();
        services.AddScoped<Briefings.Teams.IBriefingWithdrawalFollower, WithdrawnRecommendations>();

        services.AddScoped<PlanScreen>();
        services.AddScoped<CreateScreen>();
        services.AddScoped<ProgressScreen>();
        services.AddScoped<SignOffScreen>();
        services.AddScoped<ManageScreen>();
        services.AddScoped<ExportScreen>();

        services.AddSingleton<ActionJobs>();
        services.AddHostedService(sp => sp.GetRequiredService<ActionJobs>());
        return services;
    }
}
