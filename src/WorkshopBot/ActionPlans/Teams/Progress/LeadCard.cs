using WorkshopBot.ActionPlans.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common.Teams;
using static WorkshopBot.Common.Teams.CardKit;

namespace WorkshopBot.ActionPlans.Teams;

/// <summary>The cards a lead (and the chair) receive in their 1:1 chat: the new action, reminders, overdue notices.</summary>
public static class LeadCard
{
    public static AdaptiveCard Assigned(PlannedAction action, DateOnly today) =>
        Card(action, today, "A new action for you", "You are the lead for this action of the action plan of "
            + $"\"{ActionCardKit.Shown(action.AuditTitle)}\". "
            + "Update its status here as it goes; mark it complete with evidence when it is done.", Tone.Info);

    public static AdaptiveCard Reminder(PlannedAction action, DateOnly today) =>
        Card(action, today, $"Reminder: {action.Label} is due {ActionCardKit.Day(action.DueOn)}",
            "Please update its status, or mark it complete with evidence if it is done.", Tone.Warning);

    /// <param name="chairTold">
    /// Whether the chair's own overdue notice is queued and can be expected to arrive (<see cref="ActionMessenger.ChairReachableAsync"/>).
    /// </param>
    public static AdaptiveCard Overdue(PlannedAction action, DateOnly today, bool chairTold) =>
        Card(action, today, $"{action.Label} is overdue", $"It was due {ActionCardKit.Day(action.DueOn)}. Please update its status"
            + (chairTold ? "; the audit's chair has been told and may extend it." : ". Tell the audit's chair if you need more time."),
            Tone.Warning);

    /// <param name="leadTold">
    /// Whether the lead's own overdue notice was queued and can be expected to arrive (<see cref="ActionMessenger.LeadReachableAsync"/>).
    /// </param>
    public static AdaptiveCard ChairOverdue(PlannedAction action, DateOnly today, bool leadTold) => new()
    {
        FallbackText = $"{action.Label} is overdue",
        Body = [Heading($"{action.Label} is overdue"),
            Banner($"{ActionCardKit.Shown(action.OwnerShown)}'s action (lead: {ActionCardKit.Shown(action.Lead.Person.DisplayName)}) "
                + $"was due {ActionCardKit.Day(action.DueOn)}. "
                + (leadTold ? "The lead has been told it is overdue." : "WorkshopBot cannot reach the lead in Teams: please tell them.")
                + " You can extend, reassign or close it.", Tone.Warning),
            .. ActionCardKit.Facts(action, today)],
        Actions = [Go(ManageScreen.Manage, new ActionRefData(action.Id), "Extend, reassign or close")],
    };

    /// <summary>A short notice to the lead about what the chair did, with a way to open the action.</summary>
    public static AdaptiveCard Notice(PlannedAction action, string title, string text, Tone tone) =>
        NoticeCard.Create(title, text, tone, Go(ProgressScreen.View, new ActionRefData(action.Id), "Open the action"));

    private static AdaptiveCard Card(PlannedAction action, DateOnly today, string title, string text, Tone tone) => new()
    {
        FallbackText = title,
        Body = [Heading(title), Banner(text, tone), .. ActionCardKit.Facts(action, today)],
        Actions = LeadButtons(action),
    };

    public static IReadOnlyList<CardAction> LeadButtons(PlannedAction action) => action.State == ActionState.Open
        ?
        [
            Go(ProgressScreen.UpdateForm, new ActionRefData(action.Id), "Update status", ActionStyle.Positive),
            Go(ProgressScreen.EvidenceForm, new ActionRefData(action.Id), "Mark complete (with evidence)"),
        ]
        : [Go(ProgressScreen.View, new ActionRefData(action.Id), "Open the action")];
}
