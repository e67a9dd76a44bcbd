using Dapper;
using WorkshopBot.Storage;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Workshop.Storage;

/// <summary>A participant joining a workshop, changing the agency they joined for, or losing it.</summary>
internal static partial class VoteSteps
{
    private const string NewParticipantSql = """
        INSERT INTO workshop_participants (workshop_id, user_key, channel_user_id, name, agency_id, agency_name, joined_at)
        VALUES (@workshopId, @UserKey, @ChannelUserId, @Name, @AgencyId, @AgencyName, @joinedAt)
        ON CONFLICT (workshop_id, user_key) DO NOTHING
        """;

    private static readonly string[] ParticipantsSummed = ["@Added"];

    /// <summary>
    /// A first join's statements: the participant's row, which must be new (exactly one row, or the commit is a conflict
    /// and the turn runs again from fresh reads, finding them joined), and the workshop's count of participants, summed over
    /// a batch. Neither reads an earlier one's answer, so a group commit sends a batch of joins at once, as it does votes,
    /// not one by one with savepoints (<see cref="Join"/>, for a change of agency, must read the insert's answer).
    /// </summary>
    public static IReadOnlyList<StoreStatement> FirstJoin(string workshopId, WorkshopParticipant participant)
    {
        ArgumentNullException.ThrowIfNull(participant);
        return
        [
            new StoreStatement(NewParticipantSql, 1, ("@workshopId", workshopId), ("@UserKey", participant.UserKey),
                ("@ChannelUserId", participant.ChannelUserId), ("@Name", participant.Name), ("@AgencyId", participant.AgencyId),
                ("@AgencyName", participant.AgencyName), ("@joinedAt", UnixTime.ToMs(participant.JoinedAt))),
            new StoreStatement("""
                INSERT INTO workshop_counts (workshop_id, participants) VALUES (@workshopId, @Added)
                ON CONFLICT (workshop_id) DO UPDATE SET participants = workshop_counts.participants + excluded.participants
                """, null, ("@workshopId", workshopId), ("@Added", 1)) { Summed = ParticipantsSummed },
        ];
    }

    /// <summary>Adds the participant (counting them), or updates their agency; reports whether anything changed.</summary>
    public static StoreWorkStep Join(string workshopId, WorkshopParticipant participant, Action<bool> changed) =>
        async (connection, transaction, _, _) =>
        {
            var args = new
            {
                workshopId,
                participant.UserKey,
                participant.ChannelUserId,
                participant.Name,
                participant.AgencyId,
                participant.AgencyName,
                joinedAt = UnixTime.ToMs(participant.JoinedAt),
            };
            var added = await connection.ExecuteAsync(new CommandDefinition(NewParticipantSql, args, transaction))
                .ConfigureAwait(false);
            if (added == 1)
            {
                await connection.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO workshop_counts (workshop_id, participants) VALUES (@workshopId, 1)
                    ON CONFLICT (workshop_id) DO UPDATE SET participants = workshop_counts.participants + 1
                    """, args, transaction)).ConfigureAwait(false);
                changed(true);
                return true;
            }

            changed(await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE workshop_participants
                SET agency_id = @AgencyId, agency_name = @AgencyName, name = @Name, channel_user_id = @ChannelUserId
                WHERE workshop_id = @workshopId AND user_key = @UserKey AND agency_id IS DISTINCT FROM @AgencyId
                """, args, transaction)).ConfigureAwait(false) > 0);
            return true;
        };

    /// <summary>The participant's registration for the agency is taken away: they stay a participant, for no agency.</summary>
    public static StoreWorkStep Release(string workshopId, string userKey, string agencyId) =>
        async (connection, transaction, _, _) =>
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE workshop_participants SET agency_id = NULL, agency_name = NULL
                WHERE workshop_id = @workshopId AND user_key = @userKey AND agency_id = @agencyId
                """, new { workshopId, userKey, agencyId }, transaction)).ConfigureAwait(false);
            return true;
        };
}
