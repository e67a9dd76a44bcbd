using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkshopBot.Cards;
using WorkshopBot.Hosting;
using WorkshopBot.Tests.Support;

namespace WorkshopBot.Tests.Foundation;

/// <summary>/healthz, start-up validation of settings, and logs that carry turn scopes but no message bodies.</summary>
public sealed class HostHealthAndStartupChecks
{
    [Fact]
    public async Task HealthzReportsOkWhenTheStoreAnswers()
    {
        await using var host = await BotTestHost.StartAsync();

        using var response = await host.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("ok", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ObserversWrapTheTurnCoordinatorAndTheStoresAndKeepTheirLifetimes()
    {
        await using var host = await BotTestHost.StartAsync();
        using var first = host.Services.CreateScope();
        using var second = host.Services.CreateScope();

        // One turn coordinator per activity (scope), observed; one committer and one outbox for the process, observed.
        var turn = first.ServiceProvider.GetRequiredService<WorkshopBot.Protocol.Hosting.ITurnCoordinator>();
        Assert.IsType<WorkshopBot.Operations.Telemetry.ObservedTurnCoordinator>(turn);
        Assert.Same(turn, first.ServiceProvider.GetRequiredService<WorkshopBot.Protocol.Hosting.ITurnCoordinator>());
        Assert.NotSame(turn, second.ServiceProvider.GetRequiredService<WorkshopBot.Protocol.Hosting.ITurnCoordinator>());
        var committer = first.ServiceProvider.GetRequiredService<WorkshopBot.Storage.IStoreCommitter>();
        Assert.IsType<WorkshopBot.Operations.Telemetry.ObservedStoreCommitter>(committer);
        Assert.Same(committer, second.ServiceProvider.GetRequiredService<WorkshopBot.Storage.IStoreCommitter>());
        var outbox = first.ServiceProvider.GetRequiredService<WorkshopBot.Storage.IOutboxStore>();
        Assert.IsType<WorkshopBot.Operations.Telemetry.ObservedOutboxStore>(outbox);
        Assert.Same(outbox, second.ServiceProvider.GetRequiredService<WorkshopBot.Storage.IOutboxStore>());
    }

    [Theory]
    [InlineData("Storage:Provider", "Oracle", "Storage:Provider")]
    [InlineData("ToBotFromChannelOpenIdMetadataUrl", "http://login.example.org/metadata", "https")]
    [InlineData("MicrosoftAppPassword", "", "MicrosoftAppPassword")]
    [InlineData("MicrosoftAppType", "SingleTenant", "MicrosoftAppTenantId")]
    [InlineData("Outbox:BatchSize", "0", "BatchSize")]
    [InlineData("Outbox:ThrottledRetryFor", "2.00:00:00", "ThrottledRetryFor")]
    [InlineData("Bot:MaxRequestBodyBytes", "10", "MaxRequestBodyBytes")]
    [InlineData("Audits:ExportLinkLifetime", "1.00:00:01", "ExportLinkLifetime")]
    [InlineData("Actions:DownloadLinkLifetime", "2.00:00:00", "24 hours")]
    [InlineData("Briefings:DownloadLinkLifetime", "1.00:00:01", "DownloadLinkLifetime")]
    public async Task RefusesToStartWithAClearMessageForABadSetting(string key, string value, string mentioned)
    {
        var messages = await StartFailsAsync(new() { [key] = value });

        Assert.Contains(mentioned, messages, StringComparison.Ordinal);
    }

    /// <summary>
    /// Settings that would expose or lose a partnership's data (the reviewer's list): each ends the start with an options
    /// error (exit 2) naming the setting. Several settings to a case, "key=value" separated by '|'.
    /// </summary>
    [Theory]
    [InlineData("WEBSITE_INSTANCE_ID=a1b2c3d4", "Storage:AllowSqliteOnAzure=true")]
    [InlineData("CONTAINER_APP_NAME=workshopbot", "Azure Container Apps")]
    [InlineData("Storage:Provider=Postgres|Storage:PostgresConnectionString=Host=psql-wb.postgres.database.azure.com;"
        + "Database=workshopbot;Username=wb;Password=pg-secret-9;SSL Mode=Require",
        "Storage:PostgresConnectionString (or ConnectionStrings:Postgres) reaches a server that is not on this computer")]
    [InlineData("Graph:Enabled=true|Graph:BaseUrl=http://graph.microsoft.com/v1.0", "Graph:BaseUrl must be Microsoft Graph")]
    [InlineData("Graph:Enabled=true|Graph:BaseUrl=https://graph.microsoft.com.attacker.example/v1.0", "Graph:BaseUrl must be Microsoft")]
    [InlineData("Graph:Timeout=-00:00:01", "Graph:Timeout")]
    [InlineData("Graph:Enabled=true|MicrosoftAppType=MultiTenant", "Graph:TenantId")]
    [InlineData("WorkshopBot:PublicBaseUrl=http://bot.example.org", "WorkshopBot:PublicBaseUrl must be an https URL")]
    [InlineData("WorkshopBot:PublicBaseUrl=https://workshopbot.example.org", "WorkshopBot:PublicBaseUrl is the placeholder")]
    [InlineData("MicrosoftAppType=SingleTenant|MicrosoftAppTenantId=00000000-0000-0000-0000-000000000000",
        "MicrosoftAppTenantId is the all-zero placeholder")]
    public async Task RefusesToStartADeploymentThatWouldExposeOrLoseData(string settings, string mentioned)
    {
        var messages = await StartFailsAsync(settings.Split('|').Select(s => s.Split('=', 2))
            .ToDictionary(p => p[0], p => (string?)p[1]));

        Assert.Contains(mentioned, messages, StringComparison.Ordinal);
        Assert.DoesNotContain("pg-secret-9", messages, StringComparison.Ordinal);
    }

    /// <summary>Starts the real composition, as Program does, with <paramref name="extra"/>; returns every message of the error.</summary>
    private static async Task<string> StartFailsAsync(Dictionary<string, string?> extra)
    {
        var folder = Directory.CreateTempSubdirectory("workshopbot-options-");
        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["MicrosoftAppId"] = BotTestHost.AppId,
            ["MicrosoftAppPassword"] = "test-secret",
            ["ToBotFromChannelOpenIdMetadataUrl"] = "http://127.0.0.1:9/v1/.well-known/openidconfiguration",
            ["Storage:SqlitePath"] = Path.Combine(folder.FullName, "bot.db"),
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        // The real composition, started as Program does, so the error is the one an operator would see.
        var builder = WebApplication.CreateBuilder(WorkshopBotHost.Options([]));
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddWorkshopBot();
        await using var app = builder.Build();
        app.MapWorkshopBot();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync());

        var messages = string.Join(" | ", Flatten(error).Select(e => e.Message));
        Assert.True(Flatten(error).Any(e => e is OptionsValidationException), messages);
        // What WorkshopBotHost turns into one line and exit code 2.
        Assert.NotNull(StartupError.Describe(error));
        folder.Delete(recursive: true);
        return messages;
    }

    [Fact]
    public async Task LogsEachTurnInAScopeWithoutTheMessageText()
    {
        var sink = new RecordingLoggerProvider();
        await using var host = await BotTestHost.StartAsync(o =>
        {
            o.Settings["Logging:LogLevel:Default"] = "Information";
            o.Services = services => services.AddSingleton<ILoggerProvider>(sink);
        });
        var user = BotTestHost.User("Quinn Practitioner");
        var activity = host.Message(user, BotTestHost.PersonalChat(user), "help SecretWordInTheBody");

        await host.SendAsync(activity);

        var handled = sink.Entries.Where(e => e.Message.StartsWith("Handled", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(handled);
        Assert.Contains(handled, e => e.Scopes.Contains(activity.Id!, StringComparison.Ordinal));
        Assert.DoesNotContain(sink.Entries, e => e.Level >= LogLevel.Information
            && (e.Message + e.Scopes).Contains("SecretWordInTheBody", StringComparison.Ordinal));
        Assert.DoesNotContain(sink.Entries, e => e.Message.Contains("test-secret", StringComparison.Ordinal)
            || e.Message.Contains(FakeBotTokenProvider.DefaultToken, StringComparison.Ordinal));
    }

    private static IEnumerable<Exception> Flatten(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }

    private sealed record LogEntry(LogLevel Level, string Category, string Message, string Scopes);

    private sealed class RecordingLoggerProvider : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ConcurrentQueue<LogEntry> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Recorder(RecordingLoggerProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => owner._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
                Func<TState, Exception?, string> formatter)
            {
                var scopes = new List<string>();
                owner._scopes.ForEachScope((scope, list) => list.Add(scope is IEnumerable<KeyValuePair<string, object?>> pairs
                    ? string.Join(",", pairs.Select(p => $"{p.Key}={p.Value}"))
                    : scope?.ToString() ?? ""), scopes);
                owner.Entries.Enqueue(new LogEntry(logLevel, category, formatter(state, exception), string.Join(";", scopes)));
            }
        }
    }
}
