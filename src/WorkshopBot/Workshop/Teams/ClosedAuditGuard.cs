using WorkshopBot.Audits.Domain;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Storage;

namespace WorkshopBot.Workshop.Teams;

/// <summary>
/// Once the chair closes the audit its workshop is read-only: a new idea and the chair's changes (a new poll, opening,
/// reopening or resetting voting, moderation, a ratification, recommendations) are refused with a card; reading and
/// exporting stay. The check holds at commit (<see cref="IWorkshopAuditReader.HoldAuditAsync"/>). A vote never asks (it
/// reads no audit): Close is refused while a poll is open for voting instead, and holds the workshops it read.
/// </summary>
public sealed class ClosedAuditGuard(IWorkshopAuditReader audits)
{
    public const string Title = "Audit closed";

    /// <summary>The refusal when the workshop's audit has been closed, else null.</summary>
    public async Task<InvokeResponse?> RefusalAsync(WorkshopSession session, CancellationToken cancellationToken) =>
        (await CheckAsync(session, cancellationToken).ConfigureAwait(false)).Refusal;

    /// <summary>
    /// As <see cref="RefusalAsync"/>, with the audit as read (null when it is not there), so a chair's action that goes on
    /// can move its stage on without reading it again.
    /// </summary>
    public async Task<(InvokeResponse? Refusal, Audit? Audit)> CheckAsync(WorkshopSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        // Held, not only read: a close that lands before this turn's commit sends the turn round again, to this refusal.
        var audit = await audits.HoldAuditAsync(session.AuditId, cancellationToken).ConfigureAwait(false);
        return audit?.Status is AuditStatus.Closed
            ? (Reply.Refusal(Title, $"{ReadOnly(session)} Nothing was changed."), audit)
            : (null, audit);
    }

    /// <summary>Why a closed audit's workshop shows read-only cards, and refuses changes.</summary>
    public static string ReadOnly(WorkshopSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return $"\"{WorkshopCardKit.Shown(session.AuditTitle)}\" is closed, so its workshop can no longer be changed.";
    }
}
