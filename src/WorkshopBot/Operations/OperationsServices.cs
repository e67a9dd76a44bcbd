using Azure.Monitor.OpenTelemetry.AspNetCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry;
using OpenTelemetry.Instrumentation.AspNetCore;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using WorkshopBot.Operations.Backup;
using WorkshopBot.Operations.Telemetry;
using WorkshopBot.Protocol.Connector;
using WorkshopBot.Protocol.Hosting;
using WorkshopBot.Storage;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Operations;

/// <summary>
/// Observability and operations: OpenTelemetry traces and metrics (exported over OTLP when the standard OTEL_* variables
/// name an endpoint, to Azure Monitor when APPLICATIONINSIGHTS_CONNECTION_STRING is set), <c>/readyz</c>, the alert for
/// messages that fail for good, and the data-folder lock that keeps a restore from running under a live bot.
/// Call after every feature is registered: it wraps the coordinator, the committer, the outbox and vote stores.
/// </summary>
public static class OperationsServices
{
    public static WebApplicationBuilder AddWorkshopBotOperations(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<OperationsOptions>()
            .Bind(builder.Configuration.GetSection(OperationsOptions.Section))
            .Validate(o => o.OutboxStuckAfter > TimeSpan.Zero && o.SampleInterval > TimeSpan.Zero
                    && o.ClockCheckInterval > TimeSpan.Zero && o.ClockDifferenceAllowed > TimeSpan.Zero,
                "Operations: OutboxStuckAfter, SampleInterval, ClockCheckInterval and ClockDifferenceAllowed must be positive.")
            .ValidateOnStart();
        services.AddMetrics();
        services.TryAddSingleton<OperationsSample>();
        services.TryAddSingleton<BotMetrics>();
        services.TryAddSingleton<OperationsQueries>();
        services.TryAddSingleton<FailedMessageAlerts>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Outbox.IUndeliverableReports, FailedMessageAlerts>(
            sp => sp.GetRequiredService<FailedMessageAlerts>()));
        services.TryAddSingleton<StoreClockCheck>();
        services.AddHostedService(sp => sp.GetRequiredService<StoreClockCheck>());
        services.TryAddSingleton<DataFolderLock>();
        services.AddHostedService(sp => sp.GetRequiredService<DataFolderLock>());

        Decorate<ITurnCoordinator, ObservedTurnCoordinator>(services);
        Decorate<IStoreCommitter, ObservedStoreCommitter>(services);
        Decorate<IOutboxStore, ObservedOutboxStore>(services);
        Decorate<IWorkshopVoteStore>(services, (sp, inner) => VoteMetricsProxy.Wrap(inner, sp.GetRequiredService<BotMetrics>()));
        services.TryAddTransient<ConnectorTelemetryHandler>();
        services.AddHttpClient<IConnectorClient, ConnectorClient>().AddHttpMessageHandler<ConnectorTelemetryHandler>();

        AddOpenTelemetry(builder);
        return builder;
    }

    /// <summary>Readiness, and the endpoint span on POST /api/messages.</summary>
    public static void MapWorkshopBotOperations(this WebApplication app, IEndpointConventionBuilder botMessages)
    {
        ArgumentNullException.ThrowIfNull(botMessages);
        botMessages.AddEndpointFilter(async (context, next) =>
        {
            using var span = BotTelemetry.Endpoint.StartActivity("POST /api/messages", System.Diagnostics.ActivityKind.Internal);
            var result = await next(context).ConfigureAwait(false);
            var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : StatusCodes.Status200OK;
            span?.SetTag("http.response.status_code", status);
            if (status >= 500)
            {
                BotTelemetry.Fail(span, status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            return result;
        });
        app.MapReadiness();
    }

    private static void AddOpenTelemetry(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])
            || !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"])
            || !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"]);
        var azure = !string.IsNullOrWhiteSpace(configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        if (!otlp && !azure)
        {
            // Nothing would receive them: spans and metric aggregates are not recorded at all (a request's span, its tags
            // and the instruments' aggregation cost CPU and memory on every activity, and at conference scale on every
            // vote). The bot's meter can still be watched with dotnet-counters.
            return;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : "workshopbot"))
            .WithTracing(t => t.AddSource([.. BotTelemetry.SourceNames]).AddAspNetCoreInstrumentation())
            .WithMetrics(m => m.AddMeter(BotTelemetry.MeterName).AddAspNetCoreInstrumentation());
        // Server spans name the route (e.g. /briefings/download/{token}), never the path: a download link is a credential.
        builder.Services.Configure<AspNetCoreTraceInstrumentationOptions>(o =>
        {
            o.EnrichWithHttpResponse = (activity, _) =>
            {
                activity.SetTag("url.path", activity.GetTagItem("http.route") ?? "(unrouted)");
                activity.SetTag("url.query", null);
            };
            o.RecordException = false;
        });
        if (otlp)
        {
            telemetry.UseOtlpExporter();
        }

        if (azure)
        {
            telemetry.UseAzureMonitor();
            // The distro also traces outgoing HTTP: keep the host only (URLs carry conversation ids and signed tokens).
            builder.Services.Configure<OpenTelemetry.Instrumentation.Http.HttpClientTraceInstrumentationOptions>(o =>
                o.EnrichWithHttpRequestMessage = (activity, request) =>
                    activity.SetTag("url.full", request.RequestUri is { } uri ? $"{uri.Scheme}://{uri.Host}/" : null));
        }
    }

    /// <summary>Wraps the registered <typeparamref name="TService"/> in <typeparamref name="TObserver"/>, made with it.</summary>
    private static void Decorate<TService, TObserver>(IServiceCollection services)
        where TService : class
        where TObserver : TService
    {
        var observer = ActivatorUtilities.CreateFactory<TObserver>([typeof(TService)]);
        Decorate<TService>(services, (sp, inner) => observer(sp, [inner]));
    }

    /// <summary>
    /// Replaces the last registration of <typeparamref name="TService"/> by <paramref name="wrap"/> around it, with the same
    /// lifetime. Constructors are found once, here: the turn coordinator is made for every activity, and finding its
    /// constructor and the observer's by reflection each time took about 1% of the bot's CPU under load.
    /// </summary>
    private static void Decorate<TService>(IServiceCollection services, Func<IServiceProvider, TService, TService> wrap)
        where TService : class
    {
        var descriptor = services.LastOrDefault(d => d.ServiceType == typeof(TService) && !d.IsKeyedService)
            ?? throw new InvalidOperationException($"{typeof(TService).Name} must be registered before it is observed.");
        services.Remove(descriptor);
        var create = Creator(descriptor);
        services.Add(ServiceDescriptor.Describe(typeof(TService), sp => wrap(sp, (TService)create(sp)), descriptor.Lifetime));
    }

    private static Func<IServiceProvider, object> Creator(ServiceDescriptor descriptor)
    {
        if (descriptor.ImplementationInstance is { } instance)
        {
            return _ => instance;
        }

        if (descriptor.ImplementationFactory is { } factory)
        {
            return factory;
        }

        var make = ActivatorUtilities.CreateFactory(descriptor.ImplementationType!, Type.EmptyTypes);
        return services => make(services, null);
    }
}
