namespace WorkshopBot.Audits.Storage;

/// <summary>
/// Where an audit is run in Teams: the chair's conversation, how to reach people 1:1 (their Teams ids), the
/// returns tracker message and counters for reminders. Kept beside the audit so the domain stays free of Teams.
/// Changed only through <see cref="AuditStore.ChangeChannelAsync"/>, which retries on a concurrent write.
/// </summary>
public sealed record AuditChannel
{
    public required Guid AuditId { get; init; }
    public required string ServiceUrl { get; init; }
    public required string TenantId { get; init; }

    /// <summary>The conversation where the chair set the audit up; the tracker is posted there.</summary>
    public required string ConversationId { get; init; }

    /// <summary>The chair's Teams user id ("29:..."), for 1:1 alerts.</summary>
    public string? ChairTeamsId { get; set; }

    /// <summary>Person key (Entra object id) to Teams user id, learnt from the roster when people are picked.</summary>
    public Dictionary<string, string> TeamsIds { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The dedupe key of the outbox message that posted the tracker; updates name it (see IOutbox.UpdatePosted).</summary>
    public string? TrackerPostKey { get; set; }
    public int TrackerRevision { get; set; }
    public bool TrackerStale { get; set; }
    public DateTimeOffset? TrackerUpdatedAt { get; set; }

    /// <summary>The due date the automatic reminders were last sent for; extending the date allows another round.</summary>
    public DateTimeOffset? AutoRemindedForDue { get; set; }

    /// <summary>
    /// The due date whose automatic round could reach nobody, the chair told so: until it reminds someone (or a round the
    /// chair sends stands for it), later passes try it again without telling the chair again.
    /// </summary>
    public DateTimeOffset? AutoRemindedNobodyForDue { get; set; }

    /// <summary>
    /// The due date whose automatic round's reminders are all through the outbox, and the chair told if Teams delivered none.
    /// </summary>
    public DateTimeOffset? AutoReminderSettledForDue { get; set; }

    public int ManualReminders { get; set; }

    /// <summary>When the chair's last reminder round went out; the next one waits for the tracker's gap.</summary>
    public DateTimeOffset? ManualRemindedAt { get; set; }

    /// <summary>Representatives the bot had no Teams id for when it last issued; shown to the chair.</summary>
    public List<string> NoTeamsId { get; set; } = [];

    /// <summary>Outbox ids of failed deliveries already reported to the chair.</summary>
    public List<long> ReportedFailures { get; set; } = [];
}
