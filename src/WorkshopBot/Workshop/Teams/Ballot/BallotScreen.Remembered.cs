using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Workshop.Teams;

// Whether a vote decided on a remembered voter would count (WorkshopAccess.VoterForVoteAsync): the same checks, in the
// same order, as the handlers make before they queue it. Anything else is answered from fresh reads.
public sealed partial class BallotScreen
{
    private bool DotCounts(TurnContext turn, DotData data, VoterRead read) =>
        read.Found.Value is { } target
        && target.Poll is { Kind: PollKind.IdeaBoard } poll
        && data.Delta is 1 or -1
        && poll.FindOption(data.OptionId) is not null
        && NotOpenNotice(poll) is null
        && read.Voter.MoveDot(target.Session.Id, turn.Person().UserId, data.OptionId!, data.Delta, time.GetUtcNow()).Change is not null;

    private bool ChoiceCounts(TurnContext turn, IReadOnlyCollection<string> chosen, VoterRead read) =>
        read.Found.Value is { } target
        && ChoiceFits(target.Poll, chosen)
        && NotOpenNotice(target.Poll) is null
        && read.Voter.SetChoices(target.Session.Id, turn.Person().UserId, chosen, time.GetUtcNow()).Change is not null;

    private static bool IsSingle(Poll poll) => poll.Kind is PollKind.SingleChoice or PollKind.Rating or PollKind.GradeRatification;

    /// <summary>The choices name options of this poll, one for a single-choice poll (an idea board takes dots, not choices).</summary>
    private static bool ChoiceFits(Poll poll, IReadOnlyCollection<string> chosen) =>
        poll.Kind != PollKind.IdeaBoard
        && chosen.Count > 0
        && (!IsSingle(poll) || chosen.Count == 1)
        && chosen.All(c => poll.FindOption(c) is not null);
}
