using System.Text.Json;
using System.Text.Json.Serialization;

namespace WorkshopBot.Protocol.Schema;

/// <summary>A user or bot in a conversation (<c>from</c>, <c>recipient</c>, members).</summary>
public sealed record ChannelAccount
{
    public string Id { get; init; } = "";
    public string? Name { get; init; }
    public string? AadObjectId { get; init; }
    public string? Role { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>The conversation an activity belongs to.</summary>
public sealed record ConversationAccount
{
    public string Id { get; init; } = "";
    public string? Name { get; init; }
    public string? ConversationType { get; init; }
    public string? TenantId { get; init; }
    public bool? IsGroup { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A member as the Teams roster returns it.</summary>
public sealed record TeamsChannelAccount
{
    public string Id { get; init; } = "";
    public string? Name { get; init; }
    public string? AadObjectId { get; init; }
    public string? Email { get; init; }
    public string? UserPrincipalName { get; init; }
    public string? GivenName { get; init; }
    public string? Surname { get; init; }
    public string? TenantId { get; init; }
    public string? UserRole { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>One page of <c>GET v3/conversations/{id}/pagedmembers</c>.</summary>
public sealed record PagedMembersResult
{
    public string? ContinuationToken { get; init; }
    public IReadOnlyList<TeamsChannelAccount> Members { get; init; } = [];
}

/// <summary>A channel of a team (<c>GET v3/teams/{teamId}/conversations</c>, and <c>channelData.channel</c>).</summary>
public sealed record ChannelInfo
{
    public string Id { get; init; } = "";
    public string? Name { get; init; }

    /// <summary>"standard", "private" or "shared" when Teams says; null when it does not.</summary>
    public string? Type { get; init; }
}

/// <summary>Body of <c>GET v3/teams/{teamId}/conversations</c>.</summary>
public sealed record ConversationList
{
    public IReadOnlyList<ChannelInfo> Conversations { get; init; } = [];
}
