using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;
using WorkshopBot.Storage;

namespace WorkshopBot.Audits.Teams;

/// <summary>Delivery of the audit tools as the outbox reports it.</summary>
public sealed record DeliverySummary(int Delivered, int Pending, IReadOnlyList<string> Unreachable)
{
    public static DeliverySummary None { get; } = new(0, 0, []);
}

/// <summary>
/// The audit tools on their way to representatives: sent when the audit is issued (each once), counted from the
/// outcomes the outbox records, and reported to the chair when some could not be delivered.
/// </summary>
public sealed class ToolDelivery(
    AuditStore store, AuditMessenger messenger, IOutboxStore outboxStore, UnitOfWork work, AuditTrail trail, IIdGenerator ids)
{
    /// <summary>Creates any missing returns and queues one tool per (case, agency); the dedupe key makes it idempotent.</summary>
    public async Task<(int Queued, List<string> Unreachable)> DeliverAsync(Audit audit, CancellationToken ct)
    {
        // An audit with no Teams home (not set up from a conversation) can reach nobody: every representative is unreachable.
        var channel = (await store.GetChannelAsync(audit.Id, ct).ConfigureAwait(false))?.Value;
        var existing = (await store.ListReturnsAsync(audit.Id, ct).ConfigureAwait(false)).Select(r => r.Value).ToList();
        var queued = 0;
        var unreachable = new List<string>();
        foreach (var (auditCase, agency) in audit.ExpectedReturns())
        {
            var ret = existing.FirstOrDefault(r => r.AgencyId == agency.Id && r.CaseReference == auditCase.Reference);
            if (ret is null)
            {
                ret = AuditReturn.Create(ids.NewId(), audit, auditCase.Reference, agency.Id).ValueOrThrow();
                await store.InsertReturnAsync(ret, ct).ConfigureAwait(false);
            }

            var representative = agency.Representative!;

            // Keyed by representative too: after a change of representative, issuing again reaches the new one.
            var dedupeKey = $"audit:{audit.Id:D}:return:{ret.Id:D}:tool:{representative.UserId}";
            var sent = channel is null ? null : await messenger.SendToPersonAsync(channel, representative,
                ReturnsCard.Overview(audit, ret), dedupeKey, AuditMessenger.IssueCorrelation(audit.Id), ct).ConfigureAwait(false);
            if (sent is null)
            {
                unreachable.Add($"{representative.DisplayName} ({agency.Name})");
            }
            else
            {
                queued++;
            }
        }

        var names = unreachable.Distinct().ToList();
        await store.ChangeChannelAsync(audit.Id, c => c.NoTeamsId = names, ct).ConfigureAwait(false);
        return (queued, names);
    }

    /// <summary>How the audit tools were delivered, from the outbox's recorded outcomes.</summary>
    public async Task<DeliverySummary> SummaryAsync(Audit audit, AuditChannel channel, CancellationToken ct)
    {
        var correlation = AuditMessenger.IssueCorrelation(audit.Id);
        var messages = await outboxStore.ListByCorrelationAsync(correlation, ct).ConfigureAwait(false);
        var stored = messages.Select(m => m.DedupeKey).ToHashSet(StringComparer.Ordinal);
        // Tools queued by this very turn are not stored yet; they are on their way all the same.
        var queuedNow = work.Store.Steps.OfType<StoreWork.EnqueueStep>()
            .Count(e => e.Message.CorrelationId == correlation && !stored.Contains(e.Message.DedupeKey));
        var names = NamesByTeamsId(audit, channel);
        var unreachable = messages.Where(m => m.Status is OutboxStatus.Blocked or OutboxStatus.Failed)
            .Select(m => names.GetValueOrDefault(m.TargetUserId ?? string.Empty, "a representative")
                + (m.Status == OutboxStatus.Blocked ? " (has blocked or not installed the app)" : " (delivery failed)"))
            .Distinct()
            .Concat(channel.NoTeamsId.Select(n => $"{n} (not found in Teams)"))
            .ToList();
        return new DeliverySummary(
            messages.Count(m => m.Status == OutboxStatus.Sent),
            messages.Count(m => m.Status is OutboxStatus.Pending or OutboxStatus.InFlight) + queuedNow,
            unreachable);
    }

    /// <summary>Tells the chair, once per failure, about tools that could not be delivered. Returns how many were new.</summary>
    public async Task<int> ReportFailuresAsync(Audit audit, AuditChannel channel, CancellationToken ct)
    {
        var outbox = await outboxStore.ListByCorrelationAsync(AuditMessenger.IssueCorrelation(audit.Id), ct).ConfigureAwait(false);
        var fresh = outbox.Where(m => m.Status is OutboxStatus.Blocked or OutboxStatus.Failed && !channel.ReportedFailures.Contains(m.Id))
            .ToList();
        if (fresh.Count == 0)
        {
            return 0;
        }

        var names = NamesByTeamsId(audit, channel);
        var who = fresh.Select(m => names.GetValueOrDefault(m.TargetUserId ?? string.Empty, "a representative")).Distinct().ToList();
        var card = NoticeCard.Create("Some audit tools could not be delivered",
            $"WorkshopBot could not reach {string.Join(", ", who.Select(w => CardKit.Literal(w)))} for \"{CardKit.Literal(audit.Title)}\". "
            + "They may not have installed the app or may have blocked it. "
            + "Ask them to open WorkshopBot in Teams, then press Issue on the audit again: only missing tools are sent.", Tone.Error,
            CardKit.Go(DashboardScreen.Dashboard, new AuditRefData(audit.Id), "Open the audit"));
        var dedupeKey = $"audit:{audit.Id:D}:undelivered:{string.Join('-', fresh.Select(m => m.Id))}";
        await messenger.SendToPersonAsync(channel, audit.Chair, card, dedupeKey, AuditMessenger.Correlation(audit.Id), ct)
            .ConfigureAwait(false);
        await store.ChangeChannelAsync(audit.Id, c => c.ReportedFailures = [.. c.ReportedFailures, .. fresh.Select(m => m.Id)], ct)
            .ConfigureAwait(false);
        await trail.RecordForAsync(AuditSubjects.BotActor, audit.TenantId, "audit.delivery-failed",
            AuditSubjects.Audit, AuditStore.Key(audit.Id),
            new { notReached = fresh.Select(m => m.Id) }, ct).ConfigureAwait(false);
        return fresh.Count;
    }

    /// <summary>People's display names by their Teams ids, for the outbox's outcomes (which know only the Teams id).</summary>
    public static Dictionary<string, string> NamesByTeamsId(Audit audit, AuditChannel channel)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var people = audit.Agencies.SelectMany(a => new[] { a.Representative, a.NamedLead }).Append(audit.Chair).OfType<PersonRef>();
        foreach (var person in people)
        {
            if (channel.TeamsIds.TryGetValue(person.UserId, out var id))
            {
                names[id] = person.DisplayName;
            }
        }

        return names;
    }
}
