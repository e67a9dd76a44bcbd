// Runs: each running dispatcher's incarnation beating in outbox_runs, so that a start-up or a beat takes back only what
// dead runs of its instance id held (see ReleaseOwnedAsync), and tells two live processes sharing one instance id.
using Dapper;

namespace WorkshopBot.Storage;

internal sealed partial class SqlOutboxStore
{
    public async Task<int> BeatRunAsync(string instance, string owner, DateTimeOffset now, DateTimeOffset aliveSince,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instance);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        var args = new { instance, owner, now = UnixTime.ToMs(now), aliveSince = UnixTime.ToMs(aliveSince) };
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction =
            await StorageDatabase.BeginWriteTransactionAsync(connection, cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO outbox_runs (owner, instance, started_at, beat_at) VALUES (@owner, @instance, @now, @now)
            ON CONFLICT (owner) DO UPDATE SET beat_at = excluded.beat_at
            """, args, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        // A stale row says no more than no row does (the run is taken for dead either way): forgotten, so none pile up.
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM outbox_runs WHERE beat_at < @aliveSince AND owner <> @owner",
            args, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        // Another run that beat after this one started is running (one that crashed before it started beats no more).
        var others = await connection.ExecuteScalarAsync<int>(new CommandDefinition("""
            SELECT COUNT(*) FROM outbox_runs
            WHERE instance = @instance AND owner <> @owner AND beat_at >= @aliveSince
                AND beat_at > (SELECT started_at FROM outbox_runs WHERE owner = @owner)
            """, args, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return others;
    }

    public async Task EndRunAsync(string owner, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM outbox_runs WHERE owner = @owner", new { owner },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
