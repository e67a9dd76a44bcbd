using System.Text.Json.Serialization;
using WorkshopBot.Common;

namespace WorkshopBot.Briefings.Domain;

/// <summary>
/// Whether the DOCX made it into a channel's Files folder. <see cref="Pending"/>: queued by Publish for the background upload
/// (<c>BriefingUploads</c>), which runs only once the publication is committed, so a publish whose turn is refused leaves no
/// file behind; records stored before uploads were queued never hold it.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<FileUploadState>))]
public enum FileUploadState
{
    NotConfigured,
    Uploaded,
    Failed,
    Pending,
}

/// <summary>
/// The approved briefing posted as a new thread in one channel. <see cref="Attempt"/> counts the posts queued for it there:
/// a post that failed for good (the bot had been removed without hearing, say) is queued again by the next Publish, under
/// a new dedupe key (<c>BriefingPublisher.PostDedupeKey</c>), and its record replaces this one. Records stored before it
/// was kept read as the first attempt. While the upload is <see cref="FileUploadState.Pending"/>, <see cref="UploadClaim"/>
/// names the background pass uploading it now (none: nobody is), <see cref="UploadDueAt"/> says when a pass may take it
/// (the claim's end, so one cut off by a crash is taken again; or the next try after Graph was busy), and
/// <see cref="UploadTries"/> counts the tries.
/// </summary>
public sealed record ChannelPublication(
    int Version,
    string ChannelId,
    string? ChannelName,
    string? TeamId,
    string? TeamName,
    string ServiceUrl,
    string TenantId,
    string PostKey,
    DateTimeOffset PostedAt,
    PersonRef PostedBy,
    FileUploadState Upload,
    string? FileUrl,
    string? UploadError,
    int RemindersSent = 0,
    DateOnly? LastRemindedOn = null,
    int Attempt = 1,
    string? UploadClaim = null,
    DateTimeOffset? UploadDueAt = null,
    int UploadTries = 0)
{
    /// <summary>"Team > Channel" as recorded when it was posted (General is the channel whose id is the team's); never a raw id.</summary>
    public string DisplayName => $"{(string.IsNullOrWhiteSpace(TeamName) ? "Unnamed team" : TeamName)} > "
        + (!string.IsNullOrWhiteSpace(ChannelName) ? ChannelName
            : string.Equals(ChannelId, TeamId, StringComparison.Ordinal) ? "General"
            : "Unnamed channel");
}
