// The updates of one posted card in order: an update a newer one follows is given up, and one waits for an older in flight.
using Dapper;

namespace WorkshopBot.Storage;

internal sealed partial class SqlOutboxStore
{
    /// <summary>
    /// Whether <c>other</c> is an update of the same card as <c>outbox_messages</c> (the update asking): the same posted
    /// message, or the same conversation and activity id.
    /// </summary>
    private const string SameCard = """
        other.kind = 'Update' AND (
            (outbox_messages.update_of_key IS NOT NULL AND other.update_of_key = outbox_messages.update_of_key)
            OR (outbox_messages.activity_id IS NOT NULL AND other.activity_id = outbox_messages.activity_id
                AND other.conversation_id = outbox_messages.conversation_id))
        """;

    public async Task<UpdateTurn> TakeUpdateTurnAsync(long id, string owner, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        var args = new
        {
            id, owner, now = UnixTime.ToMs(now), forgotten = IOutboxStore.ForgottenPayload, error = IOutboxStore.SupersededError,
        };
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);

        // A newer update only ever appears, so once this finds one it holds for good, whatever instance asks and when; and a
        // newer one queued after this finds none waits (below) while this one is in flight. Given up in the same statement
        // that finds it, and only by the holder of its lease. What it said is wiped from the file, as a forgotten payload is.
        var superseded = await SecureDelete.RunAsync(connection, null, () => connection.ExecuteAsync(new CommandDefinition($"""
            UPDATE outbox_messages
            SET status = 'Failed', payload_json = @forgotten, last_error = @error, lease_owner = NULL, lease_until = NULL,
                updated_at = @now, completed_at = @now, reported_at = @now
            WHERE {OwnedInFlight} AND kind = 'Update'
                AND EXISTS (SELECT 1 FROM outbox_messages other WHERE other.id > outbox_messages.id AND {SameCard})
            """, args, cancellationToken: cancellationToken)), cancellationToken).ConfigureAwait(false);
        if (superseded == 1)
        {
            return UpdateTurn.Superseded;
        }

        // An older update in flight under a live lease may be being sent (on this instance or another): this one goes after
        // it has landed, been given up or been handed back (then it finds this one newer, and never goes).
        var olderInFlight = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"""
            SELECT COUNT(*) FROM outbox_messages
            JOIN outbox_messages other ON other.id < outbox_messages.id
            WHERE outbox_messages.id = @id AND outbox_messages.kind = 'Update'
                AND other.status = 'InFlight' AND other.lease_until > @now AND {SameCard}
            """, args, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return olderInFlight > 0 ? UpdateTurn.Wait : UpdateTurn.Go;
    }
}
