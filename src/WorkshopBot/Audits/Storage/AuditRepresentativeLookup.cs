using WorkshopBot.Common;
using WorkshopBot.Help.Domain;

namespace WorkshopBot.Audits.Storage;

/// <summary>Tells the help card whether someone represents an agency in any audit.</summary>
public sealed class AuditRepresentativeLookup(AuditStore store) : IRepresentativeLookup
{
    public async Task<bool> IsRepresentativeAsync(string userKey, CancellationToken cancellationToken)
    {
        var me = new PersonRef(userKey, userKey);
        return (await store.ListAuditsAsync(cancellationToken).ConfigureAwait(false))
            .Any(d => d.Value.Agencies.Any(a => a.Representative?.IsSamePerson(me) == true));
    }
}
