using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Cards;
using WorkshopBot.Common.Storage;
using WorkshopBot.Common.Teams;
using WorkshopBot.Hosting;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Audits.Teams;

/// <summary>The one guard of the chair's screens: only the audit's chair, or a partnership admin, works on an audit.</summary>
public sealed class ChairAccess(AuditStore store, Roles roles)
{
    /// <summary>The audit, when the person who acted chairs it or is an admin.</summary>
    public async Task<Guarded<Audit>> AuditAsync(TurnContext turn, Guid auditId, CancellationToken ct)
    {
        var audit = (await store.GetAuditAsync(auditId, ct).ConfigureAwait(false))?.Value;
        if (audit is null)
        {
            return Guarded<Audit>.Refuse(NotFound);
        }

        var me = turn.Person();
        return audit.IsChair(me) || roles.IsAdmin(me)
            ? Guarded<Audit>.Allow(audit)
            : Guarded<Audit>.Refuse(NotFound);
    }

    /// <summary>
    /// The answer when a change to an audit was not saved: the screen's card with the domain's refusal, or the
    /// dashboard with the one "someone else changed this" message when others kept changing the audit.
    /// </summary>
    public static InvokeResponse NotSaved<T>(Changed<Audit, T> changed, Func<Audit, string, AdaptiveCard> refused)
    {
        ArgumentNullException.ThrowIfNull(changed);
        ArgumentNullException.ThrowIfNull(refused);
        return changed switch
        {
            { Status: ChangeStatus.Refused, Value: { } audit } => Reply.Card(refused(audit, changed.Message)),
            { Value: { } audit } => Reply.Card(DashboardCard.Dashboard(audit, message: DocumentChanges.ChangedElsewhere, tone: Tone.Error)),
            _ => NotFound,
        };
    }

    /// <summary>Not there and not yours answer alike (see <see cref="Reply.NotAvailable"/>).</summary>
    private static InvokeResponse NotFound => Reply.NotAvailable();
}
