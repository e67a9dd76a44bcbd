using WorkshopBot.Common;
using WorkshopBot.Protocol.Connector;
using WorkshopBot.Storage;

namespace WorkshopBot.Briefings.Teams;

/// <summary>
/// The channels a chair may publish to: a standard channel (General, or one Teams says is standard) of a team the chair
/// belongs to, and a private or shared channel (or one whose type Teams has not said) the chair is a known member of,
/// because the bot has seen them there (they wrote to the bot in it, or Teams reported them added). Team
/// membership is known the same way, from any standard channel of the team, or else asked of Teams (the team's member
/// by the chair's id). A channel whose membership is not known is not offered: naming it would tell the chair it exists.
/// </summary>
public sealed partial class ChannelDirectory
{
    /// <summary>The channels of <paramref name="tenantId"/>'s organisation that <paramref name="chair"/> may publish to, named.</summary>
    /// <param name="chair">The chair, by Entra object id.</param>
    /// <param name="chairChannelAccountId">The chair's Teams id in this turn ("29:..."), to ask Teams about a team's members.</param>
    public async Task<IReadOnlyList<ConversationRecord>> ListChannelsForAsync(PersonRef chair, string? chairChannelAccountId,
        string? tenantId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chair);
        var all = (await conversations.ListChannelsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            .Where(c => InTenant(c, tenantId)).ToList();
        if (string.IsNullOrWhiteSpace(chair.UserId) || all.Count == 0)
        {
            return [];
        }

        var seen = await conversations.KnownChannelsOfAsync(chair.UserId, tenantId, cancellationToken).ConfigureAwait(false);
        var teams = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var unknown = new List<ConversationRecord>();
        foreach (var team in all.Where(c => c.TeamId is not null).GroupBy(c => c.TeamId!, StringComparer.Ordinal))
        {
            if (team.Any(c => c.IsStandardChannel && seen.Contains(c.ConversationId)))
            {
                teams[team.Key] = true;
            }
            else
            {
                unknown.Add(team.First());
            }
        }

        // Asked together, a few at a time, so a partnership with many teams still gets its picker within Teams' invoke time.
        await Parallel.ForEachAsync(unknown, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (channel, ct) => teams[channel.TeamId!] =
                await IsTeamMemberAsync(channel.ServiceUrl, channel.TeamId!, chair, chairChannelAccountId, ct).ConfigureAwait(false))
            .ConfigureAwait(false);

        var reachable = all.Where(c => c.IsStandardChannel
            ? c.TeamId is not null && teams.GetValueOrDefault(c.TeamId)
            : seen.Contains(c.ConversationId)).ToList();
        return InPickerOrder(await ResolveAsync(reachable, cancellationToken).ConfigureAwait(false));
    }

    // Teams answers the team's member by the chair's Teams id, or says they are not one (404). Not known: not a member, as
    // when an id is one the connector will not put in a URL (an ArgumentException, from a forged activity).
    private async Task<bool> IsTeamMemberAsync(string serviceUrl, string teamId, PersonRef chair, string? chairChannelAccountId,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(chairChannelAccountId) || string.IsNullOrWhiteSpace(teamId))
        {
            return false;
        }

        try
        {
            var member = await connector.GetMemberAsync(serviceUrl, teamId, chairChannelAccountId, cancellationToken)
                .ConfigureAwait(false);
            return string.Equals(member.AadObjectId, chair.UserId, StringComparison.OrdinalIgnoreCase);
        }
        catch (Exception ex) when (ex is ConnectorException or HttpRequestException or ArgumentException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogMembershipUnknown(ex, teamId);
            return false;
        }
    }

    [LoggerMessage(EventId = 5202, Level = LogLevel.Debug,
        Message = "Team {TeamId} did not confirm the chair as a member; its standard channels are not offered to them")]
    private partial void LogMembershipUnknown(Exception exception, string teamId);
}
