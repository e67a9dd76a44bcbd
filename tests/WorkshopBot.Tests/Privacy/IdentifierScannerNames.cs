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
}
