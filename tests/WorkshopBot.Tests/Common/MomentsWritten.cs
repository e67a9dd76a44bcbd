using System.Globalization;
using WorkshopBot.Common;
using WorkshopBot.Common.Teams;

namespace WorkshopBot.Tests.Common;

/// <summary>
/// A moment in the bot's sentences: as England's clocks showed it, saying GMT or BST, whatever the offset it was stored
/// with or the culture.
/// </summary>
public sealed class MomentsWritten
{
    [Fact]
    public void AMomentIsWrittenInEnglandsTimeAndSaysWhich()
    {
        var summer = new DateTimeOffset(2026, 6, 4, 13, 5, 0, TimeSpan.FromHours(-2));

        Assert.Equal("4 June 2026 at 16:05 BST", Moments.DateAndTime(summer));
        Assert.Equal("16:05 BST", Moments.Time(summer));
        Assert.Equal("4 June 2026 at 16:05 BST", CardKit.DateTime(summer));
        Assert.Equal("4 December 2026 at 14:05 GMT", Moments.DateAndTime(new DateTimeOffset(2026, 12, 4, 14, 5, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void JustAfterMidnightBstTheDayIsEnglandsNotUtcs()
    {
        var late = new DateTimeOffset(2026, 5, 31, 23, 30, 0, TimeSpan.Zero);

        Assert.Equal("1 June 2026 at 00:30 BST", Moments.DateAndTime(late));
        Assert.Equal("1 June 2026", Moments.Day(late));
        Assert.Equal("1 June 2026", CardKit.Date(late));
    }

    [Fact]
    public void TheMachinesCultureChangesNothing()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("fr-FR");
            Assert.Equal("2 March 2026 at 09:00 GMT", Moments.DateAndTime(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero)));
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
        Assert.Equal("an unrecorded date", Moments.Day((DateTimeOffset?)null));
    }
}
