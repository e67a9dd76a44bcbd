using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;

namespace WorkshopBot.Audits.Teams;

/// <summary>Who was told of a new workshop date: how many were reached, and the names of those the bot could not reach.</summary>
public sealed record WorkshopMoveTold(int Told, IReadOnlyList<string> Unreachable)
{
    public static WorkshopMoveTold Nobody { get; } = new(0, []);

    /// <summary>What the chair reads after "The workshop is now on ...", or nothing when nobody was to be told.</summary>
    public string Note => (Told, Unreachable.Count) switch
    {
        (0, 0) => string.Empty,
        (1, 0) => " The agency representative has been told.",
        (_, 0) => $" The {Told} agency representatives have been told.",
        _ => $" Could not reach {string.Join(", ", Unreachable.Select(u => CardKit.Literal(u)))} in Teams: please tell them."
            + Told switch
            {
                0 => string.Empty,
                1 => " The other representative has been told.",
                _ => $" The other {Told} representatives have been told.",
            },
    };
}

/// <summary>
/// Tells each agency representative of an audit, in their 1:1 chat, that its workshop has moved: the audit's title (never a
/// case), the old and the new date, and where their own returns stand. Queued in the turn's unit of work, so a card is
/// stored exactly when the move is; a redelivered move commits nothing, so sends nothing again.
/// </summary>
public sealed class WorkshopMoveNotices(AuditStore store, AuditMessenger messenger)
{
    /// <summary>
    /// Queues one card to each representative of an agency that was sent a tool (the audit has been issued), one card a
    /// person however many agencies or returns they have, but none to <paramref name="mover"/> (who moved it). The dedupe
    /// key names the audit's version after the move, so every move is told, even back to an earlier day.
    /// </summary>
    public async Task<WorkshopMoveTold> TellAsync(Audit audit, DateTimeOffset? from, PersonRef mover, DateTimeOffset now,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(audit);
        if (audit.Status is AuditStatus.Draft or AuditStatus.Closed)
        {
            return WorkshopMoveTold.Nobody; // No tool has been sent yet: the representatives have not been invited.
        }

        var returns = (await store.ListReturnsAsync(audit.Id, ct).ConfigureAwait(false)).Select(r => r.Value).ToList();
        var people = returns
            .Select(r => (Return: r, Rep: audit.FindAgency(r.AgencyId)?.Representative))
            .Where(x => x.Rep is not null && !x.Rep.IsSamePerson(mover))
            .GroupBy(x => x.Rep!.UserId, StringComparer.OrdinalIgnoreCase)
            .Select(g => (Rep: g.First().Rep!, Returns: g.Select(x => x.Return).ToList()))
            .ToList();
        if (people.Count == 0)
        {
            return WorkshopMoveTold.Nobody;
        }

        var channel = (await store.GetChannelAsync(audit.Id, ct).ConfigureAwait(false))?.Value;
        var told = 0;
        var unreachable = new List<string>();
        foreach (var (rep, theirs) in people)
        {
            var card = Card(audit, from, theirs, now);
            var dedupeKey = $"audit:{audit.Id:D}:workshop-moved:{audit.Version}:{rep.UserId}";
            var sent = channel is null ? null : await messenger.SendToPersonAsync(channel, rep, card, dedupeKey,
                AuditMessenger.Correlation(audit.Id), ct).ConfigureAwait(false);
            if (sent is null)
            {
                unreachable.Add(rep.DisplayName);
            }
            else
            {
                told++;
            }
        }

        return new WorkshopMoveTold(told, unreachable);
    }

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
