using System.Text.Json.Serialization;
using WorkshopBot.Common;

namespace WorkshopBot.Audits.Domain;

// When the automatic reminder round goes, and how the dashboard says it.
public sealed partial class Audit
{
    /// <summary>When the chair last changed the reminder setting while returns were being collected; null if never.</summary>
    [JsonInclude]
    public DateTimeOffset? RemindersChangedAt { get; private set; }

    /// <summary>
    /// When the automatic reminder round for the current due date goes: <see cref="ReminderAt"/>, or null when that time had
    /// already passed as the representatives were given the date (the audit issued, or the date extended, inside the
    /// reminder window). The tools, or the extension's notice, have just told them the date; the chair can still remind.
    /// A setting changed after that gives a new chance: when its time had already passed as it was set, the round goes at
    /// once (the next pass after the change). Either way there is one round per due date (the job keys it by the date).
    /// </summary>
    public DateTimeOffset? AutomaticReminderAt
    {
        get
        {
            var given = DueExtendedAt ?? IssuedAt;
            if (ReminderAt is not { } at || given is null)
            {
                return ReminderAt;
            }

            if (RemindersChangedAt is { } changed && changed > given)
            {
                return at > changed ? at : changed;
            }

            return at > given ? at : null;
        }
    }

    /// <summary>
    /// The reminder setting for the dashboard, with what it means for this audit: when the automatic round goes, or that there
    /// is none for this due date and why. <paramref name="roundWentForDue"/> is the due date the automatic round last went for
    /// (kept with the audit's Teams records): once it went for the current date, or the date has passed, reminders have
    /// finished, whatever the setting says since. Once the returns are released reminders stop, and only the setting shows.
    /// </summary>
    public string RemindersInWords(DateTimeOffset? now, DateTimeOffset? roundWentForDue = null)
    {
        var setting = Reminders.Describe();
        if (ReturnsDueAt is null || ReminderAt is not { } at || Status > AuditStatus.Issued)
        {
            return setting;
        }

        if (Status == AuditStatus.Draft)
        {
            return now is { } today && at <= today
                ? $"{setting}: none, as that time has passed (fewer days would give one)"
                : $"{setting}: {Moments.DateAndTime(at)}";
        }

        if (roundWentForDue is { } went && went == ReturnsDueAt)
        {
            return $"{setting}: finished, as the reminder for this due date has been sent (Remind on the returns tracker sends "
                + "another)";
        }

        if (now is { } current && current > ReturnsDueAt)
        {
            return $"{setting}: finished, as the returns were due on {Moments.DateAndTime(ReturnsDueAt.Value)}";
        }

        if (AutomaticReminderAt is not { } round)
        {
            var when = DueExtendedAt is null ? "the audit was issued" : "the due date was extended";
            return $"{setting}: none for this due date, as that time had passed when {when} (Remind on the returns tracker "
                + "sends one)";
        }

        return round == at
            ? $"{setting}: {Moments.DateAndTime(round)}"
            : $"{setting}: {Moments.DateAndTime(round)}, as that time had passed when it was set";
    }
}
