using System.Text;
using System.Text.Json;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Protocol.Hosting;

/// <summary>
/// The strings of an activity that name something (the activity, its conversation, people, the tenant, the team and
/// channel, the service, a card's verb): each is stored as a key or matched against one, so one with a control character
/// or of a length no Teams id comes near is refused at the door. Real ids are far shorter: a channel thread's
/// conversation id with its message id is about 100 characters, a user's 29: id about 140, a personal chat's a: id
/// under 200. A longer one would otherwise reach a primary key (PostgreSQL refuses an index row over about 2.7 KB).
/// </summary>
internal static class ActivityIdentifiers
{
    /// <summary>The most UTF-8 bytes an identifier may have: two of them still fit in one PostgreSQL index row.</summary>
    public const int MaxUtf8Bytes = 1024;

    /// <summary>True when every identifying string the activity carries is absent or sane.</summary>
    public static bool AreSane(Activity activity)
    {
        var channelData = activity.GetTeamsChannelData();
        return IsSane(activity.Type) && IsSane(activity.Name) && IsSane(activity.Id) && IsSane(activity.ReplyToId)
            && IsSane(activity.ChannelId) && IsSane(activity.ServiceUrl)
            && IsSane(activity.Conversation?.Id) && IsSane(activity.Conversation?.TenantId)
            && IsSane(activity.From) && IsSane(activity.Recipient)
            && (activity.MembersAdded ?? []).All(IsSane) && (activity.MembersRemoved ?? []).All(IsSane)
            && IsSane(channelData?.Tenant?.Id) && IsSane(channelData?.Team?.Id) && IsSane(channelData?.Team?.AadGroupId)
            && IsSane(channelData?.Channel?.Id) && IsSane(channelData?.Settings?.SelectedChannel?.Id)
            && IsSane(channelData?.Meeting?.Id)
            && VerbsAreSane(activity.Value);
    }

    /// <summary>True when <paramref name="value"/> is null, or short enough and free of control characters.</summary>
    public static bool IsSane(string? value)
    {
        if (value is null)
        {
            return true;
        }

        if (value.Length > MaxUtf8Bytes || Encoding.UTF8.GetByteCount(value) > MaxUtf8Bytes)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is <= '\u001F' or '\u007F')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsSane(ChannelAccount? account) =>
        account is null || (IsSane(account.Id) && IsSane(account.AadObjectId));

    /// <summary>
    /// The verb of an <c>Action.Execute</c> (<c>value.action.verb</c>) and of an <c>Action.Submit</c> (<c>value.verb</c>),
    /// in any case of the names (the invoke's value is bound without regard to case).
    /// </summary>
    private static bool VerbsAreSane(JsonElement? value)
    {
        if (value is not { ValueKind: JsonValueKind.Object } data)
        {
            return true;
        }

        foreach (var property in data.EnumerateObject())
        {
            if (IsNamed(property, "verb") && property.Value.ValueKind == JsonValueKind.String && !IsSane(property.Value.GetString()))
            {
                return false;
            }

            if (IsNamed(property, "action") && property.Value.ValueKind == JsonValueKind.Object
                && property.Value.EnumerateObject().Any(p => IsNamed(p, "verb") && p.Value.ValueKind == JsonValueKind.String
                    && !IsSane(p.Value.GetString())))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsNamed(JsonProperty property, string name) =>
        string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase);
}
