using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;
using WorkshopBot.Storage;

namespace WorkshopBot.Audits.Teams;

/// <summary>
/// A reminder round: how many outstanding returns were reminded, the representatives the bot could not reach (named once
/// each, however many returns they owe), for the chair to remind directly, and how many returns were outstanding at all.
/// </summary>
public sealed record RemindersSent(int Sent, IReadOnlyList<string> Unreachable, int Outstanding = 0)
{
    /// <summary>True when no reminder was queued to anyone: the round reminded nobody.</summary>
    public bool RemindedNobody => Sent == 0;

    /// <summary>What the chair reads after pressing Remind: when nobody was reminded, that plainly, and why.</summary>
    public string Message => (Sent, Unreachable.Count) switch
    {
        (0, 0) when Outstanding == 0 => "Nobody was reminded: every return has been submitted, so there is nothing to remind "
            + "anyone about.",
        (0, 0) => "Nobody was reminded: no agency with a return outstanding has a representative. Choose one on the agency's card.",
        (_, 0) => $"Reminder sent for {CardKit.Plural(Sent, "outstanding return")}.",
        (0, _) => $"Nobody was reminded: WorkshopBot could not reach {Names} in Teams (they may not have installed the app, or may "
            + "have closed or blocked their chat with it), so no reminder could be sent. Please remind them directly.",
        _ => $"Reminder sent for {CardKit.Plural(Sent, "outstanding return")}. {CouldNotReach}",
    };

    private string Names => string.Join(", ", Unreachable.Select(u => CardKit.Literal(u)));

    private string CouldNotReach => $"Could not reach {Names} in Teams: please remind them.";
}

/// <summary>Reminds representatives of returns not yet submitted: on the chair's request, and automatically before the due date.</summary>
public sealed class ReminderSender(AuditStore store, AuditMessenger messenger, IOutboxStore outboxStore, TimeProvider time)
{
    /// <summary>
    /// Reminds the representative of every return not yet submitted, once per <paramref name="round"/> (part of the
    /// dedupe key). Only those the bot can reach are queued a card and counted (<see cref="AuditMessenger.CanReachAsync"/>,
    /// as for the representatives' notices and the safety alerts); the others are named. After the due time the card says
    /// the return was due and is overdue.
    /// </summary>
    public async Task<RemindersSent> SendAsync(Audit audit, string round, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var channel = (await store.GetChannelAsync(audit.Id, ct).ConfigureAwait(false))?.Value;
        if (channel is null)
        {
            return new RemindersSent(0, []);
        }

        var count = 0;
        var reachable = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        var unreachable = new List<string>();
        var returns = await store.ListReturnsAsync(audit.Id, ct).ConfigureAwait(false);
        var outstanding = returns.Select(r => r.Value).Where(r => !r.IsReadOnly).ToList();
        foreach (var ret in outstanding)
        {
            var rep = audit.FindAgency(ret.AgencyId)?.Representative;
            if (rep is null)
            {
                continue;
            }

            if (!reachable.TryGetValue(rep.UserId, out var reached))
            {
                reached = reachable[rep.UserId] = await messenger.CanReachAsync(channel, rep, ct).ConfigureAwait(false);
                if (!reached)
                {
                    unreachable.Add(rep.DisplayName);
                }
            }

            // Nothing is queued to someone the bot cannot reach: the chair is asked to remind them instead.
            if (reached && await messenger.SendToPersonAsync(channel, rep, Card(audit, ret),
                    await KeyAsync(audit, ret, round, rep, ct).ConfigureAwait(false), AuditMessenger.Correlation(audit.Id), ct)
                    .ConfigureAwait(false) is not null)
            {
                count++;
            }
        }

        return new RemindersSent(count, unreachable, outstanding.Count);
    }

    /// <summary>
    /// Tells the chair, in their 1:1 chat, that the automatic round <paramref name="round"/> could reach nobody and whom to
    /// remind (names only, never a case), and that it goes to anyone it can reach before the due date; once per round, by its
    /// key. True when the card was queued.
    /// </summary>
    public Task<bool> TellChairNobodyRemindedAsync(Audit audit, AuditChannel channel, string round, RemindersSent sent,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(sent);
        var why = sent.Unreachable.Count == 0
            ? "no agency with a return outstanding has a representative. Choose one on the agency's card."
            : $"WorkshopBot could not reach {Names(sent.Unreachable)} in Teams (they may not have installed the app, or may have "
                + "closed or blocked their chat with it). Please remind them directly.";
        return TellChairAsync(audit, channel, $"{why} WorkshopBot will send it to anyone it can reach before returns are due "
            + $"{CardKit.DateTime(audit.ReturnsDueAt)}.", AuditMessageKey.NobodyReminded(audit.Id, round), ct);
    }

    /// <summary>
    /// Tells the chair, in their 1:1 chat, that Teams delivered none of the automatic round's reminders (<paramref name="failed"/>,
    /// each refused or given up on), and whom to remind: those, and the representatives it could not reach at all
    /// (<paramref name="unreachable"/>, to whom nothing was queued); once, by the messages' ids. True when the card was queued.
    /// </summary>
    public Task<bool> TellChairNotDeliveredAsync(Audit audit, AuditChannel channel, IReadOnlyList<OutboxMessage> failed,
        IReadOnlyList<string> unreachable, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(failed);
        ArgumentNullException.ThrowIfNull(unreachable);
        var names = ToolDelivery.NamesByTeamsId(audit, channel);
        var who = failed.Select(m => names.GetValueOrDefault(m.TargetUserId ?? string.Empty, "a representative")).Distinct().ToList();
        var others = unreachable.Except(who, StringComparer.Ordinal).ToList();
        var alsoNot = others.Count == 0 ? string.Empty
            : $", and WorkshopBot could not reach {Names(others)} in Teams (they may not have installed the app, or may have closed "
                + "or blocked their chat with it)";
        return TellChairAsync(audit, channel, $"Teams did not deliver it to {Names(who)} (they may have blocked WorkshopBot or "
            + $"not installed it){alsoNot}. Please remind them directly.", AuditMessageKey.Undelivered(audit.Id, failed.Select(m => m.Id)),
            ct);
    }

    /// <summary>
    /// Tells the chair, in their 1:1 chat, which agencies the automatic round <paramref name="round"/> did not remind though it
    /// reminded others (their representatives could not be reached in Teams, or Teams did not deliver it to them): agency
    /// names only, never a case or a person; once per round, by its key. True when the card was queued.
    /// </summary>
    public Task<bool> TellChairNotRemindedAsync(Audit audit, AuditChannel channel, string round, IReadOnlyList<string> agencies,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(agencies);
        var which = agencies.Count == 1 ? $"the representative of {Names(agencies)}" : $"the representatives of {Names(agencies)}";
        return TellChairAsync(audit, channel, $"The automatic reminder for the audit \"{CardKit.Literal(audit.Title)}\" reached the "
            + $"other representatives with a return outstanding, but not {which}. WorkshopBot could not reach them in Teams, or "
            + "Teams did not deliver it: they may not have installed the app, or may have closed or blocked their chat with it. "
            + "Please remind them directly.", AuditMessageKey.NotReminded(audit.Id, round), ct, NotRemindedTitle);
    }

    /// <summary>The title of the card that tells the chair which agencies an automatic round did not remind.</summary>
    public const string NotRemindedTitle = "Some agencies were not reminded";

    private Task<bool> TellChairAsync(Audit audit, AuditChannel channel, string why, AuditMessageKey key, CancellationToken ct) =>
        TellChairAsync(audit, channel, $"The automatic reminder for the audit \"{CardKit.Literal(audit.Title)}\" reached nobody: {why}",
            key, ct, "Nobody was reminded");

    private async Task<bool> TellChairAsync(Audit audit, AuditChannel channel, string text, AuditMessageKey key, CancellationToken ct,
        string title)
    {
        var card = NoticeCard.Create(title, text, Tone.Warning,
            CardKit.Go(TrackerScreen.Tracker, new AuditRefData(audit.Id), "Returns tracker"));
        return await messenger.SendToPersonAsync(channel, audit.Chair, card, key.ToString(), AuditMessenger.Correlation(audit.Id), ct)
            .ConfigureAwait(false) is not null;
    }

    private static string Names(IEnumerable<string> names) => string.Join(", ", names.Select(n => CardKit.Literal(n)));

    /// <summary>
    /// Sends the agency's representative the reminder of <paramref name="round"/> that was just withdrawn from the person they
    /// replaced (<see cref="ReplacedRepresentatives"/>), in the withdrawal's unit of work: only while returns are collected,
    /// for a return still not submitted, to a representative the bot can reach. Keyed by the round and that representative,
    /// so the round run again, or the withdrawal of a second card of the round, sends it to them once (<see cref="KeyAsync"/>).
    /// True when it was queued.
    /// </summary>
    public async Task<bool> RemindInsteadAsync(Audit audit, AuditReturn ret, string round, AuditChannel channel, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(ret);
        ArgumentNullException.ThrowIfNull(channel);
        if (audit.Status != AuditStatus.Issued || ret.IsReadOnly || audit.FindAgency(ret.AgencyId)?.Representative is not { } rep
            || !await messenger.CanReachAsync(channel, rep, ct).ConfigureAwait(false))
        {
            return false;
        }

        var key = AuditMessageKey.Reminder(audit.Id, ret.Id, round, rep.UserId).ToString();
        return await messenger.SendToPersonAsync(channel, rep, Card(audit, ret), key, AuditMessenger.Correlation(audit.Id), ct)
            .ConfigureAwait(false) is not null;
    }

    /// <summary>
    /// The round's reminder of the return: keyed by the round alone, as every round's reminder was; but once that one was
    /// withdrawn from a representative since replaced, the key names the representative it now goes to, so a round run again
    /// reminds the new one once (the same key as <see cref="RemindInsteadAsync"/>'s) and nobody twice.
    /// </summary>
    private async Task<string> KeyAsync(Audit audit, AuditReturn ret, string round, PersonRef rep, CancellationToken ct)
    {
        var key = AuditMessageKey.Reminder(audit.Id, ret.Id, round).ToString();
        return (await outboxStore.FindByDedupeKeyAsync(key, ct).ConfigureAwait(false))?.LastError == IOutboxStore.NoLongerForError
            ? AuditMessageKey.Reminder(audit.Id, ret.Id, round, rep.UserId).ToString()
            : key;
    }

    private AdaptiveCard Card(Audit audit, AuditReturn ret)
    {
        var due = CardKit.DateTime(audit.ReturnsDueAt);
        var when = audit.ReturnsDueAt is { } dueAt && time.GetUtcNow() > dueAt
            ? $"was due {due} and has not been submitted yet. You can still submit it: your answers so far are kept."
            : $"is due {due} and has not been submitted yet. Your answers so far are kept: carry on where you left off.";
        var open = CardKit.Go(ReturnsScreen.OpenReturn, new ReturnRefData(audit.Id, ret.Id, -1), "Open the audit tool",
            ActionStyle.Positive);
        // The agency's name comes after "for": "Your return for The Havens", never "Your The Havens return".
        return NoticeCard.Create($"Reminder: case {ret.CaseReference}",
            $"Your return for {CardKit.Literal(ret.AgencyName)} to the audit \"{CardKit.Literal(audit.Title)}\" {when}",
            Tone.Warning, open);
    }
}
