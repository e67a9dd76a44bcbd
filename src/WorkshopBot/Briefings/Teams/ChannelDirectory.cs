using WorkshopBot.Protocol.Connector;
using WorkshopBot.Storage;

namespace WorkshopBot.Briefings.Teams;

/// <summary>
/// Team channels by the names people know them by, "Team > Channel", never a raw <c>19:...@thread</c> id. Teams leaves the
/// channel's name out of most activities (and always for General), so a channel the bot knows without a name is looked up
/// in the team's channel list (<c>GET v3/teams/{teamId}/conversations</c>, where General has no name) and the name is kept in
/// the conversation store: Teams is asked once per team, and a rename arrives later as a channelRenamed update.
/// </summary>
public sealed partial class ChannelDirectory(
    IConversationStore conversations, IConnectorClient connector, TimeProvider time, ILogger<ChannelDirectory> logger)
{
    public const string General = "General";

    /// <summary>
    /// The bot's active team channels in <paramref name="tenantId"/>'s organisation, named. A bot serving two organisations
    /// never offers one's channels to the other; a channel whose organisation is not known is offered to nobody.
    /// </summary>
    public async Task<IReadOnlyList<ConversationRecord>> ListChannelsAsync(string? tenantId, CancellationToken cancellationToken) =>
        InPickerOrder(await ResolveAsync(
            (await conversations.ListChannelsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            .Where(c => InTenant(c, tenantId)).ToList(), cancellationToken).ConfigureAwait(false));

    /// <summary>"Team > Channel" for each of these channel ids that the bot knows in <paramref name="tenantId"/>'s organisation.</summary>
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(IEnumerable<string> channelIds, string? tenantId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channelIds);
        var known = new List<ConversationRecord>();
        foreach (var id in channelIds.Distinct(StringComparer.Ordinal))
        {
            if (await conversations.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } record && InTenant(record, tenantId))
            {
                known.Add(record);
            }
        }

        return (await ResolveAsync(known, cancellationToken).ConfigureAwait(false))
            .ToDictionary(c => c.ConversationId, NameOf, StringComparer.Ordinal);
    }

    /// <summary>True when the channel is known to belong to this (non-empty) tenant.</summary>
    public static bool InTenant(ConversationRecord channel, string? tenantId)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return !string.IsNullOrEmpty(tenantId) && string.Equals(channel.TenantId, tenantId, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>"Team > Channel"; General is the channel whose id is the team's.</summary>
    public static string NameOf(ConversationRecord channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return Display(channel.TeamName, channel.ChannelName, channel.ConversationId, channel.TeamId);
    }

    /// <summary>"Team > Channel" from what is known; what is not known is said plainly rather than shown as an id.</summary>
    public static string Display(string? teamName, string? channelName, string channelId, string? teamId) =>
        $"{TeamShown(teamName)} > {ChannelShown(channelName, channelId, teamId)}";

    private async Task<IReadOnlyList<ConversationRecord>> ResolveAsync(IReadOnlyList<ConversationRecord> channels,
        CancellationToken cancellationToken)
    {
        var resolved = channels.ToDictionary(c => c.ConversationId, StringComparer.Ordinal);
        var incomplete = channels.Where(c => c.TeamId is not null && (c.ChannelName is null || c.TeamName is null))
            .GroupBy(c => c.TeamId!, StringComparer.Ordinal);
        foreach (var team in incomplete)
        {
            var tenant = team.First().TenantId;
            var siblings = (await conversations.ListChannelsAsync(team.Key, cancellationToken).ConfigureAwait(false))
                .Where(c => InTenant(c, tenant)).ToList();
            var teamName = team.Select(c => c.TeamName).Concat(siblings.Select(c => c.TeamName)).FirstOrDefault(n => n is not null);
            var names = team.Any(c => c.ChannelName is null)
                ? await TeamChannelsAsync(team.First().ServiceUrl, team.Key, cancellationToken).ConfigureAwait(false)
                : null;
            foreach (var channel in team)
            {
                var channelName = channel.ChannelName
                    ?? (names is not null && names.TryGetValue(channel.ConversationId, out var listed) ? listed : null)
                    ?? (string.Equals(channel.ConversationId, team.Key, StringComparison.Ordinal) ? General : null);
                var named = channel with { TeamName = channel.TeamName ?? teamName, ChannelName = channelName };
                if (named != channel)
                {
                    await conversations.UpsertAsync(named with { UpdatedAt = time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
                    resolved[channel.ConversationId] = named;
                }
            }
        }

        return channels.Select(c => resolved[c.ConversationId]).ToList();
    }

    // The team's channels by id; General (listed without a name) as "General". Null when Teams cannot be asked now.
    private async Task<Dictionary<string, string>?> TeamChannelsAsync(string serviceUrl, string teamId, CancellationToken cancellationToken)
    {
        // A read, safe to repeat before the turn commits; the connector client's own timeout and retries bound it.
        try
        {
            var list = await connector.GetTeamChannelsAsync(serviceUrl, teamId, cancellationToken).ConfigureAwait(false);
            return list.Conversations
                .Where(c => !string.IsNullOrEmpty(c.Id))
                .GroupBy(c => c.Id, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => string.IsNullOrWhiteSpace(g.First().Name) ? General : g.First().Name!,
                    StringComparer.Ordinal);
        }
        catch (Exception ex) when (ex is ConnectorException or HttpRequestException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogLookupFailed(ex, teamId);
            return null;
        }
    }

    [LoggerMessage(EventId = 5201, Level = LogLevel.Warning, Message = "Could not read the channel list of team {TeamId}")]
    private partial void LogLookupFailed(Exception exception, string teamId);
}
