using System.Globalization;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Common;
using WorkshopBot.Common.Privacy;
using WorkshopBot.Common.Storage;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Storage;

namespace WorkshopBot.Workshop.Teams;

/// <summary>Data of <see cref="RatifyScreen.Ratify"/>: the grade the chair confirms and why.</summary>
public sealed record RatifyData(Guid WorkshopId, string PollId, string? Grade = null, string? Rationale = null)
    : IPollData, IWorkshopCardData
{
    public bool IdsWellFormed => WorkshopCardIds.AreWellFormed(PollId, Grade);
}

/// <summary>
/// The chair confirms a case's multi-agency grade with a rationale, from a grade poll's controls. The poll closes and
/// its card shows the grade; a later ratification of the same case replaces the earlier one.
/// </summary>
public sealed class RatifyScreen(
    WorkshopAccess access,
    DocumentChanges documents,
    IWorkshopVoteStore votes,
    WorkshopVoteWork voteWork,
    PollCardPublisher cards,
    ChairControls controls,
    PollGrades grades,
    AuditTrail trail,
    FreeTextCheck privacy,
    ClosedAuditGuard closedAudit,
    TimeProvider time)
{
    public const string Ratify = "workshop.ratify";

    public static void Map(ActivityRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        router.OnWorkshopCard<RatifyData>(Ratify, (turn, data, ct) => turn.Screen<RatifyScreen>().RatifyAsync(turn, data, ct));
    }

    public async Task<InvokeResponse> RatifyAsync(TurnContext turn, RatifyData data, CancellationToken cancellationToken)
    {
        var found = await access.ChairedPollAsync(turn, data, cancellationToken).ConfigureAwait(false);
        if (found.IsRefused(out var refusal, out var target))
        {
            return refusal;
        }

        var (session, poll) = target;
        if (await closedAudit.RefusalAsync(session, cancellationToken).ConfigureAwait(false) is { } closed)
        {
            return closed;
        }

        // The length before the identifier check, as on every other form: a rationale far over the limit is refused at once,
        // not scanned at length.
        if (FreeText.Validate(data.Rationale, "The rationale", WorkshopSession.MaxRationaleLength) is { } tooLong)
        {
            return await controls.ShowAsync(session, poll, tooLong, cancellationToken).ConfigureAwait(false);
        }

        if (privacy.Scan(("Rationale", data.Rationale)) is { Count: > 0 } flagged)
        {
            var why = FreeTextCheck.NotChecked(flagged) ?? "The rationale looks like it contains personal information. Please reword it.";
            return await controls.ShowAsync(session, poll, why, cancellationToken).ConfigureAwait(false);
        }

        // Grades as the returns now stand, so the ratified card shows them.
        await grades.RefreshAsync(session, poll, cancellationToken).ConfigureAwait(false);
        var me = turn.Person();
        var now = time.GetUtcNow();
        var changed = await documents.ChangeAsync(WorkshopRepository.Kind, WorkshopRepository.KeyOf(session.Id),
            s => s.Ratify(s.FindPoll(poll.Id)!, data.Grade, data.Rationale, me, now), cancellationToken).ConfigureAwait(false);
        if (changed.Value is not { } saved)
        {
            return WorkshopAccess.Gone();
        }

        var savedPoll = saved.FindPoll(poll.Id)!;
        if (!changed.Saved)
        {
            return await controls.ShowAsync(saved, savedPoll, changed.Message, cancellationToken).ConfigureAwait(false);
        }

        var judgement = changed.Result.Value!;
        // Closed ahead of the turn, as a chair's close is (PollPhases), and finished by the phase timer if the turn never commits.
        await votes.CloseAheadAsync(poll.Id, savedPoll.Openings, now, cancellationToken).ConfigureAwait(false);
        voteWork.CloseSettled(poll.Id);
        await trail.RecordAsync(me, "workshop.ratify", "workshop-poll", poll.Id,
            new { judgement.CaseReference, judgement.GradeKey, rationale = AuditTrail.Fingerprint(judgement.Rationale) }, cancellationToken)
            .ConfigureAwait(false);
        // A corrected grade is a new card: a key without the time would be taken for a repeat and dropped.
        var change = "ratified-" + judgement.RatifiedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        await cards.SendDurableAsync(saved, savedPoll, change, cancellationToken).ConfigureAwait(false);
        return await controls.ShowAsync(saved, savedPoll, $"Ratified: {judgement.GradeLabel}.", cancellationToken).ConfigureAwait(false);
    }
}
