using WorkshopBot.Common;

namespace WorkshopBot.Briefings.Domain;

/// <summary>What retention keeps of a briefing when the partnership keeps published briefings.</summary>
public sealed partial class BriefingRecord
{
    /// <summary>
    /// The one exception to "versions are never removed": when an audit passes its retention period, only the versions
    /// that were published stay (the drafts go). Returns how many versions were dropped; refused when nothing was published.
    /// </summary>
    public DomainResult<int> KeepPublishedOnly()
    {
        var published = Publications.Select(p => p.Version).ToHashSet();
        if (published.Count == 0)
        {
            return DomainResult<int>.Fail(DomainErrorKind.NotAllowed, "This briefing was never published.");
        }

        var kept = Versions.Where(v => published.Contains(v.Number)).ToList();
        var dropped = Versions.Count - kept.Count;
        Versions = kept;
        return DomainResult<int>.Ok(dropped);
    }
}
