using System.Globalization;
using System.Text.Json.Serialization;
using WorkshopBot.Common;

namespace WorkshopBot.Briefings.Domain;

/// <summary>The day (in England) a version was first posted to a channel.</summary>
public sealed record VersionPublished(int Version, DateOnly On);

/// <summary>
/// What a copy of one version says of when it went out: the day it was first published to a channel; else, for the approved
/// version, the day it was approved; else that it is not yet published. The composer's own date
/// (<see cref="BriefingFooter.PublicationDate"/>) is the day the briefing was composed, and is never shown as either.
/// </summary>
public sealed record BriefingDates(DateOnly? Published, DateOnly? Approved)
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>A version posted to a channel, first on <paramref name="day"/>.</summary>
    public static BriefingDates PublishedOn(DateOnly day) => new(day, null);

    /// <summary>The footer's sentence: "Published 20 April 2026.", "Approved 16 April 2026." or "Not yet published."</summary>
    public string Sentence => Published is { } published ? $"Published {published.ToString("d MMMM yyyy", English)}."
        : Approved is { } approved ? $"Approved {approved.ToString("d MMMM yyyy", English)}."
        : "Not yet published.";
}

/// <summary>When each version was first published, so that every copy of it says the same day.</summary>
public sealed partial class BriefingRecord
{
    /// <summary>
    /// The day each published version was first posted to a channel, kept when it is first posted and never changed: a
    /// version posted to more channels later, or posted again after a post failed, keeps its first day. Briefings stored
    /// before it was kept have none: <see cref="PublishedOn"/> reads the earliest of the version's posts instead.
    /// </summary>
    [JsonInclude]
    public IReadOnlyList<VersionPublished> FirstPublished { get; private set; } = [];

    /// <summary>The day (in England) the version was first published to a channel; null when it has not been.</summary>
    public DateOnly? PublishedOn(int version) =>
        FirstPublished.FirstOrDefault(p => p.Version == version)?.On
        ?? Publications.Where(p => p.Version == version).Select(p => (DateOnly?)EnglandTime.DateOf(p.PostedAt)).Min();

    /// <summary>What a copy of <paramref name="version"/> says of when it went out (see <see cref="BriefingDates"/>).</summary>
    public BriefingDates DatesOf(int version) =>
        new(PublishedOn(version), ApprovedVersion == version && ApprovedAt is { } at ? EnglandTime.DateOf(at) : null);

    // Called before a publication is kept: the first one of a version fixes its day, as its card said.
    private void NoteFirstPublication(ChannelPublication publication)
    {
        if (FirstPublished.Any(p => p.Version == publication.Version))
        {
            return;
        }

        var on = PublishedOn(publication.Version) ?? EnglandTime.DateOf(publication.PostedAt);
        FirstPublished = [.. FirstPublished, new VersionPublished(publication.Version, on)];
    }
}
