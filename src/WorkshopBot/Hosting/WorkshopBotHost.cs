using System.Data.Common;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using WorkshopBot.Operations;
using WorkshopBot.Protocol.Auth;
using WorkshopBot.Protocol.Connector;
using WorkshopBot.Storage;

namespace WorkshopBot.Hosting;

/// <summary>
/// Runs the bot as <c>dotnet WorkshopBot.dll</c>: settings next to the DLL whatever the working folder, URLs from
/// ASPNETCORE_URLS / --urls / Kestrel settings, one start-up line saying the mode, the store and where its data is,
/// and a bad setting ends the process with one line naming the key (exit code 2), not a stack trace.
/// </summary>
public static partial class WorkshopBotHost
{
    /// <summary>Exit code of a start that failed on its configuration (a setting, the store, the address).</summary>
    public const int ConfigurationErrorExitCode = 2;

    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    public static async Task<int> RunAsync(string[] args)
    {
        var started = new StartupPhase();
        WebApplication app;
        try
        {
            var builder = WebApplication.CreateBuilder(Options(args));
            builder.AddWorkshopBot();

            // The host logs a failed start with its stack trace before rethrowing; the one line below replaces it.
            builder.Logging.AddFilter(HostCategory, level => level >= (started.Done ? LogLevel.Information : LogLevel.Critical));
            app = builder.Build();
        }
        catch (Exception ex) when (ex is not HostAbortedException)
        {
            return Fail(ex);
        }

        await using (app.ConfigureAwait(false))
        {
            app.MapWorkshopBot();
            try
            {
                await PrepareAsync(app).ConfigureAwait(false);
                await app.StartAsync().ConfigureAwait(false);
                started.Done = true;
            }
            catch (Exception ex) when (ex is not HostAbortedException)
            {
                // Stop what did start (background jobs), so the host does not report them as cancelled.
                await StopQuietlyAsync(app).ConfigureAwait(false);
                return Fail(ex);
            }

            await app.WaitForShutdownAsync().ConfigureAwait(false);
        }

        return 0;
    }

    /// <summary>
    /// The content root is the folder of WorkshopBot.dll (so appsettings.json and a relative data folder are found
    /// from any working folder), unless --contentRoot or ASPNETCORE_CONTENTROOT / DOTNET_CONTENTROOT names one.
    /// </summary>
    public static WebApplicationOptions Options(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var named = args.Any(a => a.TrimStart('-', '/').StartsWith("contentRoot", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT"));
        return new WebApplicationOptions { Args = ReadSettingsOnce(args), ContentRootPath = named ? null : AppContext.BaseDirectory };
    }

    /// <summary>
    /// Settings are read at start, not watched: watching appsettings.json watches the whole content root, and the default
    /// data folder is inside it, so every SQLite write woke the watcher (about 2.5% of the CPU under a burst of votes).
    /// Restart the bot after changing a setting, as App Service does. <c>--hostBuilder:reloadConfigOnChange=true</c> (or
    /// <c>DOTNET_hostBuilder__reloadConfigOnChange</c>) turns watching back on.
    /// </summary>
    private static string[] ReadSettingsOnce(string[] args) =>
        args.Any(a => a.Contains("reloadConfigOnChange", StringComparison.OrdinalIgnoreCase))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange"))
            ? args
            : [.. args, "--hostBuilder:reloadConfigOnChange=false"];

    /// <summary>The one start-up line: mode, store and where the data is.</summary>
    public static string Describe(BotAuthenticationOptions auth, BotAppCredential credential, StorageOptions storage, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(auth);
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(storage);
        var mode = auth.IsDevelopmentMode
            ? "development mode: no authentication, loopback only"
            : $"production mode: {(string.IsNullOrWhiteSpace(auth.MicrosoftAppType) ? "MultiTenant" : auth.MicrosoftAppType)}, " +
              $"app id {auth.MicrosoftAppId}{(auth.IsSingleTenant ? ", tenant " + auth.MicrosoftAppTenantId : "")}, " +
              $"signs in with {credential.Describe()}";
        var data = storage.ResolveProvider() == StorageProvider.Sqlite
            ? $"data folder {storage.ResolveDataFolder(contentRoot)}"
            : "data in PostgreSQL";
        return $"WorkshopBot {mode}; store {storage.Describe(contentRoot)}; {data}; content root {contentRoot}";
    }

    /// <summary>
    /// Checks every setting and opens (and migrates, or with migrations off checks it is not behind) the store before the
    /// server starts listening.
    /// </summary>
    private static async Task PrepareAsync(WebApplication app)
    {
        app.Services.GetService<IStartupValidator>()?.Validate();
        var storage = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var contentRoot = app.Environment.ContentRootPath;
        var store = storage.Describe(contentRoot);
        var migrator = app.Services.GetRequiredService<StorageMigrator>();
        try
        {
            if (storage.MigrateOnStartup)
            {
                await migrator.MigrateAsync().ConfigureAwait(false);
            }
            else
            {
                // Migrations left to a release step are fine; running on a schema older than this build's is not.
                await migrator.EnsureCurrentAsync().ConfigureAwait(false);
            }
        }
        catch (SchemaBehindException behind)
        {
            throw new StartupError($"{behind.Message.TrimEnd('.')}. The store: {store}.", behind);
        }
        catch (Exception ex) when (ex is DbException or IOException or UnauthorizedAccessException or SocketException
            or TimeoutException)
        {
            // The operator's commands' sentence, which names the setting to check only when a setting is the cause (a
            // migration failing, a full disk or a missing right is not).
            var key = storage.ResolveProvider() == StorageProvider.Sqlite
                ? "Storage:DataFolder / Storage:SqlitePath"
                : "Storage:PostgresConnectionString";
            throw new StartupError(OperatorStore.Problem(ex, storage, contentRoot)
                ?? $"{key}: the store ({store}) could not be opened: {ex.Message.TrimEnd('.')}.", ex);
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("WorkshopBot.Startup");
        LogStarting(logger, Describe(
            app.Services.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value,
            app.Services.GetRequiredService<BotAppCredential>(),
            storage,
            contentRoot));
    }

    private static async Task StopQuietlyAsync(WebApplication app)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException or ObjectDisposedException)
        {
            // Nothing more to stop.
        }
    }

    /// <summary>One line naming the setting (exit 2); a defect keeps its stack trace (exit 1).</summary>
    private static int Fail(Exception exception)
    {
        if (StartupError.Describe(exception) is { } line)
        {
            Console.Error.WriteLine("WorkshopBot cannot start: " + line);
            return ConfigurationErrorExitCode;
        }

        Console.Error.WriteLine("WorkshopBot cannot start: " + exception);
        return 1;
    }

    private sealed class StartupPhase
    {
        public volatile bool Done;
    }

    [LoggerMessage(EventId = 1500, Level = LogLevel.Information, Message = "{Summary}")]
    private static partial void LogStarting(ILogger logger, string summary);
}
