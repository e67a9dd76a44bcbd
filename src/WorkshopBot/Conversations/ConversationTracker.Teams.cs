using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Conversations;

/// <summary>
/// What Teams says of a whole team, once, in its General channel: the bot added back, the team restored, unarchived or
/// renamed. And the people named in a membership event, as Teams names them.
/// </summary>
public sealed partial class ConversationTracker
{
    // The team is back (the bot added to it again, the team restored or unarchived): the channels marked inactive with the
    // team are usable again, not only the General channel the event came in, or the admins' channel, trackers, live
    // workshops and briefings there would stay silent until someone mentioned the bot in each. A renamed team is renamed
    // on every channel's record, as pickers and cards name a channel with its team.
    private async Task FollowTheTeamAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (activity.GetTeamsChannelData() is not { Team.Id: { Length: > 0 } team } channelData)
        {
            return;
        }

        if (IsTeamReturned(activity))
        {
            await store.ReactivateTeamAsync(team, activity.GetTenantId(), time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }

        if (channelData.EventType == "teamRenamed" && NullIfBlank(channelData.Team.Name) is { } name)
        {
            await store.RenameTeamAsync(team, activity.GetTenantId(), name, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// True when this activity says the bot is in a team again: installed in it, added to it (<c>teamMemberAdded</c>, or
    /// added in its General channel), or the team restored after deletion or unarchived. Not the bot added to one private
    /// or shared channel.
    /// </summary>
    public static bool IsTeamReturned(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var channelData = activity.GetTeamsChannelData();
        if (channelData?.Team?.Id is not { Length: > 0 } team)
        {
            return false;
        }

        if (activity.Type == ActivityTypes.InstallationUpdate)
        {
            return IsBotAdded(activity);
        }

        if (activity.Type != ActivityTypes.ConversationUpdate)
        {
            return false;
        }

        return channelData.EventType switch
        {
            "teamRestored" or "teamUnarchived" => true,
            "teamMemberAdded" => IsBotAdded(activity),
            null or "" => IsBotAdded(activity) && string.Equals(KeyOf(activity), team, StringComparison.Ordinal),
            _ => false,
        };
    }

    /// <summary>The team this activity says was archived (<c>teamArchived</c>), or null.</summary>
    public static string? TeamArchived(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var channelData = activity.GetTeamsChannelData();
        return activity.Type == ActivityTypes.ConversationUpdate && channelData?.EventType == "teamArchived"
            && channelData.Team?.Id is { Length: > 0 } team
            ? team
            : null;
    }

    /// <summary>A person named in a membership event: Entra object id and Bot Framework id ("29:..."), either may be missing.</summary>
    internal sealed record Member(string? AadObjectId, string? Id)
    {
        public bool Same(Member other) =>
            (AadObjectId is not null && string.Equals(AadObjectId, other.AadObjectId, StringComparison.OrdinalIgnoreCase))
            || (Id is not null && string.Equals(Id, other.Id, StringComparison.Ordinal));
    }

    // The people these accounts name, not the bot: by object id, Bot Framework id or both (Teams' documented removal payload
    // gives only the "29:" id). Accounts naming neither are left out; one person named twice is taken once.
    internal static IReadOnlyList<Member> People(Activity activity, IEnumerable<ChannelAccount?>? accounts)
    {
        var people = new List<Member>();
        foreach (var account in accounts ?? [])
        {
            if (account is null || (account.Id is not null && account.Id == activity.Recipient?.Id))
            {
                continue;
            }

            var person = new Member(NullIfBlank(account.AadObjectId), NullIfBlank(account.Id));
            if ((person.AadObjectId is not null || person.Id is not null) && !people.Any(p => p.Same(person)))
            {
                people.Add(person);
            }
        }

        return people;
    }
}
