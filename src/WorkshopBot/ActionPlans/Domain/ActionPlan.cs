using System.Text.Json.Serialization;
using WorkshopBot.Common;

namespace WorkshopBot.ActionPlans.Domain;

/// <summary>
/// The action plan of one audit: who chairs it, where its tracker is posted (the QA sub-group's channel, where the chair
/// opened the plan) and how the bot reaches the chair 1:1. The actions themselves are separate documents.
/// </summary>
public sealed class ActionPlan
{
    [JsonConstructor]
    private ActionPlan()
    {
    }

    [JsonInclude] public Guid AuditId { get; private set; }

    [JsonInclude] public string TenantId { get; private set; } = string.Empty;

    [JsonInclude] public string AuditTitle { get; private set; } = string.Empty;

    [JsonInclude] public PersonRef Chair { get; private set; } = null!;

    /// <summary>The chair's Teams id ("29:..."), for overdue notices and sign-off requests.</summary>
    [JsonInclude] public string? ChairTeamsId { get; private set; }

    [JsonInclude] public string ServiceUrl { get; private set; } = string.Empty;

    /// <summary>The conversation (the QA sub-group's channel) the tracker is posted to.</summary>
    [JsonInclude] public string ConversationId { get; private set; } = string.Empty;

    [JsonInclude] public string? TrackerPostKey { get; private set; }

    [JsonInclude] public int TrackerRevision { get; private set; }

    [JsonInclude] public int NextNumber { get; private set; } = 1;

    [JsonInclude] public DateTimeOffset CreatedAt { get; private set; }

    public static ActionPlan Start(Guid auditId, string tenantId, string auditTitle, PersonRef chair, string? chairTeamsId,
        string serviceUrl, string conversationId, DateTimeOffset now) => new()
    {
        AuditId = auditId,
        TenantId = tenantId,
        AuditTitle = auditTitle,
        Chair = chair,
        ChairTeamsId = chairTeamsId,
        ServiceUrl = serviceUrl,
        ConversationId = conversationId,
        CreatedAt = now,
    };

    /// <summary>
    /// Moves the plan to the conversation the chair is working in (the QA sub-group's channel), until its tracker is posted.
    /// </summary>
    public DomainResult UseConversation(string serviceUrl, string conversationId)
    {
        if (TrackerPostKey is not null || (ConversationId == conversationId && ServiceUrl == serviceUrl))
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone, "The plan stays where its tracker is.");
        }

        ServiceUrl = serviceUrl;
        ConversationId = conversationId;
        return DomainResult.Ok;
    }

    /// <summary>The chair's Teams id, learnt when the chair opens a plan someone else (an admin) started.</summary>
    public DomainResult ReachChairAt(string teamsId)
    {
        if (ChairTeamsId is { Length: > 0 } || string.IsNullOrEmpty(teamsId))
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone, "The plan already reaches its chair.");
        }

        ChairTeamsId = teamsId;
        return DomainResult.Ok;
    }

    /// <summary>
    /// Makes <paramref name="chair"/>, the audit's chair now, the plan's chair, reached at <paramref name="teamsId"/> (their
    /// Teams id from the roster, or null until they open the plan); already done when they are.
    /// </summary>
    public DomainResult HandOverChair(PersonRef chair, string? teamsId)
    {
        ArgumentNullException.ThrowIfNull(chair);
        if (Chair.IsSamePerson(chair))
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone, "The plan already has this chair.");
        }

        Chair = chair;
        ChairTeamsId = string.IsNullOrEmpty(teamsId) ? null : teamsId;
        return DomainResult.Ok;
    }

    /// <summary>The number the next action gets (A1, A2, ...).</summary>
    public DomainResult<int> TakeNumber() => DomainResult<int>.Ok(NextNumber++);

    public DomainResult TrackerPosted(string postKey)
    {
        if (TrackerPostKey is not null)
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone, "The tracker is already posted.");
        }

        TrackerPostKey = postKey;
        return DomainResult.Ok;
    }

    public DomainResult<int> NextTrackerRevision() => DomainResult<int>.Ok(++TrackerRevision);
}
