using WorkshopBot.Briefings.Domain;
namespace WorkshopBot.Briefings.Teams;

/// <summary>Card verbs of the briefing feature (all Action.Execute).</summary>
public static class BriefingVerbs
{
    public const string Open = "briefing.open";
    public const string EditForm = "briefing.edit.form";
    public const string EditSave = "briefing.edit.save";
    public const string Regenerate = "briefing.regenerate";
    public const string Approve = "briefing.approve";
    public const string ChooseChannels = "briefing.publish.choose";
    public const string Publish = "briefing.publish";
    public const string RetryUpload = "briefing.upload.retry";
    public const string Usage = "briefing.usage";
    public const string Remind = "briefing.remind";
    public const string Export = "briefing.export";
    public const string DiscussionForm = "briefing.discussion.form";
    public const string DiscussionSave = "briefing.discussion.save";
}

public sealed record OpenBriefingData(Guid AuditId);

public sealed record EditFormData(Guid AuditId, int Version, BriefingBoxKind Box);

/// <summary>Inputs "lead", "points" (one per line) and "questions" (one per line) arrive merged into the data.</summary>
public sealed record EditSaveData(Guid AuditId, int Version, BriefingBoxKind Box, string? Lead, string? Points, string? Questions);

/// <summary>A null <see cref="Box"/> regenerates every box.</summary>
public sealed record RegenerateData(Guid AuditId, int Version, BriefingBoxKind? Box);

public sealed record ApproveData(Guid AuditId, int Version);

public sealed record ChooseChannelsData(Guid AuditId);

/// <summary>The ChoiceSet "channels" arrives as comma-separated channel ids.</summary>
public sealed record PublishData(Guid AuditId, int Version, string? Channels);

public sealed record RetryUploadData(Guid AuditId, int Version, string ChannelId);

public sealed record UsageData(Guid AuditId);

public sealed record RemindData(Guid AuditId);

public sealed record ExportData(Guid AuditId);

public sealed record DiscussionFormData(Guid AuditId, int Version, string ChannelId);

/// <summary>Inputs arrive as strings: "discussedOn" (yyyy-MM-dd), "attended", "reflections", "teamActions", "confirm".</summary>
public sealed record DiscussionSaveData(
    Guid AuditId,
    int Version,
    string ChannelId,
    string? DiscussedOn,
    string? Attended,
    string? Reflections,
    string? TeamActions,
    string? Confirm);
