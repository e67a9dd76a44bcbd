using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using WorkshopBot.Hosting;
using WorkshopBot.Operations.Backup;
using WorkshopBot.Protocol.Auth;
using WorkshopBot.Storage;

namespace WorkshopBot.Operations.Erase;

/// <summary>
/// <c>dotnet WorkshopBot.dll erase-tenant --tenant ID [--confirm ID] [--while-allowed] [--despite-legal-hold]</c>: erases
/// what the store holds for an organisation that has left the deployment (see <see cref="TenantErase"/>). Without
/// <c>--confirm</c> repeating the id it is a dry run: counts per kind, nothing changed. It refuses while the organisation
/// is on <c>WorkshopBot:AllowedTenants</c> (or is the single-tenant bot's own) and while any of its audits is on legal
/// hold, unless told otherwise. Reads the same settings as the bot; runs while the bot runs, on SQLite or PostgreSQL.
/// </summary>
public static class EraseTenantCommand
{
    public const int Refused = 3;

    private static readonly string[] Switches = ["--while-allowed", "--despite-legal-hold"];
    private static readonly string[] Valued = ["--tenant", "--confirm", "--pause-after"];

    /// <param name="args">The command's arguments, settings overrides included (as for the bot).</param>
    /// <param name="time">The clock of the log line (the system's unless a test passes one).</param>
    /// <param name="afterStep">Called after each statement of the erase (tests fail it part-way, as a crash would).</param>
    /// <param name="committed">Called after the commit, before the file is wiped (tests stop there, as a crash would).</param>
    public static async Task<int> RunAsync(string[] args, TimeProvider? time = null, Func<string, Task>? afterStep = null,
        Func<Task>? committed = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var tenant = SqliteFiles.Option(args, "--tenant")?.Trim();
        var confirm = SqliteFiles.Option(args, "--confirm")?.Trim();
        if (tenant is null || !Guid.TryParse(tenant, out _))
        {
            Console.Error.WriteLine("erase-tenant: name the organisation by its Microsoft 365 tenant id: erase-tenant --tenant TENANT-ID");
            return BackupCommand.UsageError;
        }

        if (confirm is not null && !string.Equals(confirm, tenant, StringComparison.OrdinalIgnoreCase))
        {
            Console.Error.WriteLine("erase-tenant: --confirm must repeat the tenant id given to --tenant. Nothing was erased.");
            return BackupCommand.UsageError;
        }

        var settings = Settings(args);
        var allowed = Allowed(settings.Configuration);
        if (allowed.Contains(tenant) && !args.Contains("--while-allowed"))
        {
            Console.Error.WriteLine($"erase-tenant: {tenant} is still served (WorkshopBot:AllowedTenants or MicrosoftAppTenantId), so its "
                + "people could store new data while it is erased. Take it off the list, restart WorkshopBot, then run this again "
                + "(or add --while-allowed). Nothing was erased.");
            return Refused;
        }

        if (await OperatorStore.OpenAsync("erase-tenant", settings.Storage, settings.ContentRoot).ConfigureAwait(false)
            is not ({ } connection, var applied))
        {
            return OperatorStore.Unavailable;
        }

        await using var opened = connection;
        var stage = Stage.Reading;
        try
        {
            return await EraseAsync(connection, applied, args, tenant, confirm is null, time, afterStep ?? PauseAfter(args), committed,
                s => stage = s).ConfigureAwait(false);
        }
        catch (Exception ex) when (OperatorStore.Lost(ex, settings.Storage, settings.ContentRoot) is { } lost)
        {
            Console.Error.WriteLine(Interrupted(stage, lost, tenant, connection is SqliteConnection, confirm is null));
            return OperatorStore.Interrupted;
        }
    }

    /// <summary>How far the command had got when the store failed.</summary>
    private enum Stage
    {
        Reading,
        Erasing,
        Committing,
        Committed,
    }

    /// <summary>The one line for a store that failed part-way: what it left, and that running the command again finishes it.</summary>
    private static string Interrupted(Stage stage, string lost, string tenant, bool sqlite, bool dryRun) => "erase-tenant: " + stage switch
    {
        _ when dryRun => $"{lost} during the dry run. Nothing was changed (a dry run changes nothing): once the store is back, "
            + "run it again.",
        Stage.Reading or Stage.Erasing => $"{lost} before the erase was committed. Nothing was erased (the erase is one "
            + "transaction, which the store undoes): once the store is back, run the same command again to erase it all.",
        Stage.Committing => $"{lost} while the erase was being committed, so it may or may not have been done. Once the store "
            + "is back, run the same command again: it finishes the erase, or finds nothing left to erase.",
        _ => $"{tenant} was erased, but then {lost}. Once the store is back, run the same command again: it finds nothing left "
            + (sqlite
                ? "to erase and rewrites the database file, so no erased byte is left in it (WorkshopBot's next retention run "
                    + "also does that)."
                : "to erase."),
    };

    /// <summary>
    /// The hidden option <c>--pause-after STEP</c>, for tests only: after the erase's statement STEP (a name of
    /// <see cref="TenantErase.EraseAsync"/>'s steps), say so on standard output and wait for a line on standard input, so a
    /// test can cut the store off at that point. Null without it.
    /// </summary>
    private static Func<string, Task>? PauseAfter(string[] args) => SqliteFiles.Option(args, "--pause-after") is not { } pause
        ? null
        : async step =>
        {
            if (step == pause)
            {
                Console.WriteLine($"erase-tenant: paused after {step}; press Enter to go on.");
                await Console.In.ReadLineAsync().ConfigureAwait(false);
            }
        };

    private static async Task<int> EraseAsync(DbConnection connection, long? applied, string[] args, string tenant, bool dryRun,
        TimeProvider? time, Func<string, Task>? afterStep, Func<Task>? committed, Action<Stage> reached)
    {
        var known = StorageMigrator.LoadMigrations(ProviderOf(connection)).Max(m => m.Version);
        if (applied != known)
        {
            Console.Error.WriteLine($"erase-tenant: the store's schema is {applied?.ToString(CultureInfo.InvariantCulture) ?? "missing"}, "
                + $"this WorkshopBot's is {known}: run this with the WorkshopBot version that serves the store. Nothing was erased.");
            return BackupCommand.UsageError;
        }

        await using (var transaction = dryRun ? null : await connection.BeginTransactionAsync().ConfigureAwait(false))
        {
            var held = await TenantErase.HeldAuditsAsync(connection, transaction, tenant, default).ConfigureAwait(false);
            if (held.Count > 0 && !args.Contains("--despite-legal-hold"))
            {
                Console.Error.WriteLine($"erase-tenant: {held.Count} of this organisation's audits "
                    + $"{(held.Count == 1 ? "is" : "are")} on legal hold: {string.Join(", ", held.Select(h => "audit " + h))}. "
                    + "Release the hold first, or add --despite-legal-hold once the partnership has agreed. Nothing was erased.");
                return Refused;
            }

            if (transaction is null)
            {
                var counts = await TenantErase.CountAsync(connection, null, tenant, default).ConfigureAwait(false);
                Console.WriteLine($"erase-tenant: dry run for {tenant}; nothing was changed. It would erase: {Describe(counts)}.");
                Console.WriteLine($"erase-tenant: to erase it, run again with --confirm {tenant}.");
                await ReportRowsWithoutOrganisationAsync(connection).ConfigureAwait(false);
                return 0;
            }

            reached(Stage.Erasing);
            var now = (time ?? TimeProvider.System).GetUtcNow();
            var erased = await SecureDelete.RunAsync(connection, transaction,
                () => TenantErase.EraseAsync(connection, transaction, tenant, now, afterStep, default), default).ConfigureAwait(false);
            reached(Stage.Committing);
            await transaction.CommitAsync().ConfigureAwait(false);
            reached(Stage.Committed);
            Console.WriteLine($"erase-tenant: erased {tenant}: {Describe(erased)}. The audit log keeps a line with these counts.");
        }

        await ReportRowsWithoutOrganisationAsync(connection).ConfigureAwait(false);

        if (committed is not null)
        {
            await committed().ConfigureAwait(false);
        }

        await WipeAsync(connection).ConfigureAwait(false);
        return 0;
    }

    /// <summary>
    /// On SQLite, rewrites the file and empties its log when a wipe is owed (by this erase, an earlier one that stopped after
    /// its commit, or a purge), so no erased byte is left in free space or in the <c>-wal</c> file.
    /// </summary>
    private static async Task WipeAsync(DbConnection connection)
    {
        if (connection is not SqliteConnection
            || await connection.ExecuteScalarAsync<long?>("SELECT owed FROM store_upkeep WHERE task = 'wipe'").ConfigureAwait(false)
                is not { } owed)
        {
            return;
        }

        try
        {
            await connection.ExecuteAsync("VACUUM").ConfigureAwait(false);

            // The running bot's readers hold the log for moments at a time: the checkpoint waits for them (the busy handler),
            // and is tried a few times before it is left to the bot's next retention run.
            await connection.ExecuteAsync("PRAGMA busy_timeout = 5000").ConfigureAwait(false);
            var busy = 1L;
            for (var attempt = 0; attempt < 5 && busy != 0; attempt++)
            {
                busy = await connection.ExecuteScalarAsync<long>("PRAGMA wal_checkpoint(TRUNCATE)").ConfigureAwait(false);
                if (busy != 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(200)).ConfigureAwait(false);
                }
            }

            if (busy != 0)
            {
                Console.Error.WriteLine("erase-tenant: the database's log could not be emptied (a reader held it); "
                    + "WorkshopBot's next retention run does it.");
                return;
            }

            await connection.ExecuteAsync("DELETE FROM store_upkeep WHERE task = 'wipe' AND owed = @owed", new { owed })
                .ConfigureAwait(false);
            Console.WriteLine("erase-tenant: the database file was rewritten, so the erased bytes are gone from it and from its log.");
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6)
        {
            Console.Error.WriteLine("erase-tenant: the database file could not be rewritten now (busy); WorkshopBot's next "
                + "retention run does it, or run this command again.");
        }
    }

    /// <summary>
    /// Says how many rows name no organisation (stored in development mode), which no erase removes, and how they go.
    /// </summary>
    private static async Task ReportRowsWithoutOrganisationAsync(DbConnection connection)
    {
        var counts = await TenantErase.CountWithoutOrganisationAsync(connection, null, default).ConfigureAwait(false);
        if (counts.Count > 0)
        {
            Console.WriteLine($"erase-tenant: the store also holds rows that name no organisation, which no erase removes: "
                + $"{Describe(counts)}. They were stored by turns that carried no tenant (development mode, no MicrosoftAppId). "
                + "WorkshopBot removes processed-activity records after 2 days itself; a store used for development is deleted "
                + "whole rather than erased (see \"When an organisation leaves\" in the README).");
        }
    }

    private static string Describe(IReadOnlyList<ErasedKind> counts) => counts.Count == 0
        ? "nothing (no record of this organisation is stored)"
        : string.Join(", ", counts.Select(c => $"{c.Kind} {c.Count.ToString(CultureInfo.InvariantCulture)}"));

    private static StorageProvider ProviderOf(DbConnection connection) =>
        connection is SqliteConnection ? StorageProvider.Sqlite : StorageProvider.Postgres;

    /// <summary>The tenants the bot as configured serves (as <see cref="TenantGate"/> counts them).</summary>
    private static HashSet<string> Allowed(IConfiguration configuration)
    {
        var options = configuration.GetSection(WorkshopBotOptions.Section).Get<WorkshopBotOptions>() ?? new WorkshopBotOptions();
        var bot = configuration.Get<BotAuthenticationOptions>() ?? new BotAuthenticationOptions();
        var allowed = new HashSet<string>(options.AllowedTenants.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()),
            StringComparer.OrdinalIgnoreCase);
        if (!string.IsNullOrWhiteSpace(bot.MicrosoftAppTenantId))
        {
            allowed.Add(bot.MicrosoftAppTenantId.Trim());
        }

        return allowed;
    }

    private static (StorageOptions Storage, string ContentRoot, IConfiguration Configuration) Settings(string[] args)
    {
        // The command's own options are not settings; everything else is read as the bot reads it.
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (Valued.Contains(args[i]))
            {
                i++;
            }
            else if (!Switches.Contains(args[i]))
            {
                rest.Add(args[i]);
            }
        }

        var builder = WebApplication.CreateBuilder(WorkshopBotHost.Options([.. rest]));
        var storage = builder.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        if (string.IsNullOrWhiteSpace(storage.PostgresConnectionString))
        {
            storage.PostgresConnectionString = builder.Configuration.GetConnectionString("Postgres");
        }

        return (storage, builder.Environment.ContentRootPath, builder.Configuration);
    }
}
