using Dapper;

namespace WorkshopBot.Storage;

/// <summary>A team's conversations together: the team back (the bot added again, restored, unarchived) or renamed.</summary>
internal sealed partial class SqlConversationStore
{
    public async Task<int> ReactivateTeamAsync(string teamId, string? tenantId, DateTimeOffset at,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(teamId);
        ForgetAll();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var changed = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE conversations SET active = TRUE, left_with_team = FALSE, updated_at = @at
            WHERE team_id = @teamId AND left_with_team = TRUE AND (@tenant IS NULL OR LOWER(tenant_id) = LOWER(@tenant))
            """, new { teamId, tenant = tenantId, at = UnixTime.ToMs(at) }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        ForgetAll();
        return changed;
    }

    public async Task<int> RenameTeamAsync(string teamId, string? tenantId, string teamName, DateTimeOffset at,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(teamId);
        ArgumentException.ThrowIfNullOrWhiteSpace(teamName);
        ForgetAll();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var changed = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE conversations SET team_name = @teamName, updated_at = @at
            WHERE team_id = @teamId AND (team_name IS NULL OR team_name <> @teamName)
              AND (@tenant IS NULL OR LOWER(tenant_id) = LOWER(@tenant))
            """, new { teamId, teamName, tenant = tenantId, at = UnixTime.ToMs(at) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        ForgetAll();
        return changed;
    }
}
