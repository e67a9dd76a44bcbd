// Taking cards down: giving up, with a withdrawal, what would still post or update the cards being taken down; and withdrawing
// one leased message, before its send starts, that is no longer for the person it is addressed to.
using System.Data.Common;
using Dapper;

namespace WorkshopBot.Storage;

internal sealed partial class SqlOutboxStore
{
    public async Task<int> WithdrawUnsentAsync(IReadOnlyCollection<string> postedKeys, IReadOnlyCollection<string> keep,
        DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await WithdrawUnsentAsync(connection, null, database.Provider, postedKeys, keep, now, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// <see cref="IOutboxStore.WithdrawUnsentAsync"/> on <paramref name="connection"/>, in <paramref name="transaction"/> when
    /// given (a unit of work's, <see cref="StoreWork.WithdrawUnsent"/>).
    /// </summary>
    internal static async Task<int> WithdrawUnsentAsync(DbConnection connection, DbTransaction? transaction, StorageProvider provider,
        IReadOnlyCollection<string> postedKeys, IReadOnlyCollection<string> keep, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(postedKeys);
        ArgumentNullException.ThrowIfNull(keep);
        if (postedKeys.Count == 0)
        {
            return 0;
        }

        var postgres = provider == StorageProvider.Postgres;
        string In(string column, string list) => postgres ? $"{column} = ANY(@{list})" : $"{column} IN @{list}";
        const string Unsent = "(status = 'Pending' OR (status = 'InFlight' AND lease_until <= @now))";
        const string Set = """
            SET status = 'Failed', payload_json = @forgotten, last_error = @error, lease_owner = NULL, lease_until = NULL,
                updated_at = @now, completed_at = @now, reported_at = @now
            """;
        var args = new
        {
            keys = postedKeys.ToArray(), keep = keep.ToArray(), now = UnixTime.ToMs(now), forgotten = IOutboxStore.ForgottenPayload,
            error = IOutboxStore.WithdrawnError,
        };

        // First the updates of those cards (the ones being queued with the withdrawal only when the card they would update is
        // itself never to be posted), then the cards not posted yet: the second statement changes what the first one reads.
        var updates = $"""
            UPDATE outbox_messages {Set}
            WHERE {Unsent} AND {In("update_of_key", "keys")}
                AND (NOT {In("dedupe_key", "keep")} OR EXISTS (SELECT 1 FROM outbox_messages posted
                    WHERE posted.dedupe_key = outbox_messages.update_of_key
                        AND (posted.status = 'Pending' OR (posted.status = 'InFlight' AND posted.lease_until <= @now))))
            """;
        var posts = $"UPDATE outbox_messages {Set} WHERE {Unsent} AND {In("dedupe_key", "keys")}";
        return await SecureDelete.RunAsync(connection, transaction, async () =>
            await connection.ExecuteAsync(new CommandDefinition(updates, args, transaction, cancellationToken: cancellationToken))
                .ConfigureAwait(false)
            + await connection.ExecuteAsync(new CommandDefinition(posts, args, transaction, cancellationToken: cancellationToken))
                .ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <see cref="StoreWork.WithdrawLeased"/>: the message <paramref name="id"/>, leased to <paramref name="owner"/> and not
    /// yet completed, recorded as failed with <see cref="IOutboxStore.NoLongerForError"/>, its payload forgotten (wiped, as a
    /// purge wipes) and marked reported: it was withdrawn on purpose, nobody is told it failed. True when it was; false when
    /// the owner no longer holds it (its lease ran out and another instance took it, or it was completed).
    /// </summary>
    internal static async Task<bool> WithdrawLeasedAsync(DbConnection connection, DbTransaction transaction, long id, string owner,
        DateTimeOffset at, CancellationToken cancellationToken)
    {
        var sql = $"""
            UPDATE outbox_messages
            SET status = 'Failed', payload_json = @forgotten, last_error = @error, lease_owner = NULL, lease_until = NULL,
                updated_at = @at, completed_at = @at, reported_at = @at
            WHERE {OwnedInFlight}
            """;
        var args = new
        {
            id, owner, at = UnixTime.ToMs(at), forgotten = IOutboxStore.ForgottenPayload, error = IOutboxStore.NoLongerForError,
        };
        return await SecureDelete.RunAsync(connection, transaction, () =>
            connection.ExecuteAsync(new CommandDefinition(sql, args, transaction, cancellationToken: cancellationToken)),
            cancellationToken).ConfigureAwait(false) == 1;
    }
}
