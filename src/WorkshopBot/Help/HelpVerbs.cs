namespace WorkshopBot.Help;

/// <summary>Card verbs of the help feature.</summary>
public static class HelpVerbs
{
    /// <summary>"What can I do?" on the welcome card: answers with the help card in place.</summary>
    public const string Show = "help.show";
}

/// <summary>Data of <see cref="HelpVerbs.Show"/>; carries nothing but keeps the data typed.</summary>
public sealed record ShowHelpData;
