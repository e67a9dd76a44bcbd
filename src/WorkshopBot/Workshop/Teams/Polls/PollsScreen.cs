using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Storage;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Jobs;
using WorkshopBot.Workshop.Storage;

namespace WorkshopBot.Workshop.Teams;

/// <summary>Data of <see cref="PollsScreen.CreatePoll"/>: the chair panel's inputs.</summary>
public sealed record CreatePollData(
    Guid WorkshopId,
    string? PollType = null,
    string? Prompt = null,
    string? Anonymous = null,
    string? Dots = null,
    string? MaxPerItem = null,
    string? Visibility = null,
    string? Timer = null,
    string? Choices = null,
    string? CaseReference = null) : IWorkshopCardData
{
    public bool IdsWellFormed => WorkshopCardIds.AreWellFormed(PollType, Anonymous, Visibility, CaseReference);
}

/// <summary>Values of the chair panel's "Kind" input (<see cref="CreatePollData.PollType"/>).</summary>
public static class PollTypes
{
    public const string WorkedWell = "worked-well";
    public const string CouldImprove = "could-improve";
    public const string CustomBoard = "custom-board";
    public const string Single = "single";
    public const string Multiple = "multiple";
    public const string RatingFive = "rating-5";
    public const string RatingAgree = "rating-agree";
    public const string Grade = "grade";
}

/// <summary>Data of <see cref="PollsScreen.Phase"/>: open, close, reopen, reset or reveal.</summary>
public sealed record PhaseData(Guid WorkshopId, string PollId, string? Action = null) : IPollData, IWorkshopCardData
{
    public bool IdsWellFormed => WorkshopCardIds.AreWellFormed(PollId, Action);
}

/// <summary>Phase actions of <see cref="PhaseData.Action"/>.</summary>
public static class PhaseActions
{
    public const string Open = "open";
    public const string Close = "close";
    public const string Reopen = "reopen";
    public const string Reset = "reset";
    public const string Reveal = "reveal";
}

/// <summary>
/// The chair's polls: the panel for a new poll (posted to the conversation as its own card), and each poll's controls,
/// where voting is opened, closed, reopened, reset or revealed.
/// </summary>
public sealed class PollsScreen(
    WorkshopAccess access,
    PollGrades grades,
    DocumentChanges documents,
    WorkshopVoteWork voteWork,
    PollPhases phases,
    PollCardPublisher cards,
    ChairControls controls,
    LiveCardCoalescer coalescer,
    UnitOfWork work,
    AuditTrail trail,
    FreeTextCheck privacy,
    ClosedAuditGuard closedAudit,
    AuditStages stages,
    TimeProvider time)
{
    public const string ChairPanel = "workshop.chair";
    public const string CreatePoll = "workshop.poll.create";
    public const string Manage = "workshop.poll.manage";
    public const string Phase = "workshop.poll.phase";
    public const string OpenAnyway = "workshop.poll.open.anyway";

    public static void Map(ActivityRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        router.OnWorkshopCard<WorkshopRef>(ChairPanel, (turn, data, ct) => turn.Screen<PollsScreen>().ChairPanelAsync(turn, data, ct));
        router.OnWorkshopCard<CreatePollData>(CreatePoll, (turn, data, ct) => turn.Screen<PollsScreen>().CreatePollAsync(turn, data, ct));
        router.OnWorkshopCard<PollRef>(Manage, (turn, data, ct) => turn.Screen<PollsScreen>().ManageAsync(turn, data, ct));
        router.OnWorkshopCard<PhaseData>(Phase, (turn, data, ct) => turn.Screen<PollsScreen>().PhaseAsync(turn, data, ct));
        router.OnWorkshopCard<OpenAnywayData>(OpenAnyway, (turn, data, ct) => turn.Screen<PollsScreen>()
            .PhaseAsync(turn, new PhaseData(data.WorkshopId, data.PollId, PhaseActions.Open), ct, openAnyway: true));
    }

    public async Task<InvokeResponse> ChairPanelAsync(TurnContext turn, WorkshopRef data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var found = await access.ChairedToReadAsync(turn, data.WorkshopId, cancellationToken).ConfigureAwait(false);
        return found.IsRefused(out var refusal, out var session)
            ? refusal
            : Reply.Card(PollsCard.ChairPanel(session));
    }

    public async Task<InvokeResponse> CreatePollAsync(TurnContext turn, CreatePollData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var found = await access.ChairedAsync(turn, data.WorkshopId, cancellationToken).ConfigureAwait(false);
        if (found.IsRefused(out var refusal, out var existing))
        {
            return refusal;
        }

        // The poll's card goes to the conversation the button was pressed in: only the workshop's own (a card replayed in
        // another channel would put the workshop's poll, and a grade poll's released grades, there).
        if (!WorkshopAccess.InItsConversation(turn, existing))
        {
            return WorkshopAccess.Gone();
        }

        var (closed, audit) = await closedAudit.CheckAsync(existing, cancellationToken).ConfigureAwait(false);
        if (closed is not null)
        {
            return closed;
        }

        if (ToDefinition(data) is not { } definition)
        {
            return Reply.Refusal("Poll not created", "Check the poll settings: choose a kind of poll, and give dots, "
                + "the most dots on one idea and the timer as whole numbers.");
        }

        var released = definition.Kind == PollKind.GradeRatification
            ? await grades.ReadAsync(existing, definition.CaseReference, cancellationToken).ConfigureAwait(false)
            : null;
        var now = time.GetUtcNow();
        var created = await documents.ChangeAsync(WorkshopRepository.Kind, WorkshopRepository.KeyOf(existing.Id),
            s => s.AddPoll(definition, released, privacy, now), cancellationToken).ConfigureAwait(false);
        if (!created.Saved)
        {
            return Reply.Refusal("Poll not created",
                created.Status == ChangeStatus.NotFound ? "This workshop is no longer kept, so no poll was created." : created.Message);
        }

        var (session, poll) = (created.Value!, created.Result.Value!);
        var rules = new PollVotingRules(poll.Id, session.Id, PollVotingStatus.NotOpen, poll.Budget, poll.MaxPerOption, null);
        // The vote store's rules row commits with the poll and its card, or not at all: a turn that fails leaves no rules
        // row for a poll that was never saved.
        voteWork.Register(rules, now);
        // The chair's first poll after the returns were released means the workshop has begun.
        await stages.ReachedAsync(session.AuditId, AuditStatus.Workshop, turn.Person(), audit, cancellationToken).ConfigureAwait(false);
        session = await cards.PostPollCardAsync(turn, session, poll, cancellationToken).ConfigureAwait(false);

        // The chair pressed "Chair: new poll" on the workshop card, which the panel and then these controls replaced: put
        // the workshop card back so Join, the next poll and the export stay at hand (the board has its own Chair button).
        coalescer.MarkChangedOnCommit(work, session.Conversation.ConversationId, session.Id, PollCardPublisher.WorkshopCard);
        await trail.RecordAsync(turn.Person(), "workshop.poll.create", "workshop-poll", poll.Id,
            new
            {
                workshopId = session.Id,
                kind = poll.Kind,
                prompt = AuditTrail.Fingerprint(poll.Prompt),
                poll.Anonymous,
                poll.DotsPerVoter,
                poll.Visibility,
                poll.TimerMinutes,
            },
            cancellationToken).ConfigureAwait(false);
        return await controls.ShowAsync(session, session.FindPoll(poll.Id)!, "Poll created and posted.", cancellationToken)
            .ConfigureAwait(false);
    }

    public async Task<InvokeResponse> ManageAsync(TurnContext turn, PollRef data, CancellationToken cancellationToken)
    {
        var found = await access.ChairedPollAsync(turn, data, cancellationToken).ConfigureAwait(false);
        if (found.IsRefused(out var refusal, out var target))
        {
            return refusal;
        }

        // The chair's controls are where grades released since the poll was made first show: the poll's card follows.
        var (session, _) = await grades.RefreshAsync(target.Session, target.Poll, cancellationToken).ConfigureAwait(false);
        return await controls.ShowAsync(session, session.FindPoll(target.Poll.Id)!, null, cancellationToken).ConfigureAwait(false);
    }

    /// <param name="openAnyway">The chair was told the board has fewer places than dots and chose to open it all the same.</param>
    public async Task<InvokeResponse> PhaseAsync(TurnContext turn, PhaseData data, CancellationToken cancellationToken,
        bool openAnyway = false)
    {
        var found = await access.ChairedPollAsync(turn, data, cancellationToken).ConfigureAwait(false);
        if (found.IsRefused(out var refusal, out var target))
        {
            return refusal;
        }

        // Closing voting stays possible after the audit closes; every other phase change (opening, reopening, resetting,
        // revealing) does not, whatever a stale card still offers (a vote itself reads no audit).
        var (closed, audit) = data.Action is not PhaseActions.Close
            ? await closedAudit.CheckAsync(target.Session, cancellationToken).ConfigureAwait(false)
            : (null, null);
        if (closed is not null)
        {
            return closed;
        }

        if (data.Action is PhaseActions.Open && !openAnyway && OpenVotingCheck.Warning(target.Session, target.Poll) is { } warning)
        {
            return Reply.Card(warning);
        }

        // Grades as the returns now stand, so the card the phase change queues shows them.
        await grades.RefreshAsync(target.Session, target.Poll, cancellationToken).ConfigureAwait(false);
        var changed = await phases.ApplyAsync(target.Session.Id, data.PollId, data.Action, turn.Person(), cancellationToken)
            .ConfigureAwait(false);
        if (changed.Value is not { } saved)
        {
            return WorkshopAccess.Gone();
        }

        if (changed.Saved && data.Action is PhaseActions.Open)
        {
            // Voting opened on a poll made before the returns were released: the workshop has begun all the same.
            await stages.ReachedAsync(saved.AuditId, AuditStatus.Workshop, turn.Person(), audit, cancellationToken).ConfigureAwait(false);
            await access.RememberEveryoneAsync(turn, saved, saved.FindPoll(data.PollId)!, cancellationToken).ConfigureAwait(false);
        }

        var notice = changed.Saved ? PhaseDone(data.Action) : changed.Message;
        return await controls.ShowAsync(saved, saved.FindPoll(data.PollId)!, notice, cancellationToken,
            cleared: changed.Saved && data.Action is PhaseActions.Reset).ConfigureAwait(false);
    }

    /// <summary>The chair's settings as a poll definition; null when a number is not a whole number or the kind is unknown.</summary>
    private static PollDefinition? ToDefinition(CreatePollData data)
    {
        if (!CardInput.TryWholeNumber(data.Dots, 5, 0, 10_000, out var dots)
            || !CardInput.TryWholeNumber(data.MaxPerItem, 1, 0, 10_000, out var maxPerItem)
            || !CardInput.TryWholeNumber(data.Timer, 0, 0, 10_000, out var timer))
        {
            return null;
        }

        var visibility = CardInput.Enum<ResultsVisibility>(data.Visibility) ?? ResultsVisibility.Live;
        var anonymous = CardInput.Flag(data.Anonymous);
        var prompt = data.Prompt ?? "";
        int? minutes = timer > 0 ? timer : null;
        var choices = CardInput.List(data.Choices, '\n');
        PollDefinition Board(IdeaBoardKind board) =>
            new(PollKind.IdeaBoard, prompt, board, anonymous, dots, maxPerItem, visibility, minutes);
        PollDefinition Rating(RatingScale scale) =>
            new(PollKind.Rating, prompt, Visibility: visibility, TimerMinutes: minutes, RatingScale: scale);
        return data.PollType switch
        {
            PollTypes.WorkedWell => Board(IdeaBoardKind.WorkedWell),
            PollTypes.CouldImprove => Board(IdeaBoardKind.CouldImprove),
            PollTypes.CustomBoard => Board(IdeaBoardKind.Custom),
            PollTypes.Single => new(PollKind.SingleChoice, prompt, Visibility: visibility, TimerMinutes: minutes, Choices: choices),
            PollTypes.Multiple => new(PollKind.MultipleChoice, prompt, Visibility: visibility, TimerMinutes: minutes, Choices: choices),
            PollTypes.RatingFive => Rating(RatingScale.OneToFive),
            PollTypes.RatingAgree => Rating(RatingScale.AgreeDisagree),
            PollTypes.Grade => new(PollKind.GradeRatification, prompt, Visibility: visibility, TimerMinutes: minutes,
                CaseReference: data.CaseReference),
            // The panel always sends a kind; none means an older card, an unknown one forged or stale data.
            null => Board(IdeaBoardKind.WorkedWell),
            _ => null,
        };
    }

    private static string PhaseDone(string? action) => action switch
    {
        PhaseActions.Open => "Voting is open.",
        PhaseActions.Close => "Voting is closed.",
        PhaseActions.Reopen => "Voting is open again.",
        PhaseActions.Reset => "All votes were removed (logged).",
        _ => "Results are now visible to everyone.",
    };
}
