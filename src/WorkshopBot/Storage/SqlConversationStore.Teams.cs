using Dapper;

namespace WorkshopBot.Storage;

/// <summary>A team's conversations together: the team back (the bot added again, restored, unarchived) or renamed.</summary>
internal sealed partial class SqlConversationStore
{
    public async Task<int> ReactivateTeamAsync(string teamId, string? tenantId, DateTimeOffset at,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(teamId);
        return await UpdateTeamAsync("""
            UPDATE conversations SET active = TRUE, left_with_team = FALSE, updated_at = @at
            WHERE team_id = @teamId AND left_with_team = TRUE AND (@tenant IS NULL OR LOWER(tenant_id) = LOWER(@tenant))
            """, new { teamId, tenant = tenantId, at = UnixTime.ToMs(at) }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> RenameTeamAsync(string teamId, string? tenantId, string teamName, DateTimeOffset at,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(teamId);
        ArgumentException.ThrowIfNullOrWhiteSpace(teamName);
        return await UpdateTeamAsync("""
            UPDATE conversations SET team_name = @teamName, updated_at = @at
            WHERE team_id = @teamId AND (team_name IS NULL OR team_name <> @teamName)
              AND (@tenant IS NULL OR LOWER(tenant_id) = LOWER(@tenant))
            """, new { teamId, teamName, tenant = tenantId, at = UnixTime.ToMs(at) }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs an UPDATE of a team's conversations, with the remembered conversations dropped before and after (as
    /// <see cref="Forget"/> does for one), so that no turn keeps a copy from before the change.
    /// </summary>
    private async Task<int> UpdateTeamAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        ForgetAll();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var changed = await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))
            .ConfigureAwait(false);
        ForgetAll();
        return changed;
    }
}
