using WorkshopBot.Common;

namespace WorkshopBot.Briefings.Domain;

/// <summary>What retention keeps of a briefing when the partnership keeps published briefings.</summary>
public sealed partial class BriefingRecord
{
    /// <summary>
    /// The one exception to "versions are never removed": when an audit passes its retention period, only the versions
    /// that were published and not withdrawn stay (the drafts go, and so does a withdrawn version: it was withdrawn for
    /// what it said, and once the audit is gone nobody could reach it to take it down). Returns how many versions were
    /// dropped; refused when nothing was published, or everything published was withdrawn (the briefing then goes whole).
    /// </summary>
    public DomainResult<int> KeepPublishedOnly()
    {
        var published = Publications.Select(p => p.Version).Where(v => WithdrawalOf(v) is null).ToHashSet();
        if (published.Count == 0)
        {
            return DomainResult<int>.Fail(DomainErrorKind.NotAllowed, "No version of this briefing is published and not withdrawn.");
        }

        var kept = Versions.Where(v => published.Contains(v.Number)).ToList();
        var dropped = Versions.Count - kept.Count;
        Versions = kept;
        return DomainResult<int>.Ok(dropped);
    }
}
