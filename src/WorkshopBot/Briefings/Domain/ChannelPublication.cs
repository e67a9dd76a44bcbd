using System.Text.Json.Serialization;
using WorkshopBot.Common;

namespace WorkshopBot.Briefings.Domain;

/// <summary>Whether the DOCX made it into a channel's Files folder.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FileUploadState>))]
public enum FileUploadState
{
    NotConfigured,
    Uploaded,
    Failed,
}

/// <summary>
/// The approved briefing posted as a new thread in one channel. <see cref="Attempt"/> counts the posts queued for it there:
/// a post that failed for good (the bot had been removed without hearing, say) is queued again by the next Publish, under
/// a new dedupe key (<c>BriefingPublisher.PostDedupeKey</c>), and its record replaces this one. Records stored before it
/// was kept read as the first attempt.
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
    int Attempt = 1)
{
    /// <summary>"Team > Channel" as recorded when it was posted (General is the channel whose id is the team's); never a raw id.</summary>
    public string DisplayName => $"{(string.IsNullOrWhiteSpace(TeamName) ? "Unnamed team" : TeamName)} > "
        + (!string.IsNullOrWhiteSpace(ChannelName) ? ChannelName
            : string.Equals(ChannelId, TeamId, StringComparison.Ordinal) ? "General"
            : "Unnamed channel");
}
