using System.Text.Json;
using WorkshopBot.Audits;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Outbox;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;

namespace WorkshopBot.Briefings.Teams;

/// <summary>
/// Posts the approved briefing to channels through the outbox, one new thread per channel. The dedupe key is
/// (audit, version, channel), so publishing again, a retried click or a restart never posts a second copy.
/// The DOCX goes to each channel's Files folder when Graph is configured; a failed upload never stops the post.
/// </summary>
public sealed class BriefingPublisher(
    BriefingStore store,
    IConversationStore conversations,
    IOutbox outbox,
    IOutboxStore outboxStore,
    IBriefingFileStore files,
    IAuditLog log,
    TimeProvider time)
{
    public static string PostDedupeKey(Guid auditId, int version, string channelId) => $"briefing:{auditId:N}:v{version}:channel:{channelId}";

    public static string Correlation(Guid auditId) => $"briefing:{auditId:N}";

    public async Task<(IReadOnlyList<PublishOutcome> Outcomes, IReadOnlyList<string> Unknown)> PublishAsync(
        Guid auditId, IReadOnlyList<string> channelIds, PersonRef by, string? fallbackTenantId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channelIds);
        var document = await store.GetAsync(auditId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("There is no briefing to publish.");
        var approved = document.Value.Approved ?? throw new InvalidOperationException("The briefing is not approved.");
        var known = (await conversations.ListChannelsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            .ToDictionary(c => c.ConversationId, StringComparer.Ordinal);
        byte[]? docx = null;
        var outcomes = new List<PublishOutcome>();
        var unknown = new List<string>();
        var added = new List<ChannelPublication>();
        foreach (var channelId in channelIds.Distinct(StringComparer.Ordinal))
        {
            if (!known.TryGetValue(channelId, out var channel))
            {
                unknown.Add(channelId);
                continue;
            }

            var name = channel.TeamName is null ? channel.ChannelName ?? channelId : $"{channel.TeamName} > {channel.ChannelName ?? "General"}";
            if (document.Value.FindPublication(channelId, approved.Number) is { } existing)
            {
                outcomes.Add(new PublishOutcome(channelId, name, true, true, existing.Upload, existing.FileUrl, existing.UploadError));
                continue;
            }

            var upload = FileUploadResult.Failed("Microsoft Graph is not configured.");
            var state = FileUploadState.NotConfigured;
            if (files.IsEnabled)
            {
                docx ??= BriefingDocx.Render(approved.Content);
                upload = await UploadAsync(channel, approved.Content, docx, cancellationToken).ConfigureAwait(false);
                state = upload.Succeeded ? FileUploadState.Uploaded : FileUploadState.Failed;
            }

            var card = BriefingCards.Posted(approved.Content, approved.Number, channelId, upload.WebUrl);
            var tenant = channel.TenantId ?? fallbackTenantId ?? string.Empty;
            var message = await outbox.PostToChannelAsync(channel.ServiceUrl, tenant, channelId, CardActivity(card),
                PostDedupeKey(auditId, approved.Number, channelId), Correlation(auditId), cancellationToken).ConfigureAwait(false);
            var publication = new ChannelPublication(approved.Number, channelId, channel.ChannelName, channel.TeamId, channel.TeamName,
                channel.ServiceUrl, tenant, message.Id, time.GetUtcNow(), by, state, upload.WebUrl,
                state == FileUploadState.Failed ? upload.Error : null);
            added.Add(publication);
            outcomes.Add(new PublishOutcome(channelId, name, true, false, state, upload.WebUrl, publication.UploadError));
            await log.AppendAsync(new NewAuditEvent(time.GetUtcNow(), by.UserId, by.DisplayName, "briefing.published", "briefing", auditId.ToString("D"),
                JsonSerializer.Serialize(new { version = approved.Number, channelId, upload = state.ToString() })), cancellationToken).ConfigureAwait(false);
        }

        await SaveAsync(auditId, record => added.ForEach(record.RecordPublication), cancellationToken).ConfigureAwait(false);
        return (outcomes, unknown);
    }

    /// <summary>Tries the DOCX upload again for one channel and, once the post is delivered, adds the link to it.</summary>
    public async Task<(FileUploadResult Result, bool LinkAdded)> RetryUploadAsync(Guid auditId, int version, string channelId, PersonRef by, CancellationToken cancellationToken)
    {
        var document = await store.GetAsync(auditId, cancellationToken).ConfigureAwait(false);
        var publication = document?.Value.FindPublication(channelId, version);
        var content = document?.Value.Version(version)?.Content;
        if (publication is null || content is null)
        {
            return (FileUploadResult.Failed("This briefing was not published to that channel."), false);
        }

        if (!files.IsEnabled)
        {
            return (FileUploadResult.Failed("Microsoft Graph is not configured."), false);
        }

        var channel = await conversations.GetAsync(channelId, cancellationToken).ConfigureAwait(false);
        var result = channel is null
            ? FileUploadResult.Failed("The bot can no longer reach this channel.")
            : await UploadAsync(channel, content, BriefingDocx.Render(content), cancellationToken).ConfigureAwait(false);
        var updated = publication with
        {
            Upload = result.Succeeded ? FileUploadState.Uploaded : FileUploadState.Failed,
            FileUrl = result.WebUrl ?? publication.FileUrl,
            UploadError = result.Succeeded ? null : result.Error,
        };
        await SaveAsync(auditId, record => record.RecordPublication(updated), cancellationToken).ConfigureAwait(false);
        await log.AppendAsync(new NewAuditEvent(time.GetUtcNow(), by.UserId, by.DisplayName, "briefing.upload.retried", "briefing", auditId.ToString("D"),
            JsonSerializer.Serialize(new { version, channelId, succeeded = result.Succeeded })), cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return (result, false);
        }

        var sent = await outboxStore.GetAsync(publication.OutboxMessageId, cancellationToken).ConfigureAwait(false);
        if (sent is not { Status: OutboxStatus.Sent, SentActivityId: { } activityId, ResultConversationId: { } conversationId })
        {
            return (result, false);
        }

        var card = BriefingCards.Posted(content, version, channelId, result.WebUrl);
        await outbox.UpdateAsync(publication.ServiceUrl, publication.TenantId, conversationId, activityId, CardActivity(card),
            $"{PostDedupeKey(auditId, version, channelId)}:file", Correlation(auditId), cancellationToken).ConfigureAwait(false);
        return (result, true);
    }

    /// <summary>Reminds each channel where no team has recorded a discussion; at most once a day per channel.</summary>
    public async Task<int> RemindAsync(Guid auditId, PersonRef by, CancellationToken cancellationToken)
    {
        var document = await store.GetAsync(auditId, cancellationToken).ConfigureAwait(false);
        if (document is null)
        {
            return 0;
        }

        var discussed = (await store.ListDiscussionsAsync(auditId, cancellationToken).ConfigureAwait(false))
            .Select(d => d.ChannelId).ToHashSet(StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var reminded = new List<ChannelPublication>();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        foreach (var publication in LatestPerChannel(document.Value).Where(p => !discussed.Contains(p.ChannelId) && p.LastRemindedOn != today))
        {
            var content = document.Value.Version(publication.Version)!.Content;
            await outbox.PostToChannelAsync(publication.ServiceUrl, publication.TenantId, publication.ChannelId,
                CardActivity(BriefingCards.Reminder(content, publication.Version, publication.ChannelId)),
                $"briefing:{auditId:N}:remind:{publication.ChannelId}:{now:yyyy-MM-dd}", Correlation(auditId), cancellationToken).ConfigureAwait(false);
            reminded.Add(publication with { RemindersSent = publication.RemindersSent + 1, LastRemindedOn = today });
        }

        if (reminded.Count > 0)
        {
            await SaveAsync(auditId, record => reminded.ForEach(record.RecordPublication), cancellationToken).ConfigureAwait(false);
            await log.AppendAsync(new NewAuditEvent(now, by.UserId, by.DisplayName, "briefing.reminded", "briefing", auditId.ToString("D"),
                JsonSerializer.Serialize(new { channels = reminded.Select(r => r.ChannelId) })), cancellationToken).ConfigureAwait(false);
        }

        return reminded.Count;
    }

    /// <summary>The newest publication in each channel.</summary>
    public static IReadOnlyList<ChannelPublication> LatestPerChannel(BriefingRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Publications
            .GroupBy(p => p.ChannelId, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(p => p.Version).First())
            .OrderBy(p => p.DisplayName, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    public static Activity CardActivity(AdaptiveCard card) =>
        new() { Type = ActivityTypes.Message, Attachments = [Attachment.AdaptiveCard(AdaptiveCardJson.ToJsonElement(card))] };

    private async Task<FileUploadResult> UploadAsync(ConversationRecord channel, Briefing content, byte[] docx, CancellationToken cancellationToken)
    {
        var groupId = channel.TeamId is null ? null
            : Guid.TryParse(channel.TeamId, out _) ? channel.TeamId
            : await store.FindTeamGroupIdAsync(channel.TeamId, cancellationToken).ConfigureAwait(false);
        return groupId is null
            ? FileUploadResult.Failed("The team's Microsoft 365 group is not known yet; it is learned when the bot is installed in the team.")
            : await files.UploadToChannelAsync(groupId, channel.ConversationId, BriefingDocx.FileName(content), docx, cancellationToken).ConfigureAwait(false);
    }

    // Publications from concurrent clicks go to the same document: reload and reapply on a version conflict.
    private async Task SaveAsync(Guid auditId, Action<BriefingRecord> apply, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var document = await store.GetAsync(auditId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The briefing disappeared.");
            apply(document.Value);
            if (await store.TryUpdateAsync(document, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }

        throw new InvalidOperationException("The briefing is being changed by someone else; try again.");
    }
}
