using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Conversations;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Jobs;
using WorkshopBot.Workshop.Storage;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Workshop;

/// <summary>
/// Composition of the workshop feature: <c>services.AddWorkshop()</c>. Its routes are in <see cref="WorkshopRoutes"/>.
/// </summary>
public static class WorkshopFeature
{
    public static IServiceCollection AddWorkshop(this IServiceCollection services)
    {
        services.AddOptions<WorkshopOptions>()
            .BindConfiguration(WorkshopOptions.Section)
            .Validate(o => o.CardUpdateInterval > TimeSpan.Zero && o.TimerPollInterval > TimeSpan.Zero
                && o.CardCatchUpAfter > TimeSpan.Zero,
                "Workshop: intervals must be positive.")
            .Validate(o => o.MaxRefreshUsers is >= 0 and <= 60, "Workshop:MaxRefreshUsers is 0 to 60 (Teams' limit).")
            .Validate(o => o.KnownVoterCountsAge >= TimeSpan.Zero && o.KnownVoterCountsAge <= TimeSpan.FromSeconds(5),
                "Workshop:KnownVoterCountsAge is 0 to 5 seconds.")
            .ValidateOnStart();

        // Storage, and the audits the workshop reads.
        services.TryAddSingleton<SqlWorkshopVoteStore>();
        services.TryAddSingleton<IWorkshopVoteStore>(sp => sp.GetRequiredService<SqlWorkshopVoteStore>());
        services.TryAddSingleton<IVoterQueries>(sp => sp.GetRequiredService<SqlWorkshopVoteStore>());
        services.TryAddSingleton<ICardSlots, SqlCardSlots>();
        services.TryAddSingleton<IPollCardVersions, SqlPollCardVersions>();
        services.TryAddSingleton<IWorkshopCardVersions, SqlWorkshopCardVersions>();
        services.TryAddSingleton<KnownVoters>();
        services.TryAddScoped<AuditStore>();
        services.TryAddScoped<AuditStages>();
        services.TryAddScoped<IWorkshopAuditReader, DocumentWorkshopAuditReader>();
        services.AddScoped<WorkshopRepository>();
        services.AddScoped<IWorkshopResults, WorkshopResults>();

        // Teams: what the screens share, then the screens.
        services.AddScoped<WorkshopAccess>();
        services.AddScoped<ClosedAuditGuard>();
        // A vote or ballot reads its workshop, the voter and the turn's replay check in one round trip; its answer, the
        // voter's ballot, is not kept: a redelivery gets the ballot as it stands then.
        services.AddSingleton(new ReplayCheckCarrier(BallotScreen.View, BallotScreen.Dot, BallotScreen.Choose) { AnsweredAfresh = true });
        services.AddScoped<ChairControls>();
        services.AddScoped<PollGrades>();
        services.AddScoped<PollCardPublisher>();
        services.AddScoped<IPollCardSender>(sp => sp.GetRequiredService<PollCardPublisher>());
        services.AddScoped<PollPhases>();
        services.AddScoped<WorkshopVoteWork>();
        services.AddScoped<ReplacedRepresentativeJoins>();
        services.AddScoped<StartScreen>();
        services.AddScoped<JoinScreen>();
        services.AddScoped<PollsScreen>();
        services.AddScoped<IdeasScreen>();
        services.AddScoped<ModerationScreen>();
        services.AddScoped<BallotScreen>();
        services.AddSingleton<BallotAnswers>();
        services.AddScoped<RatifyScreen>();
        services.AddScoped<RecommendationsScreen>();
        services.AddScoped<ExportScreen>();

        // Jobs: live card updates (forgetting their idle slots, sending those an instance that stopped lost) and the phase timer.
        services.AddSingleton<LiveCardCoalescer>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveCardCoalescer>());
        services.AddSingleton<CardSlotPruner>();
        services.AddHostedService(sp => sp.GetRequiredService<CardSlotPruner>());
        services.AddSingleton<LiveCardCatchUp>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveCardCatchUp>());
        services.AddSingleton<WorkshopPhaseTimer>();
        services.AddHostedService(sp => sp.GetRequiredService<WorkshopPhaseTimer>());
        return services;
    }
}
