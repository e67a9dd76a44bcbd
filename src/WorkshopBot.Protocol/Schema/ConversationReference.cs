namespace WorkshopBot.Protocol.Schema;

/// <summary>What the bot keeps to post into a conversation later (proactive messages).</summary>
public sealed record ConversationReference
{
    public string? ActivityId { get; init; }
    public ChannelAccount? User { get; init; }
    public ChannelAccount? Bot { get; init; }
    public ConversationAccount? Conversation { get; init; }
    public string? ChannelId { get; init; }
    public string? ServiceUrl { get; init; }
    public string? Locale { get; init; }
}

/// <summary>Body of <c>POST v3/conversations</c>.</summary>
public sealed record ConversationParameters
{
    public bool IsGroup { get; init; }
    public ChannelAccount? Bot { get; init; }
    public IReadOnlyList<ChannelAccount>? Members { get; init; }
    public string? TopicName { get; init; }
    public string? TenantId { get; init; }
    public Activity? Activity { get; init; }
    public System.Text.Json.JsonElement? ChannelData { get; init; }
}

/// <summary>Answer of <c>POST v3/conversations</c>.</summary>
public sealed record ConversationResourceResponse
{
    public string? Id { get; init; }
    public string? ActivityId { get; init; }
    public string? ServiceUrl { get; init; }
}

/// <summary>Answer of a send, reply or update: the id of the activity in the conversation.</summary>
public sealed record ResourceResponse
{
    public string? Id { get; init; }
}

/// <summary>The connector's error body.</summary>
public sealed record ErrorResponse
{
    public ErrorDetail? Error { get; init; }
}

public sealed record ErrorDetail
{
    public string? Code { get; init; }
    public string? Message { get; init; }
}
