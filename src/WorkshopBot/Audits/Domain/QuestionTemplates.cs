namespace WorkshopBot.Audits.Domain;

/// <summary>The built-in audit tools. Every one ends with the immediate-safety question.</summary>
public static class QuestionTemplates
{
    public const string BlankKey = "blank";

    public static QuestionTemplate NonAccidentalInjury { get; } = NonAccidentalInjuryTemplate.Build();

    public static QuestionTemplate Neglect { get; } = NeglectTemplate.Build();

    public static QuestionTemplate ChildSexualExploitation { get; } = ChildSexualExploitationTemplate.Build();

    public static QuestionTemplate DomesticAbuse { get; } = DomesticAbuseTemplate.Build();

    public static QuestionTemplate Blank { get; } = new(
        BlankKey, "Blank", "Only the immediate-safety question; add your own sections and questions.",
        new TemplateBuilder(BlankKey).EndWithSafety());

    public static IReadOnlyList<QuestionTemplate> All { get; } =
        [NonAccidentalInjury, Neglect, ChildSexualExploitation, DomesticAbuse, Blank];

    public static QuestionTemplate? Find(string? key) =>
        All.FirstOrDefault(t => string.Equals(t.Key, key, StringComparison.OrdinalIgnoreCase));
}
