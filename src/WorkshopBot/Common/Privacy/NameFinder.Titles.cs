namespace WorkshopBot.Common.Privacy;

/// <summary>The titles before a surname: "Mrs Kaur", and two joined without a space, "Mr&amp;Mrs Kaur".</summary>
internal static partial class NameFinder
{
    /// <summary>
    /// A title: "Mr", "Mrs", "Ms", "Miss", "Mx" ("MS" is multiple sclerosis and "miss" a verb), or titles joined by
    /// "&amp;" into one word ("Mr&amp;Mrs", "Mrs&amp;Dr"). Titles with a space between them ("Mr and Mrs Kaur", "Mr &amp;
    /// Mrs Kaur") need nothing more: the last one is right before the name.
    /// </summary>
    /// <summary>
    /// A police rank written as a title: "DS Smith", "PC Okafor", "Sgt Jones". "PC" and "DC" are also a computer and a
    /// city, so after a rank only a gazetteer name counts, as after "called" ("PC World" is a shop).
    /// </summary>
    private static bool IsPoliceRank(TextWord word) =>
        word.Base is "DS" or "DC" or "PC" or "DI" or "DCI" or "DSI" or "Sgt" or "SGT" or "Insp" or "PCSO" && !word.Possessive;

    private static bool IsTitle(TextWord word)
    {
        if (!word.Base.Contains('&', StringComparison.Ordinal))
        {
            return NameVocabulary.Honorifics.Contains(word.Base) && word.Base is not ("MS" or "miss");
        }

        var parts = word.Base.Split('&');
        return parts.All(p => NameVocabulary.Honorifics.Contains(p) || p.Equals("dr", StringComparison.OrdinalIgnoreCase));
    }
}
