using System.Text.Json;
using WorkshopBot.Protocol.Connector;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Protocol.Routing;

/// <summary>One incoming activity and the means to answer it.</summary>
public sealed class TurnContext
{
    public TurnContext(Activity activity, IServiceProvider services, IConnectorClient connector, ITurnSender? sender = null)
    {
        Activity = activity;
        Services = services;
        Connector = connector;
        _sender = sender;
    }

    private readonly ITurnSender? _sender;

    public Activity Activity { get; }

    /// <summary>The request's service scope.</summary>
    public IServiceProvider Services { get; }

    public IConnectorClient Connector { get; }

    public string ServiceUrl => Activity.ServiceUrl ?? "";

    public string ConversationId => Activity.Conversation?.Id ?? "";

    /// <summary>
    /// The Entra object id of the person who acted, or empty when the activity carries none. There is deliberately no
    /// fallback to <c>from.id</c>: a channel id is not a directory identity, so an activity without an object id can do
    /// nothing that needs a role.
    /// </summary>
    public string UserKey => Activity.From?.AadObjectId?.Trim() ?? "";

    /// <summary>The tenant the activity came from (checked for consistency when it was parsed), or empty.</summary>
    public string TenantId => Activity.GetTenantId() ?? "";

    public string? UserName => Activity.From?.Name;

    public bool IsPersonal =>
        string.Equals(Activity.Conversation?.ConversationType, ConversationTypes.Personal, StringComparison.OrdinalIgnoreCase)
        || (Activity.Conversation?.ConversationType is null && Activity.Conversation?.IsGroup != true);

    /// <summary>Sends a message into the conversation of the incoming activity
    /// (through the app's <see cref="ITurnSender"/> if any).</summary>
    public Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken) =>
        _sender is not null
            ? _sender.SendAsync(this, Address(activity), cancellationToken)
            : Connector.SendToConversationAsync(ServiceUrl, ConversationId, Address(activity), cancellationToken);

    public Task<ResourceResponse> SendTextAsync(string text, CancellationToken cancellationToken) =>
        SendAsync(new Activity { Type = ActivityTypes.Message, Text = text }, cancellationToken);

    /// <summary>Sends a card on its own (a card sent with text cannot be updated later).</summary>
    public Task<ResourceResponse> SendCardAsync(JsonElement card, CancellationToken cancellationToken) =>
        SendAsync(new Activity { Type = ActivityTypes.Message, Attachments = [Attachment.AdaptiveCard(card)] }, cancellationToken);

    public Task<ResourceResponse> UpdateCardAsync(string activityId, JsonElement card, CancellationToken cancellationToken)
    {
        var update = Address(new Activity { Type = ActivityTypes.Message, Id = activityId, Attachments = [Attachment.AdaptiveCard(card)] });
        return _sender is not null
            ? _sender.UpdateAsync(this, activityId, update, cancellationToken)
            : Connector.UpdateActivityAsync(ServiceUrl, ConversationId, activityId, update, cancellationToken);
    }

    private Activity Address(Activity activity) => activity with
    {
        Type = activity.Type ?? ActivityTypes.Message,
        ChannelId = activity.ChannelId ?? Activity.ChannelId,
        ServiceUrl = activity.ServiceUrl ?? Activity.ServiceUrl,
        Conversation = activity.Conversation ?? Activity.Conversation,
        From = activity.From ?? Activity.Recipient,
        Recipient = activity.Recipient ?? Activity.From,
    };
}
