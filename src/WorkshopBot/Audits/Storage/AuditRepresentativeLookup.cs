using WorkshopBot.Common;
using WorkshopBot.Help.Domain;

namespace WorkshopBot.Audits.Storage;

/// <summary>Tells the help card whether someone represents an agency in any audit of their organisation.</summary>
public sealed class AuditRepresentativeLookup(AuditStore store) : IRepresentativeLookup
{
    public async Task<bool> IsRepresentativeAsync(PersonRef person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        return (await store.ListAuditsAsync(cancellationToken).ConfigureAwait(false))
            .Any(d => AuditStore.AuditKind.BelongsTo(d.Value, person.TenantId)
                && d.Value.Agencies.Any(a => a.Representative?.IsSamePerson(person) == true));
    }
}
