using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Storage;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Briefings.Teams;

/// <summary>Data of <see cref="WithdrawScreen.Confirm"/> and <see cref="WithdrawScreen.Withdraw"/>.</summary>
public sealed record WithdrawData(Guid AuditId);

/// <summary>
/// The chair (or a partnership admin) withdraws a published briefing, from the card that tracks its use: a confirmation,
/// then every post and reminder of every version is updated to say it was withdrawn, and no further discussion of it is
/// recorded (those recorded are kept). Allowed once the audit has closed too, since it only takes text down. A corrected
/// version can be approved and published afterwards; the withdrawn versions cannot be published again.
/// </summary>
public sealed class WithdrawScreen(BriefingAccess access, BriefingPublisher publisher, BriefingStore store, TimeProvider time)
{
    public const string Confirm = "briefing.withdraw.confirm";
    public const string Withdraw = "briefing.withdraw";

    public static void Map(ActivityRouter router)
    {
        ArgumentNullException.ThrowIfNull(router);
        router.OnCardAction<WithdrawData>(Confirm, (turn, d, ct) => turn.Screen<WithdrawScreen>().ConfirmAsync(turn, d, ct));
        router.OnCardAction<WithdrawData>(Withdraw, (turn, d, ct) => turn.Screen<WithdrawScreen>().WithdrawAsync(turn, d, ct));
    }

    public async Task<InvokeResponse> ConfirmAsync(TurnContext turn, WithdrawData data, CancellationToken cancellationToken)
    {
        var briefing = await access.ChairBriefingToReadAsync(turn, data.AuditId, cancellationToken).ConfigureAwait(false);
        if (briefing.Refused)
        {
            return briefing.Refusal;
        }

        var record = briefing.Value.Record;
        if (record.NothingToWithdraw() is { } nothing)
        {
            return NothingDone(nothing, data.AuditId);
        }

        var channels = record.Publications.Where(p => record.WithdrawalOf(p.Version) is null)
            .Select(p => p.ChannelId).Distinct(StringComparer.Ordinal).Count();
        var discussions = (await store.ListDiscussionsAsync(data.AuditId, cancellationToken).ConfigureAwait(false)).Count;
        return Reply.Card(WithdrawCard.Confirm(data.AuditId, channels, discussions, time.GetUtcNow()));
    }

    public async Task<InvokeResponse> WithdrawAsync(TurnContext turn, WithdrawData data, CancellationToken cancellationToken)
    {
        var briefing = await access.ChairBriefingAsync(turn, data.AuditId, cancellationToken).ConfigureAwait(false);
        if (briefing.Refused)
        {
            return briefing.Refusal;
        }

        var person = turn.Person();
        var report = await publisher.WithdrawAsync(data.AuditId, person, briefing.Value.Audit.IsChair(person), cancellationToken)
            .ConfigureAwait(false);
        if (report.Result.Error is { } error)
        {
            return NothingDone(error, data.AuditId);
        }

        var discussions = (await store.ListDiscussionsAsync(data.AuditId, cancellationToken).ConfigureAwait(false)).Count;
        return Reply.Card(WithdrawCard.Done(data.AuditId, report, discussions));
    }

    private static InvokeResponse NothingDone(DomainError error, Guid auditId) => error.Kind == DomainErrorKind.AlreadyDone
        ? BriefingReply.Notice("Already withdrawn", error.Message, Tone.Info, auditId)
        : BriefingReply.Refusal("Nothing to withdraw", error.Message, auditId);
}
