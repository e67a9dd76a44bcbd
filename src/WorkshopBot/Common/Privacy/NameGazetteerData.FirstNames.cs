// Data: About 3,300 first names, one table; splitting it would only scatter the list.
// Where these names come from: compiled by hand for WorkshopBot in 2026 (by a developer working with an AI
// assistant) from general knowledge of the first names and surnames common in England and Wales: the names
// registered for babies over the last two decades (the kind of list the Office for National Statistics publishes
// each year), the names of their parents' and grandparents' generations, and names common in the communities that
// English and Welsh safeguarding partnerships serve (Welsh, Scottish, Irish, South Asian, Somali, West African,
// Caribbean, Eastern European, Southern European, Middle Eastern, Afghan, Eritrean, Chinese, Vietnamese, Filipino).
// Nothing was downloaded or copied from a published list: the list is neither exhaustive nor ranked, and spellings
// vary. A name missing here is still caught when a cue introduces it ("her mother Aisha", "Baby Ellie-Mae") and
// it is capitalised; add names as you meet them (one word each; '#' starts a comment line).

namespace WorkshopBot.Common.Privacy;

internal static partial class NameGazetteerData
{
    /// <summary>First names common in England and Wales, grouped by generation and community.</summary>
    public const string FirstNames = """
        # Children's names: boys' names registered in England and Wales since about 2000
        Oliver George Harry Jack Jacob Noah Charlie Muhammad Mohammed Mohammad Mohamed Thomas Oscar William James Leo Alfie Henry
        Joshua Freddie Archie Ethan Isaac Alexander Joseph Edward Samuel Max Daniel Arthur Lucas Logan Theo Theodore Harrison
        Benjamin Mason Sebastian Finley Adam Dylan Zachary Riley Teddy David Toby Jake Louie Elijah Reggie Harley Ronnie Jaxon
        Jaxson Jackson Luca Tommy Albie Hugo Rory Ezra Jude Frankie Stanley Finn Liam Rowan Roman Arlo Caleb Jenson Jensen Tobias
        Ralph Bobby Louis Michael Eli Jayden Kayden Aiden Aidan Ayden Hunter Carter Gabriel Nathan Nathaniel Ryan Kai Tyler Callum Kian
        Kyle Connor Conor Jordan Lewis Luke Matthew Aaron Ben Cameron Charles Christopher Dexter Elliot Elliott Evan Felix
        Frederick Gethin Harvey Jamie Jay Jasper Jesse John Jonah Jonathan Joel Josh Kieran Kyran Leon Leonardo Lincoln Lenny
        Lennon Maxwell Miles Milo Myles Nico Olly Ollie Otis Owen Patrick Peter Reuben Robert Rocco Ronan Rufus Sam Sammy Seth
        Sonny Spencer Tristan Troy Vincent Wilfred Wilf Xavier Zac Zack Zak Avery Drew Chase Chantal Crystal Kristal Laurence
        Clarence Prudence Constance Lance Charity Trinity Ashish Anish Girish Zane Zayn Zain Ayaan Rayyan Ibrahim Yusuf Yousef
        Youssef Musa Hamza Hamzah Ali Omar Umar Zakariya Zakaria Ismail Idris Ilyas Ilyaas Adil Aryan Arjun Rohan Dev Krish Krishna
        Vihaan Aarav Reyansh Advik Shaurya Kabir Veer Brody Bodhi Blake Bentley Brooklyn Cody Dominic Dominik Ellis Ezekiel Grayson
        Hudson Ivan Jax Kobe Kodi Koby Korey Kyro Kylo Levi Lorenzo Mateo Matteo Malachi Marley Mylo Niall Noel Nolan Oakley Orion
        Parker Presley Remi Remy Rhys Reece Rees Ricky Romeo Roscoe Rudy Ruben Rylan Rylee Ryder Sidney Silas Sol Tate Taylor
        Teddie Tiago Titus Tyson Vinnie Warren Wesley Wyatt Zachariah Zion Kayson Alfred Albert Ernest Ernie Harold Herbie Hector
        Jimmy Johnny Joey Monty Percy Raymond Rueben Samson Stefan Vinny Alby Alfi Jayce Jace Jayson Jason Jaiden Jaydon Brayden
        Braydon Kaiden Kayde Keegan Kenzie Lennox Lochlan Lachlan Mackenzie Macauley Mikey Morgan Ozzy Ozzie Raff Rafe Rafael
        Raphael Ruairi Tayo Tobi Tomas Tom Tommie Trey Tyrell Tyreese Tyrese Tyrone Kacey Casey Corey Cory Kory Alex Alexis Aleks
        # Children's names: girls' names registered in England and Wales since about 2000
        Olivia Amelia Isla Ava Mia Ivy Lily Isabella Rosie Sophia Grace Freya Willow Florence Emily Ella Poppy Evie Elsie Charlotte
        Evelyn Sienna Sofia Daisy Phoebe Sophie Alice Harper Matilda Ruby Emilia Maya Millie Isabelle Eva Luna Jessica Aria Chloe
        Ellie Esme Arabella Layla Leila Imogen Scarlett Ayla Bonnie Hallie Lyla Mabel Margot Maisie Nancy Penelope Robyn Rose Thea
        Violet Zara Zoe Zoey Darcie Darcey Darcy Lottie Lola Lucy Megan Molly Hannah Holly Katie Lauren Abigail Amber Amy Anna
        Annabelle Aisha Ayesha Eleanor Elizabeth Eliza Elena Elise Eloise Emma Erin Esther Faith Felicity Francesca Gabriella
        Georgia Gracie Harriet Heidi Hollie Iris Isabel Isobel Jasmine Jasmin Jade Jennifer Julia Kayla Keira Kiera Lacey Lacie
        Leah Lexi Lexie Libby Lilly Lillie Lilah Lila Lydia Madison Madeleine Madeline Maria Martha Mariam Maryam Mya Nadia Naomi
        Niamh Nina Orla Paige Paisley Pippa Rebecca Rachel Sadie Sara Sarah Savannah Skye Sky Summer Tia Tilly Tillie Victoria
        Zainab Zahra Fatima Hafsa Khadija Khadijah Aaliyah Alia Aliyah Amina Amira Anaya Ananya Aanya Saanvi Diya Myra Kiara Inaya
        Inaaya Hania Haniya Hiba Huda Hafsah Jannat Maira Manha Mariyah Sumaiya Sumayyah Safa Safiya Safiyyah Sana Alayna Aleena
        Alina Aliza Ayat Eshaal Eshal Hoorain Dua Noor Nur Eden Edie Ada Aurora Autumn Beatrice Billie Blossom Bella Brooke Cora
        Delilah Edith Elodie Ellie-Mae Elsie-Mae Ellie-Rose Ellie-May Ella-Rose Lily-Mae Lily-Rose Lilly-Mae Lacey-Mae Millie-Mae
        Isla-Rose Evie-Mae Ivy-Rose Gracie-Mae Esmae Esmay Everly Georgie Gwen Hope Indie India Iona Jemima Josie Kaitlyn Kaitlin
        Caitlin Kaylee Kayleigh Lara Laila Lana Lilian Liliana Lyra Margaux Marnie Maeve Mae May Mila Milly Minnie Miriam Nellie
        Nevaeh Nova Octavia Ophelia Peggy Primrose Quinn Renee Rosa Rosalie Rosalind Rosanna Rosemary Sapphire Serena Seren Stella
        Sylvie Tabitha Tallulah Talia Thalia Verity Vienna Winnie Wren Zuzanna Zofia Aimee Alana Alanna Alisha Amelie Amelie-Rose
        Annie Aoife Arianna Arya Aubrey Bethany Brianna Cerys Chelsea Ciara Courtney Demi Destiny Ebony Elissa Ellen Emilie
        Evangeline Hayley Holly-Mae Jessie Kacie Kelsey Leona Lucia Lucie Macie Macy Maddison Maddie Mollie Nicole Precious Rhianna
        Rihanna Rosie-Mae Shannon Shanice Sian Tegan Tianna Tiana Tiegan Tyra Yasmin Yasmine Jasmine-Rose Kayla-Mae Lily-Ann
        Khaleesi
        # Parents' generation (born about 1970 to 2000), women
        Laura Gemma Kelly Stacey Stacy Leanne Danielle Lisa Michelle Nicola Claire Clare Joanne Donna Tracey Tracy Karen Julie
        Natalie Samantha Vicky Vikki Kirsty Kerry Kerri Charlene Carly Carla Kate Katherine Catherine Kathryn Jenny Jenna Louise
        Lindsay Lindsey Amanda Angela Anne Ann Caroline Christine Debbie Deborah Dawn Helen Jane Jo Joanna Katy Kim Lyndsey Melanie
        Natasha Nikki Paula Sharon Sonia Stephanie Steph Suzanne Tanya Tina Toni Vanessa Wendy Alexandra Alison Alyson Becky Bethan
        Carys Ceri Cheryl Chantelle Chantel Charmaine Danni Dani Faye Fay Georgina Jacqueline Jackie Janine Jemma Jess Kimberley
        Kimberly Kirstie Leigh Lorna Lorraine Lynsey Marie Nadine Rhiannon Shelley Shelly Stacie Tamsin Tammy Tara Terri Tori Trudy
        Vicki Yvonne Abbie Abby Aisling Ashleigh Ashley Beverley Candice Cassie Colette Corinne Dionne Gillian Gill Jodie Jody
        Jolene Keeley Kylie Lianne Marianne Maxine Mel Nichola Nicky Roxanne Roxy Ruth Sasha Shauna Shona Siobhan Sinead Sonya
        Tasha Terri-Ann Theresa Tiffany Vickie
        # Grandparents' generation, women
        Margaret Patricia Susan Linda Barbara Jean Maureen Carol Janet Mary Pauline Sandra Valerie Brenda Sheila Joan Kathleen
        Shirley Irene Doreen Eileen Marion Marilyn Marjorie Dorothy Gwendoline Hazel Heather Hilary Joyce June Lesley Lynne Lynn
        Mavis Norma Pamela Rita Sally Sylvia Teresa Beryl Carole Denise Diane Dianne Doris Edna Elaine Ethel Freda Gail Glenys
        Glenda Gloria Jill Josephine Judith Judy Kay Lillian Marian Marlene Muriel Olive Pat Phyllis Shelagh Sue Susanne Thelma
        Vera Veronica Winifred Annette Bernadette Colleen Deirdre Geraldine Lynda Mandy Nora Noreen Patsy Polly Roberta Tessa
        Vivienne Beverly Bev Cynthia Daphne Flo
        # Parents' generation, men
        Lee Craig Wayne Darren Dean Gary Paul Mark Carl Scott Andrew Andy Anthony Tony Bradley Brett Chris Danny Dan Darryl Daryl
        Dave Jon Joe Karl Kevin Kirk Martin Matt Mike Mick Neil Nicholas Nick Richard Rich Rob Robbie Ross Shane Shaun Sean Simon
        Stephen Steven Steve Stuart Rick Russell Terry Tim Timothy Barry Brian Colin Damien Damian Dale Derek Gareth Gavin Glenn
        Glen Graham Grant Ian Jeremy Justin Keith Ken Kenny Lloyd Marc Marcus Mathew Mitchell Nigel Phil Philip Phillip Robin
        Rodney Roy Stewart Trevor Vince Will Alan Allan Alistair Bernard Billy Carlton Clint Clinton Curtis Dwayne Duane Gerard
        Gerry Kane Keiron Kris Kristian Leroy Ritchie Rocky Todd Travis Wade Dion Jermaine Marlon
        # Grandparents' generation, men
        Dennis Donald Douglas Eric Frank Geoffrey Gordon Herbert Howard Jim Kenneth Leslie Malcolm Maurice Norman Ray Reginald
        Roger Ronald Terence Victor Walter Bill Bob Clifford Cliff Cyril Des Desmond Fred Gerald Gilbert Ivor Jeffrey Jeff Larry
        Len Leonard Lionel Mervyn Neville Reg Ron Sid Stan Ted Vernon Alec Ambrose Archibald Basil Benny Cecil Clive Dai Dudley
        Francis Glyn Howell Hugh Hywel Ieuan Iolo Les Mal Morris Ned Nobby Oswald Ossie Roland Rupert Russ Sydney Wally
        # Welsh
        Dafydd Dewi Iwan Osian Cai Cian Elis Emrys Ffion Nia Eleri Gwenllian Lowri Aled Huw Emyr Geraint Llywelyn Llewelyn Macsen
        Tomos Cadi Efa Mali Alys Nel Anwen Heledd Manon Mererid Elin Eirlys Eirian Eluned Ffraid Glesni Gwenan Gwenno Hafwen Lleucu
        Lleu Mabli Mari Meinir Nerys Non Rhian Rhianwen Sioned Tegwen Teleri Angharad Awen Betsan Branwen Catrin Ceinwen Delyth
        Dilys Enfys Gwawr Gwyneth Luned Mair Morfudd Olwen Tirion Alaw Begw Cari Deio Dyfan Einion Elgan Emlyn Gwion Gwilym Gwyn
        Hedd Hefin Ianto Ifan Ioan Iestyn Ifor Islwyn Meirion Meurig Owain Peredur Rhodri Rhydian Sion Steffan Taliesin Tudur Tegid
        Trystan Urien Wyn Bryn Brynmor Caradog Ceredig Cynan Euros
        # Scottish
        Alasdair Alastair Angus Calum Duncan Ewan Euan Fraser Hamish Iain Lachie Murdo Ruaridh Ruairidh Ruari Struan Torquil
        Uisdean Fergus Finlay Gregor Murray Ailsa Catriona Eilidh Kirstin Mhairi Morag Mairi Seonaid Fiona Fenella Elspeth Innes
        Kerr Moira Rhona Senga Islay Morven Kenna Marsaili Ishbel Effie Flora Agnes Ina Netta Nessa
        # Irish
        Saoirse Caoimhe Roisin Grainne Clodagh Eimear Méabh Mairead Nuala Oonagh Aine Blathnaid Cliodhna Dearbhla Eabha Fionnuala
        Aoibhinn Aoibheann Muireann Ailbhe Ailish Aileen Bridget Brigid Breda Una Sorcha Laoise Orlaith Réaltín Ríona Siofra Treasa
        Emer Ciarán Conall Darragh Declan Diarmuid Dermot Eoin Fionn Oisin Padraig Seamus Shay Tadhg Cathal Colm Donal Eamon Eamonn
        Fergal Killian Senan Odhran Cormac Cillian Donnacha Donncha Enda Feargal Fiachra Lorcan Malachy Mícheál Oran Paudie Peadar
        Setanta Tiernan Turlough Brendan Paddy Phelim Sheamus Jarlath Fintan Aengus Brídín Mairtín Ultan
        # South Asian: Pakistani, Indian, Bangladeshi and Sri Lankan families
        Ahmed Ahmad Hassan Hasan Hussain Husain Hussein Yusef Harjit Gurpreet Manpreet Jaspreet Harpreet Simran Amrit Kiran Priya
        Anika Fatma Imran Asif Tariq Bilal Usman Faisal Rizwan Shabana Nasreen Parveen Rukhsana Samina Farah Shazia Sunita Anita
        Rajesh Suresh Ramesh Sanjay Vijay Deepak Ravi Nisha Pooja Neha Anjali Abdul Abdullah Abdullahi Rahim Karim Shamima Rumana
        Nazmul Shahid Jamal Rubel Tasnim Tasnima Rahima Rehana Razia Rubina Rukhsar Saima Sajida Salma Samira Sadia Sobia Tahira
        Tahmina Zaheer Zahid Zubair Zubeda Zulekha Aamir Aftab Akbar Akram Altaf Amir Amjad Anwar Arif Arshad Asad Asghar Ashraf
        Aslam Atif Azhar Babar Basharat Danish Ehsan Faheem Farhan Farooq Fawad Ghulam Habib Haider Hamid Haroon Haris Haseeb
        Idrees Ijaz Ikram Imtiaz Iqbal Irfan Ishaq Ishfaq Javed Junaid Kamran Kashif Khalid Liaquat Majid Mahmood Masood Mehmood
        Mubarak Mudassar Mukhtar Mushtaq Nadeem Naeem Naveed Nasir Nawaz Noman Pervez Qasim Rafiq Raheel Rashid Rauf Rehan Riaz
        Sabir Sajid Sajjad Salman Saqib Shabir Shafiq Shahzad Shakeel Sharif Shoaib Sohail Sultan Tahir Talha Tanveer Tauseef
        Waheed Wajid Waqar Waqas Waseem Wasim Yasir Younis Zafar Zaman Zeeshan Zohaib Abida Afshan Aneela Asma Atiya Bushra Farzana
        Fauzia Ghazala Humaira Iram Kausar Kulsoom Lubna Mehwish Mehreen Misbah Nabila Naila Najma Nargis Nasima Nazia Nighat
        Nosheen Raheela Rabia Rizwana Robina Ruqayyah Saba Sabiha Sadaf Samia Sameena Shagufta Shaheen Shahida Shamim Shehnaz
        Shireen Sidra Sumera Tabassum Uzma Yasmeen Zarina Zubaida Aditya Akash Amit Anil Arvind Ashok Bhavesh Chetan Dinesh Ganesh
        Gaurav Hardik Harish Hitesh Jatin Jignesh Kamal Kapil Ketan Kishan Kunal Mahesh Manish Manoj Mehul Mukesh Naresh Nikhil
        Nilesh Nitin Pankaj Paresh Prakash Pranav Pritesh Rahul Rakesh Raj Rajan Rajiv Ranjit Rishi Sachin Sandeep Sanjeev Santosh
        Satish Shailesh Shyam Siddharth Sunil Tarun Umesh Varun Vikram Vinay Vinod Vipul Vishal Yash Yogesh Aarti Alpa Amita Anjana
        Asha Bhavna Bina Chandni Deepa Deepika Devi Divya Geeta Gita Hema Hetal Indira Jaya Jyoti Kajal Kalpana Kavita Kavya Komal
        Krupa Lata Leela Mamta Manisha Meena Meera Mina Mira Neelam Nikita Nirmala Padma Pallavi Parul Pinal Poonam Preeti Priti
        Radha Rani Rashmi Rekha Renu Ritu Riya Rupa Sangeeta Sarita Seema Shanti Sheetal Shilpa Shreya Shruti Smita Sonal Swati
        Trupti Usha Vaishali Vandana Varsha Vidya Amandeep Amarjit Baljit Balvinder Balwinder Daljit Gurdeep Gurjit Gurmeet
        Gurvinder Harinder Harjinder Harminder Inderjit Jagdeep Jasbir Jaswinder Jatinder Kamaljit Kuldeep Kulwant Kulvinder
        Mandeep Manjit Navdeep Navjot Parminder Paramjit Rajinder Sukhdeep Sukhjit Sukhwinder Surinder Tajinder Tejinder Baljinder
        Jasmeet Jasleen Harleen Harnoor Gurleen Simranjit Kiranjit Manveer Arjan Armaan Ekam Fateh Gurnoor Harkirat Jasraj Sehaj
        Tegveer Nusrat Nasrin Shirin Sultana Shahnaz Shapla Shilpi Taslima Jesmin Rokeya Rumena Kulsum Rabeya Rashida Ruksana
        Monowara Morjina Afroza Anowara Hasina Jahanara Jubeda Nazma Rahena Runa Sufia Syeda Momina Abul Alamgir Anisur Ashik Azad
        Belal Delwar Faruk Habibur Harun Helal Jahangir Jashim Kamrul Khalil Lutfur Mahbub Mamun Masud Mizanur Mosharraf Moshiur
        Nurul Rafique Rezaul Rofik Saiful Shafiqul Shamsul Shohel Sumon Tofazzal Anwarul Arafat Ashraful Emdad Foysal Hasnat Ikbal
        Jubair Mahfuz Mohiuddin Monir Nazrul Rahman Rakib Rasel Riyad Sabbir Shakil Tanvir Towhid Yeasin Tharshan Thushanthan Kajan
        Nirojan Sathees Suthan Vithusan Anojan Kavitha Thushara Nirosha Sharmila Thiviya Keerthana
        # Somali, Sudanese and other East African families
        Abdi Abdirahman Abdirizak Abdikadir Abdiaziz Abdinasir Abdiwali Aden Awil Bashir Burhan Faysal Guled Hamse Jama Liban Mahad
        Mohamud Mustafe Nuur Osman Said Sharmarke Warsame Yasin Yonis Zakariye Ayan Hodan Hibo Fadumo Faduma Deeqa Ilhan Idil
        Filsan Hamdi Hawa Hinda Ifrah Ikran Istahil Khadra Leyla Maryan Muna Nasra Nimco Qamar Rahma Ruqiya Sagal Sahra Shukri
        Sucaad Ubah Udgoon Zamzam Anisa Fartun
        # West African: Nigerian, Ghanaian, Sierra Leonean and Gambian families
        Oluwaseun Olusegun Seun Olumide Oluwatobi Ayodele Ayo Adebayo Adewale Wale Babatunde Tunde Chukwuemeka Emeka Chidi Chinedu
        Chiamaka Chioma Chidinma Ngozi Nkechi Obinna Ifeanyi Uchenna Folake Funmilayo Funmi Bukola Yetunde Temitope Tope Tolu
        Toluwani Kehinde Taiwo Femi Segun Sade Titilayo Abimbola Damilola Dami Ebunoluwa Eniola Ireoluwa Oreoluwa Fisayo Ayomide
        Blessing Favour Divine Gift Goodluck Adaeze Adanna Amaka Chika Chinwe Chinyere Ebere Ejiro Ese Ifeoma Ijeoma Kelechi Nneka
        Nnamdi Obiageli Onyinye Uju Uzoma Adaku Akachi Chibuzor Chidera Chisom Chinonso Chukwudi Ebuka Ekene Ikenna Kenechukwu
        Nonso Obiora Somto Tochukwu Ugochukwu Adeola Adesola Adunni Aramide Ayomikun Bolanle Bisola Busola Dayo Demilade Dolapo
        Enitan Fola Folasade Gbenga Ibukun Iyanu Jumoke Kayode Kunle Lanre Moyo Mojisola Morenike Olamide Olayinka Olufemi
        Oluwadamilare Oluwafemi Oluwakemi Oluwaseyi Oluwatoyin Omolara Opeyemi Seyi Shola Simisola Simi Temidayo Tobiloba Toyin
        Wunmi Yemi Yinka Bilkisu Hadiza Halima Hauwa Abubakar Aminu Bello Sani Yakubu Kwame Kwabena Kofi Kojo Kwasi Kwesi Yaw Kweku
        Kwaku Kwadwo Kobina Fiifi Ekow Akosua Ama Abena Efua Adwoa Afua Akua Yaa Esi Adjoa Akos Aba Araba Ewurabena Maame Naana Nii
        Nortey Delali Selorm Elikem Dzifa Enam Mawuli Senyo Edem Esinam Kekeli Mamadou Modou Lamin Ebrima Alieu Ousman Bakary
        Sheriff Alhaji Fatou Isatou Mariama Binta Aminata Haddy Awa Kadiatou Foday Sorie Alusine Abu Sahr Tamba Kadiatu Isata
        Fatmata Mariatu Adama Jeneba Memuna Salamatu
        # Caribbean families
        Delroy Winston Marcia Carlene Andre Kareem Shaquille Keisha Latoya Shantelle Shaniqua Donovan Errol Everton Kemar Akeem
        Kadeem Jada Josiah Kymani Amari Isaiah Darnell Deshawn Devonte Jerome Jovan Junior Kaylon Kemoy Kenroy Kevon Omari Romaine
        Ryon Shemar Tremaine Tyreek Tyreke Cherelle Delores Fabienne Gaynor Hyacinth Janelle Kadian Kerry-Ann Latisha Monique
        Paulette Rochelle Sharelle Sharmaine Shaneka Shantal Simone Tamara Tanisha Tishana Venessa Yolanda Yvette Zadie Amoy Ayanna
        Imani Makeda Tionne Kenisha Keanu Keon Jahmal Jahmai Jahiem Kyrie Leondre Deon Jaheim Jamari Jayvon
        # Eastern European: Polish, Romanian, Lithuanian, Latvian, Bulgarian, Slovak, Czech, Hungarian, Ukrainian, Albanian
        Piotr Pawel Tomasz Krzysztof Marcin Michal Lukasz Jakub Kacper Szymon Wojciech Mateusz Dawid Bartosz Kamil Agnieszka
        Katarzyna Magdalena Aleksandra Monika Malgorzata Maja Oliwia Wiktoria Natalia Kinga Karolina Marta Paulina Patrycja Justyna
        Ewa Dorota Beata Renata Izabela Iwona Jolanta Sylwia Weronika Gabriela Zuzia Kasia Gosia Ola Aga Przemyslaw Grzegorz Rafal
        Dariusz Mariusz Janusz Slawomir Wiktor Jacek Jaroslaw Artur Adrian Filip Hubert Igor Jan Jerzy Konrad Leszek Maciej Marek
        Milosz Oskar Patryk Ryszard Stanislaw Tadeusz Waldemar Zbigniew Zdzislaw Aleksander Antoni Franciszek Ignacy Nikola Nikodem
        Wojtek Kuba Andrei Alexandru Ionut Florin Mihai Cristian Bogdan Ionela Andreea Ioana Mihaela Roxana Daniela Georgiana
        Larisa Madalina Raluca Simona Teodora Bianca Denisa Diana Irina Loredana Nicoleta Oana Ramona Sorina Valentina Catalin
        Costel Constantin Dorin Dragos Emil Eugen Gheorghe Iulian Ion Ionel Liviu Lucian Marius Nicolae Ovidiu Petru Radu Razvan
        Sorin Tudor Valentin Vasile Viorel Vlad Darius Rares Sergiu Mantas Lukas Jonas Ruta Egle Ieva Gintare Aiste Audrius Dovydas
        Gediminas Justas Karolis Mindaugas Paulius Rokas Saulius Tadas Vytautas Agne Asta Austeja Daiva Giedre Greta Indre Jurgita
        Kristina Migle Milda Rasa Vaida Vilma Zivile Arturs Janis Kristaps Martins Raivis Reinis Edgars Ilze Inese Liga Baiba Dace
        Kristine Georgi Dimitar Nikolay Petar Stoyan Desislava Mariya Tsvetelina Hristo Kaloyan Krasimir Lyubomir Momchil Plamen
        Rumen Svetoslav Todor Yordan Boryana Gergana Iliana Kalina Margarita Nadezhda Petya Radka Rositsa Silviya Stanislava Vanya
        Velina Yana Yoana Matej Jana Zuzana Katarina Lenka Petra Veronika Adela Barbora Eliska Tereza Anezka Klara Vojtech Ondrej
        Jiri Laszlo Gabor Zoltan Attila Bence Levente Balazs Csaba Istvan Eszter Zsofia Reka Dora Krisztina Erzsebet Oleksandr
        Oleksandra Dmytro Olena Oksana Svetlana Tetiana Tetyana Yulia Yuliia Viktor Viktoriia Sergei Serhii Sergey Andriy Andrii
        Bohdan Mykola Mykhailo Taras Vasyl Volodymyr Yaroslav Yevhen Yuri Yurii Anastasia Anastasiia Daryna Halyna Iryna Kateryna
        Khrystyna Larysa Liudmyla Nataliia Olha Solomiia Sofiia Valentyna Vira Zoriana Alexei Dmitri Mikhail Nikolai Pavel Vladimir
        Yevgeny Olga Tatiana Ekaterina Ksenia Lyudmila Polina Arben Besnik Blerim Ermal Fatos Gentian Klea Arta Elira Besa Dritan
        Erion Florian Genti Gezim Ilir Kastriot Klodian Lulzim Mentor Redon Shpetim Valon Visar Xhevdet Albana Anila Blerta Dafina
        Drita Edona Elona Ermira Fatjona Flutura Jonida Lindita Majlinda Mimoza Rudina Teuta Vjosa Zamira Alketa Arjola Jetmira
        Kaltrina Luljeta Marsela Xhesika Rron Endrit Enis Ardit Agon Arlind Dren Loran Noar Yll
        # Portuguese, Spanish, Italian, Brazilian and Filipino families
        Joao Pedro Miguel Rodrigo Diogo Goncalo Duarte Afonso Rui Nuno Ricardo Bruno Sergio Fabio Vitor Jose Luis Carlos Manuel
        Antonio Francisco Fernando Paulo Ana Beatriz Ines Mariana Leonor Matilde Carolina Catarina Margarida Joana Filipa Raquel
        Susana Claudia Tania Andreia Alejandro Javier Pablo Diego Alvaro Marcos Mario Carmen Pilar Rocio Alba Nerea Giovanni
        Giuseppe Francesco Alessandro Andrea Davide Marco Paolo Stefano Riccardo Federico Salvatore Vincenzo Chiara Giulia Alessia
        Martina Elisa Federica Silvia Giorgia Rosaria Concetta Enzo Thiago Davi Heitor Bernardo Murilo Gustavo Guilherme Lucca Kaua
        Vitoria Larissa Leticia Isadora Manuela Jocelyn Rommel Ramil Jericho Jomar Jun Jhun Marvin Arnel Rhea Rowena Maricel
        Marites Joy Maribel Analyn Cherry Lovely Princess Angel Jenelyn Mary-Ann
        # Middle Eastern and North African families: Arab, Kurdish, Iranian, Turkish, Afghan
        Mahmoud Mahmud Mustafa Mostafa Samir Rami Hadi Nour Rana Reem Dalia Dilan Rojin Aram Shvan Rebin Hawre Reza Mehdi Arash
        Dariush Farhad Parisa Nazanin Niloufar Mehmet Emre Murat Burak Elif Zeynep Ayse Emine Hatice Ece Jawad Farid Wahid Parwana
        Abdallah Abdelrahman Abdulrahman Adnan Ahmet Alaa Anas Ayman Bassam Fadi Fares Faris Ghassan Hani Hazem Hisham Hussam Imad
        Issa Jamil Jihad Khaled Majed Malek Marwan Mazen Moataz Mohanad Muhannad Nabil Nader Nasser Nizar Osama Qusai Raed Rashed
        Riad Saad Saeed Sahar Saleh Salim Sameer Tamer Tarek Tareq Waleed Walid Yahya Yaser Yasser Zaid Ziad Aya Amal Asmaa Dina
        Doaa Eman Iman Ghada Hala Hanan Hanaa Heba Hind Jumana Lama Lina Maha Manal Marwa Mona Nada Najwa Nisreen Noura Rania Rasha
        Rawan Rim Ruba Sabah Samah Sawsan Shaima Suha Tala Wafa Yara Zeina Zeinab Ahmadi Ako Bawar Dara Diyar Hemin Karwan Kawa
        Rekawt Renas Rizgar Shwan Soran Zana Zhyar Avin Bahar Chiman Dilnya Gulala Hana Havin Jwan Nazdar Nesrin Rozhin Shilan
        Zhilwan Zheen Ali-Reza Alireza Ardalan Babak Behnam Behrouz Farzad Farshid Hamed Hossein Kaveh Keyvan Mahdi Masoud Milad
        Mohsen Morteza Navid Omid Payam Pedram Peyman Pouya Ramin Saman Sina Siavash Vahid Arezoo Azadeh Elham Fariba Farnaz
        Fatemeh Golnaz Haleh Mahsa Mahnaz Mitra Negar Neda Parvaneh Roya Sepideh Setareh Shadi Shiva Soraya Yasaman Zohreh Alper
        Arda Baris Berk Cem Deniz Efe Emir Engin Erkan Ferhat Hakan Kaan Kemal Koray Mert Oguz Okan Onur Ozan Serkan Sinan Tolga
        Ufuk Umut Volkan Yigit Aylin Aysun Buse Busra Cansu Derya Dilara Ebru Esra Gamze Gizem Gul Hande Irem Kubra Melek Merve
        Ozge Pinar Seda Selin Sevgi Sibel Tugba Yasemin Zehra Ajmal Faridullah Hameed Hamidullah Hekmat Jamshid Mansoor Mirwais
        Mujtaba Najib Noorullah Rahmatullah Sayed Shah Sohrab Wahidullah Zabiullah Zalmai Freshta Homa Malalai Marzia Mursal
        Nilofar Palwasha Pashtana Raziya Shabnam Shakila Sima Tamana Zarghona Zakia Zuhal
        # Eritrean and Ethiopian families
        Yonas Dawit Tesfay Mehari Selam Senait Feven Semhar Tsega Abel Aman Biniam Bereket Eyob Filmon Goitom Habtom Henok Kibrom
        Kidane Merhawi Mussie Natnael Robel Semere Tekle Teklay Tesfalem Tewelde Yemane Yohannes Yosief Abrehet Almaz Aster
        Bethlehem Elsa Feruz Freweini Hanna Hiwet Luwam Mebrat Meron Milen Mulu Rahel Segen Selamawit Tigist Winta Yordanos Yodit
        Zewdi
        # Chinese, Hong Kong, Vietnamese and South East Asian families
        Wei Ming Hui Yan Ying Xin Jing Lei Hao Mei Ling Xiao Zhen Qing Hong Jie Yang Yong Bo Chao Fei Hua Jian Jiahao Jiayi Jinyu
        Junjie Lan Li Lin Long Meiling Ning Peng Ping Qiang Shan Tao Ting Wen Xia Xiaoming Xiaoyan Xiaoyu Xinyi Xue Yi Yifan Yihan
        Yu Yuan Yue Yuki Yun Zhi Zihan Zhihao Zixuan Zhiwei Haoran Haoyu Yuxuan Yutong Ruoxi Shuang Siqi Wenjing Yanyan Zhiyuan
        Kwok Wing Siu Ka Chun Chi Hok Lok Pui Tsz Wai Yee Cheuk Ho-Yin Ka-Yan Ka-Wai Man-Yee Wing-Yan Yuet Chung Anh Minh Linh
        Thanh Tuan Hoa Trang Huong Phuong Duc Hung Quang Thao Thuy Mai Hieu Khanh Khoa Nam Ngoc Nhung Phuc Quynh Tam Thu Trung Tung
        Vy Yen Dung Hai Hanh Hien Hoang Huy Loan Luan Nga Nhi Oanh Quan Tai Thang Thien Tien Tri Truc Tu Tuyet Uyen Viet Xuan Chau
        Bao Dao Somchai Siriporn Nattapong Pim Ploy Kanya Malee Niran Arun Aroon
        # Other common names across the communities partnerships serve
        Adriana Agata Agatha Alicia Amalia Angelika Anya Ariana Ariella Aryana Astrid Ayda Azra Camila Camilla Cassandra Cecilia
        Celine Clara Dana Daria Eleni Elina Elvira Estelle Eve Evelina Fabiana Fleur Freja Helena Ilona Ingrid Isabela Ivana
        Johanna Josefina Julieta Karina Karla Katia Katya Kira Lea Lena Leonie Liana Lidia Lilia Livia Lorena Luciana Ludmila Magda
        Malika Marina Marisa Marlena Mateja Melina Milena Mirela Nika Noemi Paola Regina Rebeca Sabina Sabrina Selma Sonja Stefania
        Valeria Vanda Viktoria Yasmina Zarah Zoya Aleksandar Aleksei Alen Anton Armin Benedict Boris Casper Cedric Cyrus Damir
        Dario Denis Dino Edin Edvin Elias Erik Fabian Felipe Ferdinand Franco Goran Gustav Hans Ilija Ilya Ismael Ivo Jakob Janek
        Jaroslav Josef Julian Julius Kasper Kristof Lars Leonid Luka Marko Matthias Maxim Milan Mirko Moritz Niklas Oleg Otto
        Pascal Patrik Radek Ramon Roberto Rudolf Sandro Sven Tibor Timo Yannick Zoran
        # Short forms of two letters, read as names only right after a relation ("baby Al", "brother Ed")
        Al Ed Mo Ty
        """;
}
