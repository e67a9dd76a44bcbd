using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common.Teams;
using WorkshopBot.Workshop.Domain;
using static WorkshopBot.Workshop.Teams.WorkshopCardKit;

namespace WorkshopBot.Workshop.Teams;

/// <summary>The chair's choice of audit, and the workshop's own card in the channel (Join, the chair's panel, the export).</summary>
public static class StartCard
{
    /// <summary>Posted where everyone reads it, so it names no audit: the button answers the chair alone with the list.</summary>
    public static AdaptiveCard ChooseInPrivate() => new()
    {
        FallbackText = "Start a workshop: choose the audit.",
        Body =
        [
            Title("Start a workshop"),
            new TextBlock
            {
                Text = "You chair more than one audit. Press Choose the audit: the list is shown to you alone, not to the others here.",
                Wrap = true,
            },
        ],
        Actions = [ExecuteAction.Create(StartScreen.Choose, new StartWorkshopData(), "Choose the audit")],
    };

    public static AdaptiveCard ChooseAudit(IReadOnlyList<Audit> audits) => new()
    {
        FallbackText = "Choose the audit for this workshop.",
        Body =
        [
            Title("Start a workshop"),
            new ChoiceSetInput
            {
                Id = CardKit.InputId(nameof(StartWorkshopData.AuditId)),
                Label = "Which audit is this workshop for?",
                IsRequired = true,
                ErrorMessage = "Choose an audit.",
                Choices = audits.Select(a => new Choice(Label(a.Title), a.Id.ToString())).ToList(),
                Value = audits.Count > 0 ? audits[0].Id.ToString() : null,
            },
        ],
        Actions = [ExecuteAction.Create(StartScreen.Start, new StartWorkshopData(), "Start workshop")],
    };

    public static AdaptiveCard Workshop(WorkshopSession session, int participants) => new()
    {
        FallbackText = $"Workshop: {session.AuditTitle}. Press Join to take part.",
        MsTeams = TeamsCardProperties.FullWidth,
        Body =
        [
            Title("Multi-agency audit workshop"),
            new TextBlock { Text = Shown(session.AuditTitle), Wrap = true, Weight = TextWeight.Bolder },
            new TextBlock
            {
                Text = $"Chair: {Shown(session.Chair.DisplayName)} · {Plural(participants, "participant")} · "
                    + Plural(session.Cases.Count, "case"),
                Wrap = true,
                IsSubtle = true,
            },
            new TextBlock
            {
                Text = "Ground rules: what is said here stays here. "
                    + "Use case references only; never a child's name, date of birth, NHS number or address.",
                Wrap = true,
                Size = TextSize.Small,
            },
        ],
        Actions =
        [
            ExecuteAction.Create(JoinScreen.Join, new JoinData(session.Id), "Join") with { Style = ActionStyle.Positive },
            ExecuteAction.Create(PollsScreen.ChairPanel, new WorkshopRef(session.Id), "Chair: new poll"),
            ExecuteAction.Create(ExportScreen.Export, new WorkshopRef(session.Id), "Chair: export CSV"),
        ],
    };
}
