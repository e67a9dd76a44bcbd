using Dapper;
using WorkshopBot.Storage;

namespace WorkshopBot.Workshop.Storage;

/// <summary>
/// <see cref="IPollCardVersions"/> on the bot's database. Its one write (after a live update, at most one a conversation
/// per interval and instance) is to a table of its own, never to the poll's row that votes update, so it neither waits for
/// nor holds up a vote; the list of polls behind reads only open polls (by the index on status).
/// </summary>
internal sealed class SqlPollCardVersions(StorageDatabase database) : IPollCardVersions
{
    public async Task<PollCardVersions?> ReadAsync(string pollId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<VersionsRow>(new CommandDefinition("""
            SELECT p.counts_version AS Counts, c.shown_version AS Shown
            FROM workshop_polls p LEFT JOIN workshop_poll_cards c ON c.poll_id = p.poll_id
            WHERE p.poll_id = @pollId
            """, new { pollId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is null ? null : new PollCardVersions(row.Counts, row.Shown);
    }

    public async Task RecordShownAsync(string pollId, long version, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO workshop_poll_cards (poll_id, shown_version) VALUES (@pollId, @version)
            ON CONFLICT (poll_id) DO UPDATE SET shown_version = excluded.shown_version
            WHERE workshop_poll_cards.shown_version < excluded.shown_version
            """, new { pollId, version }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<BehindCard>> ListBehindAsync(DateTimeOffset quietSince, int limit,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<BehindRow>(new CommandDefinition("""
            SELECT p.workshop_id AS WorkshopId, p.poll_id AS PollId
            FROM workshop_polls p LEFT JOIN workshop_poll_cards c ON c.poll_id = p.poll_id
            WHERE p.status = 'Open' AND p.counts_version > COALESCE(c.shown_version, 0) AND p.updated_at <= @quietSince
            ORDER BY p.updated_at, p.poll_id
            LIMIT @limit
            """, new { quietSince = UnixTime.ToMs(quietSince), limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new BehindCard(Guid.Parse(r.WorkshopId), r.PollId)).ToList();
    }

    private sealed class VersionsRow
    {
        public long Counts { get; set; }
        public long? Shown { get; set; }
    }

    private sealed class BehindRow
    {
        public string WorkshopId { get; set; } = "";
        public string PollId { get; set; } = "";
    }
}
