using System.Globalization;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Common;

namespace WorkshopBot.Audits.Teams;

/// <summary>
/// The id of a new audit: the same for two presses of Create audit with the same form by the same chair that read the
/// same audits, different once a draft with that form exists (the chair creating it again later, as they may), and never
/// the id of an audit retention purged. The purge leaves that id behind in the audit log (its entries and the
/// deletion-log entry, which no one can remove) and, when the partnership keeps published briefings, on the kept
/// briefing; a new audit given it would carry all of that as its own. The purged audit no longer counts among the
/// chair's drafts, so the same form would derive its id again: that number is skipped for the next, as an id already
/// taken is. Ids of audits already stored do not change (the derivation is as before), and two presses at once still
/// make the same id: both read the same deletion-log entries, which only a purge, long after its audit closed, writes.
/// </summary>
public static class CreateAuditIds
{
    public static async Task<Guid> NextAsync(Audit form, IReadOnlyList<Audit> chaired, Func<Guid, CancellationToken, Task<bool>> purged,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(chaired);
        ArgumentNullException.ThrowIfNull(purged);
        var taken = chaired.Select(a => a.Id).ToHashSet();
        for (var number = chaired.Count(a => a.HasSameFormAs(form)); ; number++)
        {
            var id = DerivedIds.Of(form.TenantId ?? "", form.Chair.UserId.ToUpperInvariant(), form.Title, form.TemplateKey,
                form.ThemeName, form.GradeScale.Key, form.LookBack.Describe(), Ms(form.ReturnsDueAt),
                Ms(form.WorkshopAt), form.Reminders.DaysBeforeDue.ToString(CultureInfo.InvariantCulture),
                number.ToString(CultureInfo.InvariantCulture));
            if (!taken.Contains(id) && !await purged(id, ct).ConfigureAwait(false))
            {
                return id;
            }
        }
    }

    private static string Ms(DateTimeOffset? at) =>
        at?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) ?? "";
}
