using System.Text.RegularExpressions;
using WorkshopBot.Audits;
using WorkshopBot.Audits.Domain;
using WorkshopBot.Cards;
using WorkshopBot.Common;

namespace WorkshopBot.Tests.Audits;

public sealed class QuestionTemplatesCatalogue
{
    public static TheoryData<string> TemplateKeys() => new(QuestionTemplates.All.Select(t => t.Key));

    [Fact]
    public void OffersTheFiveBuiltInTemplates()
    {
        Assert.Equal(
            ["Injuries in non-mobile babies / non-accidental injury", "Neglect", "Child sexual exploitation", "Domestic abuse", "Blank"],
            QuestionTemplates.All.Select(t => t.Name));
    }

    [Theory]
    [MemberData(nameof(TemplateKeys))]
    public void EndsWithTheImmediateSafetyQuestionForEveryAgency(string key)
    {
        var template = QuestionTemplates.Find(key)!;
        var last = template.Sections[^1].Questions[^1];

        Assert.True(last.IsSafetyQuestion);
        Assert.Equal("Is any child unsafe now, or is immediate action required?", last.Text);
        Assert.Empty(last.AppliesToAgencyTypes);
        Assert.Single(template.AllQuestions, q => q.IsSafetyQuestion);
    }

    [Theory]
    [MemberData(nameof(TemplateKeys))]
    public void UsesUniqueStableIdsAndKnownThemes(string key)
    {
        var template = QuestionTemplates.Find(key)!;
        var ids = template.AllQuestions.Select(q => q.Id).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches(new Regex($"^{Regex.Escape(key)}-s\\d+-q\\d+$"), id));
        Assert.All(template.AllQuestions.SelectMany(q => q.Themes), t => Assert.True(Themes.IsKnown(t), t));
    }

    [Fact]
    public void NaiTemplateAsksThePublishedCoreQuestions()
    {
        var texts = QuestionTemplates.NonAccidentalInjury.AllQuestions.Select(q => q.Text).ToList();

        Assert.Contains("Did your agency identify and report the risks of physical abuse at the earliest opportunity?", texts);
        Assert.Contains("Was there a strategy meeting? If not, why not?", texts);
        Assert.Contains("Was there a Child Protection medical for each incident? If not, why not?", texts);
        Assert.Equal("nai-s1-q2", QuestionTemplates.NonAccidentalInjury.Sections[0].Questions[1].Id);
    }

    [Fact]
    public void ThemeNamesAvoidTheBlamingLabel()
    {
        Assert.DoesNotContain(Themes.All, t => t.DisplayName.Contains("rule of optimism", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("Over-optimistic assessment", Themes.Find(Themes.OverOptimisticAssessment)?.DisplayName);
    }
}
