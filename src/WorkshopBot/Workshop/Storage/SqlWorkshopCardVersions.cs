using Dapper;
using WorkshopBot.Storage;

namespace WorkshopBot.Workshop.Storage;

/// <summary>
/// <see cref="IWorkshopCardVersions"/> on the bot's database. Its write after a live update (at most one a conversation per
/// interval and instance) is to a table of its own, which no vote touches; the list of cards behind reads only the partial
/// index of such cards.
/// </summary>
internal sealed class SqlWorkshopCardVersions(StorageDatabase database) : IWorkshopCardVersions
{
    /// <summary>
    /// The statement that records a change of the card, to commit with the change: its version moves on, and its update is
    /// due at <paramref name="dueAt"/> (the later of this and any change before it). Summed over a batch, so many joins
    /// committed together write the workshop card's row once.
    /// </summary>
    internal static StoreStatement CardChanged(Guid workshopId, string cardId, DateTimeOffset dueAt)
    {
        ArgumentNullException.ThrowIfNull(cardId);
        return new StoreStatement("""
            INSERT INTO workshop_cards (workshop_id, card_id, changed_version, shown_version, due_at)
            VALUES (@WorkshopId, @CardId, @Changes, 0, @DueAt)
            ON CONFLICT (workshop_id, card_id) DO UPDATE SET changed_version = workshop_cards.changed_version + excluded.changed_version,
                due_at = CASE WHEN workshop_cards.due_at > excluded.due_at THEN workshop_cards.due_at ELSE excluded.due_at END
            """, null, ("@WorkshopId", workshopId.ToString("D")), ("@CardId", cardId), ("@Changes", 1L), ("@DueAt", UnixTime.ToMs(dueAt)))
        {
            Summed = ChangedSummed,
            Latest = ChangedLatest,
        };
    }

    private static readonly string[] ChangedSummed = ["@Changes"];
    private static readonly string[] ChangedLatest = ["@DueAt"];

    public async Task<CardChangeVersions?> ReadAsync(Guid workshopId, string cardId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<VersionsRow>(new CommandDefinition("""
            SELECT changed_version AS Changed, shown_version AS Shown FROM workshop_cards
            WHERE workshop_id = @workshopId AND card_id = @cardId
            """, new { workshopId = workshopId.ToString("D"), cardId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is null ? null : new CardChangeVersions(row.Changed, row.Shown);
    }

    public async Task<DateTimeOffset?> DueAtAsync(Guid workshopId, string cardId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return UnixTime.FromMs(await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT due_at FROM workshop_cards WHERE workshop_id = @workshopId AND card_id = @cardId",
            new { workshopId = workshopId.ToString("D"), cardId }, cancellationToken: cancellationToken)).ConfigureAwait(false));
    }

    public async Task RecordShownAsync(Guid workshopId, string cardId, long version, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE workshop_cards SET shown_version = @version
            WHERE workshop_id = @workshopId AND card_id = @cardId AND shown_version < @version
            """, new { workshopId = workshopId.ToString("D"), cardId, version }, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<BehindCard>> ListBehindAsync(DateTimeOffset dueBefore, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<BehindRow>(new CommandDefinition("""
            SELECT workshop_id AS WorkshopId, card_id AS CardId FROM workshop_cards
            WHERE changed_version > shown_version AND due_at <= @dueBefore
            ORDER BY due_at, workshop_id, card_id
            LIMIT @limit
            """, new { dueBefore = UnixTime.ToMs(dueBefore), limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new BehindCard(Guid.Parse(r.WorkshopId), r.CardId)).ToList();
    }

    private sealed class VersionsRow
    {
        public long Changed { get; set; }
        public long Shown { get; set; }
    }

    private sealed class BehindRow
    {
        public string WorkshopId { get; set; } = "";
        public string CardId { get; set; } = "";
    }
}
