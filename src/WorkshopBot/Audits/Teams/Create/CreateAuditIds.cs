using System.Globalization;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Common;

namespace WorkshopBot.Audits.Teams;

/// <summary>
/// The id of a new audit: the same for two presses of Create audit with the same form by the same chair that read the
/// same audits, different once a draft with that form exists (the chair creating it again later, as they may).
/// </summary>
public static class CreateAuditIds
{
    public static Guid Next(Audit form, IReadOnlyList<Audit> chaired)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(chaired);
        var taken = chaired.Select(a => a.Id).ToHashSet();
        for (var number = chaired.Count(a => a.HasSameFormAs(form)); ; number++)
        {
            var id = DerivedIds.Of(form.TenantId ?? "", form.Chair.UserId.ToUpperInvariant(), form.Title, form.TemplateKey,
                form.ThemeName, form.GradeScale.Key, form.LookBack.Describe(), Ms(form.ReturnsDueAt),
                Ms(form.WorkshopAt), form.Reminders.DaysBeforeDue.ToString(CultureInfo.InvariantCulture),
                number.ToString(CultureInfo.InvariantCulture));
            if (!taken.Contains(id))
            {
                return id;
            }
        }
    }

    private static string Ms(DateTimeOffset? at) =>
        at?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) ?? "";
}
