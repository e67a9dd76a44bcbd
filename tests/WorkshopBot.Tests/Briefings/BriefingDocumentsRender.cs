using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using WorkshopBot.Briefings.Domain;
using WorkshopBot.Briefings.Teams;

namespace WorkshopBot.Tests.Briefings;

public sealed class BriefingDocumentsRender
{
    [Fact]
    public void DocxHasTheSevenBoxesGradeTableAndFooter()
    {
        var briefing = BriefingFixtures.Composer.Compose(BriefingFixtures.Lancashire(), BriefingFixtures.PublicationDate);

        var bytes = BriefingDocx.Render(briefing, BriefingDates.PublishedOn(new DateOnly(2026, 4, 20)));

        using var stream = new MemoryStream(bytes);
        using var document = WordprocessingDocument.Open(stream, false);
        var body = document.MainDocumentPart!.Document.Body!;
        var paragraphs = body.Elements<Paragraph>().Select(p => p.InnerText).ToList();
        Assert.Equal(briefing.Title, paragraphs[0]);
        foreach (var (box, index) in briefing.Boxes.Select((b, i) => (b, i)))
        {
            Assert.Contains($"{index + 1}. {box.Title}", paragraphs);
        }

        Assert.Contains(paragraphs,
            p => p.StartsWith("Of 15 cases: 0 outstanding, 5 good, 6 requires improvement, 4 inadequate", StringComparison.Ordinal));
        var table = Assert.Single(body.Elements<Table>());
        var rows = table.Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToList()).ToList();
        Assert.Equal(["Grade", "Cases (multi-agency)", "Single-agency returns"], rows[0]);
        Assert.Equal(["Requires improvement", "6", "30"], rows[3]);
        var footer = Assert.Single(document.MainDocumentPart.FooterParts).Footer.InnerText;
        Assert.Contains("Published 20 April 2026.", footer, StringComparison.Ordinal);
        Assert.Contains("QA sub-group", footer, StringComparison.Ordinal);
        Assert.Contains(paragraphs, p => p == briefing.Footer.AnonymisationNote);
    }

    [Fact]
    public void MarkdownHasHeadingsGradeTableAndQuestions()
    {
        var briefing = BriefingFixtures.Composer.Compose(BriefingFixtures.Merton(), BriefingFixtures.PublicationDate);

        var markdown = BriefingMarkdown.Render(briefing, new BriefingDates(null, new DateOnly(2026, 4, 16)));

        Assert.StartsWith("# 7-minute briefing: Non-accidental injury", markdown, StringComparison.Ordinal);
        Assert.Contains("## 3. What worked well", markdown, StringComparison.Ordinal);
        Assert.Contains("| Good | 1 | 2 |", markdown, StringComparison.Ordinal);
        Assert.Contains("**Questions for your team**", markdown, StringComparison.Ordinal);
        Assert.Contains("Approved 16 April 2026.", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("Published", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void FileNameIsSafeAndDatedByTheFirstPublication()
    {
        var briefing = BriefingFixtures.Composer.Compose(BriefingFixtures.Merton(), BriefingFixtures.PublicationDate);

        Assert.Equal("7-minute-briefing-Non-accidental-injury-2026-04-20.docx", BriefingDocx.FileName(briefing, 1, new(2026, 4, 20)));
        Assert.Equal("7-minute-briefing-Non-accidental-injury-2026-04-20-v2.docx", BriefingDocx.FileName(briefing, 2, new(2026, 4, 20)));
        // Not published to a channel yet (exported after approval): the version, and no date that could mislead.
        Assert.Equal("7-minute-briefing-Non-accidental-injury-v2.docx", BriefingDocx.FileName(briefing, 2, null));
    }
}
