using Dapper;

namespace WorkshopBot.Storage;

internal sealed partial class SqlOutboxStore
{
    public async Task<int> BringForwardAsync(DateTimeOffset postponedTo, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE outbox_messages SET next_attempt_at = @now, updated_at = @now
            WHERE status = 'Pending' AND next_attempt_at = @postponedTo AND next_attempt_at > @now
            """, new { postponedTo = UnixTime.ToMs(postponedTo), now = UnixTime.ToMs(now) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
