using WorkshopBot.Common.Links;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Privacy.Sweep;
using WorkshopBot.Common.Secrets;

namespace WorkshopBot.Common;

/// <summary>
/// Composition of the kit every feature shares: <c>services.AddCommon()</c>, called once by the host before the
/// features, so no feature registers (or may forget to register) a shared service of its own. The services that write
/// through a turn's unit of work (DocumentChanges, AuditTrail, IOutbox) are registered with it by AddTurnPipeline.
/// </summary>
public static class CommonServices
{
    public static IServiceCollection AddCommon(this IServiceCollection services)
    {
        services.AddSingleton<IIdGenerator, GuidIdGenerator>();
        services.AddSingleton<DeploymentKey>();
        services.AddSingleton<LogFingerprints>();
        services.AddSingleton<SafetyFingerprints>();
        services.AddSingleton<SignedLinks>();
        services.AddSingleton(IdentifierScanner.Default);
        services.AddSingleton<FreeTextCheck>();
        // After the storage's migration step (registered before AddCommon), before the server takes traffic.
        services.AddSingleton<IdentifierSweep>();
        services.AddHostedService<IdentifierSweepHostedService>();
        return services;
    }
}
