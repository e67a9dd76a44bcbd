using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;

namespace WorkshopBot.Audits.Teams;

/// <summary>Who was told of a change: how many were reached, and the names of those the bot could not reach.</summary>
public sealed record RepresentativesTold(int Told, IReadOnlyList<string> Unreachable)
{
    public static RepresentativesTold Nobody { get; } = new(0, []);

    /// <summary>What the chair reads after the change's own sentence, or nothing when nobody was to be told.</summary>
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
/// Tells the agency representatives of an issued audit, in their 1:1 chats, of a change the chair made (a new workshop
/// date, more time for returns): one card a person however many agencies or returns they have, never to the person who
/// made the change. Queued in the turn's unit of work, so a card is stored exactly when the change is; a redelivered
/// activity commits nothing, so sends nothing again.
/// </summary>
public sealed class RepresentativeNotices(AuditStore store, AuditMessenger messenger)
{
    /// <summary>
    /// Queues the card <paramref name="cardFor"/> makes from each representative's own returns, or none when it gives
    /// null (the change does not concern them). Nobody is told while the audit is a draft (no tool has been sent) or once
    /// it is closed. The dedupe key names <paramref name="kind"/> and the audit's version after the change, so every
    /// change is told once, even one back to an earlier value. Only those the bot can reach are queued a card and counted
    /// as told (see <see cref="AuditMessenger.CanReachAsync"/>); the others are named, for the chair to tell.
    /// </summary>
    public async Task<RepresentativesTold> TellAsync(Audit audit, PersonRef actor, AuditMessageKind kind,
        Func<IReadOnlyList<AuditReturn>, AdaptiveCard?> cardFor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(cardFor);
        if (audit.Status is AuditStatus.Draft or AuditStatus.Closed)
        {
            return RepresentativesTold.Nobody; // No tool has been sent yet: the representatives have not been invited.
        }

        var returns = (await store.ListReturnsAsync(audit.Id, ct).ConfigureAwait(false)).Select(r => r.Value).ToList();
        var people = returns
            .Select(r => (Return: r, Rep: audit.FindAgency(r.AgencyId)?.Representative))
            .Where(x => x.Rep is not null && !x.Rep.IsSamePerson(actor))
            .GroupBy(x => x.Rep!.UserId, StringComparer.OrdinalIgnoreCase)
            .Select(g => (Rep: g.First().Rep!, Card: cardFor(g.Select(x => x.Return).ToList())))
            .Where(x => x.Card is not null)
            .ToList();
        if (people.Count == 0)
        {
            return RepresentativesTold.Nobody;
        }

        var channel = (await store.GetChannelAsync(audit.Id, ct).ConfigureAwait(false))?.Value;
        var told = 0;
        var unreachable = new List<string>();
        foreach (var (rep, card) in people)
        {
            var dedupeKey = AuditMessageKey.Notice(audit.Id, kind, audit.Version, rep.UserId).ToString();
            // Nothing is queued to someone the bot cannot reach: the chair is asked to tell them instead.
            var sent = channel is null || !await messenger.CanReachAsync(channel, rep, ct).ConfigureAwait(false) ? null
                : await messenger.SendToPersonAsync(channel, rep, card!, dedupeKey, AuditMessenger.Correlation(audit.Id), ct)
                    .ConfigureAwait(false);
            if (sent is null)
            {
                unreachable.Add(rep.DisplayName);
            }
            else
            {
                told++;
            }
        }

        return new RepresentativesTold(told, unreachable);
    }
}
