using Microsoft.Extensions.Options;
using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.ActionPlans.Storage;
using WorkshopBot.ActionPlans.Teams;
using WorkshopBot.Common;
using WorkshopBot.Common.Storage;

namespace WorkshopBot.ActionPlans.Jobs;

/// <summary>
/// What one pass of <see cref="ActionJobs.RunOnceAsync"/> did: reminders and overdue notices sent, and the actions whose
/// step failed (logged; tried again on the next pass).
/// </summary>
public sealed record ActionJobReport(int Reminders, int OverdueNotices, int Failed = 0);

/// <summary>
/// Reminds leads before an action's due date, and once it is overdue tells the lead and raises it with the chair; once
/// per due date each (extending the date starts again), from 09:00 England time on their day (see
/// <see cref="PlannedAction.ReminderFrom"/>); not once the audit is closed. Each action's step runs in its own
/// unit of work through <see cref="WorkRunner"/>: the notices, the action's record of them, the tracker update and the log
/// entry commit together, and only if the audit is still as the step read it (open). The actions of closed audits are not
/// candidates at all (not read again every pass). A step that fails is logged and the pass goes on to the next action.
/// </summary>
public sealed partial class ActionJobs(
    IServiceScopeFactory scopes, WorkRunner runner, IOptions<ActionPlansOptions> options, TimeProvider time, ILogger<ActionJobs> logger)
    : BackgroundService
{
    public const string BotActor = "workshopbot";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.RunJobsInBackground
            ? JobLoop.RunAsync(RunOnceAsync, options.Value.JobInterval, time, LogJobFailed, stoppingToken)
            : Task.CompletedTask;

    public async Task<ActionJobReport> RunOnceAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        List<PlannedAction> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var candidates = (await scope.ServiceProvider.GetRequiredService<ActionStore>().ListAllAsync(ct).ConfigureAwait(false))
                .Where(a => NeedsReminder(a, now) || a.NeedsOverdueNotice(now))
                .ToList();
            var open = await OpenAuditsAsync(scope.ServiceProvider.GetRequiredService<ActionSources>(), candidates, ct)
                .ConfigureAwait(false);
            due = candidates.Where(a => open.Contains(a.AuditId)).ToList();
        }

        var reminders = 0;
        var overdue = 0;
        var failed = 0;
        foreach (var action in due)
        {
            Step done;
            try
            {
                done = await runner.RunAsync((services, c) => StepAsync(services, action.Id, action.TenantId, c), ct)
                    .ConfigureAwait(false);
            }
            catch (Exception ex) when (!JobLoop.EndsTheLoop(ex, ct))
            {
                // Nothing of the step was stored: it is tried again on the next pass, and the other actions are not held up.
                LogStepFailed(ex, action.Id);
                failed++;
                continue;
            }

            reminders += done == Step.Reminded ? 1 : 0;
            overdue += done == Step.Overdue ? 1 : 0;
        }

        return new ActionJobReport(reminders, overdue, failed);
    }

    /// <summary>
    /// The audits of <paramref name="candidates"/> that are still open: a closed audit's plan is kept as it stood, so its
    /// overdue actions stay overdue for ever and would otherwise be read again, each in a unit of work, every pass. (Each
    /// step still holds the audit open until its commit, for a close that lands meanwhile.)
    /// </summary>
    private static async Task<HashSet<Guid>> OpenAuditsAsync(ActionSources sources, IEnumerable<PlannedAction> candidates,
        CancellationToken ct)
    {
        var open = new HashSet<Guid>();
        foreach (var (auditId, tenantId) in candidates.Select(a => (a.AuditId, a.TenantId)).Distinct())
        {
            if (await sources.FindAuditAsync(auditId, tenantId, ct).ConfigureAwait(false) is { } audit && !ActionGuard.IsClosed(audit))
            {
                open.Add(auditId);
            }
        }

        return open;
    }

    private bool NeedsReminder(PlannedAction a, DateTimeOffset now) => a.NeedsReminder(now, options.Value.ReminderDaysBefore);

    private async Task<Step> StepAsync(IServiceProvider services, Guid actionId, string tenantId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var today = EnglandTime.DateOf(now);
        var store = services.GetRequiredService<ActionStore>();
        var messenger = services.GetRequiredService<ActionMessenger>();
        var trail = services.GetRequiredService<AuditTrail>();
        var action = await store.GetAsync(actionId, tenantId, ct).ConfigureAwait(false);
        var plan = action is null ? null : await store.GetPlanAsync(action.AuditId, tenantId, ct).ConfigureAwait(false);

        // A closed audit's plan is kept as it stood: monitoring is over, so nobody is reminded or chased. The step's commit
        // depends on the audit staying as read (HoldAuditAsync): closed before the commit, and the step runs again from
        // fresh reads and sends nothing, so a close that lands first wins.
        var audit = plan is null ? null : await services.GetRequiredService<ActionSources>()
            .HoldAuditAsync(plan.AuditId, tenantId, ct).ConfigureAwait(false);
        if (action is null || plan is null || audit is null || ActionGuard.IsClosed(audit))
        {
            return Step.None;
        }

        // The change reads the action afresh, and the commit depends on that read: refused, another instance's pass has just
        // sent this very notice (the action it read here was older), so this one sends and logs nothing.
        Step step;
        bool leadTold;
        var chairTold = false;
        if (action.NeedsOverdueNotice(now))
        {
            var changed = await store.ChangeAsync(action.Id, a => a.MarkOverdueNoticeSent(), ct).ConfigureAwait(false);
            if (!changed.Saved)
            {
                return Step.None;
            }

            // Whether the chair is reached is known before the lead's card is written: it tells the lead whether the chair knows.
            // Each card is queued even to someone the bot cannot reach (it may still arrive), but says they were told only
            // when they can be reached.
            action = changed.Value!;
            chairTold = await messenger.ChairReachableAsync(plan, ct).ConfigureAwait(false);
            var toLead = await messenger.ToLeadAsync(plan, action, LeadCard.Overdue(action, today, chairTold),
                $"overdue-{action.DueOn:yyyyMMdd}", ct).ConfigureAwait(false);
            leadTold = toLead is not null && await messenger.LeadReachableAsync(plan, action, ct).ConfigureAwait(false);
            var toChair = await messenger.ToChairAsync(plan, action, LeadCard.ChairOverdue(action, today, leadTold),
                $"overdue-{action.DueOn:yyyyMMdd}", ct).ConfigureAwait(false);
            chairTold = chairTold && toChair is not null;
            step = Step.Overdue;
        }
        else if (NeedsReminder(action, now))
        {
            var changed = await store.ChangeAsync(action.Id, a => a.MarkReminded(), ct).ConfigureAwait(false);
            if (!changed.Saved)
            {
                return Step.None;
            }

            action = changed.Value!;
            var toLead = await messenger.ToLeadAsync(plan, action, LeadCard.Reminder(action, today),
                $"reminder-{action.DueOn:yyyyMMdd}", ct).ConfigureAwait(false);
            leadTold = toLead is not null && await messenger.LeadReachableAsync(plan, action, ct).ConfigureAwait(false);
            step = Step.Reminded;
        }
        else
        {
            return Step.None;
        }

        // Who was told is who had a card queued and can be reached, as the cards say: not a lead or chair the bot has no way
        // to reach, or whose 1:1 chat with it is closed (the tracker shows it).
        await trail.RecordForAsync(BotActor, action.TenantId, step == Step.Overdue ? "action.overdue" : "action.reminded", "action",
            action.Id.ToString("D"), new { due = action.DueOn, lead = action.Lead.Person.UserId, leadTold, chairTold }, ct)
            .ConfigureAwait(false);
        if (step == Step.Overdue)
        {
            await messenger.RefreshTrackerAsync(action.AuditId, tenantId, ct).ConfigureAwait(false);
        }

        return step;
    }

    private enum Step
    {
        None,
        Reminded,
        Overdue,
    }

    [LoggerMessage(EventId = 3102, Level = LogLevel.Error, Message = "An action plan background job failed; it will run again")]
    private partial void LogJobFailed(Exception exception);

    [LoggerMessage(EventId = 1409, Level = LogLevel.Error,
        Message = "The reminder or overdue step of action {ActionId} failed; it is tried again on the next pass, the others go on")]
    private partial void LogStepFailed(Exception exception, Guid actionId);
}
