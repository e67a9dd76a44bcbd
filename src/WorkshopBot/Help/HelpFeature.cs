using WorkshopBot.Help.Teams;

namespace WorkshopBot.Help;

/// <summary>Composition of the help feature: the welcome card and <c>help</c>.</summary>
public static class HelpFeature
{
    public static IServiceCollection AddHelp(this IServiceCollection services)
    {
        services.AddScoped<HelpScreen>();
        return services;
    }
}
