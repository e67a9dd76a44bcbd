using WorkshopBot.Common;
namespace WorkshopBot.Audits.Domain;

/// <summary>One question in an audit tool. Answered yes / no / partly / n/a with a narrative.</summary>
/// <param name="Id">Stable id such as <c>nai-s1-q2</c>; answers refer to it.</param>
/// <param name="Text">The question as the agency representative reads it.</param>
/// <param name="Guidance">Optional help text shown beneath the question.</param>
/// <param name="Themes">Theme keys from <see cref="Themes"/>.</param>
/// <param name="AppliesToAgencyTypes">Agency types that must answer; empty means every agency.</param>
/// <param name="IsSafetyQuestion">A "yes" answer means a child may be unsafe now and alerts the chair at once.</param>
public sealed record Question(
    string Id,
    string Text,
    string? Guidance,
    IReadOnlyList<string> Themes,
    IReadOnlyList<AgencyType> AppliesToAgencyTypes,
    bool IsSafetyQuestion)
{
    public const int MaxTextLength = 500;
    public const int MaxGuidanceLength = 1000;

    public bool AppliesTo(AgencyType agencyType) =>
        AppliesToAgencyTypes.Count == 0 || AppliesToAgencyTypes.Contains(agencyType);
}
