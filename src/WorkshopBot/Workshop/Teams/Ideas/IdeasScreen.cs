using Microsoft.Extensions.Options;
using WorkshopBot.Audits.Domain;
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

/// <summary>
/// Data of <see cref="IdeasScreen.AddIdea"/>; <see cref="ConfirmNotIdentifying"/> after an identifier warning.
/// </summary>
public sealed record AddIdeaData(
    Guid WorkshopId,
    string PollId,
    string? Text = null,
    string? CaseReference = null,
    string? AgencyId = null,
    string? Theme = null,
    bool ConfirmNotIdentifying = false) : IPollData, IWorkshopCardData
{
    public bool IdsWellFormed => WorkshopCardIds.AreWellFormed(PollId, CaseReference, AgencyId, Theme);
}

/// <summary>
/// Add idea on an idea board's card: a participant's idea, optionally tagged with a case, an agency and a theme.
/// Text that may identify someone needs the author's confirmation; on an anonymous board no author is stored or logged.
/// </summary>
public sealed class IdeasScreen(
    WorkshopAccess access,
    DocumentChanges documents,
    LiveCardCoalescer coalescer,
    UnitOfWork work,
    AuditTrail trail,
    FreeTextCheck privacy,
    ClosedAuditGuard closedAudit,
    IWorkshopVoteStore votes,
    IOptions<WorkshopOptions> options,
    TimeProvider time)
{
    public const string AddIdea = "workshop.idea.add";

    public static void Map(ActivityRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        router.OnWorkshopCard<AddIdeaData>(AddIdea, (turn, data, ct) => turn.Screen<IdeasScreen>().AddIdeaAsync(turn, data, ct));
    }

    public async Task<InvokeResponse> AddIdeaAsync(TurnContext turn, AddIdeaData data, CancellationToken cancellationToken)
    {
        var found = await access.JoinedPollAsync(turn, data, cancellationToken).ConfigureAwait(false);
        if (found.IsRefused(out var refusal, out var target))
        {
            return refusal;
        }

        var (session, poll) = target;
        if (poll.Anonymous)
        {
            // Every turn on an anonymous board's Add, a refusal or warning too: its mark's time would sit beside the idea's.
            work.KeepNoPerson();
        }

        if (await closedAudit.RefusalAsync(session, cancellationToken).ConfigureAwait(false) is { } closed)
        {
            return closed;
        }

        var text = FreeText.Normalise(data.Text);
        var agency = string.IsNullOrEmpty(data.AgencyId) ? null : session.FindAgency(data.AgencyId);
        if (InputError(session, data, text, agency) is { } error)
        {
            return Reply.Refusal("Idea not added", error);
        }

        var findings = privacy.Scan(("Your idea", text));
        if (FreeTextCheck.Refuses(findings, data.ConfirmNotIdentifying))
        {
            return Reply.Card(IdeasCard.IdentifierWarning(data with { Text = text }, findings));
        }

        var me = turn.Person();
        var theme = string.IsNullOrEmpty(data.Theme) ? null : data.Theme;
        var caseReference = string.IsNullOrEmpty(data.CaseReference) ? null : data.CaseReference;
        var now = time.GetUtcNow();
        // The agency the author is here for as they add it (an anonymous board keeps none): the idea stays credited to it.
        var joinedFor = poll.Anonymous
            ? null
            : (await votes.GetParticipantAsync(session.Id, me.UserId, cancellationToken).ConfigureAwait(false))?.AgencyName;
        var added = await documents.ChangeAsync(WorkshopRepository.Kind, WorkshopRepository.KeyOf(session.Id),
            s => s.FindPoll(poll.Id)!.AddItem(text, me.UserId, agency?.Name, theme, caseReference, now, joinedFor), cancellationToken)
            .ConfigureAwait(false);
        if (!added.Saved)
        {
            return Reply.Refusal("Idea not added",
                added.Status == ChangeStatus.NotFound ? "This workshop is no longer kept, so your idea was not added." : added.Message);
        }

        // On an anonymous board the log names nobody, so it cannot be used to find who wrote what.
        var detail = new
        {
            item = added.Result.Value!.Id,
            identifierWarningConfirmed = findings.Count > 0 ? FreeTextCheck.Describe(findings) : null,
        };
        await (poll.Anonymous
            ? trail.RecordAnonymousAsync(session.TenantId, "workshop.idea.add", "workshop-poll", poll.Id, detail, cancellationToken)
            : trail.RecordAsync(me, "workshop.idea.add", "workshop-poll", poll.Id, detail, cancellationToken)).ConfigureAwait(false);
        // The shared card holds the Add idea form others may be typing into: it waits for a quiet spell (IdeaBoardQuiet).
        var quiet = options.Value.IdeaBoardQuiet;
        coalescer.MarkChangedOnCommit(work, session.Conversation.ConversationId, session.Id, poll.Id, quiet > TimeSpan.Zero, quiet);
        return Reply.Notice("Idea added", "Thank you. Your idea is on the board" + (poll.Anonymous ? " without your name." : ".")
            + (quiet > TimeSpan.Zero ? " The board's card shows new ideas once nobody has added one for a short while." : ""),
            Tone.Success);
    }

    /// <summary>What is wrong with the idea or its tags, in the order a person would fix it; null when nothing is.</summary>
    private static string? InputError(WorkshopSession session, AddIdeaData data, string text, WorkshopAgency? agency)
    {
        var error = text.Length == 0 ? "Write your idea first." : FreeText.Validate(text, "Your idea", Poll.MaxItemLength);
        if (error is null && data.CaseReference is { Length: > 0 } && !session.HasCase(data.CaseReference))
        {
            error = "Choose one of this audit's cases, or none.";
        }

        if (error is null && !string.IsNullOrEmpty(data.AgencyId) && agency is null)
        {
            error = "Choose one of this audit's agencies, or none.";
        }

        if (error is null && !string.IsNullOrEmpty(data.Theme) && !Themes.IsKnown(data.Theme))
        {
            error = "Choose a theme from the list, or none.";
        }

        return error;
    }
}
