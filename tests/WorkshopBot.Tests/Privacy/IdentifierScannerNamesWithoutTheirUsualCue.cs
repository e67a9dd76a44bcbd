using WorkshopBot.Common.Privacy;

namespace WorkshopBot.Tests.Privacy;

/// <summary>
/// Names that used to slip through: a doctor named by the title ("Dr Patel"), a surname before "family" without
/// "the" ("Nowak family") and a full name typed in small letters ("piotr nowak"); and the words around them in
/// audit notes that are no name ("Dr (GP)", "Foster family", "will young").
/// </summary>
public sealed class IdentifierScannerNamesWithoutTheirUsualCue
{
    private readonly IdentifierScanner _scanner = new();

    [Theory]
    [InlineData("Dr Patel saw the baby in ED", "Patel")]
    [InlineData("The baby was seen by Dr. Patel the next day", "Patel")]
    [InlineData("Dr.Patel did not make a referral", "Patel")]
    [InlineData("The GP, Dr Okonkwo, noted the bruise", "Okonkwo")]
    [InlineData("Seen by Dr O'Neill on the ward round", "O'Neill")]
    [InlineData("Dr Anna Kowalczyk wrote to the HV", "Anna Kowalczyk")]
    [InlineData("Dr Brown did not ask about the bruise", "Brown")]
    [InlineData("DR PATEL WAS NOT TOLD", "PATEL")]
    [InlineData("seen by dr patel at the surgery", "patel")]
    [InlineData("Mrs Nowak said she had not seen the bruise", "Nowak")]
    [InlineData("The child was seen by Mr O'Neill at school", "O'Neill")]
    [InlineData("Mx Nowak attended the core group", "Nowak")]
    [InlineData("Miss Nowak rang the school", "Nowak")]
    [InlineData("Ms. Nowak needed an interpreter", "Nowak")]
    public void FlagsASurnameAfterATitle(string text, string expected)
    {
        var finding = IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.PersonName, expected);
        Assert.Equal("This looks like a person's name (" + expected + ").", finding.Message);
    }

    // A role, an agency or a document after "Dr", "Dr" alone, titles with no name, and a drive.
    [Theory]
    [InlineData("Dr (GP) saw the baby and made a referral")]
    [InlineData("Dr (Consultant Paediatrician) completed the CP medical")]
    [InlineData("Dr Consultant and Dr Registrar were both on call")]
    [InlineData("The Dr said the bruise was accidental; the Dr's letter came later")]
    [InlineData("Dr Letter sent to the GP; Dr Appointment missed")]
    [InlineData("Dr to review the baby at the next clinic")]
    [InlineData("Mr and Mrs were left blank on the form")]
    [InlineData("Mr and Mrs attended the ICPC")]
    [InlineData("Dr Barnardo's homes closed long ago")]
    [InlineData("The family lived at 5 Mill Dr Leeds until March")]
    public void IgnoresADoctorsTitleThatNamesNoOne(string text)
    {
        Assert.DoesNotContain(_scanner.Scan(text), f => f.Kind == IdentifierKind.PersonName);
    }

    [Theory]
    [InlineData("Nowak family moved into the area in May", "Nowak")]
    [InlineData("The HV visited Nowak family twice", "Nowak")]
    [InlineData("Smith family home was cold and dirty", "Smith")]
    [InlineData("O'Neill household had no working smoke alarm", "O'Neill")]
    [InlineData("McAllister family were not told about the ICPC", "McAllister")]
    [InlineData("Staff knew the Nowak family well", "Nowak")]
    public void FlagsASurnameBeforeFamily(string text, string expected)
    {
        IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.PersonName, expected);
    }

    // Words before "family" that say what kind of family it is, everyday words and the names of services.
    [Theory]
    [InlineData("Health family and school nursing were not invited")]
    [InlineData("Foster family reported the bruising the same day")]
    [InlineData("Host family arrangements were not checked")]
    [InlineData("Birth family contact was supervised")]
    [InlineData("Troubled Families funding paid for the worker")]
    [InlineData("Think Family was not evident in the adult services' records")]
    [InlineData("Young family with two children under five")]
    [InlineData("Brown family dog had bitten the child before")]
    [InlineData("The child was referred to Newton Family Centre and Kelly family hub")]
    [InlineData("Extended family, Wider family and Kinship family options were explored")]
    public void IgnoresKindsOfFamilyAndServices(string text)
    {
        Assert.Empty(_scanner.Scan(text));
    }

    [Theory]
    [InlineData("piotr nowak attended the ICPC", "piotr nowak")]
    [InlineData("the baby was seen with amelia smith at the clinic", "amelia smith")]
    [InlineData("school rang john smith about the absences", "john smith")]
    [InlineData("messages from aisha khan were on the phone", "aisha khan")]
    public void FlagsAFullNameInSmallLetters(string text, string expected)
    {
        IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.PersonName, expected);
    }

    // Everyday words that are also names do not combine into a name in small letters; nor do shops and hospitals.
    [Theory]
    [InlineData("mum will mark the calendar and may bill the council")]
    [InlineData("the rose garden was a grace and a hope for the young family")]
    [InlineData("white and green bruises, and brown marks on the young child's arm")]
    [InlineData("will young, mark brown and rose green were the songs the nursery sang")]
    [InlineData("vouchers from john lewis were found; the baby went to john radcliffe hospital")]
    [InlineData("she looked into a crystal ball; the jack russell bit the child on a roman villa trip")]
    public void IgnoresEverydayWordsInSmallLetters(string text)
    {
        Assert.Empty(_scanner.Scan(text));
    }

    // Two titles joined by "and" or "&", with spaces or without ("Mr&Mrs"), name the surname after them once; a plural
    // title ("Messrs", "Mmes") names each surname of its list, as "Drs" does.
    [Theory]
    [InlineData("Mr and Mrs Smith attended the ICPC", new[] { "Smith" })]
    [InlineData("Mr & Mrs Smith attended the ICPC", new[] { "Smith" })]
    [InlineData("Mr&Mrs Smith attended the ICPC", new[] { "Smith" })]
    [InlineData("Mr.&Mrs. Smith were not at home", new[] { "Smith" })]
    [InlineData("Mr&amp;Mrs Smith did not attend", new[] { "Smith" })]
    [InlineData("MR&MRS SMITH DID NOT ATTEND", new[] { "SMITH" })]
    [InlineData("Mrs and Mr Khan attended the meeting", new[] { "Khan" })]
    [InlineData("Mrs&Dr Khan attended the meeting", new[] { "Khan" })]
    [InlineData("Mr and Mrs J Smith were seen at home", new[] { "J Smith" })]
    [InlineData("Ms Patel and Mr Shah were invited", new[] { "Patel", "Shah" })]
    [InlineData("Messrs Smith and Jones attended", new[] { "Smith", "Jones" })]
    [InlineData("Messrs. Smith & Jones were not told", new[] { "Smith", "Jones" })]
    [InlineData("Messrs Patel, Okafor and Khan wrote to the school", new[] { "Patel", "Okafor", "Khan" })]
    [InlineData("messrs smith and jones attended", new[] { "smith", "jones" })]
    [InlineData("Mmes Kaur and Begum attended the core group", new[] { "Kaur", "Begum" })]
    public void FlagsEachSurnameAfterJoinedOrPluralTitles(string text, string[] expected)
    {
        var findings = _scanner.Scan(text);

        Assert.Equal(expected, findings.Select(f => f.Text));
        Assert.All(findings, f => Assert.Equal(IdentifierKind.PersonName, f.Kind));
    }

    // Joined and plural titles with no name after them, and the services practitioners name beside them.
    [Theory]
    [InlineData("Mr&Mrs fields on the form were left blank")]
    [InlineData("Mr & Mrs boxes were ticked by the admin team")]
    [InlineData("The Family Centre worker saw Mr&Mrs at home")]
    [InlineData("Messrs and Mmes were crossed out on the letter")]
    [InlineData("Messrs Barnardo's staff ran the group")]
    [InlineData("Referred to the Family Centre and to Dr Barnardo's; Mr & Mrs were not named on the form")]
    public void IgnoresJoinedOrPluralTitlesThatNameNoOne(string text)
    {
        Assert.Empty(_scanner.Scan(text));
    }

    // A first name that is no everyday word, as the subject of what a person said, did or had done to them: a person,
    // flagged for the author to confirm.
    [Theory]
    [InlineData("Ayesha told her teacher.", "Ayesha")]
    [InlineData("Jayden told his teacher that dad hit him.", "Jayden")]
    [InlineData("Hodan was seen by the GP.", "Hodan")]
    [InlineData("Mohammed was not brought to the dentist.", "Mohammed")]
    [InlineData("Zofia disclosed to her teacher.", "Zofia")]
    [InlineData("Chidi said he was scared at home.", "Chidi")]
    [InlineData("Kacper missed three appointments.", "Kacper")]
    [InlineData("Ella-Rose was seen.", "Ella-Rose")]
    [InlineData("When Jayden was seen he was quiet.", "Jayden")]
    [InlineData("The HV saw mum and Jayden.", "Jayden")]
    public void FlagsAFirstNameAsTheSubjectOfASentence(string text, string expected)
    {
        var finding = IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.PersonName, expected);

        Assert.True(finding.Confirmable);
    }

    // Everyday words that are names, saints, hospitals and other places named after people, and a first name with no
    // verb of a person after it.
    [Theory]
    [InlineData("Grace was given for late returns; Summer was a busy time; Hope was lost.")]
    [InlineData("St Mary was the church school; St. Oliver said nothing of it.")]
    [InlineData("The Alexandra was contacted; Queen Elizabeth was the hospital; Royal Alexandra was told.")]
    [InlineData("Jordan was the country of origin; Working Together was updated.")]
    [InlineData("Arthur and Star were discussed at the workshop.")]
    [InlineData("The HV saw mum and Dad; Mother and Baby Unit; mum and Grace's school.")]
    [InlineData("Jayden\twas on the list")]
    public void IgnoresEverydayWordsSaintsAndPlacesBeforeAVerb(string text)
    {
        Assert.Empty(_scanner.Scan(text));
    }

    // A case reference with a name beside it: in brackets, after a dash or a colon, or after "Child 1".
    [Theory]
    [InlineData("C1 (Ayesha) told school.", "Ayesha")]
    [InlineData("C1 - Ayesha - told school", "Ayesha")]
    [InlineData("YP2: Kacper was excluded", "Kacper")]
    [InlineData("Child 1 Ayesha told school", "Ayesha")]
    [InlineData("Child 1 (Ayesha) lived with mum", "Ayesha")]
    [InlineData("Case 1: Ayesha", "Ayesha")]
    [InlineData("Sibling B - Hodan - was not seen", "Hodan")]
    public void FlagsANameBesideACaseReference(string text, string expected)
    {
        IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.PersonName, expected);
    }

    // Grades, RAG ratings, agencies and questions beside a case reference are no names.
    [Theory]
    [InlineData("C1 - Good; C2: Requires improvement; C3 (Inadequate); Case 4: Outstanding")]
    [InlineData("C1 - Amber, C2 - Green, Q1: Was the voice of the child heard?")]
    [InlineData("C3: Police attended; Child 1 Mother was seen; Case 2 Summary")]
    public void IgnoresGradesAndAgenciesBesideACaseReference(string text)
    {
        Assert.Empty(_scanner.Scan(text));
    }

    // An initial and a surname as the subject, and a police rank written as a title.
    [Theory]
    [InlineData("A Khan attended the ICPC.", "A Khan")]
    [InlineData("J. Smith attended school.", "J. Smith")]
    [InlineData("DS Smith from the MASH made the referral.", "Smith")]
    [InlineData("The call was taken by PC Okafor.", "Okafor")]
    [InlineData("Sgt Kowalczyk did not attend the strategy discussion.", "Kowalczyk")]
    public void FlagsAnInitialAndSurnameAsSubjectAndANameAfterAPoliceRank(string text, string expected)
    {
        IdentifierFindings.AssertSingle(_scanner, text, IdentifierKind.PersonName, expected);
    }

    [Theory]
    [InlineData("The laptop came from PC World; DC Comics were found; DS Team was told.")]
    [InlineData("Plan B was agreed; A Grade was given; C Good was the rating.")]
    public void IgnoresRanksAndInitialsBeforeWords(string text)
    {
        Assert.Empty(_scanner.Scan(text));
    }
}
