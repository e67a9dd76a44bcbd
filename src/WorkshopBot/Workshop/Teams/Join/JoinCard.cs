using WorkshopBot.Cards;
using WorkshopBot.Common.Teams;
using WorkshopBot.Workshop.Domain;
using static WorkshopBot.Workshop.Teams.WorkshopCardKit;

namespace WorkshopBot.Workshop.Teams;

/// <summary>The agency a person is here for, and the confirmation that they have joined.</summary>
public static class JoinCard
{
    /// <param name="pollId">The poll whose Vote button was pressed, carried to the answer (<see cref="Joined"/>).</param>
    /// <param name="withheld">
    /// The agencies this person may not join for: those the chair replaced them as the representative of
    /// (<see cref="Audits.Domain.Audit.AgenciesNoLongerRepresentedBy"/>). Every other choice stays.
    /// </param>
    /// <param name="notice">Why the choice they made was not taken, shown above the choices.</param>
    public static AdaptiveCard ChooseAgency(WorkshopSession session, string? pollId = null, IReadOnlyCollection<string>? withheld = null,
        string? notice = null) => new()
    {
        FallbackText = "Which agency are you here for?",
        Body =
        [
            Title("Join the workshop"),
            .. CardKit.Message(notice, Tone.Warning),
            new ChoiceSetInput
            {
                Id = CardKit.InputId(nameof(JoinData.AgencyId)),
                Label = "Which agency are you here for?",
                IsRequired = true,
                ErrorMessage = "Choose your agency.",
                Choices =
                [
                    .. session.Agencies.Where(a => withheld?.Contains(a.Id) != true).Select(a => new Choice(Label(a.Name), a.Id)),
                    new Choice("Another agency or observer", JoinScreen.OtherAgency),
                ],
            },
        ],
        Actions = [ExecuteAction.Create(JoinScreen.Join, new JoinData(session.Id, PollId: pollId), "Join")],
    };

    /// <param name="pollId">
    /// The poll whose Vote button led here: while it is open for voting, the card offers to vote on it at once.
    /// </param>
    public static AdaptiveCard Joined(WorkshopSession session, WorkshopParticipant participant, string? pollId = null)
    {
        var open = pollId is null ? null : session.FindPoll(pollId) is { IsOpen: true } poll ? poll : null;
        var text = $"You are taking part in the workshop for {Shown(session.AuditTitle)}"
            + (participant.AgencyName is null ? "." : $" for {Shown(participant.AgencyName)}.")
            + (open is null ? " Polls appear in this conversation; press Vote on a poll to take part." : " Press Vote to vote now.");
        return open is null
            ? NoticeCard.Create("You have joined", text, Tone.Success)
            : NoticeCard.Create("You have joined", text, Tone.Success,
                ExecuteAction.Create(BallotScreen.View, new PollRef(session.Id, open.Id), "Vote"));
    }
}
