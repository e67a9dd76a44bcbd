using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Common;
using WorkshopBot.Common.Links;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Hosting;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Storage;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Jobs;
using WorkshopBot.Workshop.Storage;
using WorkshopBot.Workshop.Teams;

namespace WorkshopBot.Workshop;

/// <summary>Composition of the workshop feature: <c>services.AddWorkshop()</c> and <c>WorkshopFeature.MapWorkshop(router)</c>.</summary>
public static class WorkshopFeature
{
    public static IServiceCollection AddWorkshop(this IServiceCollection services)
    {
        services.AddOptions<WorkshopOptions>()
            .BindConfiguration(WorkshopOptions.Section)
            .Validate(o => o.CardUpdateInterval > TimeSpan.Zero && o.TimerPollInterval > TimeSpan.Zero, "Workshop: intervals must be positive.")
            .Validate(o => o.MaxRefreshUsers is >= 0 and <= 60, "Workshop:MaxRefreshUsers is 0 to 60 (Teams' limit).")
            .ValidateOnStart();
        services.TryAddSingleton<IWorkshopVoteStore, SqlWorkshopVoteStore>();
        services.TryAddScoped<IWorkshopAuditReader, DocumentWorkshopAuditReader>();
        services.TryAddSingleton<AuditStore>();
        services.TryAddSingleton<SignedLinks>();
        services.TryAddSingleton<IIdGenerator, GuidIdGenerator>();
        services.TryAddSingleton(IdentifierScanner.Default);
        services.TryAddSingleton<FreeTextCheck>();
        services.AddSingleton<WorkshopWriteLocks>();
        services.AddScoped<WorkshopRepository>();
        services.AddScoped<PollCardPublisher>();
        services.AddScoped<IPollCardSender>(sp => sp.GetRequiredService<PollCardPublisher>());
        services.AddScoped<PollPhases>();
        services.AddScoped<WorkshopHandler>();
        services.AddScoped<IWorkshopResults, WorkshopResults>();
        services.AddSingleton<LiveCardCoalescer>();
        services.AddSingleton<WorkshopPhaseTimer>();
        services.AddHostedService(sp => sp.GetRequiredService<WorkshopPhaseTimer>());
        return services;
    }

    public static void MapWorkshop(ActivityRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        router.OnCommand("workshop", (turn, rest, ct) => Get(turn).StartCommandAsync(turn, rest, ct));
        router.OnCardAction<StartWorkshopData>(WorkshopVerbs.Start, (turn, data, ct) => Get(turn).StartFromCardAsync(turn, data, ct));
        router.OnCardAction<JoinData>(WorkshopVerbs.Join, (turn, data, ct) => Get(turn).JoinAsync(turn, data, ct));
        router.OnCardAction<WorkshopRef>(WorkshopVerbs.ChairPanel, (turn, data, ct) => Get(turn).ChairPanelAsync(turn, data, ct));
        router.OnCardAction<CreatePollData>(WorkshopVerbs.CreatePoll, (turn, data, ct) => Get(turn).CreatePollAsync(turn, data, ct));
        router.OnCardAction<AddIdeaData>(WorkshopVerbs.AddIdea, (turn, data, ct) => Get(turn).AddIdeaAsync(turn, data, ct));
        router.OnCardAction<ModerateData>(WorkshopVerbs.Moderate, (turn, data, ct) => Get(turn).ModerateAsync(turn, data, ct));
        router.OnCardAction<PollRef>(WorkshopVerbs.Manage, (turn, data, ct) => Get(turn).ManageAsync(turn, data, ct));
        router.OnCardAction<PhaseData>(WorkshopVerbs.Phase, (turn, data, ct) => Get(turn).PhaseAsync(turn, data, ct));
        router.OnCardAction<PollRef>(WorkshopVerbs.View, (turn, data, ct) => Get(turn).ViewAsync(turn, data, ct));
        router.OnCardAction<DotData>(WorkshopVerbs.Dot, (turn, data, ct) => Get(turn).DotAsync(turn, data, ct));
        router.OnCardAction<ChooseData>(WorkshopVerbs.Choose, (turn, data, ct) => Get(turn).ChooseAsync(turn, data, ct));
        router.OnCardAction<RatifyData>(WorkshopVerbs.Ratify, (turn, data, ct) => Get(turn).RatifyAsync(turn, data, ct));
        router.OnCardAction<WorkshopRef>(WorkshopVerbs.Export, (turn, data, ct) => Get(turn).ExportAsync(turn, data, ct));
    }

    /// <summary><c>GET /api/workshops/{token}.csv</c>: the chair's signed, short-lived link to every poll's results.</summary>
    public static IEndpointRouteBuilder MapWorkshopDownloads(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/workshops/{token}.csv", DownloadAsync);
        return endpoints;
    }

    internal static async Task<IResult> DownloadAsync(string token, SignedLinks links, WorkshopRepository workshops, IWorkshopVoteStore votes,
        IAuditLog log, TimeProvider time, CancellationToken cancellationToken)
    {
        var (grant, check) = await links.ReadAsync<WorkshopExportGrant>(WorkshopExportGrant.Purpose, token, cancellationToken).ConfigureAwait(false);
        if (check == LinkCheck.Expired)
        {
            return TypedResults.Unauthorized();
        }

        var session = grant is null ? null : await workshops.GetAsync(grant.WorkshopId, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return TypedResults.NotFound();
        }

        // The link names its chair; a chair who has since handed over no longer gets the results.
        if (!session.IsChair(grant!.UserKey))
        {
            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        }

        var csv = await WorkshopCsv.BuildAsync(session, votes, cancellationToken).ConfigureAwait(false);
        await log.AppendAsync(new NewAuditEvent(time.GetUtcNow(), grant.UserKey, null, "workshop.exported", "workshop", session.Id.ToString(),
            System.Text.Json.JsonSerializer.Serialize(new { polls = session.Polls.Count })), cancellationToken).ConfigureAwait(false);
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", $"workshop-{session.StartedAt:yyyy-MM-dd}.csv");
    }

    private static WorkshopHandler Get(TurnContext turn) => (WorkshopHandler)turn.Services.GetService(typeof(WorkshopHandler))!;
}

/// <summary>What a workshop export link grants: the results of one workshop, to the chair it names.</summary>
public sealed record WorkshopExportGrant(Guid WorkshopId, string UserKey)
{
    public const string Purpose = "workshop-export";
}
