using System.Text.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Briefings.Teams;
using WorkshopBot.Common;
using WorkshopBot.Common.Links;
using WorkshopBot.Hosting;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;

namespace WorkshopBot.Briefings;

/// <summary>Registration, routes and the download endpoint of the 7-minute briefing.</summary>
public static class BriefingsFeature
{
    public static IServiceCollection AddBriefings(this IServiceCollection services)
    {
        services.AddOptions<BriefingOptions>()
            .BindConfiguration(BriefingOptions.Section)
            .Validate(o => o.DownloadLinkLifetime > TimeSpan.Zero && o.DownloadLinkLifetime <= TimeSpan.FromHours(24), "Briefings:DownloadLinkLifetime must be between 0 and 24 hours.")
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
        services.AddSingleton<BriefingPrivacy>();
        services.AddSingleton<BriefingDownloadLinks>();
        services.AddSingleton<IGraphTokenSource, MsalGraphTokenSource>();
        services.AddSingleton<IBriefingFileStore, GraphBriefingFileStore>();
        services.AddScoped<BriefingStore>();
        services.AddScoped<BriefingInputs>();
        services.TryAddSingleton<AuditStore>();
        services.TryAddSingleton<SignedLinks>();
        services.TryAddSingleton<IIdGenerator, GuidIdGenerator>();
        services.AddScoped<BriefingPublisher>();
        services.AddScoped<BriefingHandler>();
        return services;
    }

    public static void MapBriefings(ActivityRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        // Graph addresses a team by its Microsoft 365 group id, which only install and channel activities carry.
        router.BeforeEach(async (turn, ct) =>
        {
            if (turn.Activity.GetTeamsChannelData()?.Team is { Id.Length: > 0, AadGroupId.Length: > 0 } team)
            {
                await Resolve<BriefingStore>(turn).RememberTeamGroupIdAsync(team.Id, team.AadGroupId!, ct).ConfigureAwait(false);
            }
        });
        router.OnCommand("briefing", (turn, _, ct) => Handler(turn).SendPickerAsync(turn, ct));
        router.OnCardAction<OpenBriefingData>(BriefingVerbs.Open, (turn, d, ct) => Handler(turn).OpenAsync(turn, d, ct));
        router.OnCardAction<EditFormData>(BriefingVerbs.EditForm, (turn, d, ct) => Handler(turn).EditFormAsync(turn, d, ct));
        router.OnCardAction<EditSaveData>(BriefingVerbs.EditSave, (turn, d, ct) => Handler(turn).EditSaveAsync(turn, d, ct));
        router.OnCardAction<RegenerateData>(BriefingVerbs.Regenerate, (turn, d, ct) => Handler(turn).RegenerateAsync(turn, d, ct));
        router.OnCardAction<ApproveData>(BriefingVerbs.Approve, (turn, d, ct) => Handler(turn).ApproveAsync(turn, d, ct));
        router.OnCardAction<ChooseChannelsData>(BriefingVerbs.ChooseChannels, (turn, d, ct) => Handler(turn).ChooseChannelsAsync(turn, d, ct));
        router.OnCardAction<PublishData>(BriefingVerbs.Publish, (turn, d, ct) => Handler(turn).PublishAsync(turn, d, ct));
        router.OnCardAction<RetryUploadData>(BriefingVerbs.RetryUpload, (turn, d, ct) => Handler(turn).RetryUploadAsync(turn, d, ct));
        router.OnCardAction<UsageData>(BriefingVerbs.Usage, (turn, d, ct) => Handler(turn).UsageAsync(turn, d, ct));
        router.OnCardAction<RemindData>(BriefingVerbs.Remind, (turn, d, ct) => Handler(turn).RemindAsync(turn, d, ct));
        router.OnCardAction<ExportData>(BriefingVerbs.Export, (turn, d, ct) => Handler(turn).ExportAsync(turn, d, ct));
        router.OnCardAction<DiscussionFormData>(BriefingVerbs.DiscussionForm, (turn, d, ct) => Handler(turn).DiscussionFormAsync(turn, d, ct));
        router.OnCardAction<DiscussionSaveData>(BriefingVerbs.DiscussionSave, (turn, d, ct) => Handler(turn).DiscussionSaveAsync(turn, d, ct));
    }

    /// <summary><c>GET /api/briefings/{token}.docx</c> and <c>.md</c>: the chair's signed, short-lived download link.</summary>
    public static IEndpointRouteBuilder MapBriefingDownloads(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/briefings/{token}.{format}", DownloadAsync);
        return endpoints;
    }

    internal static async Task<IResult> DownloadAsync(string token, string format, BriefingDownloadLinks links, BriefingStore store,
        IAuditLog log, TimeProvider time, CancellationToken cancellationToken)
    {
        if (format is not (BriefingDownloadLinks.Docx or BriefingDownloadLinks.Markdown)
            || await links.ValidateAsync(token, format, cancellationToken).ConfigureAwait(false) is not { } grant)
        {
            return TypedResults.NotFound();
        }

        var content = (await store.GetAsync(grant.AuditId, cancellationToken).ConfigureAwait(false))?.Value.Version(grant.Version)?.Content;
        if (content is null)
        {
            return TypedResults.NotFound();
        }

        await log.AppendAsync(new NewAuditEvent(time.GetUtcNow(), grant.UserKey, null, "briefing.exported", "briefing", grant.AuditId.ToString("D"),
            JsonSerializer.Serialize(new { version = grant.Version, format })), cancellationToken).ConfigureAwait(false);
        return format == BriefingDownloadLinks.Docx
            ? TypedResults.File(BriefingDocx.Render(content), BriefingDocx.ContentType, BriefingDocx.FileName(content))
            : TypedResults.File(System.Text.Encoding.UTF8.GetBytes(BriefingMarkdown.Render(content)), "text/markdown; charset=utf-8",
                Path.ChangeExtension(BriefingDocx.FileName(content), ".md"));
    }

    private static BriefingHandler Handler(TurnContext turn) => Resolve<BriefingHandler>(turn);

    private static T Resolve<T>(TurnContext turn)
        where T : notnull => (T)turn.Services.GetService(typeof(T))!;
}
