using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Storage;
using WorkshopBot.Common.Teams;
using WorkshopBot.Hosting;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Audits.Teams;

/// <summary>The workshop's new date, from the dashboard's "Change the workshop date".</summary>
public sealed record RescheduleWorkshopData(Guid AuditId, string? WorkshopDate);

/// <summary>The chair (or an admin) moves the workshop to another day while the audit is open.</summary>
public sealed partial class DashboardScreen
{
    /// <summary>
    /// Moves the workshop to the day chosen, at 10:00 in England, as at creation, and tells each agency representative once
    /// the audit has been issued (<see cref="WorkshopMoveNotices"/>). Nothing else holds the date: the tracker, the audit
    /// tool, "my audits" and the reminders do not show it, and the reports and the briefing read it from the audit, so the
    /// answer here is the only card to update. The same day saved again (a double click, Teams retrying under a new activity
    /// id) is answered as the first; nothing changed, logged or sent.
    /// </summary>
    public async Task<InvokeResponse> RescheduleWorkshopAsync(TurnContext turn, RescheduleWorkshopData data, CancellationToken ct)
    {
        var chaired = await access.AuditAsync(turn, data.AuditId, ct).ConfigureAwait(false);
        if (chaired.Refused)
        {
            return chaired.Refusal;
        }

        var now = time.GetUtcNow();
        if (CardInput.Date(data.WorkshopDate) is not { } date)
        {
            return Reply.Card(DashboardCard.WorkshopDateForm(chaired.Value, null, "Choose the new workshop date."));
        }

        DateTimeOffset? previous = null;
        var changed = await store.ChangeAuditAsync(data.AuditId, a =>
        {
            // Run again from a fresh read when another press wrote first: the last run decides.
            previous = a.WorkshopAt;
            return a.RescheduleWorkshop(date, now);
        }, ct).ConfigureAwait(false);
        if (changed is { Status: ChangeStatus.Refused, Result.Error.Kind: DomainErrorKind.AlreadyDone, Value: { } same })
        {
            return Reply.Card(DashboardCard.Dashboard(same, message: Rescheduled(same), tone: Tone.Success, today: now));
        }

        if (!changed.Saved)
        {
            return ChairAccess.NotSaved(changed, (a, message) => a.Status == AuditStatus.Closed
                ? DashboardCard.Dashboard(a, message: message, tone: Tone.Warning, today: now)
                : DashboardCard.WorkshopDateForm(a, date, message));
        }

        // The representatives are told in this turn's commit, with the move: a redelivery commits nothing, so tells nobody twice.
        var audit = changed.Value!;
        var me = turn.Person();
        var told = await notices.TellAsync(audit, previous, me, now, ct).ConfigureAwait(false);
        await trail.RecordAsync(me, "audit.workshop-rescheduled", AuditSubjects.Audit, audit.Id,
            new { from = previous, to = audit.WorkshopAt, told = told.Told, notReached = told.Unreachable.Count }, ct)
            .ConfigureAwait(false);
        return Reply.Card(DashboardCard.Dashboard(audit, message: Rescheduled(audit) + told.Note,
            tone: told.Unreachable.Count > 0 ? Tone.Warning : Tone.Success, today: now));
    }

    private static string Rescheduled(Audit audit) => $"The workshop is now on {CardKit.DateTime(audit.WorkshopAt)}.";
}
