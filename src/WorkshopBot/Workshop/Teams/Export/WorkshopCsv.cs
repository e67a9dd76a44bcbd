using System.Globalization;
using System.Text;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Common;
using WorkshopBot.Workshop.Domain;

namespace WorkshopBot.Workshop.Teams;

/// <summary>
/// CSV of a workshop's polls: one row per option with its rank and count, idea tags, and for named boards the
/// author's agency. Anonymous boards have no author column value at all. Voters are never named.
/// </summary>
public static class WorkshopCsv
{
    public const string Header = "poll,kind,prompt,phase,rank,option,dots_or_votes,voters,hidden,merged_into,agency,theme,case";

    public static async Task<string> BuildAsync(WorkshopSession session, IWorkshopVoteStore votes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(votes);
        var csv = new StringBuilder().Append(Header).Append("\r\n");
        foreach (var poll in session.Polls)
        {
            var tally = await votes.TallyAsync(poll.Id, cancellationToken).ConfigureAwait(false);
            var ranked = PollSnapshot.Rank(poll.VotableOptions, tally);
            foreach (var result in ranked)
            {
                var item = poll.FindItem(result.OptionId);
                Row(csv, poll, result.Rank.ToString(CultureInfo.InvariantCulture), result.Label, result.Dots, result.Voters, item);
            }

            // Hidden and merged ideas are listed too, so the export is a full record of the board.
            foreach (var item in poll.Items.Where(i => !i.IsVisible))
            {
                Row(csv, poll, "", item.Text, 0, 0, item);
            }

            var judgements = session.Judgements
                .Where(j => poll.Kind == PollKind.GradeRatification && j.CaseReference == poll.CaseReference);
            foreach (var judgement in judgements)
            {
                csv.Append(Escape(poll.Number.ToString(CultureInfo.InvariantCulture))).Append(',')
                    .Append("ratified").Append(',')
                    .Append(Escape(judgement.Rationale)).Append(',')
                    .Append(Escape(EnglandTime.LocalOf(judgement.RatifiedAt)
                        .ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture))).Append(",,")
                    .Append(Escape(judgement.GradeLabel)).Append(",,,,,,,")
                    .Append(Escape(judgement.CaseReference)).Append("\r\n");
            }
        }

        return csv.ToString();
    }

    private static void Row(StringBuilder csv, Poll poll, string rank, string label, int dots, int voters, IdeaItem? item)
    {
        string[] fields =
        [
            poll.Number.ToString(CultureInfo.InvariantCulture),
            poll.Kind.ToString(),
            poll.Prompt,
            poll.Phase.ToString(),
            rank,
            label,
            dots.ToString(CultureInfo.InvariantCulture),
            voters.ToString(CultureInfo.InvariantCulture),
            item?.Hidden == true ? "yes" : "",
            item?.MergedIntoId ?? "",
            item?.AgencyName ?? "",
            Themes.Find(item?.ThemeKey)?.DisplayName ?? "",
            item?.CaseReference ?? poll.CaseReference ?? "",
        ];
        csv.AppendJoin(',', fields.Select(Escape)).Append("\r\n");
    }

    /// <summary>Quotes a field when needed, and defuses spreadsheet formulas (a leading =, +, - or @).</summary>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return CsvText.Minimal(value);
    }
}
