using System.Text.Json;
using WorkshopBot.Common.Storage;
using WorkshopBot.Common.Teams;
using WorkshopBot.Hosting;
using WorkshopBot.Outbox;
using WorkshopBot.Protocol.Connector;
using WorkshopBot.Protocol.Hosting;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;

namespace WorkshopBot.Conversations;

/// <summary>
/// Exactly-once turns. The turn's writes (its <see cref="UnitOfWork"/>: documents, outbox messages, audit entries)
/// commit in one transaction together with the mark that the activity was handled and the answer given, never the mark
/// before the effect, so an activity cut off by a crash leaves nothing and its redelivery is handled in full; a
/// redelivery of an activity that was handled gets the answer given the first time (or, for the verbs whose answer is
/// not kept, such as a vote's ballot, an answer made afresh from what is stored now, with nothing stored). A turn whose
/// writes conflict with another's runs again from fresh reads. The turn's own replies are sent right after the commit;
/// the answer waits for them at most Outbox:ReplyWait, then they go on in the background. Concurrent deliveries of one
/// activity on this instance queue behind each other; across instances the mark's unique key decides and the loser's
/// writes are rolled back.
/// </summary>
public sealed partial class TurnCoordinator(
    TenantGate tenants,
    UnitOfWork work,
    IStoreCommitter committer,
    IProcessedActivityStore processed,
    IConversationStore conversations,
    ActivityGates gates,
    ReplayCheckCarriers carriers,
    IOutbox outbox,
    OutboxDispatcher dispatcher,
    OutboxSignal signal,
    TimeProvider time,
    ConflictPause pause,
    ILogger<TurnCoordinator> logger) : ITurnCoordinator
{
    /// <summary>The title of the answer to an activity that names no Entra object id.</summary>
    public const string NoIdentityTitle = "WorkshopBot cannot tell who you are";

    private const string NoIdentityText =
        "Open WorkshopBot in Microsoft Teams, signed in with your organisation's account. Nothing was changed.";

    /// <summary>Runs of one turn before it gives up on a document others keep changing.</summary>
    public const int MaxAttempts = DocumentChanges.MaxAttempts;

    public async Task<InvokeResponse?> RunAsync(TurnContext turn, Func<CancellationToken, Task<InvokeResponse?>> dispatch,
        CancellationToken cancellationToken)
    {
        try
        {
            return await RunTurnAsync(turn, dispatch, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (StoreFailures.IsPassing(ex))
        {
            // Nothing of the turn was stored: a moment later the same activity would be done (see TurnUnavailableException).
            throw new TurnUnavailableException(StoreFailures.Describe(ex), StoreFailures.RetryAfter, ex);
        }
    }

    private async Task<InvokeResponse?> RunTurnAsync(TurnContext turn, Func<CancellationToken, Task<InvokeResponse?>> dispatch,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(dispatch);
        if (!tenants.Serves(turn.TenantId))
        {
            LogForeignTenant();
            return await RefuseAsync(turn, TenantGate.NotSetUpTitle, TenantGate.NotSetUpText, cancellationToken).ConfigureAwait(false);
        }

        if (string.IsNullOrEmpty(turn.UserKey) && turn.Activity.Type is ActivityTypes.Message or ActivityTypes.Invoke)
        {
            // A person is (tenant, Entra object id): without the id nobody can be told apart, so nothing is done or stored.
            LogNoObjectId();
            return await RefuseAsync(turn, NoIdentityTitle, NoIdentityText, cancellationToken).ConfigureAwait(false);
        }

        work.ActFor(turn.TenantId);
        var conversationId = turn.ConversationId;
        var activityId = turn.Activity.Id;
        var tracked = !string.IsNullOrEmpty(activityId);
        using var gate = tracked ? await gates.EnterAsync(conversationId, activityId!, cancellationToken).ConfigureAwait(false) : null;
        var carrier = tracked ? carriers.Of(turn.Activity) : null;
        var afresh = carrier?.AnsweredAfresh == true;
        var person = turn.PersonKey();
        if (carrier is null
            && tracked && await processed.FindAsync(conversationId, activityId!, cancellationToken).ConfigureAwait(false) is { } before
            && KeptAnswer(before, person))
        {
            // (Only a carrier's marks keep no answer: a mark left by a version whose verbs differed is answered, not stored.)
            return await ReplayAsync(turn, before, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            for (var attempt = 1; ; attempt++)
            {
                work.Reset();
                if (carrier is not null && !work.Redelivered)
                {
                    // Each run's first read carries the check (one round trip instead of two): it throws on a replay, or, when
                    // the answer was not kept, marks the turn redelivered and the handler answers from that read. A run after
                    // a conflict checks again: another instance may have handled this very activity in between.
                    work.DeferReplayCheck(KeptFor(processed.FindQuery(conversationId, activityId!), person));
                }

                InvokeResponse? response;
                try
                {
                    response = await dispatch(cancellationToken).ConfigureAwait(false);
                }
                catch (ActivityHandledBeforeException handled)
                {
                    if (!handled.Response.AnsweredAnother(person))
                    {
                        LogReplayed();
                    }

                    return await ReplayAsync(turn, handled.Response, cancellationToken).ConfigureAwait(false);
                }

                // A handler that answered without reading (a refusal, unreadable card data) left the check: made now, before
                // anything is stored or sent.
                if (work.TakeReplayCheck() is not null
                    && await processed.FindAsync(conversationId, activityId!, cancellationToken).ConfigureAwait(false) is { } earlier
                    && KeptAnswer(earlier, person))
                {
                    return await ReplayAsync(turn, earlier, cancellationToken).ConfigureAwait(false);
                }

                // Serialised once, as UTF-8, for both the processed mark and the HTTP body: never turned into text. An
                // answer written as bytes already is not serialised again, and one written as parts (a vote's ballot,
                // CardAnswerBytes) is made whole only when its mark keeps it: a carrier's mark keeps none, so the endpoint
                // writes its parts straight into the response.
                var utf8 = response?.BodyUtf8
                    ?? (response?.Body is null || (afresh && response.BodyParts is not null) ? null
                        : response.BodyParts?.ToArray() ?? JsonSerializer.SerializeToUtf8Bytes(response.Body, BotJson.Options));
                if (work.Redelivered)
                {
                    // Handled before and its answer not kept: this run's answer, from what is stored now, and nothing stored.
                    LogReplayed();
                    return Sent(response, utf8);
                }

                var result = await CommitAsync(turn, response, utf8, afresh, cancellationToken).ConfigureAwait(false);
                switch (result.Outcome)
                {
                    case CommitOutcome.Committed:
                        return Sent(response, utf8);
                    case CommitOutcome.AlreadyProcessed:
                        // Another delivery committed first: its answer. When that was not kept, this run's reads may hold its
                        // change already (a read of several statements is not one snapshot), so this run's answer could count
                        // the change twice: one more run, as a redelivery, answers from what is stored now.
                        if (KeptAnswer(result.Response!, person))
                        {
                            return await ReplayAsync(turn, result.Response!, cancellationToken).ConfigureAwait(false);
                        }

                        break;
                    default:
                        LogConflict(attempt, result.Conflict ?? "");
                        if (attempt >= MaxAttempts)
                        {
                            return await GiveUpAsync(turn, cancellationToken).ConfigureAwait(false);
                        }

                        work.Reset(); // its gates freed before the pause, not after
                        await pause.WaitAfterAsync(attempt, cancellationToken).ConfigureAwait(false);
                        break;
                }
            }
        }
        finally
        {
            work.Abandon();
        }
    }

    /// <summary>
    /// Whether the activity's earlier handling kept its answer (to be replayed); if not, the turn is marked redelivered:
    /// its handler answers from what it reads, and nothing of it is stored. A mark of another person than
    /// <paramref name="person"/> counts as kept, whatever it holds: it is not run again but refused (<see cref="ReplayAsync"/>).
    /// </summary>
    private bool KeptAnswer(StoredResponse earlier, string? person)
    {
        if (earlier.AnsweredAnother(person))
        {
            return true;
        }

        if (earlier.Afresh)
        {
            work.MarkRedelivered();
            return false;
        }

        LogReplayed();
        return true;
    }

    private static InvokeResponse? Sent(InvokeResponse? response, byte[]? utf8) =>
        utf8 is null ? response : response! with { BodyUtf8 = utf8 };

    private async Task<CommitResult> CommitAsync(TurnContext turn, InvokeResponse? response, byte[]? utf8, bool afresh,
        CancellationToken cancellationToken)
    {
        work.Flush();
        ShownMessages.Record(turn, work, time.GetUtcNow(), response);
        if (!string.IsNullOrEmpty(turn.Activity.Id))
        {
            var status = response?.Status ?? 200;
            var person = work.KeepsNoPerson ? null : turn.PersonKey();
            // An answer that gives back flagged text the turn did not store is not kept either (see RefusedEcho).
            if (afresh || RefusedEcho.Holds(turn.Activity, utf8, work.Store))
            {
                work.Store.MarkProcessedAfresh(turn.ConversationId, turn.Activity.Id, time.GetUtcNow(), status, person);
            }
            else
            {
                work.Store.MarkProcessedUtf8(turn.ConversationId, turn.Activity.Id, time.GetUtcNow(), status, utf8, person);
            }
        }

        var result = await committer.CommitAsync(work.Store, CancellationToken.None).ConfigureAwait(false);
        if (result.Outcome == CommitOutcome.Committed)
        {
            var replies = work.Replies.ToList();
            var queued = work.Store.HasOutboxMessages;
            work.Committed();
            if (replies.Count > 0)
            {
                try
                {
                    await dispatcher.DeliverNowAsync(replies, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is System.Data.Common.DbException or HttpRequestException or ConnectorException
                    or InvalidOperationException or OperationCanceledException)
                {
                    // The turn is stored and so are its replies: the background drainer delivers what could not go now.
                    LogDeliverLater(ex);
                }
            }

            if (queued)
            {
                signal.Notify();
            }
        }

        return result;
    }

    /// <summary>Others kept changing what this turn changes: nothing of it is stored, and the person is told so.</summary>
    private async Task<InvokeResponse?> GiveUpAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        work.Reset();
        if (turn.Activity.Type == ActivityTypes.Invoke)
        {
            return Reply.Refusal("Not saved", DocumentChanges.ChangedElsewhere);
        }

        outbox.Reply(turn, new Activity { Type = ActivityTypes.Message, Text = DocumentChanges.ChangedElsewhere });
        await CommitAsync(turn, null, null, afresh: false, cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>One polite answer, and nothing stored: not the conversation, not the mark, not the activity.</summary>
    private static async Task<InvokeResponse?> RefuseAsync(TurnContext turn, string title, string text, CancellationToken cancellationToken)
    {
        switch (turn.Activity.Type)
        {
            case ActivityTypes.Invoke:
                return Reply.Refusal(title, text);
            case ActivityTypes.Message:
                // Straight to the connector: nothing of this tenant's may be stored, not even the outgoing message. If it
                // cannot be sent, there is nobody to tell and nothing to keep: the activity is still answered 200.
                try
                {
                    await turn.Connector.SendToConversationAsync(turn.ServiceUrl, turn.ConversationId, turn.Activity.CreateReply(
                        $"**{title}.** {text}"), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is ConnectorException or HttpRequestException or InvalidOperationException)
                {
                    // Dropped on purpose (see above).
                }

                return null;
            default:
                return null;
        }
    }
}
