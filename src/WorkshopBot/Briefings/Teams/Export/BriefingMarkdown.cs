using System.Text;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Common;

namespace WorkshopBot.Briefings.Teams;

/// <summary>The briefing as Markdown, for intranet pages and email.</summary>
public static class BriefingMarkdown
{
    public const string ContentType = "text/markdown; charset=utf-8";

    /// <summary>The Word file's name with <c>.md</c>.</summary>
    public static string FileName(Briefing briefing, int version, DateOnly? published) =>
        Path.ChangeExtension(BriefingDocx.FileName(briefing, version, published), ".md");

    /// <summary>The Markdown; its footer says when the version went out (<see cref="BriefingDates"/>).</summary>
    public static string Render(Briefing briefing, BriefingDates dates)
    {
        ArgumentNullException.ThrowIfNull(briefing);
        ArgumentNullException.ThrowIfNull(dates);
        var md = new StringBuilder();
        md.Append("# ").AppendLine(MarkdownText.Escape(briefing.Title)).AppendLine();
        var number = 1;
        foreach (var box in briefing.Boxes)
        {
            md.Append("## ").Append(number++).Append(". ").AppendLine(box.Title).AppendLine();
            if (!string.IsNullOrEmpty(box.Lead))
            {
                md.AppendLine(MarkdownText.Escape(box.Lead)).AppendLine();
            }

            if (box.Kind == BriefingBoxKind.GradesAndFindings && briefing.Grades.Count > 0)
            {
                md.AppendLine("| Grade | Cases | Single-agency returns |").AppendLine("|---|---:|---:|");
                foreach (var grade in briefing.Grades)
                {
                    md.Append("| ").Append(grade.Label).Append(" | ").Append(grade.Cases).Append(" | ").Append(grade.Returns)
                        .AppendLine(" |");
                }

                md.AppendLine();
            }

            foreach (var point in box.Points)
            {
                md.Append("- ").AppendLine(MarkdownText.Escape(point));
            }

            if (box.Questions.Count > 0)
            {
                md.AppendLine().AppendLine("**Questions for your team**").AppendLine();
                foreach (var question in box.Questions)
                {
                    md.Append("- ").AppendLine(MarkdownText.Escape(question));
                }
            }

            if (box.Points.Count > 0 || box.Questions.Count > 0)
            {
                md.AppendLine();
            }
        }

        md.AppendLine("---").AppendLine()
            .AppendLine(briefing.Footer.AnonymisationNote).AppendLine()
            .AppendLine(dates.Sentence)
            .AppendLine()
            .Append("Contact: ").AppendLine(briefing.Footer.Contact);
        return md.ToString();
    }
}
