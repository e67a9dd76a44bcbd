using WorkshopBot.Common;

namespace WorkshopBot.Audits.Domain;

// The audit's chair handed over while an alert is open: the new chair answers for it from then on.
public sealed partial class SafetyEscalation
{
    /// <summary>
    /// Routes the unacknowledged alert to the audit's chair now (after a handover), so they can act on it and acknowledge it.
    /// <see cref="RoutedTo"/> keeps everyone it was ever routed to; the chair before no longer answers for it.
    /// </summary>
    public DomainResult RouteToChair(Audit audit)
    {
        ArgumentNullException.ThrowIfNull(audit);
        if (IsAcknowledged)
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone, "This alert has been acknowledged; it is not sent to anyone new.");
        }

        if (audit.Id != AuditId)
        {
            return DomainResult.NotAllowed("This alert is not of this audit.");
        }

        if (RoutedTo.Any(r => r.IsSamePerson(audit.Chair)))
        {
            return DomainResult.Fail(DomainErrorKind.AlreadyDone, "The alert is already routed to the chair.");
        }

        RoutedTo = [.. RoutedTo, audit.Chair];
        Version++;
        return DomainResult.Ok;
    }
}
