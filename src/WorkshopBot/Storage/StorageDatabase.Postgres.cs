using System.Data.Common;
using Npgsql;

namespace WorkshopBot.Storage;

/// <summary>The PostgreSQL pool's defaults (see <see cref="WithPoolDefaults"/>).</summary>
internal sealed partial class StorageDatabase
{
    /// <summary>
    /// Npgsql prepares a statement on the server once it has run <c>Auto Prepare Min Usages</c> times (5) on a physical
    /// connection, when <c>Max Auto Prepare</c> allows it; the bot's statements are few and fixed, so unless the connection
    /// string says otherwise up to <see cref="PostgresAutoPrepared"/> of them are kept prepared per connection. Unless it
    /// says otherwise too, a connection going back to the pool is not reset (<c>No Reset On Close</c>): the reset is
    /// DISCARD ALL, which also forgets the connection's prepared statements, so a statement run once per borrowed
    /// connection was parsed and planned every time. The bot sets no session state (its locks are per transaction; the
    /// migrator releases its one session lock itself), and a transaction left open is still rolled back on return.
    /// Unless it says otherwise, an instance opens at most <see cref="PostgresMaxConnections"/> connections (Npgsql's own
    /// default is 100): a turn holds a connection only for one read or one group commit, and more connections at once only
    /// meant more server processes taking turns on the same cores. With the server on the bot's two-core machine, 64 votes in
    /// flight on up to 64 connections cost the server 0.27-0.36 ms of CPU per vote; on 32, 16, 8 and 4 connections 0.24-0.25,
    /// 0.21-0.23, 0.17-0.22 and 0.17-0.19 (votes benchmark). A caller beyond the limit waits, asynchronously, for the next
    /// connection to come back, up to the connection string's Timeout: <see cref="PostgresOpenTimeoutSeconds"/> unless it
    /// says otherwise; and a statement waits for a lock up to <see cref="PostgresLockTimeoutMs"/> unless its Options set
    /// lock_timeout.
    /// </summary>
    internal static string WithPoolDefaults(string connectionString)
    {
        // Npgsql's own builder answers ContainsKey for every keyword it knows, so the keys given are read with the plain one.
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = PostgresAutoPrepared;
        }

        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        if (!given.ContainsKey("Maximum Pool Size") && !given.ContainsKey("MaxPoolSize"))
        {
            builder.MaxPoolSize = PostgresMaxConnections;
        }

        if (!given.ContainsKey("Timeout"))
        {
            builder.Timeout = PostgresOpenTimeoutSeconds;
        }

        if (builder.Options?.Contains("lock_timeout", StringComparison.OrdinalIgnoreCase) != true)
        {
            builder.Options = $"{builder.Options} -c lock_timeout={PostgresLockTimeoutMs}".Trim();
        }

        return builder.ConnectionString;
    }
}
