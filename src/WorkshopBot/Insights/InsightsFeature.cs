using WorkshopBot.Insights.Storage;
using WorkshopBot.Insights.Teams;

namespace WorkshopBot.Insights;

/// <summary>
/// Composition of the partnership's view across audits, the Teams tab (pages and API: <see cref="InsightsRoutes"/>).
/// </summary>
public static class InsightsFeature
{
    public static IServiceCollection AddInsights(this IServiceCollection services)
    {
        services.AddOptions<InsightsOptions>()
            .BindConfiguration(InsightsOptions.Section)
            .Validate(o => Uri.TryCreate(o.OpenIdMetadataUrl, UriKind.Absolute, out var url)
                && (url.Scheme == Uri.UriSchemeHttps || Protocol.Auth.Loopback.IsLoopbackUri(url)),
                "WorkshopBot:Tab:OpenIdMetadataUrl must be an https URL (http only on loopback).")
            .ValidateOnStart();
        services.AddSingleton<TabSignIn>();
        services.AddScoped<ReturnGrades>();
        services.AddScoped<InsightSources>();
        return services;
    }

    /// <summary>Maps the tab's pages, files and API on the bot's own host.</summary>
    public static IEndpointRouteBuilder MapInsights(this IEndpointRouteBuilder endpoints)
    {
        InsightsRoutes.MapEndpoints(endpoints);
        return endpoints;
    }
}
