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

    /// <summary>The due date the automatic reminder round last went for (<see cref="AuditChannel.AutoRemindedForDue"/>).</summary>
    public DateTimeOffset? AutoRemindedForDue { get; init; }
}

/// <summary>
/// What one round of delivery did: tools queued (or already on their way or delivered), of them those sent by this round
/// (<see cref="Fresh"/>), and who could not be sent theirs because the bot has no Teams id for them.
/// </summary>
public sealed record ToolsQueued(int Queued, int Fresh, IReadOnlyList<string> Unreachable);

/// <summary>Where one agency's representative stands after their tools were sent: how many, how many new, and reachable or not.</summary>
public sealed record AgencyTools(PersonRef Representative, int Tools, int Fresh, bool Reached);

/// <summary>
/// The audit tools on their way to representatives: sent when the audit is issued (each once), counted from the
/// outcomes the outbox records, and reported to the chair when some could not be delivered. A tool Teams refused (the app
/// blocked or not installed) or gave up on is sent again by the next round, once (see <see cref="KeyOf"/>).
/// </summary>
public sealed class ToolDelivery(
    AuditStore store, AuditMessenger messenger, IOutboxStore outboxStore, UnitOfWork work, AuditTrail trail, IIdGenerator ids,
    TimeProvider time)
{
    /// <summary>Creates any missing returns and queues one tool per (case, agency); the dedupe key makes it idempotent.</summary>
    public async Task<ToolsQueued> DeliverAsync(Audit audit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var sent = await SendAsync(audit, audit.ExpectedReturns(), ct).ConfigureAwait(false);
        var names = sent.Where(s => s.Key is null).Select(s => Named(s.Agency)).Distinct().ToList();
        await store.ChangeChannelAsync(audit.Id, c => c.NoTeamsId = names, ct).ConfigureAwait(false);
        return new ToolsQueued(sent.Count(s => s.Key is not null), sent.Count(s => s.Fresh), names);
    }

    /// <summary>
    /// Sends the agency's representative the tools they have not been delivered (a representative the chair has just chosen
    /// after issue, or one Teams refused before), as <see cref="DeliverAsync"/> does for the whole audit. Reached tells
    /// whether the bot can expect them to arrive (<see cref="AuditMessenger.CanReachAsync"/>); they are queued all the same,
    /// since they may still arrive. Null when the agency has no representative.
    /// </summary>
    public async Task<AgencyTools?> DeliverToAgencyAsync(Audit audit, string agencyId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(audit);
        if (audit.FindAgency(agencyId) is not { Representative: { } representative } agency)
        {
            return null;
        }

        var sent = await SendAsync(audit, audit.ExpectedReturns().Where(p => p.Agency.Id == agencyId).ToList(), ct).ConfigureAwait(false);
        var missing = sent.Any(s => s.Key is null) ? Named(agency) : null;
        var suffix = $" ({agency.Name})";
        await store.ChangeChannelAsync(audit.Id, c => c.NoTeamsId =
            [.. c.NoTeamsId.Where(n => !n.EndsWith(suffix, StringComparison.Ordinal)), .. missing is null ? [] : new[] { missing }], ct)
            .ConfigureAwait(false);
        var channel = (await store.GetChannelAsync(audit.Id, ct).ConfigureAwait(false))?.Value;
        var reached = missing is null && channel is not null
            && await messenger.CanReachAsync(channel, representative, ct).ConfigureAwait(false);
        return new AgencyTools(representative, sent.Count, sent.Count(s => s.Fresh), reached);
    }

    /// <summary>One tool per (case, agency) pair, its return created first when missing; each with its key, or none when unsent.</summary>
    private async Task<List<(AuditAgency Agency, string? Key, bool Fresh)>> SendAsync(
        Audit audit, IReadOnlyList<(AuditCase Case, AuditAgency Agency)> pairs, CancellationToken ct)
    {
        // An audit with no Teams home (not set up from a conversation) can reach nobody: every representative is unreachable.
        var channel = (await store.GetChannelAsync(audit.Id, ct).ConfigureAwait(false))?.Value;
        var existing = (await store.ListReturnsAsync(audit.Id, ct).ConfigureAwait(false)).Select(r => r.Value).ToList();
        var queued = (await outboxStore.ListByCorrelationAsync(AuditMessenger.IssueCorrelation(audit.Id), ct).ConfigureAwait(false))
            .ToDictionary(m => m.DedupeKey, StringComparer.Ordinal);
        var sent = new List<(AuditAgency, string?, bool)>();
        foreach (var (auditCase, agency) in pairs)
        {
            var ret = existing.FirstOrDefault(r => r.AgencyId == agency.Id && r.CaseReference == auditCase.Reference);
            if (ret is null)
            {
                ret = AuditReturn.Create(ids.NewId(), audit, auditCase.Reference, agency.Id, time.GetUtcNow()).ValueOrThrow();
                await store.InsertReturnAsync(ret, ct).ConfigureAwait(false);
            }

            var key = KeyOf(audit, ret, agency.Representative!, queued);
            var fresh = !queued.ContainsKey(key);
            var result = channel is null ? null : await messenger.SendToPersonAsync(channel, agency.Representative!,
                ReturnsCard.Overview(audit, ret), key, AuditMessenger.IssueCorrelation(audit.Id), ct).ConfigureAwait(false);
            sent.Add((agency, result, result is not null && fresh));
        }

        return sent;
    }

    /// <summary>
    /// The dedupe key of a return's tool for its representative: keyed by representative too, so that a new representative is
    /// sent theirs. When Teams refused the tool under that key (Blocked) or the outbox gave up on it (Failed), the key of a
    /// send again after it, named by the failed message's id: so pressing Send missing audit tools after the representative
    /// installed or unblocked the app sends it once more, and a second press (or a redelivery) in the same state sends nothing.
    /// </summary>
    private static string KeyOf(Audit audit, AuditReturn ret, PersonRef representative, IReadOnlyDictionary<string, OutboxMessage> queued)
    {
        var key = AuditMessageKey.Tool(audit.Id, ret.Id, representative.UserId).ToString();
        while (queued.TryGetValue(key, out var before) && before.Status is OutboxStatus.Blocked or OutboxStatus.Failed)
        {
            key = AuditMessageKey.Tool(audit.Id, ret.Id, representative.UserId, againAfter: before.Id).ToString();
        }

        return key;
    }

    private static string Named(AuditAgency agency) => $"{agency.Representative!.DisplayName} ({agency.Name})";

    /// <summary>How the audit tools were delivered, from the outbox's recorded outcomes.</summary>
    public async Task<DeliverySummary> SummaryAsync(Audit audit, AuditChannel channel, CancellationToken ct)
    {
        var correlation = AuditMessenger.IssueCorrelation(audit.Id);
        var messages = Current(await outboxStore.ListByCorrelationAsync(correlation, ct).ConfigureAwait(false));
        var stored = messages.Select(m => m.DedupeKey).ToHashSet(StringComparer.Ordinal);
        // Tools queued by this very turn are not stored yet; they are on their way all the same.
        var queuedNow = work.Store.Steps.OfType<StoreWork.EnqueueStep>()
            .Count(e => e.Message.CorrelationId == correlation && !stored.Contains(e.Message.DedupeKey));
        var names = NamesByTeamsId(audit, channel);
        var pending = await OnTheirWayAsync(audit, channel, messages, ct).ConfigureAwait(false);
        var unreachable = messages.Where(m => m.Status is OutboxStatus.Blocked or OutboxStatus.Failed)
            .Select(m => names.GetValueOrDefault(m.TargetUserId ?? string.Empty, "a representative")
                + (m.Status == OutboxStatus.Blocked ? " (has blocked or not installed the app)" : " (delivery failed)"))
            .Distinct()
            .Concat(channel.NoTeamsId.Select(n => $"{n} (not found in Teams)"))
            .ToList();
        return new DeliverySummary(
            messages.Count(m => m.Status == OutboxStatus.Sent),
            pending + queuedNow,
            unreachable) { AutoRemindedForDue = channel.AutoRemindedForDue };
    }

    /// <summary>
    /// The tools still queued that will be sent: not one queued for a person the chair has since replaced as the agency's
    /// representative, which is withdrawn just before its send (<see cref="ReplacedRepresentatives"/>, by the same test).
    /// </summary>
    private async Task<int> OnTheirWayAsync(Audit audit, AuditChannel channel, List<OutboxMessage> messages, CancellationToken ct)
    {
        var queued = messages.Where(m => m.Status is OutboxStatus.Pending or OutboxStatus.InFlight).ToList();
        if (queued.Count == 0)
        {
            return 0;
        }

        var agencies = (await store.ListReturnsAsync(audit.Id, ct).ConfigureAwait(false))
            .ToDictionary(r => r.Value.Id, r => r.Value.AgencyId);
        var count = 0;
        foreach (var message in queued)
        {
            if (AuditMessageKey.Parse(message.DedupeKey)?.ReturnId is not { } returnId || !agencies.TryGetValue(returnId, out var agencyId)
                || await messenger.IsRepresentativeAsync(audit, channel, agencyId, message.TargetUserId, ct).ConfigureAwait(false))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// The tools as they stand: a refused or failed send a later one replaced (see <see cref="KeyOf"/>) is left out, and so is
    /// a tool withdrawn because its representative was replaced before it was sent (<see cref="ReplacedRepresentatives"/>):
    /// it was neither delivered nor failed, and the chair has nothing to do about it.
    /// </summary>
    private static List<OutboxMessage> Current(IReadOnlyList<OutboxMessage> messages)
    {
        var replaced = messages.Select(m => AuditMessageKey.Parse(m.DedupeKey)?.AgainAfter).OfType<long>().ToHashSet();
        return messages.Where(m => !replaced.Contains(m.Id) && m.LastError != IOutboxStore.NoLongerForError).ToList();
    }

    /// <summary>Tells the chair, once per failure, about tools that could not be delivered. Returns how many were new.</summary>
    public async Task<int> ReportFailuresAsync(Audit audit, AuditChannel channel, CancellationToken ct)
    {
        // A failure already sent again (Send missing audit tools) is not told.
        var outbox = Current(await outboxStore.ListByCorrelationAsync(AuditMessenger.IssueCorrelation(audit.Id), ct).ConfigureAwait(false));
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
            + $"Ask them to open WorkshopBot in Teams, then press {DashboardCard.SendMissingTools} on the audit's dashboard: only tools "
            + "not yet delivered are sent.", Tone.Error,
            CardKit.Go(DashboardScreen.Dashboard, new AuditRefData(audit.Id), "Open the audit"));
        var dedupeKey = AuditMessageKey.Undelivered(audit.Id, fresh.Select(m => m.Id)).ToString();
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
