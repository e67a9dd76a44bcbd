using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Storage;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Audits.Teams;

public sealed record ExtendDueData(Guid AuditId, string? NewDueDate);

public sealed record ReopenData(Guid AuditId, string? ReturnId, string? Reason);

/// <summary>The reopen form: for the audit, and (once chosen) the agency whose submitted returns it lists.</summary>
public sealed record ReopenFormData(Guid AuditId, string? AgencyId = null);

/// <summary>The returns tracker: who has submitted, reminders, more time, and reopening a submitted return.</summary>
public sealed partial class TrackerScreen(
    ChairAccess access,
    AuditStore store,
    AuditTrail trail,
    FreeTextCheck privacy,
    AuditMessenger messenger,
    TrackerService tracker,
    ReminderSender reminders,
    DueDateNotices dueNotices,
    TimeProvider time)
{
    public const string Tracker = "audit.tracker";
    public const string Remind = "audit.remind";
    public const string ExtendDue = "audit.extend";
    public const string ReopenForm = "audit.reopen.form";
    public const string Reopen = "audit.reopen";
    public const string Release = "audit.release";

    /// <summary>The least time between two reminder rounds the chair sends from the tracker.</summary>
    public static readonly TimeSpan ManualReminderGap = TimeSpan.FromMinutes(10);

    public static void Map(ActivityRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        router.OnCardAction<AuditRefData>(Tracker, (t, d, ct) => t.Screen<TrackerScreen>().ShowAsync(t, d, ct));
        router.OnCardAction<AuditRefData>(Remind, (t, d, ct) => t.Screen<TrackerScreen>().RemindAsync(t, d, ct));
        router.OnCardAction<ExtendDueData>(ExtendDue, (t, d, ct) => t.Screen<TrackerScreen>().ExtendDueAsync(t, d, ct));
        router.OnCardAction<ReopenFormData>(ReopenForm, (t, d, ct) => t.Screen<TrackerScreen>().ReopenFormAsync(t, d, ct));
        router.OnCardAction<ReopenData>(Reopen, (t, d, ct) => t.Screen<TrackerScreen>().ReopenAsync(t, d, ct));
        router.OnCardAction<AuditRefData>(Release, (t, d, ct) => t.Screen<TrackerScreen>().ReleaseAsync(t, d, ct));
    }

    public async Task<InvokeResponse> ShowAsync(TurnContext turn, AuditRefData data, CancellationToken ct)
    {
        var chaired = await access.AuditAsync(turn, data.AuditId, ct).ConfigureAwait(false);
        return chaired.Refused ? chaired.Refusal : await CardAsync(chaired.Value, null, Tone.Info, ct).ConfigureAwait(false);
    }

    public async Task<InvokeResponse> RemindAsync(TurnContext turn, AuditRefData data, CancellationToken ct)
    {
        var chaired = await access.AuditAsync(turn, data.AuditId, ct).ConfigureAwait(false);
        if (chaired.Refused)
        {
            return chaired.Refusal;
        }

        // The reminders rely on the returns still being collected when they are stored: the audit is read again and the
        // commit depends on it, so a release (or a close) that lands first wins and the turn runs again from fresh reads.
        var audit = chaired.Value;
        var held = audit.Status == AuditStatus.Issued ? await store.GetAuditAsync(audit.Id, ct).ConfigureAwait(false) : null;
        if (held is not { Value.Status: AuditStatus.Issued })
        {
            return await CardAsync(held?.Value ?? audit, "Reminders can be sent only while returns are being collected.", Tone.Warning,
                ct).ConfigureAwait(false);
        }

        store.RequireUnchanged(held);
        audit = held.Value;
        var now = time.GetUtcNow();
        var channelRead = await store.GetChannelAsync(audit.Id, ct).ConfigureAwait(false);
        if (channelRead?.Value is not { } channel)
        {
            return await CardAsync(audit, "Reminders cannot be sent: this audit was not set up in a Teams conversation.", Tone.Warning, ct)
                .ConfigureAwait(false);
        }

        if (channel.ManualRemindedAt is { } last && now - last < ManualReminderGap)
        {
            return await CardAsync(audit, $"Reminders were sent at {CardKit.DateTime(last)}; the next can be "
                + $"sent {ManualReminderGap.TotalMinutes:0} minutes after that. Nothing was sent.", Tone.Info, ct).ConfigureAwait(false);
        }

        // Remind pressed twice: the commit depends on the channel record as read, so a press that stored its round first wins
        // and this one runs again from fresh reads, finds the gap, and sends nothing; the representatives get one reminder.
        store.RequireUnchanged(channelRead);
        var sent = await reminders.SendAsync(audit, $"manual-{channel.ManualReminders + 1}", ct).ConfigureAwait(false);
        if (!sent.RemindedNobody)
        {
            // Only a round that reminded someone starts the gap before the next: one that reached nobody leaves Remind free.
            await store.ChangeChannelAsync(audit.Id, c =>
            {
                c.ManualReminders++;
                c.ManualRemindedAt = now;
            }, ct).ConfigureAwait(false);
        }

        // The log counts the reminded returns and the representatives not reached; it names nobody.
        await trail.RecordAsync(turn.Person(), "audit.reminded", AuditSubjects.Audit, audit.Id,
            new { sent = sent.Sent, notReached = sent.Unreachable.Count, automatic = false }, ct).ConfigureAwait(false);
        var message = sent.RemindedNobody ? $"{sent.Message} You can press Remind again at any time." : sent.Message;
        var tone = sent.Unreachable.Count > 0 ? Tone.Warning : sent.RemindedNobody ? Tone.Info : Tone.Success;
        return await CardAsync(audit, message, tone, ct).ConfigureAwait(false);
    }

    public async Task<InvokeResponse> ExtendDueAsync(TurnContext turn, ExtendDueData data, CancellationToken ct)
    {
        var chaired = await access.AuditAsync(turn, data.AuditId, ct).ConfigureAwait(false);
        if (chaired.Refused)
        {
            return chaired.Refusal;
        }

        if (CardInput.Date(data.NewDueDate) is not { } date)
        {
            return await CardAsync(chaired.Value, "Choose the new due date.", Tone.Warning, ct).ConfigureAwait(false);
        }

        // The same date saved again (a double click, or Teams retrying under a new activity id, so the chair sees only this
        // answer) is answered as the first, not with "must be later than the current one"; nothing changed or logged.
        var dueAt = AuditDates.ReturnsDueOn(date);
        DateTimeOffset? previous = null;
        var changed = await store.ChangeAuditAsync(data.AuditId, a =>
        {
            // Run again from a fresh read when another press wrote first: the last run decides.
            previous = a.ReturnsDueAt;
            return AuditDates.SameDay(a.ReturnsDueAt, date) && a.Status == AuditStatus.Issued
                ? DomainResult.Fail(DomainErrorKind.AlreadyDone, "Already due then.")
                : a.ExtendDueDate(dueAt, time.GetUtcNow());
        }, ct).ConfigureAwait(false);
        if (changed is { Status: ChangeStatus.Refused, Result.Error.Kind: DomainErrorKind.AlreadyDone, Value: { } same })
        {
            return await CardAsync(same, $"Returns are now due {CardKit.DateTime(same.ReturnsDueAt)}.", Tone.Success, ct)
                .ConfigureAwait(false);
        }

        if (!changed.Saved)
        {
            return await CardAsync(changed.Value ?? chaired.Value, changed.Message, Tone.Warning, ct).ConfigureAwait(false);
        }

        // Those with returns to submit are told in this turn's commit, with the new date: a redelivery commits nothing, so
        // tells nobody twice. The log counts them; it names nobody.
        var audit = changed.Value!;
        var me = turn.Person();
        var told = await dueNotices.TellAsync(audit, previous, me, ct).ConfigureAwait(false);
        await trail.RecordAsync(me, "audit.due-extended", AuditSubjects.Audit, audit.Id,
            new { from = previous, dueAt = audit.ReturnsDueAt, told = told.Told, notReached = told.Unreachable.Count }, ct)
            .ConfigureAwait(false);
        var reached = await tracker.RefreshAsync(audit.Id, ct).ConfigureAwait(false);
        var message = TrackerService.WithChannelNote($"Returns are now due {CardKit.DateTime(audit.ReturnsDueAt)}.{told.Note}", reached);
        return await CardAsync(audit, message, reached && told.Unreachable.Count == 0 ? Tone.Success : Tone.Warning, ct)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// The chair releases the returns for moderation: until then each agency sees only its own return (need to know), and
    /// the workshop's grade polls do not show the agencies' single-agency grades. Reminders and extensions end with it.
    /// </summary>
    public async Task<InvokeResponse> ReleaseAsync(TurnContext turn, AuditRefData data, CancellationToken ct)
    {
        var chaired = await access.AuditAsync(turn, data.AuditId, ct).ConfigureAwait(false);
        if (chaired.Refused)
        {
            return chaired.Refusal;
        }

        var changed = await store.ChangeAuditAsync(data.AuditId, a => a.ReleaseForModeration(time.GetUtcNow()), ct).ConfigureAwait(false);
        if (!changed.Saved)
        {
            var released = (changed.Value ?? chaired.Value).ReturnsReleased;
            return await CardAsync(changed.Value ?? chaired.Value,
                released ? "The returns were already released for moderation." : "The returns can be released only while they are "
                    + "being collected.", released ? Tone.Info : Tone.Warning, ct).ConfigureAwait(false);
        }

        var audit = changed.Value!;
        await trail.RecordAsync(turn.Person(), "audit.returns-released", AuditSubjects.Audit, audit.Id,
            new { releasedAt = audit.ReleasedForModerationAt }, ct).ConfigureAwait(false);
        var reached = await tracker.RefreshAsync(audit.Id, ct).ConfigureAwait(false);
        return await CardAsync(audit, TrackerService.WithChannelNote("Returns released for moderation. A workshop grade poll shows "
            + "each agency's single-agency grade once you next use its chair controls.", reached), reached ? Tone.Success : Tone.Warning,
            ct).ConfigureAwait(false);
    }

    private async Task<InvokeResponse> CardAsync(Audit audit, string? message, Tone tone, CancellationToken ct) =>
        Reply.Card(await tracker.CardAsync(audit, message, tone, ct).ConfigureAwait(false));
}
