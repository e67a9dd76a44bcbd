using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common.Teams;
using static WorkshopBot.Common.Teams.CardKit;

namespace WorkshopBot.Audits.Teams;

/// <summary>Handing the audit's chair to someone else: the form, and the notice the new chair is sent.</summary>
public static class ChairCard
{
    /// <summary>The reasons offered, as the card shows them; the value sent is the reason (<see cref="ChairHandoverReason"/>).</summary>
    private static readonly Choice[] Reasons =
    [
        new("The chair has left the role", nameof(ChairHandoverReason.LeftRole)),
        new("The chair is away for some time", nameof(ChairHandoverReason.Absent)),
        new("Another reason", nameof(ChairHandoverReason.Other)),
    ];

    /// <summary>
    /// The form: the new chair from the audit's team (people of its organisation with a directory account, not the chair),
    /// and the reason from a fixed list. It carries the chair it was drawn for, so a press after another handover changes nothing.
    /// </summary>
    public static AdaptiveCard Form(Audit audit, IReadOnlyList<TeamMember> members, string? message = null)
    {
        var body = new List<CardElement>
        {
            Heading($"Hand over the chair: {Literal(audit.Title)}"),
            Subtle($"Chaired by {Literal(audit.Chair.DisplayName)}"),
            new TextBlock("The new chair takes over everything the chair does in this audit: its returns tracker, workshop, "
                + "briefing and action plan. Any immediate-safety alert not yet acknowledged is sent to them at once, and the "
                + "chair now can no longer open this audit's chair cards.") { Wrap = true },
        };
        body.AddRange(Message(message, Tone.Warning));
        body.AddRange(TeamRoster.PickerNotes(members.Count));

        body.Add(new ChoiceSetInput
        {
            Id = "newChair", Label = "New chair", IsRequired = true, ErrorMessage = "Choose the new chair.",
            Style = ChoiceInputStyle.Compact, Choices = TeamRoster.Choices(members),
        });
        body.Add(new ChoiceSetInput
        {
            Id = "reason", Label = "Why", IsRequired = true, ErrorMessage = "Choose why the chair is handed over.",
            Style = ChoiceInputStyle.Expanded, Choices = [.. Reasons],
        });
        return new AdaptiveCard
        {
            FallbackText = $"Hand over the chair: {audit.Title}",
            Body = body,
            Actions =
            [
                Go(ChairScreen.Save, new { auditId = audit.Id, chairWas = audit.Chair.UserId }, "Hand over", ActionStyle.Positive),
                Go(DashboardScreen.Dashboard, new AuditRefData(audit.Id), "Back to the audit"),
            ],
        };
    }

    /// <summary>What a new chair reads when the returns tracker is not posted where they can see it.</summary>
    public const string TrackerNotPosted = "The returns tracker is not posted in a chat of yours, because this audit was set up "
        + "in the previous chair's chat: choose Returns tracker whenever you want to see how the returns stand.";

    /// <summary>
    /// What the new chair is told in their 1:1 chat: the audit, that they chair it now, and what is waiting; with
    /// <paramref name="trackerNotPosted"/> (the audit was set up in the chair before's 1:1 chat, where the tracker stays), how
    /// to see the returns instead, and a button to the tracker.
    /// </summary>
    public static AdaptiveCard NewChair(Audit audit, int openAlerts, int pendingRequests, int pendingSignOffs = 0,
        int overdueActions = 0, bool trackerNotPosted = false)
    {
        var waiting = new List<string>();
        if (openAlerts > 0)
        {
            waiting.Add($"{Plural(openAlerts, "immediate-safety alert")} not yet acknowledged: "
                + (openAlerts == 1 ? "it has" : "they have") + " been sent to you here. Please read and acknowledge "
                + (openAlerts == 1 ? "it" : "them") + " now.");
        }

        if (pendingRequests > 0)
        {
            waiting.Add($"{Plural(pendingRequests, "request")} to reopen a submitted return, not yet answered: "
                + (pendingRequests == 1 ? "it has" : "they have") + " been sent to you here.");
        }

        if (pendingSignOffs > 0)
        {
            waiting.Add($"{Plural(pendingSignOffs, "action")} of the action plan waiting for sign-off: "
                + (pendingSignOffs == 1 ? "it has" : "they have") + " been sent to you here.");
        }

        if (overdueActions > 0)
        {
            waiting.Add($"{Plural(overdueActions, "action")} of the action plan overdue: you can extend, reassign or close "
                + (overdueActions == 1 ? "it" : "them") + " from the plan.");
        }

        var text = $"You are now the chair of \"{Literal(audit.Title)}\" ({audit.StageInWords}). "
            + (waiting.Count == 0 ? "Nothing is waiting for you just now." : "Waiting for you: " + string.Join(" ", waiting))
            + " Open the audit to see where it stands." + (trackerNotPosted ? " " + TrackerNotPosted : string.Empty);
        var id = new AuditRefData(audit.Id);
        CardAction[] actions = trackerNotPosted
            ? [Go(DashboardScreen.Dashboard, id, "Open the audit"), Go(TrackerScreen.Tracker, id, "Returns tracker")]
            : [Go(DashboardScreen.Dashboard, id, "Open the audit")];
        return NoticeCard.Create("You are now the chair of an audit", text, openAlerts > 0 ? Tone.Warning : Tone.Info, actions);
    }

    /// <summary>
    /// What the chair who handed the audit over themselves sees: they no longer open its chair cards, and whether the new
    /// chair was told (<paramref name="newChairTold"/>) or has to be asked to open WorkshopBot.
    /// </summary>
    public static AdaptiveCard HandedOverByChair(Audit audit, bool newChairTold) => NoticeCard.Create("Chair handed over",
        $"{Literal(audit.Chair.DisplayName)} is now the chair of \"{Literal(audit.Title)}\""
        + (newChairTold
            ? " and has been told in their chat with WorkshopBot."
            : ". WorkshopBot cannot reach them in Teams yet: please ask them to open WorkshopBot, then type returns in their chat "
                + "with it.")
        + " You can no longer open this audit's chair cards. Thank you.", newChairTold ? Tone.Success : Tone.Warning);
}
