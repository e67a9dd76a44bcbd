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

    /// <summary>SQLite database file; a relative path is resolved against the content root.</summary>
    public string SqlitePath { get; set; } = "data/workshopbot.db";

    /// <summary>Npgsql connection string; falls back to ConnectionStrings:Postgres when empty.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>Apply pending schema migrations when the host starts (before any hosted service starts).</summary>
    public bool MigrateOnStartup { get; set; } = true;

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

        if (provider == StorageProvider.Sqlite && string.IsNullOrWhiteSpace(options.SqlitePath))
        {
            return ValidateOptionsResult.Fail(
                "Storage:SqlitePath must not be empty when Storage:Provider is \"Sqlite\".");
        }

        if (provider == StorageProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(options.PostgresConnectionString))
            {
                return ValidateOptionsResult.Fail(
                    "Storage:Provider is \"Postgres\" but no connection string is configured. " +
                    "Set Storage:PostgresConnectionString or ConnectionStrings:Postgres.");
            }

            try
            {
                _ = new NpgsqlConnectionStringBuilder(options.PostgresConnectionString);
            }
            catch (ArgumentException ex)
            {
                return ValidateOptionsResult.Fail(
                    $"Storage:PostgresConnectionString is not a valid PostgreSQL connection string: {ex.Message}");
            }
        }

        return ValidateOptionsResult.Success;
    }
}
