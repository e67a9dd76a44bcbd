using System.Globalization;

namespace WorkshopBot.Audits.Teams;

/// <summary>What a card the audit feature queues is for, as its dedupe key names it.</summary>
public enum AuditMessageKind
{
    /// <summary>
    /// A return's audit tool to its representative: "audit:{audit}:return:{return}:tool:{person}[:again-after:{message}]".
    /// </summary>
    Tool,

    /// <summary>A reminder of a return to its representative: "audit:{audit}:return:{return}:reminder:{round}[:{person}]".</summary>
    Reminder,

    /// <summary>The notice that a return was reopened: "audit:{audit}:return:{return}:reopened:{reopenings}".</summary>
    Reopened,

    /// <summary>
    /// A representative's request to reopen, to the chair: "audit:{audit}:return:{return}:reopen-request:{time}"; its copy to a
    /// new chair when the chair is handed over while it is pending: the same, then ":chair:{handovers}".
    /// </summary>
    ReopenRequest,

    /// <summary>The notice that a request to reopen was declined: "audit:{audit}:return:{return}:reopen-declined:{time}".</summary>
    ReopenDeclined,

    /// <summary>The notice of a new due date: "audit:{audit}:due-extended:{version}:{person}".</summary>
    DueExtended,

    /// <summary>The notice of a new workshop date: "audit:{audit}:workshop-moved:{version}:{person}".</summary>
    WorkshopMoved,

    /// <summary>The returns tracker posted in the audit's channel: "audit:{audit}:tracker:post".</summary>
    TrackerPost,

    /// <summary>An update of the posted tracker: "audit:{audit}:tracker:rev:{revision}".</summary>
    TrackerUpdate,

    /// <summary>The chair told of audit tools not delivered: "audit:{audit}:undelivered:{message}-{message}...".</summary>
    Undelivered,

    /// <summary>The chair told that an automatic reminder round reached nobody: "audit:{audit}:nobody-reminded:{round}".</summary>
    NobodyReminded,

    /// <summary>
    /// The chair told which agencies an automatic reminder round that reminded others did not remind:
    /// "audit:{audit}:not-reminded:{round}".
    /// </summary>
    NotReminded,
}

/// <summary>
/// The dedupe key of an outbox message the audit feature queues: built here by every sender, and read back here by whatever
/// needs to know what a queued message was (<see cref="ReplacedRepresentatives"/>, the admins' labels). The text is stored
/// with each message and must keep its form: <see cref="Parse"/> reads every key ever stored to what it was built from, and
/// <see cref="ToString"/> writes it back character for character. Ids only, never what a card says.
/// </summary>
public sealed partial record AuditMessageKey
{
    private const string Prefix = "audit:";
    private const string AgainAfterMark = ":again-after:";
    private const string HandoverMark = ":chair:";

    private static readonly (AuditMessageKind Kind, string Word)[] Words =
    [
        (AuditMessageKind.Tool, "tool"),
        (AuditMessageKind.Reminder, "reminder"),
        (AuditMessageKind.Reopened, "reopened"),
        (AuditMessageKind.ReopenRequest, "reopen-request"),
        (AuditMessageKind.ReopenDeclined, "reopen-declined"),
        (AuditMessageKind.DueExtended, "due-extended"),
        (AuditMessageKind.WorkshopMoved, "workshop-moved"),
        (AuditMessageKind.TrackerPost, "tracker"),
        (AuditMessageKind.TrackerUpdate, "tracker"),
        (AuditMessageKind.Undelivered, "undelivered"),
        (AuditMessageKind.NobodyReminded, "nobody-reminded"),
        (AuditMessageKind.NotReminded, "not-reminded"),
    ];

    private AuditMessageKey(Guid auditId, AuditMessageKind kind)
    {
        AuditId = auditId;
        Kind = kind;
    }

    public Guid AuditId { get; }

    public AuditMessageKind Kind { get; }

    /// <summary>The return the card is about, for the return's kinds.</summary>
    public Guid? ReturnId { get; private init; }

    /// <summary>
    /// The person it was queued for (their user id as the audit names them): a tool's representative, a notice's, a reminder
    /// sent in place of one withdrawn from a replaced representative. Null when the key does not name them.
    /// </summary>
    public string? Person { get; private init; }

    /// <summary>A reminder's round ("manual-2", "auto-{due, in seconds since 1970}"), or the round that reminded nobody.</summary>
    public string? Round { get; private init; }

    /// <summary>
    /// The number the key ends with: a notice's audit version, a return's reopenings, a reopen request's time (milliseconds
    /// since 1970; whole seconds in keys stored before), the tracker's revision.
    /// </summary>
    public long? Number { get; private init; }

    /// <summary>For a tool sent again: the id of the message Teams refused or the outbox gave up on before it.</summary>
    public long? AgainAfter { get; private init; }

    /// <summary>
    /// For a reopen request's copy to a new chair: the audit's handovers of the chair counted with the one that sent it.
    /// </summary>
    public int? Handover { get; private init; }

    /// <summary>For <see cref="AuditMessageKind.Undelivered"/>: the ids of the messages the chair was told of.</summary>
    public IReadOnlyList<long> Messages { get; private init; } = [];

    /// <summary>The kind as the key spells it ("tool", "reminder", "due-extended"...): what the audit log names.</summary>
    public string Word => WordOf(Kind);

    /// <summary>
    /// True for the cards to an agency's representative as such, which <see cref="ReplacedRepresentatives"/> withdraws from a
    /// person who no longer is one: the return's tool, reminders and reopen notices, and the date notices.
    /// </summary>
    public bool IsToRepresentative => Kind is AuditMessageKind.Tool or AuditMessageKind.Reminder or AuditMessageKind.Reopened
        or AuditMessageKind.ReopenDeclined or AuditMessageKind.DueExtended or AuditMessageKind.WorkshopMoved;

    /// <summary>The start every key of the audit shares: for removing them all with the audit.</summary>
    public static string PrefixOf(Guid auditId) => $"{Prefix}{auditId:D}:";

    public static AuditMessageKey Tool(Guid auditId, Guid returnId, string person, long? againAfter = null) =>
        new(auditId, AuditMessageKind.Tool) { ReturnId = returnId, Person = Named(person), AgainAfter = againAfter };

    /// <summary>
    /// A reminder of the return in <paramref name="round"/>; <paramref name="person"/> only for one sent to a representative in
    /// place of the round's reminder withdrawn from the person they replaced (whose key names nobody).
    /// </summary>
    public static AuditMessageKey Reminder(Guid auditId, Guid returnId, string round, string? person = null) =>
        new(auditId, AuditMessageKind.Reminder)
        {
            ReturnId = returnId, Round = RoundOf(round), Person = person is null ? null : Named(person),
        };

    public static AuditMessageKey Reopened(Guid auditId, Guid returnId, int reopenings) =>
        new(auditId, AuditMessageKind.Reopened) { ReturnId = returnId, Number = reopenings };

    /// <summary>The request to the chair; with <paramref name="handover"/>, its copy to the chair that handover made.</summary>
    public static AuditMessageKey ReopenRequest(Guid auditId, Guid returnId, DateTimeOffset requestedAt, int? handover = null) =>
        new(auditId, AuditMessageKind.ReopenRequest)
        {
            ReturnId = returnId,
            Number = requestedAt.ToUnixTimeMilliseconds(),
            Handover = handover is null or > 0 ? handover
                : throw new ArgumentOutOfRangeException(nameof(handover), handover, "Handovers are counted from 1."),
        };

    public static AuditMessageKey ReopenDeclined(Guid auditId, Guid returnId, DateTimeOffset requestedAt) =>
        new(auditId, AuditMessageKind.ReopenDeclined) { ReturnId = returnId, Number = requestedAt.ToUnixTimeMilliseconds() };

    /// <summary>A notice of <paramref name="kind"/> (a new due date or workshop date) as of the audit's version after the change.</summary>
    public static AuditMessageKey Notice(Guid auditId, AuditMessageKind kind, int version, string person) =>
        kind is AuditMessageKind.DueExtended or AuditMessageKind.WorkshopMoved
            ? new(auditId, kind) { Number = version, Person = Named(person) }
            : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a representatives' notice.");

    public static AuditMessageKey TrackerPost(Guid auditId) => new(auditId, AuditMessageKind.TrackerPost);

    public static AuditMessageKey TrackerUpdate(Guid auditId, int revision) =>
        new(auditId, AuditMessageKind.TrackerUpdate) { Number = revision };

    public static AuditMessageKey Undelivered(Guid auditId, IEnumerable<long> messages)
    {
        var ids = messages.ToList();
        return ids.Count > 0 && ids.All(id => id >= 0)
            ? new(auditId, AuditMessageKind.Undelivered) { Messages = ids }
            : throw new ArgumentException("At least one message id, none negative.", nameof(messages));
    }

    /// <summary>The chair told that the automatic reminder <paramref name="round"/> could reach nobody.</summary>
    public static AuditMessageKey NobodyReminded(Guid auditId, string round) =>
        new(auditId, AuditMessageKind.NobodyReminded) { Round = RoundOf(round) };

    /// <summary>The chair told which agencies the automatic reminder <paramref name="round"/> did not remind, others reminded.</summary>
    public static AuditMessageKey NotReminded(Guid auditId, string round) =>
        new(auditId, AuditMessageKind.NotReminded) { Round = RoundOf(round) };

    /// <summary>The kind as keys spell it.</summary>
    public static string WordOf(AuditMessageKind kind) => Words.First(w => w.Kind == kind).Word;

    /// <summary>The key as stored.</summary>
    public override string ToString()
    {
        var audit = PrefixOf(AuditId);
        return Kind switch
        {
            AuditMessageKind.Tool => $"{audit}return:{ReturnId!.Value:D}:tool:{Person}"
                + (AgainAfter is { } failed ? AgainAfterMark + Text(failed) : string.Empty),
            AuditMessageKind.Reminder => $"{audit}return:{ReturnId!.Value:D}:reminder:{Round}"
                + (Person is null ? string.Empty : ":" + Person),
            AuditMessageKind.Reopened or AuditMessageKind.ReopenRequest or AuditMessageKind.ReopenDeclined =>
                $"{audit}return:{ReturnId!.Value:D}:{Word}:{Text(Number!.Value)}"
                + (Handover is { } handover ? HandoverMark + Text(handover) : string.Empty),
            AuditMessageKind.DueExtended or AuditMessageKind.WorkshopMoved => $"{audit}{Word}:{Text(Number!.Value)}:{Person}",
            AuditMessageKind.TrackerPost => $"{audit}tracker:post",
            AuditMessageKind.TrackerUpdate => $"{audit}tracker:rev:{Text(Number!.Value)}",
            AuditMessageKind.Undelivered => $"{audit}undelivered:{string.Join('-', Messages.Select(Text))}",
            AuditMessageKind.NobodyReminded or AuditMessageKind.NotReminded => $"{audit}{Word}:{Round}",
            _ => throw new InvalidOperationException($"No key for {Kind}."),
        };
    }

    /// <summary>Two keys are the same when they are stored as the same text.</summary>
    public bool Equals(AuditMessageKey? other) =>
        other is not null && string.Equals(ToString(), other.ToString(), StringComparison.Ordinal);

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    private static string Text(long number) => number.ToString(CultureInfo.InvariantCulture);

    private static string Named(string person) =>
        string.IsNullOrEmpty(person) ? throw new ArgumentException("A person's id is needed.", nameof(person)) : person;

    private static string RoundOf(string round) => string.IsNullOrEmpty(round) || round.Contains(':', StringComparison.Ordinal)
        ? throw new ArgumentException("A round is a word with no colon.", nameof(round))
        : round;
}
