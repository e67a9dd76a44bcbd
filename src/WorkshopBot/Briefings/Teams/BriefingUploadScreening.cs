using WorkshopBot.Audits.Domain;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Teams;
using WorkshopBot.Outbox;
using WorkshopBot.Storage;

namespace WorkshopBot.Briefings.Teams;

/// <summary>
/// The text of a claimed background upload read again, just before its Word file is made: approval and publishing checked
/// it, but the rules may have become stricter since (or a case reference been added to the audit). A version that fails the
/// check of today is not put in a channel's Files, as it is not published again (PublishScreen); the chair is told in their
/// 1:1 chat, once per version, by a card that quotes nothing of the text.
/// </summary>
public sealed class BriefingUploadScreening(BriefingInputs inputs, BriefingPrivacy privacy, IConversationStore conversations,
    IOutbox outbox, AuditTrail trail)
{
    /// <summary>Audit-log action: a queued upload was refused by the check (ids and counts only, never the text found).</summary>
    public const string Refused = "briefing.upload.refused";

    /// <summary>What the publication keeps as the upload's error: the chair reads it on the use view, beside Retry upload.</summary>
    public const string RefusedText = "The Word version was not put in the channel's Files: its text no longer passes the check "
        + "for identifiers and case references. Edit the box that contains it, approve the new version and publish it.";

    /// <summary>The title of the card that tells the chair.</summary>
    public const string RefusedTitle = "Word version not uploaded";

    /// <summary>
    /// Null when the claimed version's text passes the check of today. Otherwise the failure to keep for the upload: the
    /// refusal is logged (counts only) and the chair's card queued, both in this unit of work.
    /// </summary>
    public async Task<FileUploadResult?> RefuseAsync(ClaimedUpload claimed, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        var audit = await inputs.FindAuditAsync(claimed.AuditId, ct).ConfigureAwait(false);
        var screening = privacy.Screen(claimed.Content.FullText(), audit is null ? [] : ChairedBriefing.CaseReferencesOf(audit));
        if (screening.IsClean)
        {
            return null;
        }

        var p = claimed.Publication;
        var tenant = claimed.TenantId ?? p.TenantId;
        await trail.RecordForAsync(AuditSubjects.BotActor, tenant, Refused, "briefing", claimed.AuditId.ToString("D"), new
        {
            version = p.Version, channelId = p.ChannelId, attempt = p.Attempt,
            identifiers = screening.Identifiers.Findings.Count(f => f.Kind != IdentifierKind.Unchecked),
            notChecked = screening.Identifiers.Unchecked ? 1 : 0, caseReferences = screening.CaseReferences.Count,
        }, ct).ConfigureAwait(false);
        if (audit is not null
            && await conversations.FindPersonalAsync(audit.Chair.UserId, tenant, ct).ConfigureAwait(false) is { Active: true } chat
            && !chat.IsOfAnotherTenant(audit.TenantId))
        {
            var card = NoticeCard.Create(RefusedTitle, $"Version {p.Version} of the 7-minute briefing for "
                + $"\"{CardKit.Literal(audit.Title)}\" was not added to a channel's Files as a Word document: its text no "
                + "longer passes the check for identifiers and case references. The posts in the channels are as they were. Edit "
                + "the box that contains it, approve the new version and publish it, or withdraw the briefing.", Tone.Warning,
                BriefingReply.BackToBriefing(claimed.AuditId));
            outbox.Send(chat, CardMessage.Create(card), $"{BriefingPublisher.Correlation(claimed.AuditId)}:upload-refused:v{p.Version}",
                BriefingPublisher.Correlation(claimed.AuditId));
        }

        return FileUploadResult.Failed(RefusedText);
    }
}
