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
        var folder = Directory.CreateTempSubdirectory("workshopbot-options-");
        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["MicrosoftAppId"] = BotTestHost.AppId,
            ["MicrosoftAppPassword"] = "test-secret",
            ["ToBotFromChannelOpenIdMetadataUrl"] = "http://127.0.0.1:9/v1/.well-known/openidconfiguration",
            ["Storage:SqlitePath"] = Path.Combine(folder.FullName, "bot.db"),
            [key] = value,
        };

        // The real composition, started as Program does, so the error is the one an operator would see.
        var builder = WebApplication.CreateBuilder(WorkshopBotHost.Options([]));
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddWorkshopBot();
        await using var app = builder.Build();
        app.MapWorkshopBot();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync());

        var messages = string.Join(" | ", Flatten(error).Select(e => e.Message));
        Assert.True(messages.Contains(mentioned, StringComparison.Ordinal), error.ToString());
        Assert.True(Flatten(error).Any(e => e is OptionsValidationException), messages);
        folder.Delete(recursive: true);
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
