using Microsoft.Extensions.Options;
using Npgsql;

namespace WorkshopBot.Storage;

/// <summary>Configuration section "Storage": which database the bot keeps its state in.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";
    public const string SqliteProviderName = "Sqlite";
    public const string PostgresProviderName = "Postgres";

    /// <summary>"Sqlite" (default) or "Postgres", case-insensitive.</summary>
    public string Provider { get; set; } = SqliteProviderName;

    /// <summary>
    /// Folder for the bot's data (the SQLite file): absolute, or relative to the content root (the folder of
    /// WorkshopBot.dll unless --contentRoot or ASPNETCORE_CONTENTROOT says otherwise). Created when missing.
    /// </summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>SQLite database file: absolute, or relative to <see cref="DataFolder"/>.</summary>
    public string SqlitePath { get; set; } = "workshopbot.db";

    /// <summary>Npgsql connection string; falls back to ConnectionStrings:Postgres when empty.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>
    /// Let SQLite run on Azure App Service or Azure Container Apps, where the bot refuses it by default: App Service's data
    /// folder is on a network share (SQLite's write-ahead log can corrupt the database there; a zip deploy cleans it) and a
    /// container app's disk goes with its replica. For a short trial with made-up cases only.
    /// </summary>
    public bool AllowSqliteOnAzure { get; set; }

    /// <summary>
    /// The Azure host the bot finds itself on ("Azure App Service", "Azure Container Apps"), from the variables those
    /// platforms set (WEBSITE_INSTANCE_ID, CONTAINER_APP_NAME); null elsewhere. Not a setting.
    /// </summary>
    internal string? AzureHost { get; set; }

    /// <summary>Apply pending schema migrations when the host starts (before any hosted service starts).</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>
    /// Milliseconds a group commit that formed while another was running waits for more turns to join it before it
    /// commits (0 to 100; 0 = never wait). A turn that finds no commit running never waits. Fewer, larger transactions
    /// cost less per vote under load, for about this much more latency.
    /// </summary>
    public double GroupCommitWaitMs { get; set; } = DefaultGroupCommitWaitMs;

    public const double DefaultGroupCommitWaitMs = 1;

    public const double MaxGroupCommitWaitMs = 100;

    /// <summary>
    /// SQLite only: milliseconds after a commit at which a connection of the bot's own copies the write-ahead log into the
    /// database file and starts the log again, beside the commits (0 to 1,000; 0 = leave it to SQLite, which does it inside
    /// the commit that takes the log past 1,000 pages while the turns behind it wait). See <see cref="SqliteLogCheckpoints"/>.
    /// </summary>
    public double LogCheckpointMs { get; set; } = DefaultLogCheckpointMs;

    public const double DefaultLogCheckpointMs = 100;

    public const double MaxLogCheckpointMs = 1000;

    /// <summary>
    /// SQLite only: <c>/readyz</c> reports the store not ready while the disk holding its file has fewer megabytes free than
    /// this (0 = never): commits that grow the file, or its log, fail there, though a small rewrite may still fit.
    /// </summary>
    public int MinFreeDiskMb { get; set; } = DefaultMinFreeDiskMb;

    public const int DefaultMinFreeDiskMb = 100;

    /// <summary>The data folder as an absolute path.</summary>
    public string ResolveDataFolder(string contentRoot) =>
        Path.GetFullPath(Path.Combine(contentRoot, string.IsNullOrWhiteSpace(DataFolder) ? "." : DataFolder));

    /// <summary>The SQLite file as an absolute path.</summary>
    public string ResolveSqlitePath(string contentRoot) =>
        Path.GetFullPath(Path.Combine(ResolveDataFolder(contentRoot), SqlitePath));

    /// <summary>
    /// One line for the start-up log: the store and where its data is, never a password.
    /// </summary>
    public string Describe(string contentRoot)
    {
        if (ResolveProvider() == StorageProvider.Sqlite)
        {
            return $"SQLite {ResolveSqlitePath(contentRoot)}";
        }

        var connection = new NpgsqlConnectionStringBuilder(PostgresConnectionString);
        var port = connection.Port == NpgsqlConnection.DefaultPort ? "" : ":" + connection.Port;
        return $"PostgreSQL host {connection.Host}{port}, database {connection.Database ?? connection.Username ?? "(default)"}";
    }

    internal static bool TryParseProvider(string? value, out StorageProvider provider)
    {
        if (string.Equals(value?.Trim(), SqliteProviderName, StringComparison.OrdinalIgnoreCase))
        {
            provider = StorageProvider.Sqlite;
            return true;
        }

        if (string.Equals(value?.Trim(), PostgresProviderName, StringComparison.OrdinalIgnoreCase))
        {
            provider = StorageProvider.Postgres;
            return true;
        }

        provider = default;
        return false;
    }

    internal StorageProvider ResolveProvider() =>
        TryParseProvider(Provider, out var provider)
            ? provider
            : throw new OptionsValidationException(SectionName, typeof(StorageOptions), [UnknownProviderMessage(Provider)]);

    internal static string UnknownProviderMessage(string? value) =>
        $"Storage:Provider '{value}' is not supported. Use \"{SqliteProviderName}\" or \"{PostgresProviderName}\".";
}

public enum StorageProvider
{
    Sqlite,
    Postgres,
}

internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (!StorageOptions.TryParseProvider(options.Provider, out var provider))
        {
            return ValidateOptionsResult.Fail(StorageOptions.UnknownProviderMessage(options.Provider));
        }

        if (provider == StorageProvider.Sqlite && options.AzureHost is { } azure && !options.AllowSqliteOnAzure)
        {
            return ValidateOptionsResult.Fail(
                $"Storage:Provider is \"Sqlite\" but WorkshopBot runs on {azure}, where SQLite's data would be corrupted or lost (App " +
                "Service keeps it on a network share where its write-ahead log breaks, and a zip deploy cleans the folder; a " +
                "container app's disk goes with its replica). Use PostgreSQL: Storage:Provider=Postgres and " +
                "Storage:PostgresConnectionString=\"Host=<server>;Database=workshopbot;Username=...;Password=...;SSL Mode=VerifyFull\" " +
                "(infra/main.bicep sets this up). Only for a trial with made-up cases, Storage:AllowSqliteOnAzure=true starts it anyway.");
        }

        if (provider == StorageProvider.Sqlite && string.IsNullOrWhiteSpace(options.SqlitePath))
        {
            return ValidateOptionsResult.Fail(
                "Storage:SqlitePath must not be empty when Storage:Provider is \"Sqlite\".");
        }

        if (provider == StorageProvider.Sqlite
            && (options.DataFolder.IndexOfAny(Path.GetInvalidPathChars()) >= 0
                || options.SqlitePath.IndexOfAny(Path.GetInvalidPathChars()) >= 0))
        {
            return ValidateOptionsResult.Fail("Storage:DataFolder or Storage:SqlitePath contains characters a path cannot have.");
        }

        if (!(options.GroupCommitWaitMs is >= 0 and <= StorageOptions.MaxGroupCommitWaitMs))
        {
            return ValidateOptionsResult.Fail(
                $"Storage:GroupCommitWaitMs must be a number of milliseconds from 0 to {StorageOptions.MaxGroupCommitWaitMs}.");
        }

        if (!(options.LogCheckpointMs is >= 0 and <= StorageOptions.MaxLogCheckpointMs))
        {
            return ValidateOptionsResult.Fail(
                $"Storage:LogCheckpointMs must be a number of milliseconds from 0 to {StorageOptions.MaxLogCheckpointMs}.");
        }

        if (options.MinFreeDiskMb < 0)
        {
            return ValidateOptionsResult.Fail("Storage:MinFreeDiskMb must be a number of megabytes, 0 or more (0 = never checked).");
        }

        if (provider == StorageProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(options.PostgresConnectionString))
            {
                return ValidateOptionsResult.Fail(
                    "Storage:Provider is \"Postgres\" but no connection string is configured. " +
                    "Set Storage:PostgresConnectionString or ConnectionStrings:Postgres.");
            }

            NpgsqlConnectionStringBuilder connection;
            try
            {
                connection = new NpgsqlConnectionStringBuilder(options.PostgresConnectionString);
            }
            catch (ArgumentException ex)
            {
                return ValidateOptionsResult.Fail(
                    $"Storage:PostgresConnectionString is not a valid PostgreSQL connection string: {ex.Message}");
            }

            if (PostgresServerCheck.Problem(connection) is { } problem)
            {
                return ValidateOptionsResult.Fail(problem);
            }
        }

        return ValidateOptionsResult.Success;
    }
}
