using System.Globalization;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;

namespace WorkshopBot.Tests.Common;

/// <summary>A moment in the bot's sentences: in UTC, saying so, whatever the offset it was stored with or the culture.</summary>
public sealed class MomentsWritten
{
    [Fact]
    public void AMomentIsWrittenInUtcAndSaysSo()
    {
        var summer = new DateTimeOffset(2026, 6, 4, 14, 5, 0, TimeSpan.FromHours(1));

        Assert.Equal("4 June 2026 at 13:05 UTC", Moments.DateAndTime(summer));
        Assert.Equal("13:05 UTC", Moments.Time(summer));
        Assert.Equal("4 June 2026 at 13:05 UTC", CardKit.DateTime(summer));
    }

    [Fact]
    public void TheMachinesCultureChangesNothing()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("fr-FR");
            Assert.Equal("2 March 2026 at 09:00 UTC", Moments.DateAndTime(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero)));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void AMomentNotRecordedIsSaidSo()
    {
        Assert.Equal("an unrecorded time", Moments.DateAndTime((DateTimeOffset?)null));
        Assert.Equal("an unrecorded time", Moments.Time((DateTimeOffset?)null));
    }
}
