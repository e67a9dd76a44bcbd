using Dapper;
using WorkshopBot.Storage;

namespace WorkshopBot.Workshop.Storage;

/// <summary>
/// <see cref="ICardSlots"/> on the bot's database: one row a conversation (table <c>card_slots</c>), claimed by one
/// conditional upsert that either takes the slot or leaves the row as it was and returns the claim that holds it.
/// Only live card updates call it (at most once a conversation per interval and instance); votes never do.
/// </summary>
internal sealed class SqlCardSlots(StorageDatabase database) : ICardSlots
{
    /// <summary>A claim stamped this far ahead of the claimer's clock (an instance whose clock was wrong) holds nothing.</summary>
    public static readonly TimeSpan FarAhead = TimeSpan.FromMinutes(1);

    // Both SET expressions read the row as it was, so the slot and its claim change together or not at all.
    private const string ClaimSql = """
        INSERT INTO card_slots (conversation_id, claimed_at, claim) VALUES (@conversationId, @now, @claim)
        ON CONFLICT (conversation_id) DO UPDATE SET
            claimed_at = CASE WHEN card_slots.claimed_at <= @freeBefore OR card_slots.claimed_at > @farAhead
                THEN excluded.claimed_at ELSE card_slots.claimed_at END,
            claim = CASE WHEN card_slots.claimed_at <= @freeBefore OR card_slots.claimed_at > @farAhead
                THEN excluded.claim ELSE card_slots.claim END
        RETURNING claimed_at AS ClaimedAt, claim AS Claim
        """;

    public async Task<CardSlotClaim> ClaimAsync(string conversationId, DateTimeOffset now, TimeSpan interval,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        var claim = Guid.NewGuid().ToString("N");
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var holder = await connection.QuerySingleAsync<Holder>(new CommandDefinition(ClaimSql, new
        {
            conversationId,
            now = UnixTime.ToMs(now),
            claim,
            freeBefore = UnixTime.ToMs(now - interval),
            farAhead = UnixTime.ToMs(now + FarAhead),
        }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new CardSlotClaim(string.Equals(holder.Claim, claim, StringComparison.Ordinal),
            UnixTime.FromMs(holder.ClaimedAt) + interval);
    }

    public async Task<bool> ClaimedSinceAsync(string conversationId, DateTimeOffset claimedAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var last = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT claimed_at FROM card_slots WHERE conversation_id = @conversationId", new { conversationId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        // Any other time is a later claim's: one that took the slot from a claim stamped far ahead has an earlier time.
        return last is not { } at || at != UnixTime.ToMs(claimedAt);
    }

    public async Task<int> ForgetIdleAsync(DateTimeOffset claimedBefore, DateTimeOffset farAhead, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM card_slots WHERE claimed_at < @before OR claimed_at > @farAhead",
            new { before = UnixTime.ToMs(claimedBefore), farAhead = UnixTime.ToMs(farAhead) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private sealed record Holder(long ClaimedAt, string Claim);
}
