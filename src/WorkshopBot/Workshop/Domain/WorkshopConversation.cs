namespace WorkshopBot.Workshop.Domain;

/// <summary>Where the workshop runs: the conversation its cards are posted in.</summary>
public sealed record WorkshopConversation(string ServiceUrl, string ConversationId, string TenantId);
