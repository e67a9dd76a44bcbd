using WorkshopBot.Briefings.Documents;
namespace WorkshopBot.Tests.Briefings;
public sealed class ScratchDump
{
    [Fact]
    public void Dump()
    {
        File.WriteAllText("/tmp/merton.md", BriefingMarkdown.Render(BriefingFixtures.Composer.Compose(BriefingFixtures.Merton(), BriefingFixtures.PublicationDate)));
        File.WriteAllText("/tmp/lanc.md", BriefingMarkdown.Render(BriefingFixtures.Composer.Compose(BriefingFixtures.Lancashire(), BriefingFixtures.PublicationDate)));
        File.WriteAllText("/tmp/large.md", BriefingMarkdown.Render(BriefingFixtures.Composer.Compose(BriefingFixtures.Large(15, 20, 200), BriefingFixtures.PublicationDate)));
    }
}
