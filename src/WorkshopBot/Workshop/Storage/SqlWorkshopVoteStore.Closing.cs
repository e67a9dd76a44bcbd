using Dapper;
using WorkshopBot.Storage;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Workshop.Storage;

// Closes made ahead of their turn, and the marks that say one has not been saved yet (migration 2220).
internal sealed partial class SqlWorkshopVoteStore
{
    public Task CloseAheadAsync(string pollId, int opening, DateTimeOffset now, CancellationToken cancellationToken,
        DateTimeOffset? onlyIfClosesAt = null) =>
        CommitAsync("poll close", VoteSteps.Status(pollId, PollVotingStatus.Closed, null, now, onlyIfClosesAt, opening));

    public async Task<IReadOnlyList<UnfinishedClose>> ListUnfinishedClosesAsync(DateTimeOffset madeBefore,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<ClosingRow>(new CommandDefinition("""
            SELECT poll_id AS PollId, workshop_id AS WorkshopId, closing_opening AS Opening, closing_at AS ClosingAt
            FROM workshop_polls
            WHERE closing_at IS NOT NULL AND closing_at <= @madeBefore AND status = 'Closed'
            ORDER BY closing_at
            """, new { madeBefore = UnixTime.ToMs(madeBefore) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new UnfinishedClose(Guid.Parse(r.WorkshopId), r.PollId, (int)(r.Opening ?? 0),
            UnixTime.FromMs(r.ClosingAt))).ToList();
    }

    public Task SettleCloseAsync(string pollId, DateTimeOffset closingAt, CancellationToken cancellationToken) =>
        CommitAsync("settled poll close", VoteSteps.CloseSettled(pollId, closingAt));

    private sealed class ClosingRow
    {
        public string PollId { get; set; } = "";
        public string WorkshopId { get; set; } = "";
        public long? Opening { get; set; }
        public long ClosingAt { get; set; }
    }
}
