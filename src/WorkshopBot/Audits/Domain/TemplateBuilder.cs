namespace WorkshopBot.Audits.Domain;

/// <summary>Builds template sections with sequential, stable question ids (prefix-s1-q1, prefix-s1-q2, ...).</summary>
internal sealed class TemplateBuilder(string prefix)
{
    public const string SafetyQuestionText = "Is any child unsafe now, or is immediate action required?";

    public const string SafetyQuestionGuidance =
        "If yes, describe the concern. The audit chair and your agency's named lead are alerted at once. "
        + "Make any referral through your own agency's procedures now; do not wait for the workshop.";

    private readonly List<QuestionSection> _sections = [];
    private List<Question> _current = [];
    private string _currentTitle = string.Empty;

    public TemplateBuilder Section(string title)
    {
        Flush();
        _currentTitle = title;
        _current = [];
        return this;
    }

    public TemplateBuilder Ask(string text, string? guidance, string[] themes, params AgencyType[] appliesTo)
    {
        var id = $"{prefix}-s{_sections.Count + 1}-q{_current.Count + 1}";
        _current.Add(new Question(id, text, guidance, themes, appliesTo, IsSafetyQuestion: false));
        return this;
    }

    /// <summary>Adds the closing immediate-safety section every template ends with and returns the sections.</summary>
    public IReadOnlyList<QuestionSection> EndWithSafety()
    {
        Section("Immediate safety");
        var id = $"{prefix}-s{_sections.Count + 1}-q1";
        _current.Add(new Question(id, SafetyQuestionText, SafetyQuestionGuidance, [], [], IsSafetyQuestion: true));
        Flush();
        return _sections.ToList();
    }

    private void Flush()
    {
        if (_current.Count > 0)
        {
            _sections.Add(new QuestionSection($"{prefix}-s{_sections.Count + 1}", _currentTitle, _current));
        }
    }
}
