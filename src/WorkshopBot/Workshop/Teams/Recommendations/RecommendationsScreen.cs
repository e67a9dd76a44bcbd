using System.Globalization;
using WorkshopBot.Cards;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Storage;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Storage;

namespace WorkshopBot.Workshop.Teams;

/// <summary>
/// Data of <see cref="RecommendationsScreen.Add"/>: the chair's inputs (owner is an agency id or "partnership", target is
/// yyyy-MM-dd); <see cref="ConfirmNotIdentifying"/> after an identifier warning.
/// </summary>
public sealed record AddRecommendationData(
    Guid WorkshopId,
    string? Text = null,
    string? Owner = null,
    string? Target = null,
    string? Measure = null,
    bool ConfirmNotIdentifying = false) : IWorkshopCardData
{
    public bool IdsWellFormed => WorkshopCardIds.IsWellFormed(Owner);
}

/// <summary>Data of <see cref="RecommendationsScreen.Remove"/>.</summary>
public sealed record RemoveRecommendationData(Guid WorkshopId, string RecommendationId) : IWorkshopCardData
{
    public bool IdsWellFormed => WorkshopCardIds.IsWellFormed(RecommendationId);
}

/// <summary>
/// The chair's list of the partnership's recommendations (<c>recommendations</c>, or the list card): what will change,
/// the owner agency, a target date and a measure of success. The briefing puts them ahead of single-agency ones. Texts
/// are checked for identifiers; the audit log keeps ids, the owner, the date and fingerprints, never the words.
/// </summary>
public sealed class RecommendationsScreen(
    WorkshopAccess access,
    WorkshopRepository workshops,
    IWorkshopAuditReader audits,
    DocumentChanges documents,
    AuditTrail trail,
    FreeTextCheck privacy,
    ClosedAuditGuard closedAudit,
    TimeProvider time)
{
    public const string Command = "recommendations";

    public const string List = "workshop.recommendations";
    public const string Add = "workshop.recommendation.add";
    public const string Remove = "workshop.recommendation.remove";

    public static void Map(ActivityRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        router.OnCommand(Command, (turn, _, ct) => turn.Screen<RecommendationsScreen>().SendListAsync(turn, ct));
        router.OnWorkshopCard<WorkshopRef>(List, (turn, data, ct) => turn.Screen<RecommendationsScreen>().ListAsync(turn, data, ct));
        router.OnWorkshopCard<AddRecommendationData>(Add,
            (turn, data, ct) => turn.Screen<RecommendationsScreen>().AddAsync(turn, data, ct));
        router.OnWorkshopCard<RemoveRecommendationData>(Remove,
            (turn, data, ct) => turn.Screen<RecommendationsScreen>().RemoveAsync(turn, data, ct));
    }

    /// <summary>
    /// The typed command: the workshops of the audits this person chairs, those held in this conversation (any thread of a
    /// channel counts as the channel, as on the workshop's cards) or, in a 1:1 chat, all of them; one list card, or a choice
    /// when there are several.
    /// </summary>
    public async Task SendListAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var me = turn.Person();
        var sessions = new List<WorkshopSession>();
        foreach (var audit in await audits.ListChairedAsync(me.UserId, cancellationToken).ConfigureAwait(false))
        {
            sessions.AddRange(await workshops.ListForAuditAsync(audit.Id, cancellationToken).ConfigureAwait(false));
        }

        var chaired = sessions.Where(s => s.IsChair(me) && (turn.IsPersonal || WorkshopAccess.InItsConversation(turn, s)))
            .OrderByDescending(s => s.StartedAt).Take(10).ToList();
        var card = chaired.Count switch
        {
            0 => NoticeCard.Create("No workshop",
                "Only a workshop's chair lists its recommendations. Start the workshop first (mention me with **workshop** where it "
                + "is held), then type **recommendations**.", Tone.Info),
            1 => RecommendationsCard.List(chaired[0], Today),
            _ => RecommendationsCard.ChooseWorkshop(chaired),
        };
        await turn.SendCardAsync(AdaptiveCardJson.ToJsonElement(card), cancellationToken).ConfigureAwait(false);
    }

    public async Task<InvokeResponse> ListAsync(TurnContext turn, WorkshopRef data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var found = await access.ChairedToReadAsync(turn, data.WorkshopId, cancellationToken).ConfigureAwait(false);
        return found.IsRefused(out var refusal, out var session) ? refusal : Reply.Card(RecommendationsCard.List(session, Today));
    }

    public async Task<InvokeResponse> AddAsync(TurnContext turn, AddRecommendationData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var found = await access.ChairedAsync(turn, data.WorkshopId, cancellationToken).ConfigureAwait(false);
        if (found.IsRefused(out var refusal, out var session))
        {
            return refusal;
        }

        if (await closedAudit.RefusalAsync(session, cancellationToken).ConfigureAwait(false) is { } closed)
        {
            return closed;
        }

        // The length before the identifier check: a text far over the limit is refused at once, not scanned at length.
        if ((FreeText.Validate(data.Text, "The recommendation", WorkshopSession.MaxRecommendationLength)
            ?? FreeText.Validate(data.Measure, "The measure of success", WorkshopSession.MaxMeasureLength)) is { } tooLong)
        {
            return Reply.Card(RecommendationsCard.List(session, Today, data, message: tooLong));
        }

        var findings = privacy.Scan(("The recommendation", data.Text), ("The measure of success", data.Measure));
        if (FreeTextCheck.Refuses(findings, data.ConfirmNotIdentifying))
        {
            return Reply.Card(RecommendationsCard.List(session, Today, data, findings));
        }

        var me = turn.Person();
        var draft = new RecommendationDraft(data.Text, data.Owner, CardInput.Date(data.Target), data.Measure);
        var added = await documents.ChangeAsync(WorkshopRepository.Kind, WorkshopRepository.KeyOf(session.Id),
            s => s.AddRecommendation(draft, me, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        if (added.Value is not { } saved)
        {
            return WorkshopAccess.Gone();
        }

        if (!added.Saved)
        {
            return Reply.Card(RecommendationsCard.List(saved, Today, data, message: added.Message));
        }

        var recommendation = added.Result.Value!;
        await trail.RecordAsync(me, "workshop.recommendation.add", "workshop", session.Id, new
        {
            recommendation = recommendation.Id,
            owner = recommendation.OwnerId,
            target = recommendation.TargetDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            text = AuditTrail.Fingerprint(recommendation.Text),
            measure = AuditTrail.Fingerprint(recommendation.Measure),
            identifierWarningConfirmed = findings.Count > 0 ? FreeTextCheck.Describe(findings) : null,
        }, cancellationToken).ConfigureAwait(false);
        return Reply.Card(RecommendationsCard.List(saved, Today, message: "Recommendation added.", tone: Tone.Success));
    }

    public async Task<InvokeResponse> RemoveAsync(TurnContext turn, RemoveRecommendationData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var found = await access.ChairedAsync(turn, data.WorkshopId, cancellationToken).ConfigureAwait(false);
        if (found.IsRefused(out var refusal, out var session))
        {
            return refusal;
        }

        if (await closedAudit.RefusalAsync(session, cancellationToken).ConfigureAwait(false) is { } closed)
        {
            return closed;
        }

        var removed = await documents.ChangeAsync(WorkshopRepository.Kind, WorkshopRepository.KeyOf(session.Id),
            s => s.RemoveRecommendation(data.RecommendationId), cancellationToken).ConfigureAwait(false);
        if (removed.Value is not { } saved)
        {
            return WorkshopAccess.Gone();
        }

        if (removed.Saved)
        {
            await trail.RecordAsync(turn.Person(), "workshop.recommendation.remove", "workshop", session.Id,
                new { recommendation = data.RecommendationId }, cancellationToken).ConfigureAwait(false);
        }

        return Reply.Card(RecommendationsCard.List(saved, Today,
            message: removed.Saved ? "Recommendation removed." : removed.Message, tone: removed.Saved ? Tone.Success : Tone.Warning));
    }

    private DateOnly Today => EnglandTime.Today(time);
}
