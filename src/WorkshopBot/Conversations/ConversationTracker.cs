using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;

namespace WorkshopBot.Conversations;

/// <summary>
/// Keeps a conversation reference for every conversation the bot hears from, so proactive messages
/// (audit tools, alerts, briefings) can reach it later; marks it inactive when the bot is removed.
/// </summary>
public sealed partial class ConversationTracker(IConversationStore store, TimeProvider time)
{
    public async Task RememberAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var activity = turn.Activity;
        var existing = await store.GetAsync(KeyOf(activity), cancellationToken).ConfigureAwait(false);
        if (!SameTenant(existing, activity))
        {
            // A conversation belongs to the organisation it was first heard from: an activity claiming another tenant
            // neither moves it (which would offer one organisation's channel to another) nor closes it.
            return;
        }

        if (TeamArchived(activity) is { } archived)
        {
            // An archived team is read-only: the bot can post in none of its channels until it is unarchived. Its members
            // stay members, so who was seen where is kept.
            await store.MarkTeamInactiveAsync(archived, activity.GetTenantId(), time.GetUtcNow(), cancellationToken)
                .ConfigureAwait(false);
            return;
        }

        if (IsRemoval(activity))
        {
            var team = TeamLeft(activity);
            if (team is null || !string.Equals(existing?.TeamId, team, StringComparison.Ordinal))
            {
                await store.MarkInactiveAsync(KeyOf(activity), time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            }

            if (team is not null)
            {
                // Teams says so once, in the team's General channel; the bot can post in none of the team's channels now.
                // They are marked as left with the team, so the team's return makes them usable again (TeamReturned).
                await store.MarkTeamInactiveAsync(team, activity.GetTenantId(), time.GetUtcNow(), cancellationToken)
                    .ConfigureAwait(false);
                await store.ForgetTeamMembersAsync(team, activity.GetTenantId(), cancellationToken).ConfigureAwait(false);
            }
            else if (activity.Conversation?.ConversationType == ConversationTypes.Channel)
            {
                // Who was seen there is forgotten with the channel: if the bot is added back, members are learnt afresh.
                await store.ForgetChannelMembersAsync(KeyOf(activity), cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var record = ToRecord(activity, existing);
        if (existing is null || existing != record with { UpdatedAt = existing.UpdatedAt })
        {
            await store.UpsertAsync(record with { UpdatedAt = time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
        }

        await FollowTheTeamAsync(activity, cancellationToken).ConfigureAwait(false);

        if (record.Kind == ConversationKind.Channel && activity.Type != ActivityTypes.Invoke)
        {
            await RememberMembersAsync(activity, record, cancellationToken).ConfigureAwait(false);
            await ForgetRemovedMembersAsync(activity, record, cancellationToken).ConfigureAwait(false);
        }
    }

    // Who is seen in a channel is a member of it: the person who wrote there, and anyone Teams reports added to it. The
    // publish picker offers a private or shared channel only to its known members (ChannelDirectory). A card pressed is not
    // written down: votes on a workshop's board are such presses, thousands a minute, and Teams does not always say a
    // channel's type, so a press in a standard channel could not be told from one in a private channel.
    private async Task RememberMembersAsync(Activity activity, ConversationRecord channel, CancellationToken cancellationToken)
    {
        var removed = People(activity, activity.MembersRemoved).ToList();
        var people = People(activity, [activity.From, .. activity.MembersAdded ?? []])
            .Where(p => p.AadObjectId is not null && !removed.Any(r => r.Same(p)));
        foreach (var person in people)
        {
            await store.RememberMemberAsync(channel.ConversationId, person.AadObjectId!, person.Id, channel.TenantId,
                time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
    }

    // A membership Teams reports ended is forgotten, so the picker stops offering the channel: someone removed from a private
    // or shared channel ("channelMemberRemoved", or membersRemoved with no event type) there only; someone removed from the
    // team ("teamMemberRemoved", sent once in the team's General channel) in every channel of the team. A shared channel
    // unshared with a team ("channelUnshared") loses that team's people, and the bot cannot tell who they were: all of the
    // channel's members are forgotten, and are listed again when they write there.
    private async Task ForgetRemovedMembersAsync(Activity activity, ConversationRecord channel, CancellationToken cancellationToken)
    {
        if (activity.Type != ActivityTypes.ConversationUpdate)
        {
            return;
        }

        var eventType = activity.GetTeamsChannelData()?.EventType;
        if (eventType == "channelUnshared")
        {
            await store.ForgetChannelMembersAsync(channel.ConversationId, cancellationToken).ConfigureAwait(false);
            return;
        }

        foreach (var named in People(activity, activity.MembersRemoved))
        {
            // Teams' documented payload names the person by their "29:" id alone; a membership stored before that id was
            // kept is found through the object id of their 1:1 chat with the bot, when there is one.
            var person = named.AadObjectId is null && named.Id is not null
                ? named with { AadObjectId = NullIfBlank((await store.FindPersonalAsync(named.Id, channel.TenantId, cancellationToken)
                    .ConfigureAwait(false))?.UserAadObjectId) }
                : named;

            // Always here too, whatever team the channel is filed under (a shared channel's members come from other teams).
            await store.ForgetMemberAsync(channel.ConversationId, person.AadObjectId, person.Id, cancellationToken)
                .ConfigureAwait(false);
            if (eventType == "teamMemberRemoved" && channel.TeamId is { Length: > 0 } team)
            {
                await store.ForgetMemberOfTeamAsync(team, person.AadObjectId, person.Id, channel.TenantId, cancellationToken)
                    .ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The stored key of a conversation: for a channel, the channel's own id rather than the id of the thread
    /// the message came in (<c>19:...;messageid=...</c>), so every thread maps to its channel.
    /// </summary>
    public static string KeyOf(Activity activity)
    {
        var conversation = activity.Conversation!;
        if (conversation.ConversationType == ConversationTypes.Channel &&
            activity.GetTeamsChannelData()?.Channel?.Id is { Length: > 0 } channelId)
        {
            return channelId;
        }

        return KeyOf(conversation.Id);
    }

    /// <summary>The stored key of a conversation id a message came in: a thread's id (<c>;messageid=...</c>) names its channel.</summary>
    public static string KeyOf(string conversationId)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        var separator = conversationId.IndexOf(";messageid=", StringComparison.OrdinalIgnoreCase);
        return separator > 0 ? conversationId[..separator] : conversationId;
    }

    private static bool SameTenant(ConversationRecord? existing, Activity activity) =>
        string.IsNullOrEmpty(existing?.TenantId)
        || string.Equals(existing.TenantId, activity.GetTenantId(), StringComparison.OrdinalIgnoreCase);

    /// <summary>True when this activity says the bot was uninstalled or removed from the conversation.</summary>
    public static bool IsRemoval(Activity activity)
    {
        if (activity.Type == ActivityTypes.InstallationUpdate)
        {
            return activity.Action?.StartsWith("remove", StringComparison.OrdinalIgnoreCase) == true;
        }

        if (activity.Type == ActivityTypes.ConversationUpdate)
        {
            var eventType = activity.GetTeamsChannelData()?.EventType;
            if (eventType is "teamDeleted" or "channelDeleted")
            {
                return true;
            }

            var botId = activity.Recipient?.Id;
            return botId is not null && activity.MembersRemoved?.Any(m => m.Id == botId) == true;
        }

        return false;
    }

    /// <summary>
    /// The team the bot has left with this activity (removed from the team, uninstalled from it, or the team deleted), or
    /// null when the removal is of one conversation only (a chat, or one private or shared channel).
    /// </summary>
    public static string? TeamLeft(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var channelData = activity.GetTeamsChannelData();
        if (channelData?.Team?.Id is not { Length: > 0 } team || !IsRemoval(activity))
        {
            return null;
        }

        return activity.Type == ActivityTypes.InstallationUpdate || channelData.EventType is "teamMemberRemoved" or "teamDeleted"
            ? team
            : null;
    }

    /// <summary>True when this activity says the bot has just been added here.</summary>
    public static bool IsBotAdded(Activity activity)
    {
        if (activity.Type == ActivityTypes.InstallationUpdate)
        {
            return activity.Action?.StartsWith("add", StringComparison.OrdinalIgnoreCase) == true;
        }

        var botId = activity.Recipient?.Id;
        return activity.Type == ActivityTypes.ConversationUpdate
            && botId is not null
            && activity.MembersAdded?.Any(m => m.Id == botId) == true;
    }

    private static ConversationRecord ToRecord(Activity activity, ConversationRecord? existing)
    {
        var channelData = activity.GetTeamsChannelData();
        var conversation = activity.Conversation!;
        var kind = conversation.ConversationType switch
        {
            ConversationTypes.Channel => ConversationKind.Channel,
            ConversationTypes.GroupChat => ConversationKind.GroupChat,
            _ when conversation.IsGroup == true => ConversationKind.GroupChat,
            _ => ConversationKind.Personal,
        };
        var personal = kind == ConversationKind.Personal;
        return new ConversationRecord(
            ConversationId: KeyOf(activity),
            ServiceUrl: activity.ServiceUrl!,
            TenantId: activity.GetTenantId() ?? existing?.TenantId,
            ChannelId: activity.ChannelId ?? "msteams",
            Kind: kind,
            TeamId: channelData?.Team?.Id ?? existing?.TeamId,
            TeamName: channelData?.Team?.Name ?? existing?.TeamName,
            ChannelName: channelData?.Channel?.Name ?? existing?.ChannelName,
            UserId: personal ? activity.From?.Id ?? existing?.UserId : null,
            UserAadObjectId: personal ? activity.From?.AadObjectId ?? existing?.UserAadObjectId : null,
            UserName: personal ? activity.From?.Name ?? existing?.UserName : null,
            BotId: activity.Recipient?.Id ?? existing?.BotId ?? "",
            Active: true,
            UpdatedAt: existing?.UpdatedAt ?? DateTimeOffset.MinValue,
            ChannelType: NullIfBlank(channelData?.Channel?.Type)?.ToLowerInvariant() ?? existing?.ChannelType);
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
