using System.Globalization;
using System.Text.Json;
using WorkshopBot.Audits;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Links;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Hosting;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Jobs;
using WorkshopBot.Workshop.Storage;

namespace WorkshopBot.Workshop.Teams;

/// <summary>
/// The workshop's Teams side: reads who acted from the activity (never from card data), checks the card data against
/// stored state, and answers every refusal with a polite card.
/// </summary>
public sealed partial class WorkshopHandler(
    IWorkshopAuditReader audits,
    WorkshopRepository workshops,
    IWorkshopVoteStore votes,
    PollPhases phases,
    PollCardPublisher cards,
    LiveCardCoalescer coalescer,
    IAuditLog auditLog,
    SignedLinks links,
    FreeTextCheck privacy,
    TimeProvider time,
    IIdGenerator ids,
    ILogger<WorkshopHandler> logger)
{
    private const string AnonymousActor = "anonymous";

    public async Task StartCommandAsync(TurnContext turn, string rest, CancellationToken cancellationToken)
    {
        if (turn.IsPersonal)
        {
            await turn.SendTextAsync("Start a workshop in the team channel or meeting chat where it is held: mention me there with **workshop**.", cancellationToken).ConfigureAwait(false);
            return;
        }

        var chaired = await audits.ListChairedAsync(turn.UserKey, cancellationToken).ConfigureAwait(false);
        if (Guid.TryParse(rest.Trim(), out var auditId))
        {
            chaired = chaired.Where(a => a.Id == auditId).ToList();
        }

        switch (chaired.Count)
        {
            case 0:
                await turn.SendTextAsync("Only an audit's chair can start its workshop, once the audit has been issued. You do not chair such an audit.", cancellationToken).ConfigureAwait(false);
                return;
            case 1:
                await StartAsync(turn, chaired[0], cancellationToken).ConfigureAwait(false);
                return;
            default:
                await turn.SendCardAsync(AdaptiveCardJson.ToJsonElement(WorkshopCards.ChooseAudit(chaired)), cancellationToken).ConfigureAwait(false);
                return;
        }
    }

    public async Task<InvokeResponse> StartFromCardAsync(TurnContext turn, StartWorkshopData data, CancellationToken cancellationToken)
    {
        var audit = await audits.GetAuditAsync(data.AuditId, cancellationToken).ConfigureAwait(false);
        if (audit is null || !audit.IsChair(Me(turn)) || !DocumentWorkshopAuditReader.CanHoldWorkshop(audit) || turn.IsPersonal)
        {
            return Card(WorkshopCards.Notice("Cannot start the workshop", "Only the audit's chair can start its workshop, in a channel or meeting chat, once the audit has been issued."));
        }

        var session = await StartAsync(turn, audit, cancellationToken).ConfigureAwait(false);
        return Card(WorkshopCards.Notice("Workshop started", $"The workshop for {WorkshopCards.Label(session.AuditTitle)} has started. Participants press Join on its card."));
    }

    public async Task<InvokeResponse> JoinAsync(TurnContext turn, JoinData data, CancellationToken cancellationToken)
    {
        var session = await workshops.GetAsync(data.WorkshopId, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return Gone();
        }

        // A workshop belongs to one partnership's tenant: card data carried elsewhere cannot enrol an outsider.
        if (!string.IsNullOrEmpty(session.Conversation.TenantId)
            && !string.Equals(session.Conversation.TenantId, turn.Activity.GetTenantId(), StringComparison.OrdinalIgnoreCase))
        {
            return Gone();
        }

        WorkshopAgency? agency;
        if (!string.IsNullOrEmpty(data.AgencyId))
        {
            agency = data.AgencyId == "other" ? null : session.FindAgency(data.AgencyId);
            if (agency is null && data.AgencyId != "other")
            {
                return Card(WorkshopCards.ChooseAgency(session));
            }
        }
        else
        {
            agency = session.AgencyRepresentedBy(turn.UserKey);
            if (agency is null && await votes.GetParticipantAsync(session.Id, turn.UserKey, cancellationToken).ConfigureAwait(false) is { } already)
            {
                return Card(WorkshopCards.Joined(session, already));
            }

            if (agency is null)
            {
                return Card(WorkshopCards.ChooseAgency(session));
            }
        }

        var participant = new WorkshopParticipant(turn.UserKey, turn.Activity.From?.Id ?? turn.UserKey, turn.UserName, agency?.Id, agency?.Name, time.GetUtcNow());
        if (await votes.JoinAsync(session.Id, participant, cancellationToken).ConfigureAwait(false))
        {
            await LogAsync(turn, "workshop.join", "workshop", session.Id.ToString(), new { agency = agency?.Name }, cancellationToken).ConfigureAwait(false);
            coalescer.MarkChanged(session.Conversation.ConversationId, session.Id, PollCardPublisher.WorkshopCard);
            foreach (var open in session.Polls.Where(p => p.IsOpen))
            {
                coalescer.MarkChanged(session.Conversation.ConversationId, session.Id, open.Id);
            }
        }

        return Card(WorkshopCards.Joined(session, participant));
    }

    public async Task<InvokeResponse> ChairPanelAsync(TurnContext turn, WorkshopRef data, CancellationToken cancellationToken)
    {
        var session = await workshops.GetAsync(data.WorkshopId, cancellationToken).ConfigureAwait(false);
        return session is null ? Gone() : !session.IsChair(turn.UserKey) ? ChairOnly() : Card(WorkshopCards.ChairPanel(session));
    }

    public async Task<InvokeResponse> CreatePollAsync(TurnContext turn, CreatePollData data, CancellationToken cancellationToken)
    {
        var existing = await workshops.GetAsync(data.WorkshopId, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            return Gone();
        }

        if (!existing.IsChair(turn.UserKey))
        {
            return ChairOnly();
        }

        var definition = ToDefinition(data);
        if (definition is null)
        {
            return Card(WorkshopCards.Notice("Poll not created", "Check the poll settings: choose a kind of poll, and give dots, the most dots on one idea and the timer as whole numbers."));
        }

        var grades = definition.Kind == PollKind.GradeRatification && existing.HasCase(definition.CaseReference)
            ? (await audits.ListGradedReturnsAsync(existing.AuditId, definition.CaseReference!, cancellationToken).ConfigureAwait(false))
                .Select(r => new AgencyGrade(r.AgencyName, r.Grade!.Label)).ToList()
            : [];
        var now = time.GetUtcNow();
        var changed = await workshops.ChangeAsync(existing.Id, s => s.AddPoll(definition, grades, privacy, now), cancellationToken).ConfigureAwait(false);
        if (changed is not { Result.Succeeded: true } created)
        {
            return Card(WorkshopCards.Notice("Poll not created", changed?.Result.Message ?? "This workshop no longer exists."));
        }

        var (result, session) = created;
        var poll = result.Value!;
        await votes.RegisterPollAsync(new PollVotingRules(poll.Id, session.Id, PollVotingStatus.NotOpen, poll.Budget, poll.MaxPerOption, null), now, cancellationToken).ConfigureAwait(false);
        var card = await cards.RenderAsync(session, poll, cancellationToken).ConfigureAwait(false);
        var sent = await turn.SendCardAsync(AdaptiveCardJson.ToJsonElement(card), cancellationToken).ConfigureAwait(false);
        if (sent.Id is { } activityId)
        {
            var attached = await workshops.ChangeAsync(session.Id, s =>
            {
                s.FindPoll(poll.Id)!.AttachCard(activityId);
                return DomainResult.Ok;
            }, cancellationToken).ConfigureAwait(false);
            session = attached?.Session ?? session;
        }

        // The chair pressed "Chair: new poll" on the workshop card, which the panel and then these controls replaced:
        // put the workshop card back so Join, the next poll and the export stay at hand (the board has its own Chair button).
        coalescer.MarkChanged(session.Conversation.ConversationId, session.Id, PollCardPublisher.WorkshopCard);
        await LogAsync(turn, "workshop.poll.create", "workshop-poll", poll.Id,
            new { workshopId = session.Id, kind = poll.Kind, poll.Prompt, poll.Anonymous, poll.DotsPerVoter, poll.Visibility, poll.TimerMinutes }, cancellationToken).ConfigureAwait(false);
        return await ManageCardAsync(session, session.FindPoll(poll.Id)!, "Poll created and posted.", cancellationToken).ConfigureAwait(false);
    }

    public async Task<InvokeResponse> AddIdeaAsync(TurnContext turn, AddIdeaData data, CancellationToken cancellationToken)
    {
        var (session, poll, refusal) = await FindPollAsync(data.WorkshopId, data.PollId, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        if (await votes.GetParticipantAsync(session!.Id, turn.UserKey, cancellationToken).ConfigureAwait(false) is null)
        {
            return NotJoined();
        }

        var text = FreeText.Normalise(data.Text);
        var error = text.Length == 0 ? "Write your idea first." : FreeText.Validate(text, "Your idea", Poll.MaxItemLength);
        if (error is null && data.CaseReference is { Length: > 0 } && !session.HasCase(data.CaseReference))
        {
            error = "Choose one of this audit's cases, or none.";
        }

        var agency = string.IsNullOrEmpty(data.AgencyId) ? null : session.FindAgency(data.AgencyId);
        if (error is null && !string.IsNullOrEmpty(data.AgencyId) && agency is null)
        {
            error = "Choose one of this audit's agencies, or none.";
        }

        if (error is null && !string.IsNullOrEmpty(data.Theme) && !Themes.IsKnown(data.Theme))
        {
            error = "Choose a theme from the list, or none.";
        }

        if (error is not null)
        {
            return Card(WorkshopCards.Notice("Idea not added", error));
        }

        var check = IdentifierScanner.Default.Check(text);
        if (check.HasFindings && !data.ConfirmNotIdentifying)
        {
            return Card(WorkshopCards.IdentifierWarning(data with { Text = text }, check));
        }

        var changed = await workshops.ChangeAsync(session.Id, s => s.FindPoll(poll!.Id)!.AddItem(text, turn.UserKey, agency?.Name,
            string.IsNullOrEmpty(data.Theme) ? null : data.Theme, string.IsNullOrEmpty(data.CaseReference) ? null : data.CaseReference, time.GetUtcNow()),
            cancellationToken).ConfigureAwait(false);
        if (changed is not { Result.Succeeded: true } added)
        {
            return Card(WorkshopCards.Notice("Idea not added", changed?.Result.Message ?? "This workshop no longer exists."));
        }

        // On an anonymous board the log names nobody, so it cannot be used to find who wrote what.
        var anonymous = poll!.Anonymous;
        await auditLog.AppendAsync(new NewAuditEvent(time.GetUtcNow(), anonymous ? AnonymousActor : turn.UserKey, anonymous ? null : turn.UserName,
            "workshop.idea.add", "workshop-poll", poll.Id,
            JsonSerializer.Serialize(new { item = added.Result.Value!.Id, identifierWarningConfirmed = check.HasFindings ? check.Summary : null })),
            cancellationToken).ConfigureAwait(false);
        coalescer.MarkChanged(session.Conversation.ConversationId, session.Id, poll.Id);
        return Card(WorkshopCards.Notice("Idea added", "Thank you. Your idea is on the board" + (anonymous ? " without your name." : ".")));
    }

    public async Task<InvokeResponse> ModerateAsync(TurnContext turn, ModerateData data, CancellationToken cancellationToken)
    {
        var (session, poll, refusal) = await FindPollAsync(data.WorkshopId, data.PollId, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!session!.IsChair(turn.UserKey))
        {
            return ChairOnly();
        }

        var text = FreeText.Normalise(data.Text);
        if (data.Action == ModerateActions.Edit)
        {
            var error = text.Length == 0 ? "Write the new wording." : FreeText.Validate(text, "The wording", Poll.MaxItemLength)
                ?? (IdentifierScanner.Default.Check(text).HasFindings ? "The new wording looks like it contains personal information. Please reword it." : null);
            if (error is not null)
            {
                return await ManageCardAsync(session, poll!, error, cancellationToken).ConfigureAwait(false);
            }
        }

        var before = poll!.FindItem(data.ItemId)?.Text;
        var changed = await workshops.ChangeAsync(session.Id, s =>
        {
            var target = s.FindPoll(poll.Id)!;
            return data.Action switch
            {
                ModerateActions.Merge => target.MergeItem(data.ItemId ?? "", data.IntoItemId ?? ""),
                ModerateActions.Edit => target.EditItem(data.ItemId ?? "", text),
                ModerateActions.Hide => target.HideItem(data.ItemId ?? ""),
                _ => DomainResult.Invalid("Choose merge, edit or hide."),
            };
        }, cancellationToken).ConfigureAwait(false);
        if (changed is null)
        {
            return Gone();
        }

        var (result, saved) = changed.Value;
        if (result.Succeeded)
        {
            await LogAsync(turn, "workshop.idea." + data.Action, "workshop-poll", poll.Id,
                new { item = data.ItemId, into = data.IntoItemId, before, after = data.Action == ModerateActions.Edit ? text : null }, cancellationToken).ConfigureAwait(false);
            coalescer.MarkChanged(saved.Conversation.ConversationId, saved.Id, poll.Id);
        }

        return await ManageCardAsync(saved, saved.FindPoll(poll.Id)!, result.Succeeded ? "Done (logged)." : result.Message, cancellationToken).ConfigureAwait(false);
    }

    public async Task<InvokeResponse> ManageAsync(TurnContext turn, PollRef data, CancellationToken cancellationToken)
    {
        var (session, poll, refusal) = await FindPollAsync(data.WorkshopId, data.PollId, cancellationToken).ConfigureAwait(false);
        return refusal ?? (!session!.IsChair(turn.UserKey) ? ChairOnly() : await ManageCardAsync(session, poll!, null, cancellationToken).ConfigureAwait(false));
    }

    public async Task<InvokeResponse> PhaseAsync(TurnContext turn, PhaseData data, CancellationToken cancellationToken)
    {
        var (session, _, refusal) = await FindPollAsync(data.WorkshopId, data.PollId, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!session!.IsChair(turn.UserKey))
        {
            return ChairOnly();
        }

        var (result, saved) = await phases.ApplyAsync(session.Id, data.PollId, data.Action, Me(turn), cancellationToken).ConfigureAwait(false);
        return saved is null ? Gone() : await ManageCardAsync(saved, saved.FindPoll(data.PollId)!, result.Succeeded ? PhaseDone(data.Action) : result.Message, cancellationToken).ConfigureAwait(false);
    }

    public async Task<InvokeResponse> ViewAsync(TurnContext turn, PollRef data, CancellationToken cancellationToken)
    {
        var (session, poll, refusal) = await FindPollAsync(data.WorkshopId, data.PollId, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        if (await votes.GetParticipantAsync(session!.Id, turn.UserKey, cancellationToken).ConfigureAwait(false) is null)
        {
            return Card(WorkshopCards.ChooseAgency(session));
        }

        return await BallotAsync(turn, session, poll!, null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<InvokeResponse> DotAsync(TurnContext turn, DotData data, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var (session, poll, refusal) = await FindPollAsync(data.WorkshopId, data.PollId, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        if (poll!.Kind != PollKind.IdeaBoard || data.Delta is not (1 or -1) || poll.FindOption(data.OptionId) is null)
        {
            return await BallotAsync(turn, session!, poll, "That idea is not on this board. Choose one from the list.", cancellationToken).ConfigureAwait(false);
        }

        if (NotOpenNotice(poll) is { } notOpen)
        {
            return await BallotAsync(turn, session!, poll, notOpen, cancellationToken).ConfigureAwait(false);
        }

        var result = await votes.MoveDotAsync(session!.Id, poll.Id, turn.UserKey, data.OptionId!, data.Delta, RequestId(turn), time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return await AfterVoteAsync(turn, session, poll, result, new { option = data.OptionId, delta = data.Delta }, started, cancellationToken).ConfigureAwait(false);
    }

    public async Task<InvokeResponse> ChooseAsync(TurnContext turn, ChooseData data, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var (session, poll, refusal) = await FindPollAsync(data.WorkshopId, data.PollId, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var chosen = (data.Choice ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        var single = poll!.Kind is PollKind.SingleChoice or PollKind.Rating or PollKind.GradeRatification;
        if (poll.Kind == PollKind.IdeaBoard || chosen.Count == 0 || (single && chosen.Count != 1) || chosen.Any(c => poll.FindOption(c) is null))
        {
            return await BallotAsync(turn, session!, poll, single ? "Choose one of the options." : "Choose at least one of the options.", cancellationToken).ConfigureAwait(false);
        }

        if (NotOpenNotice(poll) is { } notOpen)
        {
            return await BallotAsync(turn, session!, poll, notOpen, cancellationToken).ConfigureAwait(false);
        }

        var result = await votes.SetChoicesAsync(session!.Id, poll.Id, turn.UserKey, chosen, RequestId(turn), time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return await AfterVoteAsync(turn, session, poll, result, new { options = chosen }, started, cancellationToken).ConfigureAwait(false);
    }

    public async Task<InvokeResponse> RatifyAsync(TurnContext turn, RatifyData data, CancellationToken cancellationToken)
    {
        var (session, poll, refusal) = await FindPollAsync(data.WorkshopId, data.PollId, cancellationToken).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!session!.IsChair(turn.UserKey))
        {
            return ChairOnly();
        }

        if (IdentifierScanner.Default.Check(data.Rationale).HasFindings)
        {
            return await ManageCardAsync(session, poll!, "The rationale looks like it contains personal information. Please reword it.", cancellationToken).ConfigureAwait(false);
        }

        var now = time.GetUtcNow();
        var changed = await workshops.ChangeAsync(session.Id, s => s.Ratify(s.FindPoll(poll!.Id)!, data.Grade, data.Rationale, Me(turn), now), cancellationToken).ConfigureAwait(false);
        if (changed is null)
        {
            return Gone();
        }

        var (result, saved) = changed.Value;
        var savedPoll = saved.FindPoll(poll!.Id)!;
        if (result.Succeeded)
        {
            await votes.SetStatusAsync(poll.Id, PollVotingStatus.Closed, null, now, cancellationToken).ConfigureAwait(false);
            await LogAsync(turn, "workshop.ratify", "workshop-poll", poll.Id,
                new { result.Value!.CaseReference, result.Value.GradeKey, result.Value.Rationale }, cancellationToken).ConfigureAwait(false);
            // A corrected grade is a new card: a key without the time would be taken for a repeat and dropped.
            await cards.SendDurableAsync(saved, savedPoll, "ratified-" + result.Value.RatifiedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
                cancellationToken).ConfigureAwait(false);
        }

        return await ManageCardAsync(saved, savedPoll, result.Succeeded ? $"Ratified: {result.Value!.GradeLabel}." : result.Message, cancellationToken).ConfigureAwait(false);
    }

    public async Task<InvokeResponse> ExportAsync(TurnContext turn, WorkshopRef data, CancellationToken cancellationToken)
    {
        var session = await workshops.GetAsync(data.WorkshopId, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return Gone();
        }

        if (!session.IsChair(turn.UserKey))
        {
            return ChairOnly();
        }

        var csv = await WorkshopCsv.BuildAsync(session, votes, cancellationToken).ConfigureAwait(false);
        await LogAsync(turn, "workshop.export", "workshop", session.Id.ToString(), new { polls = session.Polls.Count, bytes = csv.Length }, cancellationToken).ConfigureAwait(false);
        var path = $"api/workshops/{await links.SignAsync(WorkshopExportGrant.Purpose, new WorkshopExportGrant(session.Id, turn.UserKey), time.GetUtcNow().AddMinutes(15), cancellationToken).ConfigureAwait(false)}.csv";
        return Card(WorkshopCards.Export(session, [($"workshop-{session.StartedAt:yyyy-MM-dd}.csv", csv)], links.Absolute(path)));
    }

    private async Task<WorkshopSession> StartAsync(TurnContext turn, Audit audit, CancellationToken cancellationToken)
    {
        var conversation = new WorkshopConversation(turn.ServiceUrl, turn.ConversationId, turn.Activity.GetTenantId() ?? "");
        var session = WorkshopSession.Start(ids.NewId(), audit, conversation, time.GetUtcNow());
        await workshops.InsertAsync(session, cancellationToken).ConfigureAwait(false);
        var sent = await turn.SendCardAsync(AdaptiveCardJson.ToJsonElement(WorkshopCards.Workshop(session, 0)), cancellationToken).ConfigureAwait(false);
        if (sent.Id is { } activityId)
        {
            session = (await workshops.ChangeAsync(session.Id, s =>
            {
                s.AttachCard(activityId);
                return DomainResult.Ok;
            }, cancellationToken).ConfigureAwait(false))?.Session ?? session;
        }

        await LogAsync(turn, "workshop.start", "workshop", session.Id.ToString(), new { auditId = audit.Id, conversation = turn.ConversationId }, cancellationToken).ConfigureAwait(false);
        LogStarted(session.Id, audit.Id);
        return session;
    }

    private async Task<InvokeResponse> AfterVoteAsync(TurnContext turn, WorkshopSession session, Poll poll, VoteResult result, object detail, long started,
        CancellationToken cancellationToken)
    {
        if (result.Counted)
        {
            coalescer.MarkChanged(session.Conversation.ConversationId, session.Id, poll.Id);
            await LogAsync(turn, "workshop.vote", "workshop-poll", poll.Id, detail, cancellationToken).ConfigureAwait(false);
        }

        var notice = result.Outcome switch
        {
            VoteOutcome.Accepted or VoteOutcome.Duplicate => null,
            VoteOutcome.OtherWorkshop or VoteOutcome.UnknownPoll => "That poll is not part of this workshop.",
            VoteOutcome.NotOpen => "Voting has not opened yet.",
            VoteOutcome.Closed => "Voting has closed; your vote was not counted.",
            VoteOutcome.NotParticipant => "Join the workshop to vote.",
            VoteOutcome.OverBudget => $"You have used all {poll.DotsPerVoter} of your dots. Take one back to move it.",
            VoteOutcome.OverOptionLimit => $"You can put at most {poll.MaxDotsPerItem} of your dots on one idea.",
            VoteOutcome.NothingToRemove => "You have no dot on that idea to take back.",
            _ => "You chose more options than this poll allows.",
        };
        if (!result.Counted)
        {
            LogRefused(poll.Id, result.Outcome.ToString());
        }

        var response = await BallotAsync(turn, session, poll, notice, cancellationToken).ConfigureAwait(false);
        LogVoteHandled(poll.Id, time.GetElapsedTime(started).TotalMilliseconds);
        return response;
    }

    private async Task<InvokeResponse> BallotAsync(TurnContext turn, WorkshopSession session, Poll poll, string? notice, CancellationToken cancellationToken)
    {
        var snapshot = await votes.SnapshotAsync(session, poll, cancellationToken).ConfigureAwait(false);
        var mine = await votes.BallotAsync(poll.Id, turn.UserKey, cancellationToken).ConfigureAwait(false);
        var refresh = turn.IsPersonal ? [] : await cards.RefreshUserIdsAsync(session, cancellationToken).ConfigureAwait(false);
        return Card(WorkshopCards.Ballot(session, snapshot, mine, notice, refresh));
    }

    private async Task<InvokeResponse> ManageCardAsync(WorkshopSession session, Poll poll, string? notice, CancellationToken cancellationToken)
    {
        var snapshot = await votes.SnapshotAsync(session, poll, cancellationToken).ConfigureAwait(false);
        return Card(WorkshopCards.Manage(session, snapshot, notice));
    }

    private async Task<(WorkshopSession? Session, Poll? Poll, InvokeResponse? Refusal)> FindPollAsync(Guid workshopId, string pollId, CancellationToken cancellationToken)
    {
        var session = await workshops.GetAsync(workshopId, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return (null, null, Gone());
        }

        var poll = session.FindPoll(pollId);
        return poll is null
            ? (session, null, Card(WorkshopCards.Notice("Not this workshop", "That poll is not part of this workshop. Use the buttons on the poll's own card.")))
            : (session, poll, null);
    }

    private static PollDefinition? ToDefinition(CreatePollData data)
    {
        if (!TryNumber(data.Dots, 5, out var dots) || !TryNumber(data.MaxPerItem, 1, out var maxPerItem) || !TryNumber(data.Timer, 0, out var timer))
        {
            return null;
        }

        var visibility = string.Equals(data.Visibility, nameof(ResultsVisibility.HiddenUntilClose), StringComparison.OrdinalIgnoreCase)
            ? ResultsVisibility.HiddenUntilClose
            : ResultsVisibility.Live;
        var anonymous = string.Equals(data.Anonymous, "true", StringComparison.OrdinalIgnoreCase);
        var prompt = data.Prompt ?? "";
        int? timerMinutes = timer > 0 ? timer : null;
        var choices = (data.Choices ?? "").Split('\n');
        return data.PollType switch
        {
            PollTypes.WorkedWell => new PollDefinition(PollKind.IdeaBoard, prompt, IdeaBoardKind.WorkedWell, anonymous, dots, maxPerItem, visibility, timerMinutes),
            PollTypes.CouldImprove => new PollDefinition(PollKind.IdeaBoard, prompt, IdeaBoardKind.CouldImprove, anonymous, dots, maxPerItem, visibility, timerMinutes),
            PollTypes.CustomBoard => new PollDefinition(PollKind.IdeaBoard, prompt, IdeaBoardKind.Custom, anonymous, dots, maxPerItem, visibility, timerMinutes),
            PollTypes.Single => new PollDefinition(PollKind.SingleChoice, prompt, Visibility: visibility, TimerMinutes: timerMinutes, Choices: choices),
            PollTypes.Multiple => new PollDefinition(PollKind.MultipleChoice, prompt, Visibility: visibility, TimerMinutes: timerMinutes, Choices: choices),
            PollTypes.RatingFive => new PollDefinition(PollKind.Rating, prompt, Visibility: visibility, TimerMinutes: timerMinutes, RatingScale: RatingScale.OneToFive),
            PollTypes.RatingAgree => new PollDefinition(PollKind.Rating, prompt, Visibility: visibility, TimerMinutes: timerMinutes, RatingScale: RatingScale.AgreeDisagree),
            PollTypes.Grade => new PollDefinition(PollKind.GradeRatification, prompt, Visibility: visibility, TimerMinutes: timerMinutes, CaseReference: data.CaseReference),
            // The panel always sends a kind; none means an older card, an unknown one forged or stale data.
            null => new PollDefinition(PollKind.IdeaBoard, prompt, IdeaBoardKind.WorkedWell, anonymous, dots, maxPerItem, visibility, timerMinutes),
            _ => null,
        };
    }

    private static bool TryNumber(string? text, int fallback, out int value)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            value = fallback;
            return true;
        }

        var ok = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && parsed is >= 0 and <= 10_000 && parsed == Math.Floor(parsed);
        value = ok ? (int)parsed : 0;
        return ok;
    }

    private static string PhaseDone(string? action) => action switch
    {
        PhaseActions.Open => "Voting is open.",
        PhaseActions.Close => "Voting is closed.",
        PhaseActions.Reopen => "Voting is open again.",
        PhaseActions.Reset => "All votes were removed (logged).",
        _ => "Results are now visible to everyone.",
    };

    /// <summary>
    /// The saved poll is checked as well as the vote store's copy: a failure between saving a close and closing the
    /// store must not leave a closed poll taking votes.
    /// </summary>
    private static string? NotOpenNotice(Poll poll) => poll.Phase switch
    {
        PollPhase.Voting => null,
        PollPhase.Closed => "Voting has closed; your vote was not counted.",
        _ => "Voting has not opened yet.",
    };

    private static string RequestId(TurnContext turn) => turn.Activity.Id is { Length: > 0 } id ? id : Guid.NewGuid().ToString("N");

    private static PersonRef Me(TurnContext turn) => new(turn.UserKey, turn.UserName ?? turn.UserKey);

    private Task LogAsync(TurnContext turn, string action, string subjectType, string subjectId, object detail, CancellationToken cancellationToken) =>
        auditLog.AppendAsync(new NewAuditEvent(time.GetUtcNow(), turn.UserKey, turn.UserName, action, subjectType, subjectId, JsonSerializer.Serialize(detail)), cancellationToken);

    private static InvokeResponse Card(AdaptiveCard card) => new(200, AdaptiveCardInvokeResponse.Card(AdaptiveCardJson.ToJsonElement(card)));

    private static InvokeResponse Gone() => Card(WorkshopCards.Notice("Workshop not found", "This workshop no longer exists. Ask the chair to start it again."));

    private static InvokeResponse ChairOnly() => Card(WorkshopCards.Notice("For the chair", "Only the audit's chair can do that. Your vote and ideas are unaffected."));

    private static InvokeResponse NotJoined() => Card(WorkshopCards.Notice("Join first", "Press Join on the workshop card before adding ideas or voting."));

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Workshop {WorkshopId} started for audit {AuditId}")]
    private partial void LogStarted(Guid workshopId, Guid auditId);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Vote on poll {PollId} refused: {Outcome}")]
    private partial void LogRefused(string pollId, string outcome);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Debug, Message = "Vote on poll {PollId} handled in {Milliseconds} ms")]
    private partial void LogVoteHandled(string pollId, double milliseconds);
}
