using WorkshopBot.Audits.Domain;
using WorkshopBot.Audits.Teams;
using WorkshopBot.Common;
using static WorkshopBot.Tests.Audits.AuditFixtures;

namespace WorkshopBot.Tests.Audits;

/// <summary>
/// The months an audit is kept after closure are counted on England's calendar: closed at 00:30 BST on 1 July (23:30 UTC
/// on 30 June) and kept a month, it may be purged from 00:30 BST on 1 August, not on 31 July as UTC's calendar would have
/// it, and the dashboard says 1 August. In winter (GMT) the two calendars agree.
/// </summary>
public sealed class RetentionCountsEnglandsCalendar
{
    [Theory]
    [InlineData("2026-06-30T23:30:00Z", "2026-07-31T23:30:00Z", "1 August 2026")] // Closed 1 July at 00:30 BST.
    [InlineData("2026-07-31T23:30:00Z", "2026-08-31T23:30:00Z", "1 September 2026")] // Closed 1 August at 00:30 BST.
    [InlineData("2026-11-30T23:30:00Z", "2026-12-30T23:30:00Z", "30 December 2026")] // Closed 30 November at 23:30 GMT.
    public void OneMonthAfterClosureIsTheSameDayOfTheNextMonthInEngland(string closedAt, string purgeAt, string shown)
    {
        var closed = DateTimeOffset.Parse(closedAt, System.Globalization.CultureInfo.InvariantCulture);
        var audit = IssuedAudit();
        Assert.True(audit.ReleaseForModeration(Now).Succeeded);
        Assert.True(audit.Close(closed).Succeeded);
        Assert.True(audit.SetRetention(1).Succeeded);

        var dashboard = DashboardCard.Dashboard(audit);

        Assert.Equal(DateTimeOffset.Parse(purgeAt, System.Globalization.CultureInfo.InvariantCulture), audit.PurgeDueAt);
        Assert.Equal(shown, Moments.Day(audit.PurgeDueAt));
        Assert.Contains($"data deleted on {shown}", System.Text.Json.JsonSerializer.Serialize(dashboard), StringComparison.Ordinal);
    }
}
