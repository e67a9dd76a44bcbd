using System.Globalization;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using WorkshopBot.Briefings.Domain;

namespace WorkshopBot.Briefings.Teams;

/// <summary>
/// The briefing as a Word document: title, the seven boxes, the grade table and a footer with date and contact. Posted
/// to channels' Files on publishing and downloaded through the export link.
/// </summary>
public static class BriefingDocx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>
    /// The Word file's name: the title and the day the version was first published, and from version 2 on the version, so
    /// that a later version uploaded to a channel's Files never overwrites an earlier one that an earlier post links to. A
    /// version not yet published to a channel (exported after approval) is named by its version only, with no date.
    /// </summary>
    public static string FileName(Briefing briefing, int version, DateOnly? published)
    {
        ArgumentNullException.ThrowIfNull(briefing);
        var safe = new string(briefing.Title.Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        while (safe.Contains("--", StringComparison.Ordinal))
        {
            safe = safe.Replace("--", "-", StringComparison.Ordinal);
        }

        return published is not { } day ? $"{safe}-v{version}.docx"
            : version <= 1 ? $"{safe}-{day:yyyy-MM-dd}.docx"
            : $"{safe}-{day:yyyy-MM-dd}-v{version}.docx";
    }

    /// <summary>The document; its footer says when the version went out (<see cref="BriefingDates"/>).</summary>
    public static byte[] Render(Briefing briefing, BriefingDates dates)
    {
        ArgumentNullException.ThrowIfNull(briefing);
        ArgumentNullException.ThrowIfNull(dates);
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            body.Append(Paragraph(briefing.Title, bold: true, sizeHalfPoints: 36));
            var number = 1;
            foreach (var box in briefing.Boxes)
            {
                body.Append(Paragraph($"{number++}. {box.Title}", bold: true, sizeHalfPoints: 28));
                if (!string.IsNullOrEmpty(box.Lead))
                {
                    body.Append(Paragraph(box.Lead));
                }

                if (box.Kind == BriefingBoxKind.GradesAndFindings && briefing.Grades.Count > 0)
                {
                    body.Append(GradeTable(briefing.Grades));
                }

                foreach (var point in box.Points)
                {
                    body.Append(Paragraph("\u2022 " + point));
                }

                if (box.Questions.Count > 0)
                {
                    body.Append(Paragraph("Questions for your team", bold: true));
                    foreach (var question in box.Questions)
                    {
                        body.Append(Paragraph("\u2022 " + question));
                    }
                }
            }

            body.Append(Paragraph(briefing.Footer.AnonymisationNote, italic: true));
            var footerPart = main.AddNewPart<FooterPart>();
            footerPart.Footer = new Footer(Paragraph(
                $"{dates.Sentence} Contact: {briefing.Footer.Contact}",
                sizeHalfPoints: 18));
            footerPart.Footer.Save();
            body.Append(new SectionProperties(
                new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footerPart) }));
            main.Document = new Document(body);
            main.Document.Save();
        }

        return stream.ToArray();
    }

    private static Paragraph Paragraph(string text, bool bold = false, bool italic = false, int? sizeHalfPoints = null)
    {
        var properties = new RunProperties();
        if (bold)
        {
            properties.Append(new Bold());
        }

        if (italic)
        {
            properties.Append(new Italic());
        }

        if (sizeHalfPoints is { } size)
        {
            properties.Append(new FontSize { Val = size.ToString(CultureInfo.InvariantCulture) });
        }

        return new Paragraph(new Run(properties, new Text(XmlSafe(text)) { Space = SpaceProcessingModeValues.Preserve }));
    }

    /// <summary>
    /// The text without what XML cannot hold (U+FFFE, U+FFFF, a lone surrogate), which a pasted text stored before the
    /// check refused it can carry: the document is written with the rest rather than failing the publish or the download.
    /// </summary>
    internal static string XmlSafe(string text)
    {
        if (text.All(XmlConvert.IsXmlChar))
        {
            return text;
        }

        var safe = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
            {
                safe.Append(text[i]);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                safe.Append(text[i]).Append(text[++i]);
            }
        }

        return safe.ToString();
    }

    private static Table GradeTable(IReadOnlyList<GradeCount> grades)
    {
        var border = new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 },
            new BottomBorder { Val = BorderValues.Single, Size = 4 },
            new LeftBorder { Val = BorderValues.Single, Size = 4 },
            new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 },
            new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        var table = new Table(new TableProperties(border, new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" }));
        table.Append(Row(true, "Grade", "Cases (multi-agency)", "Single-agency returns"));
        foreach (var grade in grades)
        {
            table.Append(Row(false, grade.Label, grade.Cases.ToString(CultureInfo.InvariantCulture),
                grade.Returns.ToString(CultureInfo.InvariantCulture)));
        }

        return table;
    }

    private static TableRow Row(bool header, params string[] cells)
    {
        var row = new TableRow();
        foreach (var cell in cells)
        {
            row.Append(new TableCell(Paragraph(cell, bold: header)));
        }

        return row;
    }
}
