// A named lead appointed while an alert is open: sent the alert once, and the chair told when the bot cannot reach them.
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;
using WorkshopBot.Storage;

namespace WorkshopBot.Audits.Teams;

public sealed partial class SafetyAlerts
{
    private const string NewLeadMessage = "You are now this agency's named lead for the audit. Nobody has acknowledged this alert "
        + "yet, so it is sent to you.";

    /// <summary>
    /// Sends each unacknowledged alert for the agency to its named lead, when the chair has appointed one since the alert was
    /// raised, at once: the alert is routed to them, so they can acknowledge it and are sent its re-sends. Sent once however
    /// often the change is saved again; the representative who raised it is told nothing new. Returns the named lead when the
    /// bot could not reach them in Teams (the audit has no Teams home, or see <see cref="AuditMessenger.CanReachAsync"/>), for
    /// the chair's card to say so at once; the alert is routed to them all the same. Else null.
    /// </summary>
    public async Task<PersonRef?> RouteToNamedLeadAsync(Audit audit, string agencyId, PersonRef by, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var open = (await store.ListEscalationsAsync(audit.Id, ct).ConfigureAwait(false))
            .Where(e => e.AgencyId == agencyId && !e.IsAcknowledged).Select(e => e.Id).ToList();
        var channel = open.Count == 0 ? null : (await store.GetChannelAsync(audit.Id, ct).ConfigureAwait(false))?.Value;
        var named = audit.FindAgency(agencyId)?.NamedLead;
        var unreachable = open.Count > 0 && named is not null
            && (channel is null || !await messenger.CanReachAsync(channel, named, ct).ConfigureAwait(false));
        PersonRef? unreached = null;
        foreach (var id in open)
        {
            // Told on the chair's card now, so the job does not tell the chair again when the send fails.
            var changed = await store.ChangeEscalationAsync(id, e =>
            {
                var routed = e.RouteToNamedLead(audit);
                if (routed.Succeeded && unreachable)
                {
                    _ = e.RecordUnreachedLeadReported(e.RoutedTo[^1]);
                }

                return routed;
            }, ct).ConfigureAwait(false);
            if (!changed.Saved)
            {
                continue;
            }

            // Queued even to a closed chat: it may still arrive, and the chair is told to make sure it does.
            var escalation = changed.Value!;
            var lead = escalation.RoutedTo[^1];
            var card = SafetyCard.Alert(audit, escalation, NewLeadMessage);
            var queued = channel is null ? null : await messenger.SendToPersonAsync(channel, lead, card,
                RoutedKey(escalation, lead), AuditMessenger.Correlation(audit.Id), ct).ConfigureAwait(false);
            unreached = unreachable ? lead : unreached;
            await trail.RecordAsync(by, "safety.routed", AuditSubjects.Escalation, escalation.Id, new
            {
                auditId = audit.Id,
                agency = agencyId,
                routedTo = lead.UserId,
                recipients = escalation.RoutedTo.Count,
                notReached = unreachable ? 1 : 0,
                queued = queued is not null,
            }, ct).ConfigureAwait(false);
        }

        return unreached;
    }

    /// <summary>
    /// Tells the chair, in their 1:1 chat and once per named lead, that the alert sent to a named lead appointed while it was
    /// open could not be delivered (they blocked the app or never installed it, or delivery failed), so the chair contacts
    /// them directly. Only while that person is still the agency's named lead. True when the chair was told.
    /// </summary>
    public async Task<bool> ReportUnreachedLeadAsync(Guid escalationId, CancellationToken ct)
    {
        var escalation = (await store.GetEscalationAsync(escalationId, ct).ConfigureAwait(false))?.Value;
        var audit = escalation is null ? null : (await store.GetAuditAsync(escalation.AuditId, ct).ConfigureAwait(false))?.Value;
        var agency = audit?.FindAgency(escalation!.AgencyId);
        if (escalation is not { IsAcknowledged: false } || audit is null || agency?.NamedLead is not { } lead || audit.IsChair(lead)
            || !escalation.RoutedTo.Any(p => p.IsSamePerson(lead))
            || escalation.UnreachedLeadsReported.Contains(lead.UserId, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        var routed = await outboxStore.FindByDedupeKeyAsync(RoutedKey(escalation, lead), ct).ConfigureAwait(false);
        var channel = (await store.GetChannelAsync(audit.Id, ct).ConfigureAwait(false))?.Value;
        var changed = routed is not { Status: OutboxStatus.Blocked or OutboxStatus.Failed } || channel is null
            ? null
            : await store.ChangeEscalationAsync(escalation.Id, e => e.RecordUnreachedLeadReported(lead), ct).ConfigureAwait(false);
        if (changed is not { Saved: true })
        {
            return false;
        }

        var sent = await messenger.SendToPersonAsync(channel!, audit.Chair, UnreachedLeadCard(audit, agency, lead),
            $"safety:{escalation.Id:D}:lead-unreached:{lead.UserId}", AuditMessenger.Correlation(audit.Id), ct).ConfigureAwait(false);
        await trail.RecordForAsync(AuditSubjects.BotActor, audit.TenantId, "safety.lead-unreached",
            AuditSubjects.Escalation, AuditStore.Key(escalation.Id),
            new { auditId = audit.Id, agency = agency.Id, lead = lead.UserId, chairTold = sent is not null }, ct).ConfigureAwait(false);
        return sent is not null;
    }

    /// <summary>
    /// What the chair's card adds when the bot cannot reach a new named lead: the lead by name, nothing of the alert's case.
    /// </summary>
    public static string LeadNotReached(PersonRef lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        return $"WorkshopBot could not reach {CardKit.Literal(lead.DisplayName)} in Teams to send them the open immediate-safety "
            + "alert for this agency. Please contact them directly now.";
    }

    /// <summary>The chair's notice that the new named lead was not sent the alert: names the lead and agency, not the case.</summary>
    private static Cards.AdaptiveCard UnreachedLeadCard(Audit audit, AuditAgency agency, PersonRef lead) => NoticeCard.Create(
        "An immediate-safety alert did not reach the named lead",
        $"WorkshopBot could not deliver the open immediate-safety alert for {CardKit.Literal(agency.Name)} in "
            + $"\"{CardKit.Literal(audit.Title)}\" to {CardKit.Literal(lead.DisplayName)}, its new named lead, in Teams. "
            + "They may not have installed the app or may have blocked it. Please contact them directly now.",
        Tone.Error, CardKit.Go(DashboardScreen.Dashboard, new AuditRefData(audit.Id), "Open the audit"));

    private static string RoutedKey(SafetyEscalation escalation, PersonRef lead) => $"safety:{escalation.Id:D}:{lead.UserId}:routed";
}
