// The organisation's Word files still in Teams: what their deletion needs once the erase has taken the rest away.
using System.Data.Common;
using System.Text.Json;
using Dapper;

namespace WorkshopBot.Operations.Erase;

public static partial class TenantErase
{
    /// <summary>
    /// Writes on each of the organisation's upload intents still to delete (no Graph ids: found by name in the channel's
    /// folder) the Microsoft 365 group of its channel's team, as the deletion would look it up: the team id when it is the
    /// group's, else the team's stored group id. Ids only.
    /// </summary>
    private static async Task KeepIntentGroupsAsync(DbConnection connection, DbTransaction transaction, string t, CancellationToken ct)
    {
        var intents = await connection.QueryAsync<(long Id, string? TeamId, string? Json)>(new CommandDefinition($"""
            SELECT f.id, c.team_id, d.json FROM briefing_files f
            LEFT JOIN conversations c ON c.conversation_id = f.channel_id
            LEFT JOIN documents d ON d.collection = 'briefing-team-groups' AND d.id = c.team_id
            WHERE lower(f.tenant_id) = @t AND f.drive_id IS NULL AND f.group_id IS NULL AND f.{FilesInTeams}
            """, new { t }, transaction, cancellationToken: ct)).ConfigureAwait(false);
        foreach (var (id, teamId, json) in intents)
        {
            if ((Guid.TryParse(teamId, out _) ? teamId : GroupOf(json)) is { } group)
            {
                await connection.ExecuteAsync(new CommandDefinition("UPDATE briefing_files SET group_id = @group WHERE id = @id",
                    new { group, id }, transaction, cancellationToken: ct)).ConfigureAwait(false);
            }
        }
    }

    private static string? GroupOf(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("aadGroupId", out var group) && group.ValueKind == JsonValueKind.String
                ? group.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
