// Sending: delivering one message, resolving the target of a card update, and the connector calls per kind.
using WorkshopBot.Protocol.Connector;
using WorkshopBot.Protocol.Schema;
using WorkshopBot.Storage;

namespace WorkshopBot.Outbox;

public sealed partial class OutboxDispatcher
{
    /// <summary>
    /// Delivers one message; returns a time when it had to wait (later messages of its conversation wait too), or now when
    /// another instance has taken it over (later messages of its conversation are handed back rather than sent ahead).
    /// </summary>
    private async Task<DateTimeOffset?> DeliverAsync(OutboxMessage message, bool inline, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var span = Operations.Telemetry.BotTelemetry.Outbox.StartActivity("outbox.deliver");
        span?.SetTag("workshopbot.message.id", message.Id);
        span?.SetTag("workshopbot.message.kind", Operations.MessageKind.Of(message).Kind);
        (string? ActivityId, string? ConversationId) sent;
        var attempt = new SendAttempt();
        try
        {
            if (tenants.NoLongerServes(message.TenantId))
            {
                return await HoldAsync(message).ConfigureAwait(false);
            }

            if (message.Kind == OutboxKind.Update
                && await UpdateTurnAsync(message).ConfigureAwait(false) is { } notNow)
            {
                return notNow.HeldUntil;
            }

            var target = await ResolveTargetAsync(message, cancellationToken).ConfigureAwait(false);
            if (target is null)
            {
                return null;
            }

            if (target.WaitUntil is { } wait)
            {
                await store.PostponeAsync(message.Id, _owner, wait, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
                return wait;
            }

            // A card for a part its person has since lost (a representative replaced) is withdrawn here, not sent.
            var withdrawn = await WithdrawnAsync(message, cancellationToken).ConfigureAwait(false);
            if (withdrawn is not false)
            {
                return withdrawn is true ? null : time.GetUtcNow();
            }

            var addressed = await AddressedAsync(target.Message, cancellationToken).ConfigureAwait(false);
            var activity = BotJson.Deserialize<Activity>(message.PayloadJson)
                ?? throw new InvalidOperationException("The stored activity is empty.");
            var gated = await SendThroughTokenGateAsync(message, addressed, activity, attempt, inline, cancellationToken)
                .ConfigureAwait(false);
            if (gated.PostponedTo is { } probeAt)
            {
                return probeAt;
            }

            if (gated.Sent is not { } done)
            {
                LogLeaseLost(message.Id);
                return time.GetUtcNow();
            }

            sent = done;
        }
        catch (RateLimitedException ex)
        {
            // Rate-limited here (Teams' limits or a remembered Retry-After): nothing was sent, and no attempt is spent.
            await store.PostponeAsync(message.Id, _owner, ex.RetryAt, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
            return ex.RetryAt;
        }
        catch (ConnectorException ex) when (ex.IsThrottled && time.GetUtcNow() - message.CreatedAt < settings.ThrottledRetryFor)
        {
            // Teams said "too many requests": it accepted nothing, so no attempt is spent; the conversation waits too.
            var retryAt = ThrottledRetryAt(message, ex);
            await store.PostponeAsync(message.Id, _owner, retryAt, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
            LogThrottled(message.Id, retryAt);
            return retryAt;
        }
        catch (BotTokenUnavailableException) when (time.GetUtcNow() - message.CreatedAt < settings.ThrottledRetryFor)
        {
            // No token (an expired secret, an Entra ID outage), so nothing was sent: no attempt is spent, or an outage of a
            // few minutes would fail a safety alert for good. The conversation waits too, until the token gate's next probe.
            var retryAt = attempt.TokenRetryAt ?? time.GetUtcNow() + settings.RetryDelay;
            await store.PostponeAsync(message.Id, _owner, retryAt, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
            LogTokenUnavailable(message.Id, retryAt);
            return retryAt;
        }
        catch (ConnectorException ex) when (ex.IsBlocked)
        {
            await store.MarkBlockedAsync(message.Id, _owner, ex.ErrorCode ?? "blocked", time.GetUtcNow(), CancellationToken.None)
                .ConfigureAwait(false);
            LogBlocked(message.Id);
            return null;
        }
        catch (ServiceUrlNotAllowedException ex)
        {
            // A host the bot does not trust (or, in development mode, not loopback): nothing was sent, and trying again
            // would be refused again until the configuration changes. Failed for good, so the admins hear of it.
            await store.MarkFailedAsync(message.Id, _owner, Describe(ex), time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
            LogServiceUrlRefused(message.Id, ex.Host);
            await ForgetRefusedConversationAsync(message).ConfigureAwait(false);
            return null;
        }
        catch (ConnectorException ex) when (TriesAgain(message, ex))
        {
            // An outage of Teams spends an attempt, and the pauses grow, but it gives nothing up for TransientRetryFor.
            LogIfCutOff(message.Id, ex);
            var retryAt = time.GetUtcNow() + RetryPause(settings, message.Id, message.Attempts, ex.RetryAfter);
            await store.RescheduleAsync(
                message.Id, _owner, retryAt, Describe(ex), time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
            LogRescheduled(message.Id, (int?)ex.StatusCode ?? 0, retryAt);
            return null;
        }
        catch (ConnectorException ex) when (ex.IsNotFound
            && message.DedupeKey.StartsWith(IOutboxStore.TakeDownPrefix, StringComparison.Ordinal))
        {
            // A retention take-down whose card (or its chat) is already gone from Teams: nothing is left to take down.
            sent = (message.ActivityId, message.ConversationId);
        }
        catch (Exception ex) when (ex is ConnectorException or HttpRequestException or InvalidOperationException
            or System.Text.Json.JsonException or TaskCanceledException or ArgumentException)
        {
            LogIfCutOff(message.Id, ex);
            await store.MarkFailedAsync(message.Id, _owner, Describe(ex), time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
            LogFailed(message.Id, ex);
            await ForgetRemovedConversationAsync(message, ex, attempt.ServiceUrl).ConfigureAwait(false);
            return null;
        }

        // Sent: from here on nothing may count it as failed or send it again; recording it survives a brief store failure.
        await MarkSentAsync(message, sent.ActivityId, sent.ConversationId).ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// For an update of a card the outbox itself posts (<see cref="OutboxMessage.UpdateOfKey"/>): the posted card's
    /// conversation and activity id once it is sent; a short wait while it is still queued; null (recorded as failed)
    /// when it will never be sent. Other messages go as they are.
    /// </summary>
    private async Task<Target?> ResolveTargetAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (message.Kind != OutboxKind.Update || !string.IsNullOrEmpty(message.ActivityId) ||
            string.IsNullOrEmpty(message.UpdateOfKey))
        {
            return new Target(message, null);
        }

        var posted = await store.FindByDedupeKeyAsync(message.UpdateOfKey, cancellationToken).ConfigureAwait(false);
        switch (posted?.Status)
        {
            case OutboxStatus.Sent when posted.SentActivityId is { Length: > 0 } activityId:
                return new Target(
                    message with { ActivityId = activityId, ConversationId = posted.ResultConversationId ?? posted.ConversationId }, null);
            case OutboxStatus.Pending or OutboxStatus.InFlight:
                return new Target(message, time.GetUtcNow() + options.Value.PollInterval);
            default:
                await store.MarkFailedAsync(message.Id, _owner, "The card to update was never posted.", time.GetUtcNow(),
                    CancellationToken.None).ConfigureAwait(false);
                LogFailed(message.Id, new InvalidOperationException("The card to update was never posted."));
                return null;
        }
    }

    private sealed record Target(OutboxMessage Message, DateTimeOffset? WaitUntil);

    private async Task<(string? ActivityId, string? ConversationId)> SendAsync(
        OutboxMessage message, Activity activity, CancellationToken cancellationToken)
    {
        switch (message.Kind)
        {
            case OutboxKind.Send:
            {
                var sent = await connector.SendToConversationAsync(message.ServiceUrl, message.ConversationId!, activity, cancellationToken)
                    .ConfigureAwait(false);
                return (sent.Id, message.ConversationId);
            }

            case OutboxKind.Update:
            {
                await connector.UpdateActivityAsync(
                    message.ServiceUrl, message.ConversationId!, message.ActivityId!, activity, cancellationToken).ConfigureAwait(false);
                return (message.ActivityId, message.ConversationId);
            }

            case OutboxKind.CreatePersonalConversation:
            {
                // Creating a 1:1 conversation that exists returns the same id, so a retry after a crash is safe.
                var created = await connector.CreateConversationAsync(
                    message.ServiceUrl,
                    new ConversationParameters
                    {
                        IsGroup = false,
                        Bot = BotAccount(activity),
                        Members = [new ChannelAccount { Id = message.TargetUserId! }],
                        TenantId = message.TenantId,
                        ChannelData = BotJson.ToElement(new TeamsChannelData { Tenant = new TenantInfo { Id = message.TenantId } }),
                    },
                    cancellationToken).ConfigureAwait(false);
                var conversationId = created.Id ?? throw new InvalidOperationException("The connector returned no conversation id.");
                var sent = await connector.SendToConversationAsync(
                    message.ServiceUrl,
                    conversationId,
                    activity with { Conversation = new ConversationAccount { Id = conversationId, TenantId = message.TenantId } },
                    cancellationToken).ConfigureAwait(false);
                return (sent.Id, conversationId);
            }

            case OutboxKind.CreateChannelThread:
            {
                var created = await connector.CreateConversationAsync(
                    message.ServiceUrl,
                    new ConversationParameters
                    {
                        IsGroup = true,
                        Bot = BotAccount(activity),
                        TenantId = message.TenantId,
                        Activity = activity,
                        ChannelData = BotJson.ToElement(new TeamsChannelData
                        {
                            Channel = new ChannelInfo { Id = message.TargetChannelId! },
                            Tenant = new TenantInfo { Id = message.TenantId },
                        }),
                    },
                    cancellationToken).ConfigureAwait(false);
                return (created.ActivityId, created.Id);
            }

            default:
                throw new InvalidOperationException($"Unknown outbox kind {message.Kind}.");
        }
    }

    /// <summary>The bot as Teams knows it (<c>28:{app id}</c>), unless the stored activity already names it.</summary>
    private ChannelAccount? BotAccount(Activity activity) =>
        activity.From ?? (bot.Value.IsDevelopmentMode ? null : new ChannelAccount { Id = "28:" + bot.Value.MicrosoftAppId });

    private void LogIfCutOff(long messageId, Exception ex)
    {
        if (ex is SendDeadlineReachedException { WasCutOff: true })
        {
            LogCutOff(messageId);
        }
    }

    private static string Describe(Exception ex) => ex switch
    {
        ConnectorException c => $"{(int?)c.StatusCode} {c.ErrorCode}".Trim(),
        _ => ex.GetType().Name,
    };

    [LoggerMessage(EventId = 2018, Level = LogLevel.Error,
        Message = "Outbox message {MessageId} not sent and not retried: WorkshopBot does not send to host {Host} (not on "
            + "Bot:AllowedServiceUrlHosts or built in; in development mode, not loopback)")]
    private partial void LogServiceUrlRefused(long messageId, string host);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Information,
        Message = "Outbox message {MessageId} throttled by Teams; postponed to {RetryAt:O}")]
    private partial void LogThrottled(long messageId, DateTimeOffset retryAt);

    [LoggerMessage(EventId = 2015, Level = LogLevel.Warning,
        Message = "Outbox message {MessageId} not sent: WorkshopBot's token for Teams cannot be had; postponed to {RetryAt:O}")]
    private partial void LogTokenUnavailable(long messageId, DateTimeOffset retryAt);

    [LoggerMessage(EventId = 2016, Level = LogLevel.Warning,
        Message = "Outbox message {MessageId}: its send was stopped at its deadline, before its lease ran out; it goes again "
            + "later and may arrive twice")]
    private partial void LogCutOff(long messageId);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Outbox message {MessageId} sent ({Kind})")]
    private partial void LogSent(long messageId, string kind);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning,
        Message = "Outbox message {MessageId} blocked: the user has blocked WorkshopBot")]
    private partial void LogBlocked(long messageId);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning,
        Message = "Outbox message {MessageId} rescheduled to {RetryAt:O} after status {Status}")]
    private partial void LogRescheduled(long messageId, int status, DateTimeOffset retryAt);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Error, Message = "Outbox message {MessageId} failed")]
    private partial void LogFailed(long messageId, Exception exception);
}
