using System.Text.Json;
using System.Text.Json.Serialization;

namespace WorkshopBot.Protocol.Schema;

/// <summary>
/// A Bot Framework activity. Common fields are typed; anything else Teams sends is kept in
/// <see cref="Extra"/> so that nothing is lost when an activity is stored or echoed.
/// </summary>
public sealed record Activity
{
    public string? Type { get; init; }
    public string? Id { get; init; }
    public DateTimeOffset? Timestamp { get; init; }
    public DateTimeOffset? LocalTimestamp { get; init; }
    public string? LocalTimezone { get; init; }
    public string? ServiceUrl { get; init; }
    public string? ChannelId { get; init; }
    public ChannelAccount? From { get; init; }
    public ConversationAccount? Conversation { get; init; }
    public ChannelAccount? Recipient { get; init; }
    public string? TextFormat { get; init; }
    public string? AttachmentLayout { get; init; }
    public string? Text { get; init; }
    public string? Summary { get; init; }
    public string? Locale { get; init; }
    public IReadOnlyList<Attachment>? Attachments { get; init; }
    public IReadOnlyList<Entity>? Entities { get; init; }
    public JsonElement? ChannelData
    {
        get => _channelData;
        init
        {
            _channelData = value;
            // A copy made with another ChannelData (`with`) must not keep the parse of the one it was copied from.
            _parsed = new ParsedChannelData();
        }
    }
    public string? Action { get; init; }
    public string? ReplyToId { get; init; }
    public string? Name { get; init; }
    public JsonElement? Value { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersAdded { get; init; }
    public IReadOnlyList<ChannelAccount>? MembersRemoved { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    private readonly JsonElement? _channelData;
    private readonly ParsedChannelData _parsed = new();

    /// <summary>
    /// The Teams channel data, parsed; null when absent or not an object. Parsed once per activity: a turn asks for it
    /// several times (the tenant check, the conversation's key, a team's group id), each a deserialisation before.
    /// </summary>
    public TeamsChannelData? GetTeamsChannelData() => _parsed.Of(_channelData);

    /// <summary>
    /// Holds the parse of <see cref="ChannelData"/>, made on first use. Every holder equals every other, so an activity's
    /// equality stays that of its fields. Two threads asking at once may both parse; either result is the same.
    /// </summary>
    private sealed class ParsedChannelData : IEquatable<ParsedChannelData>
    {
        // One reference, written once it is complete: a reader sees either no parse or a whole one.
        private Parsed? _parsed;

        public TeamsChannelData? Of(JsonElement? channelData) => (_parsed ??= new Parsed(Parse(channelData))).Value;

        private static TeamsChannelData? Parse(JsonElement? channelData)
        {
            if (channelData is not { ValueKind: JsonValueKind.Object } data)
            {
                return null;
            }

            try
            {
                return data.Deserialize<TeamsChannelData>(BotJson.Options);
            }
            catch (JsonException)
            {
                return null;
            }
        }

        public bool Equals(ParsedChannelData? other) => other is not null;

        public override bool Equals(object? obj) => obj is ParsedChannelData;

        public override int GetHashCode() => 0;

        private sealed record Parsed(TeamsChannelData? Value);
    }

    /// <summary>Tenant id from <c>conversation.tenantId</c> or <c>channelData.tenant.id</c>.</summary>
    public string? GetTenantId() => Conversation?.TenantId ?? GetTeamsChannelData()?.Tenant?.Id;

    /// <summary>
    /// The message text without @mentions (Teams puts <c>&lt;at&gt;Bot&lt;/at&gt;</c> in channel text). One pass over the
    /// text, so a message stuffed with mention tags costs time in proportion to its length.
    /// </summary>
    public string GetTextWithoutMentions()
    {
        var text = Text ?? "";
        var kept = new System.Text.StringBuilder(text.Length);
        var from = 0;
        while (from < text.Length)
        {
            var start = text.IndexOf("<at>", from, StringComparison.OrdinalIgnoreCase);
            var end = start < 0 ? -1 : text.IndexOf("</at>", start + 4, StringComparison.OrdinalIgnoreCase);
            if (end < 0)
            {
                break;
            }

            kept.Append(text, from, start - from);
            from = end + 5;
        }

        kept.Append(text, from, text.Length - from);
        return kept.Replace("&nbsp;", " ").ToString().Trim();
    }

    public ConversationReference GetConversationReference() => new()
    {
        ActivityId = Id,
        User = From,
        Bot = Recipient,
        Conversation = Conversation,
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        Locale = Locale,
    };

    /// <summary>A new outgoing message addressed back into this activity's conversation.</summary>
    public Activity CreateReply(string? text = null) => new()
    {
        Type = ActivityTypes.Message,
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        Conversation = Conversation,
        From = Recipient,
        Recipient = From,
        ReplyToId = Id,
        Text = text,
        Locale = Locale,
    };
}
