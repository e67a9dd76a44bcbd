namespace WorkshopBot.Workshop.Storage;

/// <summary>
/// A vote's statements for a batch's many votes at once on PostgreSQL (<see cref="WorkshopBot.Storage.StoreStatement.ArraySql"/>):
/// one row per vote, the same conditions as each vote's own statement.
/// </summary>
internal static partial class VoteSteps
{
    // The same statements for a batch's many votes at once on PostgreSQL (StoreStatement.ArraySql): one row per vote.
    private const string FirstVotesSql = """
        INSERT INTO workshop_voters (poll_id, voter_key, dots, version, updated_at, ballot)
        SELECT v.poll_id, v.voter_key, v.dots, 1, v.at, v.ballot
        FROM unnest(@PollId::text[], @VoterKey::text[], @Dots::int[], @Now::bigint[], @Ballot::text[])
            AS v(poll_id, voter_key, dots, at, ballot)
        WHERE EXISTS (SELECT 1 FROM workshop_polls p WHERE p.poll_id = v.poll_id AND p.status = 'Open')
        ON CONFLICT (poll_id, voter_key) DO NOTHING
        """;

    private const string NextVotesSql = """
        UPDATE workshop_voters AS w SET dots = v.dots, version = w.version + 1, updated_at = v.at, ballot = v.ballot
        FROM unnest(@PollId::text[], @VoterKey::text[], @Dots::int[], @Now::bigint[], @Ballot::text[], @ExpectedVersion::bigint[])
            AS v(poll_id, voter_key, dots, at, ballot, expected)
        WHERE w.poll_id = v.poll_id AND w.voter_key = v.voter_key AND w.version = v.expected
          AND EXISTS (SELECT 1 FROM workshop_polls p WHERE p.poll_id = v.poll_id AND p.status = 'Open')
        """;

    private const string CountsSql = """
        INSERT INTO workshop_poll_counts (poll_id, option_id, dots, voters)
        SELECT * FROM unnest(@PollId::text[], @OptionId::text[], @Dots::int[], @Voters::int[])
        ON CONFLICT (poll_id, option_id) DO UPDATE
        SET dots = workshop_poll_counts.dots + excluded.dots, voters = workshop_poll_counts.voters + excluded.voters
        """;

    private const string PollSql = """
        UPDATE workshop_polls AS p SET voters = p.voters + v.delta, counts_version = p.counts_version + v.changed,
            updated_at = GREATEST(p.updated_at, v.at)
        FROM unnest(@PollId::text[], @VoterDelta::int[], @Changed::int[], @Now::bigint[]) AS v(poll_id, delta, changed, at)
        WHERE p.poll_id = v.poll_id
        """;

    // As OpenAndUnchanged, one row per vote: the poll's own row, open, its basis not moved since the workshop version read.
    private const string FirstVotesCheckedSql = """
        INSERT INTO workshop_voters (poll_id, voter_key, dots, version, updated_at, ballot)
        SELECT v.poll_id, v.voter_key, v.dots, 1, v.at, v.ballot
        FROM unnest(@PollId::text[], @VoterKey::text[], @Dots::int[], @Now::bigint[], @Ballot::text[], @WorkshopVersion::bigint[])
            AS v(poll_id, voter_key, dots, at, ballot, workshop_version)
        WHERE EXISTS (SELECT 1 FROM workshop_polls p WHERE p.poll_id = v.poll_id AND p.status = 'Open'
            AND p.basis_version <= v.workshop_version)
        ON CONFLICT (poll_id, voter_key) DO NOTHING
        """;

    private const string NextVotesCheckedSql = """
        UPDATE workshop_voters AS w SET dots = v.dots, version = w.version + 1, updated_at = v.at, ballot = v.ballot
        FROM unnest(@PollId::text[], @VoterKey::text[], @Dots::int[], @Now::bigint[], @Ballot::text[], @ExpectedVersion::bigint[],
            @WorkshopVersion::bigint[])
            AS v(poll_id, voter_key, dots, at, ballot, expected, workshop_version)
        WHERE w.poll_id = v.poll_id AND w.voter_key = v.voter_key AND w.version = v.expected
          AND EXISTS (SELECT 1 FROM workshop_polls p WHERE p.poll_id = v.poll_id AND p.status = 'Open'
            AND p.basis_version <= v.workshop_version)
        """;
}
