using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Tests.Privacy;

/// <summary>
/// Identifiers typed in a hurry or to slip past the check: a name with digits for letters or spelt another way, an NHS
/// number with words or marks between its groups or said in words, a postcode spelt out, a street type the rules did not
/// know; and the audit sentences with the same words that must stay allowed.
/// </summary>
public sealed class IdentifierScannerSlipsAndDisguises
{
    private readonly IdentifierScanner _scanner = new();

    [Theory]
    [InlineData("the child j4yden was seen", "j4yden")]
    [InlineData("her mother Ol1via attended", "Ol1via")]
    [InlineData("5ophie told her teacher", "5ophie")]
    [InlineData("brother J4YDEN was present", "J4YDEN")]
    [InlineData("spoke to j4yden about school", "j4yden")]
    [InlineData("the HV saw 3LL4 at home", "3LL4")]
    [InlineData("jayden123 on snapchat sent the messages", "jayden123")]
    [InlineData("the child J@yden was seen", "J@yden")]
    public void FlagsANameTypedWithDigits(string text, string expected)
    {
        IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.PersonName, expected);
    }

    [Theory]
    [InlineData("mum said ryley was upset", "ryley")]
    [InlineData("the child, ryley, was seen", "ryley")]
    [InlineData("baby ryley was seen by the HV", "ryley")]
    [InlineData("mum said kaydn was upset", "kaydn")]
    [InlineData("the child, RYLEY, was seen", "RYLEY")]
    [InlineData("Mum - Ryley", "Ryley")]
    [InlineData("baby al was seen by the HV", "al")]
    [InlineData("brother Ed was present", "Ed")]
    [InlineData("AISHA KHAN attended the ICPC", "AISHA KHAN")]
    [InlineData("the child's first name Kai was on the form", "Kai")]
    [InlineData("our jayden has been kicking off", "jayden")]
    [InlineData("lil jayden cried", "jayden")]
    [InlineData("bby jayden seen by HV", "jayden")]
    [InlineData("jaydens mum rang the school", "jayden")]
    [InlineData("Jayden (age 10) was seen alone", "Jayden")]
    [InlineData("Jayden 10yo was seen alone", "Jayden")]
    [InlineData("the child kayden2 was seen", "kayden2")]
    public void FlagsAFirstNameInSmallLettersOrSpeltAnotherWayNextToAStrongCue(string text, string expected)
    {
        IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.PersonName, expected);
    }

    [Theory]
    [InlineData("the child, kai, was seen", "kai")]
    [InlineData("baby zara", "zara")]
    [InlineData("baby Al", "Al")]
    [InlineData("child Jo", "Jo")]
    public void StillFlagsNamesAfterStrongCues(string text, string expected)
    {
        IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.PersonName, expected);
    }

    [Theory]
    [InlineData("943 then 476 then 5919", "943 then 476 then 5919")]
    [InlineData("NHS 485 then 777 then 3456", "485 then 777 then 3456")]
    [InlineData("nhs 485 and 777 and 3456", "485 and 777 and 3456")]
    [InlineData("her number is 943, 476, 5919", "943, 476, 5919")]
    [InlineData("(943) 476-5919 on the referral", "(943) 476-5919")]
    [InlineData("943 .. 476 .. 5919", "943 .. 476 .. 5919")]
    [InlineData("the number was 943-476-\n5919 on the form", "943-476-\n5919")]
    [InlineData("nhs no nine four three four seven six five nine one nine", "nine four three four seven six five nine one nine")]
    [InlineData("NHS nine four three 476 5919", "nine four three 476 5919")]
    public void FlagsAnNhsNumberWithWordsOrMarksBetweenItsGroups(string text, string expected)
    {
        IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.NhsNumber, expected);
    }

    [Theory]
    [InlineData("call mum on oh seven seven double oh nine double oh one two three",
        "oh seven seven double oh nine double oh one two three")]
    public void FlagsAPhoneNumberSaidInWords(string text, string expected)
    {
        IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.PhoneNumber, expected);
    }

    [Theory]
    [InlineData("postcode S W one A, one A A", "S W one A, one A A")]
    [InlineData("postcode SW1A   1AA", "SW1A   1AA")]
    [InlineData("postcode LS6 two AB", "LS6 two AB")]
    [InlineData("lives in L S 6 2 A B", "L S 6 2 A B")]
    [InlineData("lives in l s six two a b", "l s six two a b")]
    [InlineData("post code: S-W-1-A 1-A-A", "S-W-1-A 1-A-A")]
    public void FlagsAPostcodeSpeltOutOrSpacedOddly(string text, string expected)
    {
        IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.Postcode, expected);
    }

    [Theory]
    [InlineData("lives at 14 Elm Cl", "14 Elm Cl")]
    [InlineData("flat 3, Rowan Court", "flat 3, Rowan Court")]
    [InlineData("mum is in flat 3, rowan court now", "flat 3, rowan court")]
    [InlineData("police attended 22 Oak Ct", "22 Oak Ct")]
    [InlineData("seen at 13 Rowan Court", "13 Rowan Court")]
    [InlineData("dad stays at 11 Elm Walk", "11 Elm Walk")]
    [InlineData("moved to 4 Kings Place", "4 Kings Place")]
    [InlineData("lives at 3 rowan court with nan", "3 rowan court")]
    [InlineData("lives at 14 elm cl with mum", "14 elm cl")]
    [InlineData("police attended 8 elm dr", "8 elm dr")]
    [InlineData("lives at 12 Acacia Av", "12 Acacia Av")]
    [InlineData("lives at no.12 Acacia Road", "12 Acacia Road")]
    [InlineData("moved to 5 Mill Way, 9 Elm Grove before", "5 Mill Way")]
    public void FlagsStreetTypesWrittenInFullOrAbbreviated(string text, string expected)
    {
        Assert.Contains(_scanner.Scan(text), f => f.Kind == IdentifierKind.StreetAddress && f.Text == expected
            && f.Start == text.IndexOf(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("12 agencies road tested the form")]
    [InlineData("3 agencies road-tested the audit tool; the 4 main road junctions; 2 high street shops")]
    [InlineData("a rocky road for the family; down the road from school; main street thinking")]
    [InlineData("3 Crown Court trials; the 5 Magistrates Court; 2 Family Court hearings")]
    [InlineData("3 Safe Place sessions and a 5 Sponsored Walk")]
    [InlineData("2 head ct scans; 4 brain ct; had 2 head CT scans")]
    [InlineData("Flat 3 was damp; the flat 2 bed house; moved to 3 different schools")]
    [InlineData("on 11th March; c1, 2nd visit; Room B2. 1ST floor; a 1 in 3 chance")]
    [InlineData("the well-being of 3-4 children; 0-18 service; 16-17 year olds; S-1-2")]
    [InlineData("Boy1 and Twin2 were seen; Child1 and Child2; Key1 and Item3; costs $12 a week; A$AP")]
    [InlineData("Covid19 rules; Year10 pupils; Section47 enquiries; Leeds2024 conference")]
    [InlineData("our Leeds partners and our Designated Nurse; our Early Help offer")]
    [InlineData("the figures were 120, 345, 2024; At 943 sites, 476 staff and 5919 hours")]
    [InlineData("one two three four five six seven eight nine ten; scored one, two, three, four")]
    [InlineData("the freephone line is open; first name basis; given name unknown")]
    [InlineData("mothers partner attended; the parents mum; the Williams mum")]
    [InlineData("THE ICPC WAS HELD; MASH TEAM; ELSA TEAM; SIGNS OF SAFETY")]
    [InlineData("the child, however, was seen; mum said school was fine; mum said they were")]
    [InlineData("Grace 10yo; Will 10 years old; the 4 children 10yo")]
    [InlineData("the child SYSTEM was down; MOTHER PLAYER; Mum - System; the child, lying, was seen")]
    [InlineData("Strategy discussion held; Section 47 started; the mother's partner attended; Leeds CSC made the referral")]
    public void AllowsAuditSentencesWithTheSameWords(string text)
    {
        Assert.Empty(_scanner.Scan(text));
    }
}
