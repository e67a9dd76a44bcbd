namespace WorkshopBot.Common.Privacy;

internal static partial class NameGazetteerData
{
    /// <summary>
    /// Names that are also everyday English words, months, places or titles (compiled by hand, checked against an
    /// English word list). Written in lower case such a word is read as the word ("mum will bring", "father may
    /// have"), and two of them side by side ("Mark Wood", "Rose Ward") are not taken for a full name on their own.
    /// After a cue and capitalised they are still names: "Mother Grace", "Baby Hope".
    /// </summary>
    public const string EverydayWords = """
        amber angel april august autumn basil blessing blossom bonnie cherry daisy dawn destiny divine ebony faith favour
        felicity flora frank gift grace hazel heather holly hope iris ivy jade jasmine joy junior lovely may june jan mark
        olive poppy precious primrose princess rose rosemary ruby sapphire sky skye summer sunny violet willow will wren
        bill bob cliff dale dean glen grant guy ray rich rob rocky sue pat patsy sally miles mason hunter nova luna eden
        storm river star indie india georgia chelsea florence vienna brooklyn lincoln mali milan jordan sydney paris
        orion gill ion lea lee sol yen dung hung loan long ping ting wen wing tam chi yaw wale veer emir amir rim hind
        lama said shah sultan sultana raja sheikh haji sheriff mentor maxim pascal noel non tao tan pan fan fang song
        sun low lam shin tank lad lone sow kiss pop fall mire heap key law gold salt brown green white black grey gray
        young hill wood woods moss rice little small short strange bright sharp smart noble hardy wild wilde swift strong
        sweet fair best good goodman love moon day north south east west baker bishop bond booth bush butcher butler
        chambers church cook cooke cross field fields fisher ford fox french english welsh irish frost fry gates hall hart
        hay heath hunt king knight lamb lane lord marsh mills page park pike pope porter potter power price reed read
        rush shepherd stone street summers walker ward waters wells banks burns marks brooks bell berry bird buck bull
        crane drake finch peacock salmon swan wolf coke carpenter mighty parchment stamp sparks sterling storey tuck
        tucker weaver wise winter spring major freeman fuller gale garner hale hicks holder hull hyde keen mace meek
        moody pace savage sellers sexton shields shore stack tanner toner wade wall warren watt watts weir well wheeler
        whittle withers chase drew
        """;

    /// <summary>
    /// Full names that are public and cited as learning, so they are not flagged when written in full: children
    /// whose deaths led to published national reviews or inquiries, the women behind Clare's Law and Sarah's Law,
    /// and the people that reviews, charities and hospitals are named after. A name here is still flagged after a
    /// cue ("her son Arthur ..."), because there it describes a child in the case.
    /// </summary>
    public const string PublicNames = """
        Victoria Climbié; Peter Connelly; Daniel Pelka; Khyra Ishaq; Hamzah Khan; Keanu Williams; Ellie Butler;
        Arthur Labinjo-Hughes; Star Hobson; Logan Mwangi; Finley Boden; Sara Sharif; Maria Colwell; Jasmine Beckford;
        Kimberley Carlile; Tyra Henry; Lauren Wright; Clare Wood; Sarah Payne; Eileen Munro; Alexis Jay;
        Josh MacAlister; Lucy Faithfull; Anna Freud; Thomas Coram; Florence Nightingale; Marie Collins; Evelina London
        """;

    /// <summary>
    /// Shops and brands named after a person (and a dog breed), read as the shop, not a person, in a link, a file name
    /// or in small letters ("example.com/JohnLewis/gift-cards", "vouchers from john lewis", "the jack russell bit").
    /// </summary>
    public const string ShopNames = """
        John Lewis; Ted Baker; Ralph Lauren; Calvin Klein; Tommy Hilfiger; Jack Wills; Hugo Boss; Kurt Geiger;
        Karen Millen; Paul Smith; Jo Malone; Laura Ashley; Vivienne Westwood; Stella McCartney; Victoria Beckham;
        Jack Russell
        """;
}
