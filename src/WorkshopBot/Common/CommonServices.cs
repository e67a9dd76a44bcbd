using WorkshopBot.Common.Links;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Storage;

namespace WorkshopBot.Common;

/// <summary>
/// Composition of the kit every feature shares: <c>services.AddCommon()</c>, called once by the host before the
/// features, so no feature registers (or may forget to register) a shared service of its own.
/// </summary>
public static class CommonServices
{
    public static IServiceCollection AddCommon(this IServiceCollection services)
    {
        services.AddSingleton<IIdGenerator, GuidIdGenerator>();
        services.AddSingleton<DocumentChanges>();
        services.AddSingleton<SignedLinks>();
        services.AddSingleton(IdentifierScanner.Default);
        services.AddSingleton<FreeTextCheck>();
        services.AddScoped<AuditTrail>();
        return services;
    }
}
