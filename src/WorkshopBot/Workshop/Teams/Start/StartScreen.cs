using System.Globalization;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Storage;

namespace WorkshopBot.Workshop.Teams;

/// <summary>
/// Data of <see cref="StartScreen.Start"/>: the audit the chair picked (an input of the card, so the card's own data
/// carries none).
/// </summary>
public sealed record StartWorkshopData(Guid? AuditId = null) : IWorkshopCardData
{
    public bool IdsWellFormed => true;
}

/// <summary>
/// A chair starts an audit's workshop in a channel or meeting chat (<c>workshop</c>, or the audit picked on the card
/// when they chair several); the workshop card with Join is posted there.
/// </summary>
public sealed partial class StartScreen(
    IWorkshopAuditReader audits,
    WorkshopRepository workshops,
    PollCardPublisher cards,
    AuditTrail trail,
    TimeProvider time,
    ILogger<StartScreen> logger)
{
    public const string Command = "workshop";

    public const string Start = "workshop.start";

    /// <summary>The chair of several audits asks, on a card in the channel, for the audits to choose from (shown to them alone).</summary>
    public const string Choose = "workshop.start.choose";

    private const string NoAuditText = "Only an audit's chair can start its workshop, once the audit has been issued. "
        + "You do not chair such an audit.";

    public static void Map(ActivityRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        router.OnCommand(Command, (turn, rest, ct) => turn.Screen<StartScreen>().StartCommandAsync(turn, rest, ct));
        router.OnWorkshopCard<StartWorkshopData>(Start, (turn, data, ct) => turn.Screen<StartScreen>().StartFromCardAsync(turn, data, ct));
        router.OnWorkshopCard<StartWorkshopData>(Choose, (turn, _, ct) => turn.Screen<StartScreen>().ChooseAsync(turn, ct));
    }

    public async Task StartCommandAsync(TurnContext turn, string rest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(rest);
        if (turn.IsPersonal)
        {
            await turn.SendTextAsync("Start a workshop in the team channel or meeting chat where it is held: "
                + "mention me there with **workshop**.", cancellationToken).ConfigureAwait(false);
            return;
        }

        var chaired = await audits.ListChairedAsync(turn.Person().UserId, cancellationToken).ConfigureAwait(false);
        if (Guid.TryParse(rest.Trim(), out var auditId))
        {
            chaired = chaired.Where(a => a.Id == auditId).ToList();
        }

        switch (chaired.Count)
        {
            case 0:
                await turn.SendTextAsync(NoAuditText, cancellationToken).ConfigureAwait(false);
                return;
            case 1:
                // Held: a close that lands before this turn's commit sends it round again, to the answer above.
                if (await audits.HoldAuditAsync(chaired[0].Id, cancellationToken).ConfigureAwait(false) is not { } held
                    || !DocumentWorkshopAuditReader.CanHoldWorkshop(held))
                {
                    await turn.SendTextAsync(NoAuditText, cancellationToken).ConfigureAwait(false);
                    return;
                }

                if (await WaitingHereAsync(turn, held, cancellationToken).ConfigureAwait(false) is { } waiting)
                {
                    await turn.SendTextAsync(AlreadyStarted(waiting), cancellationToken).ConfigureAwait(false);
                    return;
                }

                await StartAsync(turn, held, cancellationToken).ConfigureAwait(false);
                return;
            default:
                // Not the list itself: everyone in the channel or meeting chat (guests of other agencies too) would read the
                // titles of every audit this person chairs. The card's button answers with the list, which Teams shows to the
                // person who pressed alone.
                await turn.SendCardAsync(AdaptiveCardJson.ToJsonElement(StartCard.ChooseInPrivate()), cancellationToken)
                    .ConfigureAwait(false);
                return;
        }
    }

    /// <summary>The audits this person chairs, to choose the workshop's from: the answer to their own press only.</summary>
    public async Task<InvokeResponse> ChooseAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var chaired = turn.IsPersonal ? [] : await audits.ListChairedAsync(turn.Person().UserId, cancellationToken).ConfigureAwait(false);
        return chaired.Count == 0
            ? Reply.Refusal("Cannot start the workshop", NoAuditText)
            : Reply.Card(StartCard.ChooseAudit(chaired));
    }

    public async Task<InvokeResponse> StartFromCardAsync(TurnContext turn, StartWorkshopData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var found = await ChairedAuditAsync(turn, data, cancellationToken).ConfigureAwait(false);
        if (found.IsRefused(out var refusal, out var audit))
        {
            return refusal;
        }

        if (await WaitingHereAsync(turn, audit, cancellationToken).ConfigureAwait(false) is { } waiting)
        {
            return Reply.Notice("Workshop already started", AlreadyStarted(waiting), Tone.Info);
        }

        var session = await StartAsync(turn, audit, cancellationToken).ConfigureAwait(false);
        return Reply.Notice("Workshop started",
            $"The workshop for {WorkshopCardKit.Shown(session.AuditTitle)} has started. Participants press Join on its card.",
            Tone.Success);
    }

    /// <summary>The audit the card names, when this person chairs it, it can hold a workshop and this is not a 1:1 chat.</summary>
    private async Task<Guarded<Audit>> ChairedAuditAsync(TurnContext turn, StartWorkshopData data, CancellationToken cancellationToken)
    {
        // Held, not only read: an audit closed before this turn's commit sends the turn round again, to the refusal.
        var audit = data.AuditId is { } auditId ? await audits.HoldAuditAsync(auditId, cancellationToken).ConfigureAwait(false) : null;
        return audit is null || !audit.IsChair(turn.Person()) || !DocumentWorkshopAuditReader.CanHoldWorkshop(audit) || turn.IsPersonal
            ? Guarded<Audit>.Refuse(Reply.Refusal("Cannot start the workshop",
                "Only the audit's chair can start its workshop, in a channel or meeting chat, once the audit has been issued."))
            : Guarded<Audit>.Allow(audit);
    }

    /// <summary>
    /// This audit's workshop already started in this conversation and not yet used (no poll): Start pressed twice, or
    /// <c>workshop</c> typed again, finds it rather than starting a second one beside it.
    /// </summary>
    private async Task<WorkshopSession?> WaitingHereAsync(TurnContext turn, Audit audit, CancellationToken cancellationToken) =>
        (await workshops.ListForAuditAsync(audit.Id, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(s => s.Polls.Count == 0 && WorkshopAccess.InItsConversation(turn, s));

    /// <summary>
    /// The id of the next workshop of this audit in this conversation: the same for two presses that read the same
    /// workshops. The store's key (collection and id) is unique, so when two presses start one at the same moment (on one
    /// instance or two) the later commit conflicts and its turn runs again from fresh reads, and finds the first waiting
    /// (<see cref="WaitingHereAsync"/>) instead of starting a second workshop beside it.
    /// </summary>
    private async Task<Guid> NextIdAsync(TurnContext turn, Audit audit, CancellationToken cancellationToken)
    {
        var here = (await workshops.ListForAuditAsync(audit.Id, cancellationToken).ConfigureAwait(false))
            .Where(s => WorkshopAccess.InItsConversation(turn, s)).Select(s => s.Id).ToHashSet();
        var conversation = WorkshopAccess.Base(turn.ConversationId);
        for (var number = here.Count + 1; ; number++)
        {
            var id = DerivedIds.Of(audit.Id.ToString("N"), turn.TenantId() ?? "", conversation,
                number.ToString(CultureInfo.InvariantCulture));
            if (!here.Contains(id))
            {
                return id;
            }
        }
    }

    private static string AlreadyStarted(WorkshopSession session) =>
        $"The workshop for {WorkshopCardKit.Shown(session.AuditTitle)} has already started here: participants press Join on its "
        + "card. Nothing new was started.";

    private async Task<WorkshopSession> StartAsync(TurnContext turn, Audit audit, CancellationToken cancellationToken)
    {
        var conversation = new WorkshopConversation(turn.ServiceUrl, turn.ConversationId, turn.TenantId() ?? "");
        var session = WorkshopSession.Start(await NextIdAsync(turn, audit, cancellationToken).ConfigureAwait(false), audit, conversation,
            time.GetUtcNow());
        await workshops.InsertAsync(session, cancellationToken).ConfigureAwait(false);
        session = await cards.PostWorkshopCardAsync(turn, session, cancellationToken).ConfigureAwait(false);

        await trail.RecordAsync(turn.Person(), "workshop.start", "workshop", session.Id,
            new { auditId = audit.Id, conversation = turn.ConversationId }, cancellationToken).ConfigureAwait(false);
        LogStarted(session.Id, audit.Id);
        return session;
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Workshop {WorkshopId} started for audit {AuditId}")]
    private partial void LogStarted(Guid workshopId, Guid auditId);
}
