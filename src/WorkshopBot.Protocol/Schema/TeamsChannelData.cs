using System.Text.Json;
using System.Text.Json.Serialization;

namespace WorkshopBot.Protocol.Schema;

/// <summary>The Teams-specific <c>channelData</c> of an activity. Unknown fields are kept.</summary>
public sealed record TeamsChannelData
{
    public TenantInfo? Tenant { get; init; }
    public TeamInfo? Team { get; init; }
    public ChannelInfo? Channel { get; init; }
    public MeetingInfo? Meeting { get; init; }
    public string? EventType { get; init; }
    public NotificationInfo? Notification { get; init; }
    public TeamsChannelDataSettings? Settings { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed record TenantInfo
{
    public string Id { get; init; } = "";
}

public sealed record TeamInfo
{
    public string Id { get; init; } = "";
    public string? Name { get; init; }
    public string? AadGroupId { get; init; }
}

public sealed record MeetingInfo
{
    public string Id { get; init; } = "";
}

public sealed record NotificationInfo
{
    public bool Alert { get; init; }
}

public sealed record TeamsChannelDataSettings
{
    public ChannelInfo? SelectedChannel { get; init; }
}
