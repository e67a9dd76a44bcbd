using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;

namespace WorkshopBot.Audits.Teams;

/// <summary>
/// Tells each agency representative with a return still to submit, in their 1:1 chat, that the returns' due date has been
/// extended: the audit's title (never a case), the old and the new date (see <see cref="RepresentativeNotices"/>).
/// </summary>
public sealed class DueDateNotices(RepresentativeNotices notices)
{
    /// <summary>The dedupe keys' kind (see <see cref="AuditMessageKey"/>).</summary>
    public const AuditMessageKind Kind = AuditMessageKind.DueExtended;

    /// <summary>
    /// Queues one card to each representative with a return not yet submitted, but none to <paramref name="extender"/>
    /// (who extended it). Those whose returns are all in are not told: the date no longer asks anything of them, their
    /// returns are locked, and should the chair reopen one, the tool they reopen shows the date as it then is.
    /// </summary>
    public Task<RepresentativesTold> TellAsync(Audit audit, DateTimeOffset? from, PersonRef extender, CancellationToken ct) =>
        notices.TellAsync(audit, extender, Kind, theirs => theirs.Any(r => !r.IsReadOnly) ? Card(audit, from, theirs) : null, ct);

    /// <summary>The card: which audit, the old and new due dates, and how many of the representative's returns are still to come.</summary>
    public static AdaptiveCard Card(Audit audit, DateTimeOffset? from, IReadOnlyList<AuditReturn> theirs)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(theirs);
        var title = CardKit.Literal(audit.Title);
        var extended = from is null
            ? $"Returns to the audit \"{title}\" are now due {CardKit.DateTime(audit.ReturnsDueAt)}."
            : $"The due date for returns to the audit \"{title}\" has been extended from {CardKit.DateTime(from)} to "
                + $"{CardKit.DateTime(audit.ReturnsDueAt)}.";
        return NoticeCard.Create("Returns due date extended", $"{extended}{OpenLine(theirs)}", Tone.Info);
    }

    /// <summary>How many of their returns are still to be submitted.</summary>
    private static string OpenLine(IReadOnlyList<AuditReturn> theirs)
    {
        var open = theirs.Count(r => !r.IsReadOnly);
        return (open, theirs.Count) switch
        {
            (0, _) => string.Empty,
            (1, 1) => " Your return has not been submitted yet.",
            _ when open == theirs.Count => $" Your {theirs.Count} returns have not been submitted yet.",
            (1, _) => $" 1 of your {theirs.Count} returns has not been submitted yet.",
            _ => $" {open} of your {theirs.Count} returns have not been submitted yet.",
        };
    }
}
