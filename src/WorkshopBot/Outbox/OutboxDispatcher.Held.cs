// Held: the messages of an organisation taken off WorkshopBot:AllowedTenants stay queued and are not sent.
using WorkshopBot.Storage;

namespace WorkshopBot.Outbox;

public sealed partial class OutboxDispatcher
{
    /// <summary>How long a message of an organisation the bot no longer serves waits before it is looked at again.</summary>
    public static readonly TimeSpan HeldRecheck = Hosting.TenantGate.HeldRecheck;

    /// <summary>
    /// Holds a message of an organisation taken off the list: nothing is sent to it, no attempt is spent, and the message
    /// stays queued (not failed, so nothing is reported into that organisation's channels either) and is looked at again
    /// every <see cref="HeldRecheck"/>: sent once the organisation is back on the list (the list is read at start). Each
    /// look is logged with the message's id, kind and tenant, never its content; a safety alert as an error, since
    /// someone must make sure it reaches its people another way. Returns when it is looked at again: later messages of its
    /// conversation wait too.
    /// </summary>
    private async Task<DateTimeOffset> HoldAsync(OutboxMessage message)
    {
        var now = time.GetUtcNow();
        var until = now + HeldRecheck;
        await store.PostponeAsync(message.Id, _owner, until, now, CancellationToken.None).ConfigureAwait(false);
        var kind = Operations.MessageKind.Of(message);
        if (kind.IsSafetyAlert)
        {
            LogSafetyAlertHeld(message.Id, kind.AuditId, message.TenantId);
        }
        else
        {
            LogHeld(message.Id, kind.Kind, message.TenantId, until);
        }

        return until;
    }

    [LoggerMessage(EventId = 1523, Level = LogLevel.Warning,
        Message = "Outbox message {MessageId} ({Kind}) held, not sent: its organisation (tenant {TenantId}) is not on "
            + "WorkshopBot:AllowedTenants. It stays queued and is sent if the organisation is put back on the list; looked at "
            + "again at {RetryAt:O}")]
    private partial void LogHeld(long messageId, string kind, string tenantId, DateTimeOffset retryAt);

    [LoggerMessage(EventId = 1524, Level = LogLevel.Error,
        Message = "An immediate-safety alert (outbox message {MessageId}, audit {AuditId}) is held, not sent: its organisation "
            + "(tenant {TenantId}) is not on WorkshopBot:AllowedTenants. Make sure its chair or named lead hears of it another "
            + "way, or put the organisation back on the list")]
    private partial void LogSafetyAlertHeld(long messageId, Guid? auditId, string tenantId);
}
