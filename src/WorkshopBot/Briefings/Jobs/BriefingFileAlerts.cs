using Microsoft.Extensions.Options;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;
using WorkshopBot.Hosting;
using WorkshopBot.Outbox;
using WorkshopBot.Storage;

namespace WorkshopBot.Briefings.Jobs;

/// <summary>
/// The records the background deletion of Word files keeps in a unit of work: a deletion logged (ids only), and a deletion
/// Graph refused for good: the file kept as Failed with why, logged, and a card to the organisation's admins' channel
/// (<c>WorkshopBot:AdminChannelId(s)</c>), as for a message that could not be delivered, all committed together.
/// </summary>
public sealed partial class BriefingFileAlerts(
    UnitOfWork work, AuditTrail trail, IConversationStore conversations, IOutbox outbox, IOptionsMonitor<WorkshopBotOptions> options,
    TimeProvider time, ILogger<BriefingFileAlerts> logger)
{
    /// <summary>Audit-log action: a Word file was deleted from a channel's Files (ids, version and why only).</summary>
    public const string Deleted = "briefing.file.deleted";

    /// <summary>Audit-log action: Graph refused for good to delete a Word file (ids, version, why and tries only).</summary>
    public const string DeleteFailed = "briefing.file.delete-failed";

    /// <summary>The dedupe key of the admins' card about one file: one card per file, however often its failure is recorded.</summary>
    public static string CardKey(long fileId) => $"ops:briefing-file:{fileId}";

    /// <summary>Records the deletion (only while <paramref name="claim"/> still holds the file), and logs it.</summary>
    public async Task<bool> DeletedAsync(BriefingFile file, string claim, int tries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(file);
        BriefingFiles.Done(work.Store, file.Id, claim, time.GetUtcNow());
        await trail.RecordForAsync(AuditSubjects.BotActor, file.TenantId, Deleted, "briefing", file.AuditId.ToString("D"),
            new { version = file.Version, channelId = file.ChannelId, reason = file.Reason, tries }, ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>Records the failure (only while <paramref name="claim"/> still holds the file) and tells the admins.</summary>
    public async Task<bool> FailedAsync(BriefingFile file, string claim, string error, int tries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(file);
        BriefingFiles.Fail(work.Store, file.Id, claim, error, time.GetUtcNow());
        await trail.RecordForAsync(AuditSubjects.BotActor, file.TenantId, DeleteFailed, "briefing", file.AuditId.ToString("D"),
            new { version = file.Version, channelId = file.ChannelId, reason = file.Reason, error, tries }, ct).ConfigureAwait(false);
        var channel = await conversations.GetAsync(file.ChannelId, ct).ConfigureAwait(false);
        if (await AdminChannelAsync(file.TenantId, ct).ConfigureAwait(false) is not { } admins)
        {
            // The failure stays recorded (Failed, with why) and logged: that is the record.
            LogNoAdminChannel(file.AuditId);
            return true;
        }

        var where = channel is null ? "a channel WorkshopBot no longer knows"
            : $"the Files of {CardKit.Literal(Where(channel))}";
        var why = file.Reason == BriefingFiles.Purged ? "its audit was deleted under the retention policy"
            : file.Reason == BriefingFiles.Withdrawn ? "that version was withdrawn"
            : "its post no longer shows that version";
        var text = $"WorkshopBot could not delete the Word version of a briefing (version {file.Version} of audit {file.AuditId:D}) "
            + $"from {where}, which it should remove because {why}. {error} Please ask one of the team's owners to delete the "
            + "file from the channel's Files tab, and check that WorkshopBot still has the Microsoft Graph permission Files.ReadWrite.All. "
            + "Nothing of the briefing is shown here.";
        var card = NoticeCard.Create("A briefing's Word file could not be deleted", text, Tone.Error);
        outbox.PostToChannel(admins.ServiceUrl, admins.TenantId ?? file.TenantId, admins.ConversationId, CardMessage.Create(card),
            CardKey(file.Id), "ops");
        return true;
    }

    private static string Where(ConversationRecord channel) =>
        $"{(string.IsNullOrWhiteSpace(channel.TeamName) ? "Unnamed team" : channel.TeamName)} > "
        + (string.IsNullOrWhiteSpace(channel.ChannelName) ? "General" : channel.ChannelName);

    // The organisation's admins' channel the bot can post in: of the file's tenant, and active.
    private async Task<ConversationRecord?> AdminChannelAsync(string tenantId, CancellationToken ct)
    {
        foreach (var id in options.CurrentValue.AdminChannels())
        {
            var channel = await conversations.GetAsync(id, ct).ConfigureAwait(false);
            if (channel is { Active: true }
                && string.Equals(channel.TenantId ?? string.Empty, tenantId, StringComparison.OrdinalIgnoreCase))
            {
                return channel;
            }
        }

        return null;
    }

    [LoggerMessage(EventId = 1534, Level = LogLevel.Warning,
        Message = "A Word file of audit {AuditId}'s briefing could not be deleted, and no admins' channel of its organisation can be "
            + "posted in; the failure stays recorded")]
    private partial void LogNoAdminChannel(Guid auditId);
}
