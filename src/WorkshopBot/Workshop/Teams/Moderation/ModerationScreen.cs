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

/// <summary>Data of <see cref="ModerationScreen.Moderate"/>: merge, edit or hide an idea (chair).</summary>
public sealed record ModerateData(
    Guid WorkshopId,
    string PollId,
    string? Action = null,
    string? ItemId = null,
    string? IntoItemId = null,
    string? Text = null) : IPollData, IWorkshopCardData
{
    public bool IdsWellFormed => WorkshopCardIds.AreWellFormed(PollId, Action, ItemId, IntoItemId);
}

/// <summary>Moderation actions of <see cref="ModerateData.Action"/>.</summary>
public static class ModerateActions
{
    public const string Merge = "merge";
    public const string Edit = "edit";
    public const string Hide = "hide";
}

/// <summary>
/// The chair tidies an idea board from the poll's controls: merges duplicates, rewords an idea or hides one. Each is
/// logged with the wording before and after; merging and hiding end when voting opens, so no dots are stranded.
/// </summary>
public sealed class ModerationScreen(
    WorkshopAccess access,
    DocumentChanges documents,
    ChairControls controls,
    LiveCardCoalescer coalescer,
    UnitOfWork work,
    AuditTrail trail,
    FreeTextCheck privacy,
    ClosedAuditGuard closedAudit)
{
    public const string Moderate = "workshop.idea.moderate";

    public static void Map(ActivityRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        router.OnWorkshopCard<ModerateData>(Moderate, (turn, data, ct) => turn.Screen<ModerationScreen>().ModerateAsync(turn, data, ct));
    }

    public async Task<InvokeResponse> ModerateAsync(TurnContext turn, ModerateData data, CancellationToken cancellationToken)
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

        var text = FreeText.Normalise(data.Text);
        if (data.Action == ModerateActions.Edit && EditError(text) is { } error)
        {
            return await controls.ShowAsync(session, poll, error, cancellationToken).ConfigureAwait(false);
        }

        var before = poll.FindItem(data.ItemId)?.Text;
        var changed = await documents.ChangeAsync(WorkshopRepository.Kind, WorkshopRepository.KeyOf(session.Id), s =>
        {
            var board = s.FindPoll(poll.Id)!;
            return data.Action switch
            {
                ModerateActions.Merge => board.MergeItem(data.ItemId ?? "", data.IntoItemId ?? ""),
                ModerateActions.Edit => board.EditItem(data.ItemId ?? "", text),
                ModerateActions.Hide => board.HideItem(data.ItemId ?? ""),
                _ => DomainResult.Invalid("Choose merge, edit or hide."),
            };
        }, cancellationToken).ConfigureAwait(false);
        if (changed.Value is not { } saved)
        {
            return WorkshopAccess.Gone();
        }

        if (changed.Saved)
        {
            await trail.RecordAsync(turn.Person(), "workshop.idea." + data.Action, "workshop-poll", poll.Id,
                new
                {
                    item = data.ItemId,
                    // Only a merge names a second idea; on an edit or hide the field is whatever the card carried.
                    into = data.Action == ModerateActions.Merge ? data.IntoItemId : null,
                    before = AuditTrail.Fingerprint(before),
                    after = data.Action == ModerateActions.Edit ? AuditTrail.Fingerprint(text) : null,
                },
                cancellationToken).ConfigureAwait(false);
            coalescer.MarkChangedOnCommit(work, saved.Conversation.ConversationId, saved.Id, poll.Id);
        }

        var notice = changed.Saved ? "Done (logged)." : changed.Message;
        return await controls.ShowAsync(saved, saved.FindPoll(poll.Id)!, notice, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>New wording is shown on the channel card, so wording that looks like it identifies someone is refused.</summary>
    private string? EditError(string text) =>
        text.Length == 0 ? "Write the new wording."
        : FreeText.Validate(text, "The wording", Poll.MaxItemLength)
            ?? (privacy.Scan(("The wording", text)) is { Count: > 0 } found
                ? FreeTextCheck.NotChecked(found) ?? "The new wording looks like it contains personal information. Please reword it."
                : null);
}
