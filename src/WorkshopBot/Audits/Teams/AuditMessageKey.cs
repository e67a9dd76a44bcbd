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

    /// <summary>A representative's request to reopen, to the chair: "audit:{audit}:return:{return}:reopen-request:{time}".</summary>
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
}

/// <summary>
/// The dedupe key of an outbox message the audit feature queues: built here by every sender, and read back here by whatever
/// needs to know what a queued message was (<see cref="ReplacedRepresentatives"/>, the admins' labels). The text is stored
/// with each message and must keep its form: <see cref="Parse"/> reads every key ever stored to what it was built from, and
/// <see cref="ToString"/> writes it back character for character. Ids only, never what a card says.
/// </summary>
public sealed record AuditMessageKey
{
    private const string Prefix = "audit:";
    private const string AgainAfterMark = ":again-after:";

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

    /// <summary>A reminder's round: "manual-2", "auto-{due, in seconds since 1970}".</summary>
    public string? Round { get; private init; }

    /// <summary>
    /// The number the key ends with: a notice's audit version, a return's reopenings, a reopen request's time (milliseconds
    /// since 1970; whole seconds in keys stored before), the tracker's revision.
    /// </summary>
    public long? Number { get; private init; }

    /// <summary>For a tool sent again: the id of the message Teams refused or the outbox gave up on before it.</summary>
    public long? AgainAfter { get; private init; }

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

    public static AuditMessageKey ReopenRequest(Guid auditId, Guid returnId, DateTimeOffset requestedAt) =>
        new(auditId, AuditMessageKind.ReopenRequest) { ReturnId = returnId, Number = requestedAt.ToUnixTimeMilliseconds() };

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
                $"{audit}return:{ReturnId!.Value:D}:{Word}:{Text(Number!.Value)}",
            AuditMessageKind.DueExtended or AuditMessageKind.WorkshopMoved => $"{audit}{Word}:{Text(Number!.Value)}:{Person}",
            AuditMessageKind.TrackerPost => $"{audit}tracker:post",
            AuditMessageKind.TrackerUpdate => $"{audit}tracker:rev:{Text(Number!.Value)}",
            AuditMessageKind.Undelivered => $"{audit}undelivered:{string.Join('-', Messages.Select(Text))}",
            _ => throw new InvalidOperationException($"No key for {Kind}."),
        };
    }

    /// <summary>Two keys are the same when they are stored as the same text.</summary>
    public bool Equals(AuditMessageKey? other) =>
        other is not null && string.Equals(ToString(), other.ToString(), StringComparison.Ordinal);

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    /// <summary>
    /// The key <paramref name="dedupeKey"/> read back, or null when it is not one of the audit feature's keys (another
    /// feature's, or malformed: an unknown kind, an id or number that does not read as one, a part missing). Never throws.
    /// </summary>
    public static AuditMessageKey? Parse(string? dedupeKey)
    {
        if (dedupeKey is null || !dedupeKey.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = dedupeKey.Split(':', 3);
        if (parts.Length < 3 || !IsGuid(parts[1], out var auditId))
        {
            return null;
        }

        var rest = parts[2];
        var key = rest.StartsWith("return:", StringComparison.Ordinal) ? OfReturn(auditId, rest) : OfAudit(auditId, rest);

        // Whatever does not write back as it was read (a number with a leading zero, an upper-case id) is not a key of ours.
        return key is not null && string.Equals(key.ToString(), dedupeKey, StringComparison.Ordinal) ? key : null;
    }

    /// <summary>"return:{return}:{kind}:{tail}".</summary>
    private static AuditMessageKey? OfReturn(Guid auditId, string rest)
    {
        var parts = rest.Split(':', 4);
        if (parts.Length < 4 || !IsGuid(parts[1], out var returnId) || parts[3].Length == 0)
        {
            return null;
        }

        var tail = parts[3];
        switch (parts[2])
        {
            case "tool":
                var at = tail.LastIndexOf(AgainAfterMark, StringComparison.Ordinal);
                if (at < 0)
                {
                    return new(auditId, AuditMessageKind.Tool) { ReturnId = returnId, Person = tail };
                }

                return at > 0 && IsNumber(tail[(at + AgainAfterMark.Length)..], out var failed)
                    ? new(auditId, AuditMessageKind.Tool) { ReturnId = returnId, Person = tail[..at], AgainAfter = failed }
                    : null;
            case "reminder":
                var round = tail.Split(':', 2);
                return round[0].Length == 0 || (round.Length == 2 && round[1].Length == 0)
                    ? null
                    : new(auditId, AuditMessageKind.Reminder)
                    {
                        ReturnId = returnId, Round = round[0], Person = round.ElementAtOrDefault(1),
                    };
            default:
                var kind = KindOf(parts[2]);
                return kind is AuditMessageKind.Reopened or AuditMessageKind.ReopenRequest or AuditMessageKind.ReopenDeclined
                    && IsNumber(tail, out var number)
                    ? new(auditId, kind.Value) { ReturnId = returnId, Number = number }
                    : null;
        }
    }

    /// <summary>"{kind}:..." of the audit as a whole.</summary>
    private static AuditMessageKey? OfAudit(Guid auditId, string rest)
    {
        var parts = rest.Split(':', 3);
        switch (parts[0])
        {
            case "tracker":
                return parts.Length == 2 && parts[1] == "post" ? TrackerPost(auditId)
                    : parts is [_, "rev", var revision] && IsNumber(revision, out var number)
                        ? new(auditId, AuditMessageKind.TrackerUpdate) { Number = number }
                        : null;
            case "undelivered":
                if (parts.Length != 2)
                {
                    return null;
                }

                var ids = new List<long>();
                foreach (var id in parts[1].Split('-'))
                {
                    if (!IsNumber(id, out var messageId))
                    {
                        return null;
                    }

                    ids.Add(messageId);
                }

                return new(auditId, AuditMessageKind.Undelivered) { Messages = ids };
            default:
                var kind = KindOf(parts[0]);
                return kind is AuditMessageKind.DueExtended or AuditMessageKind.WorkshopMoved && parts.Length == 3
                    && IsNumber(parts[1], out var version) && parts[2].Length > 0
                    ? new(auditId, kind.Value) { Number = version, Person = parts[2] }
                    : null;
        }
    }

    private static AuditMessageKind? KindOf(string word) =>
        Words.Where(w => w.Word == word).Select(w => (AuditMessageKind?)w.Kind).FirstOrDefault();

    private static bool IsGuid(string text, out Guid id) => Guid.TryParseExact(text, "D", out id);

    private static bool IsNumber(string text, out long number) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number);

    private static string Text(long number) => number.ToString(CultureInfo.InvariantCulture);

    private static string Named(string person) =>
        string.IsNullOrEmpty(person) ? throw new ArgumentException("A person's id is needed.", nameof(person)) : person;

    private static string RoundOf(string round) => string.IsNullOrEmpty(round) || round.Contains(':', StringComparison.Ordinal)
        ? throw new ArgumentException("A round is a word with no colon.", nameof(round))
        : round;
}
