using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Tests.Privacy;

public sealed class IdentifierScannerNames
{
    private readonly IdentifierScanner _scanner = new();

    [Theory]
    [InlineData("The child's name is Amelia and she", "Amelia")]
    [InlineData("Name: Oliver Smith", "Oliver Smith")]
    [InlineData("her brother, called Jayden, was", "Jayden")]
    [InlineData("Baby Amelia was seen", "Amelia")]
    [InlineData("Baby Ellie-Mae Thornton was brought to ED", "Ellie-Mae Thornton")]
    [InlineData("her mother Aisha Rahman said", "Aisha Rahman")]
    [InlineData("stepfather Declan O'Sullivan was not seen", "Declan O'Sullivan")]
    [InlineData("Dad (Piotr Nowak) attended", "Piotr Nowak")]
    [InlineData("the maternal grandmother, Bernadette McCarthy, offered care", "Bernadette McCarthy")]
    [InlineData("Paternal aunt Eilidh MacKenzie gave respite", "Eilidh MacKenzie")]
    [InlineData("MOTHER SIOBHAN O'NEILL WAS NOT ASKED", "SIOBHAN O'NEILL")]
    [InlineData("father olusegun adeyemi declined", "olusegun adeyemi")]
    [InlineData("Mother Grace reported it", "Grace")]
    [InlineData("Baby Hope was born at 34 weeks", "Hope")]
    [InlineData("Mrs Kaur attended", "Kaur")]
    [InlineData("Mum's boyfriend, known as Kacper, stayed", "Kacper")]
    [InlineData("the sibling, aka Bobby, had a bruise", "Bobby")]
    [InlineData("Her brother, known as Shorty to his friends, was linked", "Shorty")]
    [InlineData("Amelia's mother rang the GP", "Amelia")]
    [InlineData("The Kowalczyk family moved here", "Kowalczyk")]
    [InlineData("Piotr Nowak attended the ICPC", "Piotr Nowak")]
    [InlineData("Baby B Thornton was seen", "B Thornton")]
    [InlineData("Aisha Rahman (mother) said the bruise was from a fall", "Aisha Rahman")]
    [InlineData("Tyrese (mum's partner) was present", "Tyrese")]
    [InlineData("MGM Patricia was the main carer at weekends", "Patricia")]
    [InlineData("Kai's new stepfather was not checked", "Kai")]
    [InlineData("Child: Ellie-Mae, Year 2", "Ellie-Mae")]
    [InlineData("The baby's father, Rhys ap Gwilym, lives in Wales", "Rhys ap Gwilym")]
    public void FlagsNamesIntroducedAsAPerson(string text, string expected)
    {
        var finding = Assert.Single(_scanner.Scan(text));

        Assert.Equal(IdentifierKind.PersonName, finding.Kind);
        Assert.Equal(expected, finding.Text);
        Assert.Equal("This looks like a person's name (" + expected + ").", finding.Message);
    }

    // A first name and a surname typed as one word, as a username, a handle or a file name, or after a cue.
    [Theory]
    [InlineData("The Snapchat name was JaneSmith and school had screenshots", "JaneSmith")]
    [InlineData("JaneSmith attended the core group", "JaneSmith")]
    [InlineData("Messages from jane.smith were found on the tablet", "jane.smith")]
    [InlineData("Jane_Smith attended the core group", "Jane_Smith")]
    [InlineData("AishaKhan's mum rang the school", "AishaKhan")]
    [InlineData("Her mother AishaKhan was not asked", "AishaKhan")]
    [InlineData("Stepfather DeclanO'Sullivan was not seen", "DeclanO'Sullivan")]
    [InlineData("The plan was saved as PiotrNowak_CP_plan.docx", "PiotrNowak")]
    [InlineData("The YP was messaging olusegun.adeyemi late at night", "olusegun.adeyemi")]
    [InlineData("An account called @JaneMcDonald sent the messages", "JaneMcDonald")]
    [InlineData("Baby Ellie-MaeThornton was brought to ED", "Ellie-MaeThornton")]
    public void FlagsNamesJoinedWithoutASpace(string text, string expected)
    {
        var finding = IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.PersonName, expected);
        Assert.Equal("This looks like a person's name (" + expected + ").", finding.Message);
    }

    // A name joined in three or more parts: the whole word is flagged when every part of it is a name.
    [Theory]
    [InlineData("JaneSmithJones attended the core group", "JaneSmithJones")]
    [InlineData("Messages from jane.smith.jones were found on the tablet", "jane.smith.jones")]
    [InlineData("Jane_Amy_Smith attended the core group", "Jane_Amy_Smith")]
    [InlineData("AishaKhanAli was not brought to the clinic", "AishaKhanAli")]
    [InlineData("Images were sent by aisha.khan.ali and then deleted", "aisha.khan.ali")]
    [InlineData("JaneSmith_Jones attended the ICPC", "JaneSmith_Jones")]
    [InlineData("The chronology was saved as jane_amy_smith_report.docx", "jane_amy_smith")]
    [InlineData("The notes are in Amy_Smith_review.docx on the shared drive", "Amy_Smith")]
    public void FlagsNamesJoinedInThreeOrMoreParts(string text, string expected)
    {
        var finding = IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.PersonName, expected);
        Assert.Equal("This looks like a person's name (" + expected + ").", finding.Message);
    }

    // The path of a link (not its host) is read split at . _ - / @ and case joints, and a small-letter run as a
    // first name and a surname together: a first name joined to a surname there names a person.
    [Theory]
    [InlineData("Her profile is https://www.facebook.com/jane.smith.5 and it is public", "jane.smith")]
    [InlineData("The YP was added by instagram.com/janesmith_07 last week", "janesmith")]
    [InlineData("Videos were posted from tiktok.com/@aisha.khan at night", "aisha.khan")]
    [InlineData("The page https://example.org/profiles/Jane-Smith named the school", "Jane-Smith")]
    [InlineData("Mum shared www.example.com/fundraiser/Jane_Amy_Smith widely", "Jane_Amy_Smith")]
    [InlineData("The notes were saved at /jane-wilson-report on the shared drive", "jane-wilson")]
    [InlineData("He messaged her from (twitter.com/@JaneSmith).", "JaneSmith")]
    public void FlagsNamesInThePathOfALink(string text, string expected)
    {
        IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.PersonName, expected);
    }

    // Guidance, NHS and legislation links, names in a host, public names, organisations, shops, everyday words
    // and words that split into names only by chance ("standing" is not "Stan Ding").
    [Theory]
    [InlineData("Guidance: https://www.gov.uk/government/publications/working-together-to-safeguard-children--2")]
    [InlineData("See https://www.legislation.gov.uk/ukpga/1989/41/contents and www.gov.uk/guidance/children-act-1989")]
    [InlineData("The HV used https://www.example.gov.uk/early-help-assessment and https://www.nhs.uk/conditions/baby/")]
    [InlineData("Mum's solicitor is smith-law.co.uk and the baby goes to janes-nursery.org.uk/about-us")]
    [InlineData("Leaflets from www.example.org/lucy-faithfull-foundation and www.example.org/st-john-ambulance")]
    [InlineData("The baby was seen at www.example.nhs.uk/john-radcliffe-hospital/paediatrics")]
    [InlineData("Referred by www.example.sch.uk/john-henry-newman-school and www.example.org/florence-nightingale-ward")]
    [InlineData("The review is at www.example.gov.uk/arthur-labinjo-hughes-and-star-hobson-review")]
    [InlineData("See www.example.org/standing-orders, www.example.org/mark-wood-park and www.example.org/amy/jones")]
    [InlineData("Mum/dad said the 24/7 A&E/CAMHS line and/or the GP would do")]
    public void IgnoresGuidancePublicNamesAndHostsInLinks(string text)
    {
        Assert.Empty(_scanner.Scan(text));
    }

    // A word of a slug joined to ordinary words is read as it stands, not as a first name and a surname run
    // together ("chris"+"tian", "viet"+"nam", "rita"+"lin", "berk"+"shire", "ken"+"yan").
    [Theory]
    [InlineData("Guidance from www.example.org/christian-safeguarding-services was shared with the church")]
    [InlineData("See www.gov.uk/government/publications/trafficking-from-vietnam for the NRM referral")]
    [InlineData("The GP followed www.example.org/medicines/ritalin-and-adhd for the dose")]
    [InlineData("The procedures are at www.example.gov.uk/west-berkshire-child-protection-procedures")]
    [InlineData("The family was referred to www.example.org/kenyan-community-support in the spring")]
    public void IgnoresOrdinaryWordsOfASlugThatSplitIntoNames(string text)
    {
        Assert.Empty(_scanner.Scan(text));
    }

    // A whole path segment on an ordinary site is read as the word it is: 29 of the 32 words of a British English word
    // list (63,500 in small letters) that read as a first name and a surname run together there; "finnegan",
    // "maricela" and "shankara" look like a person's name and still count. Each is tried on its own ("/vietnam"),
    // after a host, at the end of a sentence and before a query.
    [Theory]
    [InlineData("benito berkshire christian demijohns florae haitian jacklyn kaifeng katelyn kenyan landowner")]
    [InlineData("lanzhou lessen levitate marconi melbourne melissa nelsen petersen rickshaw ritalin rosalyn")]
    [InlineData("taichung taiwan taiyuan tomlin tribal veracruz vietnam report")]
    public void IgnoresAWordStandingAloneInALinkPath(string words)
    {
        foreach (var word in words.Split(' '))
        {
            foreach (var text in new[]
                     {
                         $"/{word}", $"See https://www.example.org/{word} for more", $"The page example.org/{word}.",
                         $"See www.example.gov.uk/guidance/{word}/ and www.example.org/{word}?page=2",
                     })
            {
                Assert.Empty(_scanner.Scan(text));
            }
        }
    }

    // A whole segment still names a person when it splits plainly into a first name and a surname, on a site where a
    // path is a person's handle, or with a handle's decoration around it.
    [Theory]
    [InlineData("The fundraiser was at www.example.org/janesmith last year", "janesmith")]
    [InlineData("The notes were saved at /aishakhan on the shared drive", "aishakhan")]
    [InlineData("He sent her instagram.com/amyjones the same night", "amyjones")]
    [InlineData("Videos were posted from https://www.tiktok.com/tomlin at night", "tomlin")]
    [InlineData("She was added by www.example.org/amyjones_07 last week", "amyjones")]
    [InlineData("The YP followed example.org/@amyjones after school", "amyjones")]
    public void FlagsAWholeSegmentThatIsAPersonsName(string text, string expected)
    {
        IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.PersonName, expected);
    }

    // An organisation's head typed in small letters after a name in a file name is still read as the head
    // ("ellen_wilkinson_school" is a school, as "Ellen Wilkinson School" is), only a report or a review is not.
    [Theory]
    [InlineData("The newsletter was saved as ellen_wilkinson_school_newsletter.pdf for the parents")]
    [InlineData("The ED notes were in william_harvey_hospital_ed_notes.docx on the shared drive")]
    [InlineData("The referral went in as isaac_newton_academy_referral.docx and was acknowledged")]
    [InlineData("The vouchers came through john_lewis_partnership last winter")]
    public void IgnoresOrganisationsJoinedInSmallLetters(string text)
    {
        Assert.Empty(_scanner.Scan(text));
    }

    // Product, app and agency words with a capital inside, and joined words whose parts are not both names; an
    // address or a link is not split into names.
    [Theory]
    [InlineData("Slides were shown in PowerPoint and on YouTube, and mum watched them on her iPhone")]
    [InlineData("The YP met him at McDonald's and they spoke on WhatsApp, FaceTime and LinkedIn")]
    [InlineData("Minutes are on SharePoint and OneDrive; the MASH, CAMHS and two GPs had access")]
    [InlineData("Mum FaceTimed dad every evening and the HV WhatsApped the nursery")]
    [InlineData("Mother PowerPointed her timeline for the conference")]
    [InlineData("Spoke to mum.will call back after the core group")]
    [InlineData("Mum MsTeams-called the school; the DeShawn Academy and MacKenzie House replied")]
    [InlineData("Staff addresses follow firstname.surname, and the guidance is on www.gov.uk/WorkingTogether")]
    [InlineData("The vouchers came from https://www.example.com/JohnLewis/gift-cards and www.example.com/JohnLewis")]
    [InlineData("The vouchers came from example.co.uk/JohnLewis")]
    [InlineData("The group chat was WhatsAppGroupChat and the slides were PowerPointTeamsChat.pptx")]
    [InlineData("Spoke to mum.will.call back, and the JohnLewisGiftCards voucher came from MacKenzieHouseTeam")]
    public void IgnoresProductWordsAndAddressesJoinedWithoutASpace(string text)
    {
        Assert.Empty(_scanner.Scan(text));
    }

    [Fact]
    public void ReadsAJoinedNameInAnEmailAddressAsTheAddress()
    {
        var finding = Assert.Single(_scanner.Scan("Mum wrote from jane.smith@example.com last week"));

        Assert.Equal(IdentifierKind.Email, finding.Kind);
        Assert.Equal("jane.smith@example.com", finding.Text);
    }

    [Theory]
    [InlineData("Mum wrote from jane.smith@school.org.uk last week", "jane.smith@school.org.uk")]
    [InlineData("The link mailto:jane.smith@example.com was in the letter", "jane.smith@example.com")]
    [InlineData("Dad's link https://example.com/contact?to=aisha.khan@example.org was sent", "aisha.khan@example.org")]
    public void ReadsANameInAnEmailAddressOnceAsTheAddress(string text, string expected)
    {
        IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.Email, expected);
    }

    [Fact]
    public void FlagsEachNameInAList()
    {
        var findings = _scanner.Scan("The twins Amara and Zion were seen, with their sisters Ama, Chloe and Wiktoria.");

        Assert.Equal(["Amara", "Zion", "Ama", "Chloe", "Wiktoria"], findings.Select(f => f.Text));
    }

    [Theory]
    [InlineData("Baby C was seen by the health visitor")]
    [InlineData("Lack of awareness of the so-called Toxic Trio")]
    [InlineData("Officers called Police control")]
    [InlineData("Agency name: Walsall Healthcare Trust")]
    [InlineData("The name of the policy is unclear")]
    [InlineData("the name: unknown")]
    [InlineData("Arthur and Star were discussed")] // unlabelled single first names are not guessed at
    [InlineData("Child A's mother did not attend; Baby B was seen; Mother of C1 rang; Sibling 2 was excluded")]
    [InlineData("The learning from Child LE was discussed")]
    [InlineData("Kingston Hospital and St Mary's Primary School referred promptly")]
    [InlineData("The Graded Care Profile and Signs of Safety were used")]
    [InlineData("Mother may have been coerced; father will attend; mum said she would grant consent")]
    [InlineData("The baby was admitted to Rose Ward overnight")]
    [InlineData("The family lived near Victoria Park")]
    [InlineData("Ethnicity: mother White British, father Black Caribbean")]
    [InlineData("Brown bruising was noted and the grade was Amber")]
    [InlineData("Father Christmas visits were cancelled")]
    [InlineData("A Clare's Law disclosure was made")]
    [InlineData("The baby was seen at the John Radcliffe Hospital")]
    [InlineData("Parents were given the Lucy Faithfull Foundation's leaflet")]
    [InlineData("Learning from the review of Arthur Labinjo-Hughes and Star Hobson")]
    [InlineData("Partner agencies, the Named Nurse and the named GP were invited")]
    [InlineData("Mother called Childline and then called Police")]
    [InlineData("The MS Teams meeting was well attended")]
    [InlineData("Voice of the Child (VoC) was missing")]
    [InlineData("Lancashire Safeguarding Children Boards published the review")]
    [InlineData("Child Multi-Agency Audit – Injuries in non-mobile babies")]
    [InlineData("Voice and lived experience of the child: Workshop idea 65")]
    [InlineData("John Henry Newman School and the Stephen Lawrence Centre referred")]
    [InlineData("Munro's review of child protection is still relevant")]
    [InlineData("St Mary's children's ward admitted the baby")]
    public void IgnoresPseudonymsOrganisationsToolsAndOrdinaryWords(string text)
    {
        Assert.Empty(_scanner.Scan(text));
    }

    [Theory]
    [InlineData("Seen by Drs Patel and Khan at the surgery", new[] { "Patel", "Khan" })]
    [InlineData("Drs. Patel & Khan saw the baby", new[] { "Patel", "Khan" })]
    [InlineData("Drs Patel, Okafor and Khan wrote to the school", new[] { "Patel", "Okafor", "Khan" })]
    public void FlagsEachDoctorNamedAfterAPluralTitle(string text, string[] expected)
    {
        var findings = _scanner.Scan(text);

        Assert.Equal(expected, findings.Select(f => f.Text));
        Assert.All(findings, f => Assert.Equal(IdentifierKind.PersonName, f.Kind));
    }

    [Theory]
    [InlineData("the Foster family moved to the area", "Foster")]
    [InlineData("The Foster family were not told", "Foster")]
    [InlineData("Workers visited the Foster household twice", "Foster")]
    [InlineData("Police visited the Kowalczyk family home twice", "Kowalczyk")]
    public void FlagsASurnameThatIsAlsoAKindOfFamilyAfterThe(string text, string expected)
    {
        IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.PersonName, expected);
    }

    [Theory]
    [InlineData("the foster family were supported by the social worker")]
    [InlineData("the Foster carers were supported by the social worker")]
    [InlineData("foster family placements were stable")]
    [InlineData("Foster family placements were stable")]
    [InlineData("Support for the Foster Family Service was agreed")]
    [InlineData("The Kowalczyk Family Centre and the Nowak family hub ran the group")]
    [InlineData("The Birth family and the Host family were both invited")]
    [InlineData("He wore Dr Martens to school; she wore her Dr. Marten's boots")]
    [InlineData("The child drank Dr Pepper at breakfast")]
    public void IgnoresKindsOfFamilyAndBrandsNamedLikeADoctor(string text)
    {
        Assert.Empty(_scanner.Scan(text));
    }
}
