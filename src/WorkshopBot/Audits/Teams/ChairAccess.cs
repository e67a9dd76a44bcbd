using System.Diagnostics.CodeAnalysis;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Storage;
using WorkshopBot.Cards;
using WorkshopBot.Common.Storage;
using WorkshopBot.Common.Teams;
using WorkshopBot.Hosting;
using WorkshopBot.Protocol.Routing;
using WorkshopBot.Protocol.Schema;

namespace WorkshopBot.Audits.Teams;

/// <summary>What a screen loaded for the person who acted, or the refusal to answer with instead.</summary>
public sealed class Access<T>
    where T : class
{
    private Access(T? value, InvokeResponse? refusal)
    {
        Value = value;
        Refusal = refusal;
    }

    public T? Value { get; }

    public InvokeResponse? Refusal { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Refusal))]
    public bool Allowed => Value is not null;

    public static Access<T> Allow(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    public static Access<T> Deny(InvokeResponse refusal) => new(null, refusal ?? throw new ArgumentNullException(nameof(refusal)));
}

/// <summary>The one guard of the chair's screens: only the audit's chair, or a partnership admin, works on an audit.</summary>
public sealed class ChairAccess(AuditStore store, Roles roles)
{
    /// <summary>The audit, when the person who acted chairs it or is an admin.</summary>
    public async Task<Access<Audit>> AuditAsync(TurnContext turn, Guid auditId, CancellationToken ct)
    {
        var audit = (await store.GetAuditAsync(auditId, ct).ConfigureAwait(false))?.Value;
        if (audit is null)
        {
            return Access<Audit>.Deny(NotFound);
        }

        var me = turn.Person();
        return audit.IsChair(me) || roles.IsAdmin(me.UserId)
            ? Access<Audit>.Allow(audit)
            : Access<Audit>.Deny(Reply.Refusal("Only the chair can do this", $"Only the chair of \"{audit.Title}\" "
                + $"({audit.Chair.DisplayName}) or a partnership admin can do this. Nothing was changed."));
    }

    /// <summary>
    /// The answer when a change to an audit was not saved: the screen's card with the domain's refusal, or the
    /// dashboard with the one "someone else changed this" message when others kept changing the audit.
    /// </summary>
    public static InvokeResponse NotSaved<T>(Changed<Audit, T> changed, Func<Audit, string, AdaptiveCard> refused)
    {
        ArgumentNullException.ThrowIfNull(changed);
        ArgumentNullException.ThrowIfNull(refused);
        return changed switch
        {
            { Status: ChangeStatus.Refused, Value: { } audit } => Reply.Card(refused(audit, changed.Message)),
            { Value: { } audit } => Reply.Card(DashboardCard.Dashboard(audit, message: DocumentChanges.ChangedElsewhere, tone: Tone.Error)),
            _ => NotFound,
        };
    }

    private static InvokeResponse NotFound =>
        Reply.Refusal("Audit not found", "This card refers to an audit that does not exist. Nothing was changed.");
}
