using WorkshopBot.Audits.Domain;
using WorkshopBot.Storage;

namespace WorkshopBot.Audits.Storage;

/// <summary>
/// Where an audit is run in Teams: the chair's conversation, how to reach people 1:1 (their Teams ids), the
/// returns tracker message and counters for reminders. Kept beside the audit so the domain stays free of Teams.
/// </summary>
public sealed record AuditChannel
{
    public required Guid AuditId { get; init; }
    public required string ServiceUrl { get; init; }
    public required string TenantId { get; init; }

    /// <summary>The conversation where the chair set the audit up; the tracker is posted there.</summary>
    public required string ConversationId { get; init; }

    /// <summary>The chair's Teams user id ("29:..."), for 1:1 alerts.</summary>
    public string? ChairTeamsId { get; init; }

    /// <summary>Person key (Entra object id) to Teams user id, learnt from the roster when people are picked.</summary>
    public Dictionary<string, string> TeamsIds { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    public long? TrackerOutboxId { get; init; }
    public string? TrackerConversationId { get; init; }
    public string? TrackerActivityId { get; init; }
    public int TrackerRevision { get; init; }
    public bool TrackerStale { get; init; }
    public DateTimeOffset? TrackerUpdatedAt { get; init; }

    /// <summary>The due date the automatic reminders were last sent for; extending the date allows another round.</summary>
    public DateTimeOffset? AutoRemindedForDue { get; init; }

    public int ManualReminders { get; init; }

    /// <summary>Representatives the bot had no Teams id for when it last issued; shown to the chair.</summary>
    public List<string> NoTeamsId { get; init; } = [];

    /// <summary>Outbox ids of failed deliveries already reported to the chair.</summary>
    public List<long> ReportedFailures { get; init; } = [];
}

/// <summary>Audits, returns, alerts and their Teams context as documents, with optimistic versions.</summary>
public sealed class AuditStore(IDocumentStore documents)
{
    public const string Audits = "audits";
    public const string Returns = "audit-returns";
    public const string Escalations = "audit-escalations";
    public const string Channels = "audit-channels";

    public Task<VersionedDocument<Audit>?> GetAuditAsync(Guid id, CancellationToken ct) =>
        documents.GetAsync<Audit>(Audits, Key(id), cancellationToken: ct);

    public Task<IReadOnlyList<VersionedDocument<Audit>>> ListAuditsAsync(CancellationToken ct) =>
        documents.ListAsync<Audit>(Audits, cancellationToken: ct);

    public Task<bool> InsertAuditAsync(Audit audit, CancellationToken ct) =>
        documents.InsertAsync(Audits, Key(audit.Id), audit, audit.Chair.UserId, audit.Status.ToString(), cancellationToken: ct);

    public Task<bool> UpdateAuditAsync(VersionedDocument<Audit> doc, CancellationToken ct) =>
        documents.UpdateAsync(Audits, doc.Id, doc.Version, doc.Value, doc.Value.Chair.UserId, doc.Value.Status.ToString(), cancellationToken: ct);

    public Task<VersionedDocument<AuditReturn>?> GetReturnAsync(Guid id, CancellationToken ct) =>
        documents.GetAsync<AuditReturn>(Returns, Key(id), cancellationToken: ct);

    public Task<IReadOnlyList<VersionedDocument<AuditReturn>>> ListReturnsAsync(Guid auditId, CancellationToken ct) =>
        documents.ListAsync<AuditReturn>(Returns, Key(auditId), cancellationToken: ct);

    public Task<bool> InsertReturnAsync(AuditReturn ret, CancellationToken ct) =>
        documents.InsertAsync(Returns, Key(ret.Id), ret, Key(ret.AuditId), ret.AgencyId, cancellationToken: ct);

    public Task<bool> UpdateReturnAsync(VersionedDocument<AuditReturn> doc, CancellationToken ct) =>
        documents.UpdateAsync(Returns, doc.Id, doc.Version, doc.Value, Key(doc.Value.AuditId), doc.Value.AgencyId, cancellationToken: ct);

    public Task<VersionedDocument<SafetyEscalation>?> GetEscalationAsync(Guid id, CancellationToken ct) =>
        documents.GetAsync<SafetyEscalation>(Escalations, Key(id), cancellationToken: ct);

    public Task<IReadOnlyList<VersionedDocument<SafetyEscalation>>> ListOpenEscalationsAsync(CancellationToken ct) =>
        documents.ListAsync<SafetyEscalation>(Escalations, key2: "open", cancellationToken: ct);

    public Task<bool> InsertEscalationAsync(SafetyEscalation escalation, CancellationToken ct) =>
        documents.InsertAsync(Escalations, Key(escalation.Id), escalation, Key(escalation.AuditId), "open", cancellationToken: ct);

    public Task<bool> UpdateEscalationAsync(VersionedDocument<SafetyEscalation> doc, CancellationToken ct) =>
        documents.UpdateAsync(Escalations, doc.Id, doc.Version, doc.Value, Key(doc.Value.AuditId),
            doc.Value.IsAcknowledged ? "acknowledged" : "open", cancellationToken: ct);

    public Task<VersionedDocument<AuditChannel>?> GetChannelAsync(Guid auditId, CancellationToken ct) =>
        documents.GetAsync<AuditChannel>(Channels, Key(auditId), cancellationToken: ct);

    public Task<bool> InsertChannelAsync(AuditChannel channel, CancellationToken ct) =>
        documents.InsertAsync(Channels, Key(channel.AuditId), channel, cancellationToken: ct);

    /// <summary>Applies a change to the channel record, retrying on a concurrent write.</summary>
    public async Task<AuditChannel?> ChangeChannelAsync(Guid auditId, Func<AuditChannel, AuditChannel> change, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var doc = await GetChannelAsync(auditId, ct).ConfigureAwait(false);
            if (doc is null)
            {
                return null;
            }

            var changed = change(doc.Value);
            if (await documents.UpdateAsync(Channels, doc.Id, doc.Version, changed, cancellationToken: ct).ConfigureAwait(false))
            {
                return changed;
            }
        }

        throw new InvalidOperationException($"The audit channel record {auditId} kept changing; giving up.");
    }

    public static string Key(Guid id) => id.ToString("D");
}
