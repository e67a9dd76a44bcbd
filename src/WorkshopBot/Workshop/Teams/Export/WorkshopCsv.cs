using System.Globalization;
using System.Text;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Common;
using WorkshopBot.Workshop.Domain;
using WorkshopBot.Workshop.Storage;

namespace WorkshopBot.Workshop.Teams;

/// <summary>
/// CSV of a workshop's polls: one row per option with its rank and count, idea tags, and the agency each idea is credited
/// to, as the briefing credits it (<see cref="IdeaAgencies"/>: the agency tagged, else on a named board its author's; an
/// anonymous board's untagged idea has none). A case's ratified grade is one "ratified" row, under the grade poll it was
/// ratified on (a grade ratified before that was recorded: under the case's last grade poll), however many grade polls the
/// case had. Voters are never named. A hidden idea keeps its row (marked hidden) without its wording: the chair hid it so
/// that it is no longer shown, and that includes this file. Every stored text goes through an <see cref="ExportRedactor"/>.
/// </summary>
public static class WorkshopCsv
{
    public const string Header = "poll,kind,prompt,phase,rank,option,dots_or_votes,voters,hidden,merged_into,agency,theme,case";

    /// <summary>What a hidden idea's option cell holds instead of its wording.</summary>
    public const string HiddenWording = "(hidden by the chair)";

    public static Task<string> BuildAsync(WorkshopSession session, IWorkshopVoteStore votes, CancellationToken cancellationToken) =>
        BuildAsync(session, votes, new ExportRedactor(), cancellationToken);

    public static async Task<string> BuildAsync(WorkshopSession session, IWorkshopVoteStore votes, ExportRedactor redactor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(votes);
        ArgumentNullException.ThrowIfNull(redactor);
        var csv = new StringBuilder().Append(Header).Append("\r\n");
        var agencies = new IdeaAgencies(session, votes);
        var ratified = RatifiedUnder(session);
        foreach (var poll in session.Polls)
        {
            var tally = await votes.TallyAsync(poll.Id, cancellationToken).ConfigureAwait(false);
            var ranked = PollSnapshot.Rank(poll.VotableOptions, tally);
            foreach (var result in ranked)
            {
                var item = poll.FindItem(result.OptionId);
                var agency = item is null ? null : await agencies.OfAsync(item, cancellationToken).ConfigureAwait(false);
                Row(csv, poll, result.Rank.ToString(CultureInfo.InvariantCulture), result.Label, result.Dots, result.Voters, item, agency,
                    redactor);
            }

            // Hidden and merged ideas are listed too, so the export is a full record of the board; a hidden idea without its
            // wording (an idea is hidden only before voting opens, so it has no dots).
            foreach (var item in poll.Items.Where(i => !i.IsVisible))
            {
                Row(csv, poll, "", item.Hidden ? HiddenWording : item.Text, 0, 0, item,
                    await agencies.OfAsync(item, cancellationToken).ConfigureAwait(false), redactor);
            }

            if (ratified.TryGetValue(poll.Id, out var judgement))
            {
                csv.Append(Escape(poll.Number.ToString(CultureInfo.InvariantCulture))).Append(',')
                    .Append("ratified").Append(',')
                    .Append(Escape(redactor.Text(judgement.Rationale))).Append(',')
                    .Append(Escape(EnglandTime.LocalOf(judgement.RatifiedAt)
                        .ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture))).Append(",,")
                    .Append(Escape(judgement.GradeLabel)).Append(",,,,,,,")
                    .Append(Escape(redactor.Text(judgement.CaseReference))).Append("\r\n");
            }
        }

        return csv.ToString();
    }

    /// <summary>
    /// Each ratified case's judgement by the id of the grade poll its row goes under: the poll it was ratified on, or (not
    /// recorded, or no longer a grade poll of the case) the case's last grade poll. A session keeps one judgement a case.
    /// </summary>
    private static Dictionary<string, MultiAgencyJudgement> RatifiedUnder(WorkshopSession session)
    {
        var under = new Dictionary<string, MultiAgencyJudgement>(StringComparer.Ordinal);
        foreach (var judgement in session.Judgements)
        {
            var polls = session.Polls
                .Where(p => p.Kind == PollKind.GradeRatification && p.CaseReference == judgement.CaseReference)
                .ToList();
            if ((polls.FirstOrDefault(p => p.Id == judgement.PollId) ?? polls.LastOrDefault()) is { } poll)
            {
                under[poll.Id] = judgement;
            }
        }

        return under;
    }

    private static void Row(StringBuilder csv, Poll poll, string rank, string label, int dots, int voters, IdeaItem? item,
        string? agency, ExportRedactor redactor)
    {
        string[] fields =
        [
            poll.Number.ToString(CultureInfo.InvariantCulture),
            poll.Kind.ToString(),
            redactor.Text(poll.Prompt),
            poll.Phase.ToString(),
            rank,
            redactor.Text(label),
            dots.ToString(CultureInfo.InvariantCulture),
            voters.ToString(CultureInfo.InvariantCulture),
            item?.Hidden == true ? "yes" : "",
            item?.MergedIntoId ?? "",
            redactor.Text(agency),
            Themes.Find(item?.ThemeKey)?.DisplayName ?? "",
            redactor.Text(item?.CaseReference ?? poll.CaseReference),
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
