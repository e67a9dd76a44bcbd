using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;

namespace WorkshopBot.Audits.Teams;

/// <summary>
/// Tells each agency representative of an audit, in their 1:1 chat, that its workshop has moved: the audit's title (never a
/// case), the old and the new date, and where their own returns stand (see <see cref="RepresentativeNotices"/>).
/// </summary>
public sealed class WorkshopMoveNotices(RepresentativeNotices notices)
{
    /// <summary>The dedupe keys' kind (see <see cref="AuditMessageKey"/>).</summary>
    public const AuditMessageKind Kind = AuditMessageKind.WorkshopMoved;

    /// <summary>
    /// Queues one card to each representative once the audit has been issued, whether or not their returns are in (the
    /// workshop concerns them all), but none to <paramref name="mover"/> (who moved it).
    /// </summary>
    public Task<RepresentativesTold> TellAsync(Audit audit, DateTimeOffset? from, PersonRef mover, DateTimeOffset now,
        CancellationToken ct) =>
        notices.TellAsync(audit, mover, Kind, theirs => Card(audit, from, theirs, now), ct);

    /// <summary>The card: which audit, from when to when, and the representative's own returns while they are collected.</summary>
    public static AdaptiveCard Card(Audit audit, DateTimeOffset? from, IReadOnlyList<AuditReturn> theirs, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(theirs);
        var title = CardKit.Literal(audit.Title);
        var moved = from is null
            ? $"The workshop for the audit \"{title}\" is now on {CardKit.DateTime(audit.WorkshopAt)}."
            : $"The workshop for the audit \"{title}\" has moved from {CardKit.DateTime(from)} to {CardKit.DateTime(audit.WorkshopAt)}.";
        return NoticeCard.Create("The workshop has moved", $"{moved}{ReturnsLine(audit, theirs, now)}", Tone.Info);
    }

    /// <summary>
    /// While returns are collected: that theirs are in, or when they are due (the due date does not move with the
    /// workshop). Afterwards nothing: the returns are closed to changes and only the workshop's day matters.
    /// </summary>
    private static string ReturnsLine(Audit audit, IReadOnlyList<AuditReturn> theirs, DateTimeOffset now)
    {
        if (audit.Status != AuditStatus.Issued || audit.ReturnsDueAt is not { } due || theirs.Count == 0)
        {
            return string.Empty;
        }

        var open = theirs.Count(r => !r.IsReadOnly);
        if (open == 0)
        {
            return theirs.Count == 1 ? " You have submitted your return." : " You have submitted all your returns.";
        }

        var when = CardKit.DateTime(due);
        var state = now > due ? $"were due {when}" : $"are still due {when}";
        return theirs.Count == 1
            ? $" Your return {(now > due ? $"was due {when}" : $"is still due {when}")}."
            : $" Your returns {state}" + (open < theirs.Count ? $" ({open} of {theirs.Count} not yet submitted)." : ".");
    }
}
