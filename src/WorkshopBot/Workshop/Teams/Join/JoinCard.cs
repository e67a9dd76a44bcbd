using WorkshopBot.Cards;
using WorkshopBot.Common.Teams;
using WorkshopBot.Workshop.Domain;
using static WorkshopBot.Workshop.Teams.WorkshopCardKit;

namespace WorkshopBot.Workshop.Teams;

/// <summary>The agency a person is here for, and the confirmation that they have joined.</summary>
public static class JoinCard
{
    public static AdaptiveCard ChooseAgency(WorkshopSession session) => new()
    {
        FallbackText = "Which agency are you here for?",
        Body =
        [
            Title("Join the workshop"),
            new ChoiceSetInput
            {
                Id = CardKit.InputId(nameof(JoinData.AgencyId)),
                Label = "Which agency are you here for?",
                IsRequired = true,
                ErrorMessage = "Choose your agency.",
                Choices =
                [
                    .. session.Agencies.Select(a => new Choice(Label(a.Name), a.Id)),
                    new Choice("Another agency or observer", JoinScreen.OtherAgency),
                ],
            },
        ],
        Actions = [ExecuteAction.Create(JoinScreen.Join, new JoinData(session.Id), "Join")],
    };

    public static AdaptiveCard Joined(WorkshopSession session, WorkshopParticipant participant) =>
        NoticeCard.Create("You have joined", $"You are taking part in the workshop for {Shown(session.AuditTitle)}"
            + (participant.AgencyName is null ? "." : $" for {Shown(participant.AgencyName)}.")
            + " Polls appear in this conversation; press Vote on a poll to take part.", Tone.Success);
}
