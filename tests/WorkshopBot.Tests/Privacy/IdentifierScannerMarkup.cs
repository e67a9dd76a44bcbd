using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Tests.Privacy;

/// <summary>
/// Markdown emphasis, HTML tags (any tag-like "&lt;name ...&gt;", a known element or not) and entities, invisible
/// characters, no-break spaces and digits of other widths change how an identifier is written, not what the author sees.
/// The check reads through them; the finding shows the text as typed, where it was typed, and the text itself is not
/// changed. A "&lt;" in prose ("aged &lt;2", "a &lt; b", "&lt;3") starts no tag.
/// </summary>
public sealed class IdentifierScannerMarkup
{
    private readonly IdentifierScanner _scanner = new();

    [Theory]
    [InlineData("NHS number 943 476 **5919** on file", IdentifierKind.NhsNumber, "943 476 **5919")]
    [InlineData("NHS number <b>9434765919</b> on file", IdentifierKind.NhsNumber, "9434765919")]
    [InlineData("NHS number 9434\u200B765919 on file", IdentifierKind.NhsNumber, "9434\u200B765919")]
    [InlineData("NHS number 9434&#8203;765919 on file", IdentifierKind.NhsNumber, "9434&#8203;765919")]
    [InlineData("NHS number 9434&#x200b;765919 on file", IdentifierKind.NhsNumber, "9434&#x200b;765919")]
    [InlineData("NHS number 943&nbsp;476&nbsp;5919 on file", IdentifierKind.NhsNumber, "943&nbsp;476&nbsp;5919")]
    [InlineData("NHS number 9434<span>765919</span> on file", IdentifierKind.NhsNumber, "9434<span>765919")]
    [InlineData("NHS number 9434**765919** on file", IdentifierKind.NhsNumber, "9434**765919")]
    [InlineData("NHS number 9434<!-- x -->765919 on file", IdentifierKind.NhsNumber, "9434<!-- x -->765919")]
    [InlineData("NHS number ９４３４７６５９１９ on file", IdentifierKind.NhsNumber, "９４３４７６５９１９")]
    [InlineData("Seen with DOB 12/03/**2019** on the form", IdentifierKind.DateOfBirth, "DOB 12/03/**2019")]
    [InlineData("Seen with DOB <i>12/03/2019</i> on the form", IdentifierKind.DateOfBirth, "DOB <i>12/03/2019")]
    [InlineData("The child was seen at SW1A\u00A01AA.", IdentifierKind.Postcode, "SW1A\u00A01AA")]
    [InlineData("The child was seen at SW1A&nbsp;1AA.", IdentifierKind.Postcode, "SW1A&nbsp;1AA")]
    [InlineData("The child was seen at ~~SW1A 1AA~~.", IdentifierKind.Postcode, "SW1A 1AA")]
    [InlineData("Her mother **Aisha** said she was worried", IdentifierKind.PersonName, "Aisha")]
    [InlineData("Her mother <b>Aisha</b> said she was worried", IdentifierKind.PersonName, "Aisha")]
    [InlineData("Her mother&nbsp;Aisha said she was worried", IdentifierKind.PersonName, "Aisha")]
    [InlineData("Her mother __Aisha__ said she was worried", IdentifierKind.PersonName, "Aisha")]
    [InlineData("<custom>943</custom> 476 5919 on file", IdentifierKind.NhsNumber, "943</custom> 476 5919")]
    [InlineData("NHS number 943<x>476</x>5919 on file", IdentifierKind.NhsNumber, "943<x>476</x>5919")]
    [InlineData("<![if !supportLists]>943<![endif]> 476 5919 on file", IdentifierKind.NhsNumber, "943<![endif]> 476 5919")]
    [InlineData("Jo<x>hn Sm</x>ith attended the core group", IdentifierKind.PersonName, "Jo<x>hn Sm</x>ith")]
    [InlineData("Her mother <o:p>Aisha</o:p> said she was worried", IdentifierKind.PersonName, "Aisha")]
    [InlineData("Her mother <my-note class=\"x\">Aisha</my-note> said", IdentifierKind.PersonName, "Aisha")]
    [InlineData("Her mother <Aisha> said she was worried", IdentifierKind.PersonName, "Aisha")]
    [InlineData("Seen with DOB 12/03<zz>/2019 on the form", IdentifierKind.DateOfBirth, "DOB 12/03<zz>/2019")]
    public void FlagsIdentifiersHiddenByMarkupOrOtherForms(string text, IdentifierKind kind, string expected)
    {
        IdentifierFindings.AssertSingle(_scanner, text, kind, expected);
    }

    [Fact]
    public void PlacesEachFindingOnTheTextAsTyped()
    {
        const string text = "NHS number <b>943 476 **5919**</b> and DOB 12/03/**2019**";

        var findings = _scanner.Scan(text);

        Assert.Equal([IdentifierKind.NhsNumber, IdentifierKind.DateOfBirth], findings.Select(f => f.Kind));
        Assert.All(findings, f => Assert.Equal(f.Text, text.Substring(f.Start, f.Length)));
        Assert.All(findings, f => Assert.False(f.Confirmable));
    }

    [Theory]
    [InlineData("The **ICPC** was held on <b>14 March 2024</b> and Child&nbsp;A was made subject to a plan.")]
    [InlineData("A&amp;E staff said 3 &lt; 4 and the <i>Named Nurse</i> was told; see case_ref_2024_118.")]
    [InlineData("Write to <jane.doe> is not a tag, and ~3 weeks later the *core group* met.")]
    [InlineData("Scores: 5*4 = 20; the __init__ step and a_b_c were named in the IT log.")]
    [InlineData("Children aged <2 years > 1 week; I <3 the team; a < b and b > c.")]
    [InlineData("If x<y and y>z, the scale ran from 1 <very poor> to 5 <very good>.")]
    [InlineData("See <https://example.org/guidance> and press <Ctrl> and <Alt> together.")]
    [InlineData("Case notes <redacted> were read; reply to <name> by Friday.")]
    [InlineData("From the template: mother <Name>, father <Name>, invited to the core group.")]
    [InlineData("Mother <Forename Surname> and father <Surname> were invited; Name: <Name>.")]
    [InlineData("Mother <Insert name> attended the strategy meeting.")]
    public void IgnoresOrdinaryTextWithMarkup(string text)
    {
        Assert.Empty(_scanner.Scan(text));
    }

    [Fact]
    public void ReadsAnEmailAddressInAngleBracketsOrAnAttribute()
    {
        var findings = _scanner.Scan("From <jane.doe@example.org>, see <a href=\"mailto:tom.lee@example.org\">here</a>.");

        Assert.Equal(["jane.doe@example.org", "tom.lee@example.org"], findings.Where(f => f.Kind == IdentifierKind.Email)
            .Select(f => f.Text));
    }
}
