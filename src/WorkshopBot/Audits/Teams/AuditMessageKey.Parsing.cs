using System.Globalization;

namespace WorkshopBot.Audits.Teams;

// Reading a stored key back (see AuditMessageKey).
public sealed partial record AuditMessageKey
{
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
                int? handover = null;
                var handed = tail.IndexOf(HandoverMark, StringComparison.Ordinal);
                if (kind == AuditMessageKind.ReopenRequest && handed >= 0)
                {
                    if (!IsNumber(tail[(handed + HandoverMark.Length)..], out var count) || count is < 1 or > int.MaxValue)
                    {
                        return null;
                    }

                    (handover, tail) = ((int)count, tail[..handed]);
                }

                return kind is AuditMessageKind.Reopened or AuditMessageKind.ReopenRequest or AuditMessageKind.ReopenDeclined
                    && IsNumber(tail, out var number)
                    ? new(auditId, kind.Value) { ReturnId = returnId, Number = number, Handover = handover }
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
            case "nobody-reminded":
                return parts.Length == 2 && parts[1].Length > 0 ? NobodyReminded(auditId, parts[1]) : null;
            case "not-reminded":
                return parts.Length == 2 && parts[1].Length > 0 ? NotReminded(auditId, parts[1]) : null;
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
}
