// Data: About 2,500 surnames, one table; splitting it would only scatter the list.
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
    /// <summary>Surnames common in England and Wales, grouped by community.</summary>
    public const string Surnames = """
        # English and Welsh surnames common across England and Wales
        Smith Jones Williams Taylor Brown Davies Davis Evans Wilson Thomas Johnson Roberts Robinson Thompson Wright Walker White
        Edwards Hughes Green Hall Lewis Harris Clarke Clark Patel Jackson Wood Turner Martin Cooper Hill Ward Morris Moore King
        Baker Harrison Morgan Allen James Scott Phillips Watson Parker Price Bennett Young Griffiths Mitchell Kelly Cook Cooke
        Carter Richardson Bailey Collins Bell Shaw Murphy Miller Cox Richards Khan Marshall Anderson Simpson Ellis Adams Singh
        Begum Wilkinson Foster Chapman Powell Webb Rogers Gray Grey Mason Ali Hunt Hussain Campbell Matthews Owen Palmer Holmes
        Mills Barnes Knight Lloyd Butler Russell Barker Fisher Stevens Jenkins Murray Dixon Harvey Graham Pearson Ahmed Fletcher
        Walsh Kaur Gibson Howard Andrews Stewart Elliott Elliot Reynolds Saunders Payne Fox Ford Pearce Day Brooks West Lawrence
        Cole Atkinson Bradley Spencer Gill Dawson Ball Burton O'Brien Watts Rose Booth Perry Ryan Grant Wells Armstrong Francis
        Rees Hayes Hart Hudson Newman Barrett Webster Hunter Gregory Carr Lowe Page Marsh Riley Dunn Woods Parsons Berry Stone Reid
        Holland Hawkins Harding Porter Robertson Newton Oliver Reed Kennedy Williamson Bird Gardner Shah Dean Lane Bates Henderson
        Parry Burgess Bishop Walton Burns Nicholson Shepherd Ross Cross Long Freeman Warren Nicholls Hamilton Byrne Sutton McDonald
        Yates Hodgson Robson Curtis Hopkins O'Connor Harper Coleman Watkins Moss McCarthy Chambers O'Neill Griffin Sharp Hardy
        Wheeler Potter Osborne Johnston Gordon Doyle Wallace George Jordan Hutchinson Rowe Burke May Pritchard Gilbert Willis
        Higgins Read Reade Miles Stevenson Stephenson Hammond Arnold Buckley Walters Hewitt Barber Nelson Slater Austin Sullivan
        Whitehead Mann Frost Lambert Stephens Blake Akhtar Lynch Goodwin Barton Woodward Thomson Cunningham Quinn Barnett Baxter
        Bibi Clayton Nash Greenwood Jennings Holt Kemp Poole Gallagher Bond Stokes Tucker Davidson Fowler Heath Norman Middleton
        Lawson Banks French Stanley Jarvis Gibbs Ferguson Hayward Carroll Farrell Hussein Sanders Joyce Rahman Todd Goddard Randall
        Dale Bolton Field Fuller Humphreys Atkins Haynes Hale Pickering Whittaker Vincent Charlton Glover Sherwood Sheppard Pugh
        Howell Howells Bowen Bevan Vaughan Llewellyn Prosser Probert Gwynne Jenkin Meredith Rowlands Humphries Hopkin Maddox Madoc
        Meyrick Pryce Prothero Upton Whitfield Ashton Bentley Blackburn Bradshaw Briggs Broadbent Brooke Bryant Buck Bull Bush
        Butterworth Chadwick Cartwright Clements Coates Coles Collier Conway Cope Corbett Cotton Cowley Crawford Crompton Crossley
        Dalton Davey Dyer Eaton Entwistle Farmer Fenton Finch Firth Fitzgerald Fleming Forster Foulkes Franklin Garner Gough
        Greaves Hancock Hargreaves Harrop Hartley Haworth Heaton Hinds Hobbs Holden Holloway Horton Howarth Hurst Ingram Irwin
        Jacobs Johns Kirby Kirk Knowles Lamb Leach Lees Lister Little Lord Lucas Mallinson Marsden Marriott Metcalfe Milner Mellor
        Moran Morley Morton Nolan Norris Nuttall Oakes Ogden Parkin Parkinson Peacock Pennington Pollard Preston Quigley Ramsden
        Rhodes Rigby Rowley Sanderson Schofield Sharpe Short Simmons Sims Skinner Smart Southern Sowerby Stanton Stott Sykes Talbot
        Tate Thornton Thorpe Tomlinson Townsend Tyler Wade Wainwright Walmsley Warburton Waters Watt Weaver Whiteley Wilcox Wild
        Wilde Winter Wolstenholme Worthington Wyatt Yeoman Abbott Alexander Allan Allison Allsop Ambrose Appleby Archer Ashworth
        Aylott Bamford Barlow Barnard Barr Bartlett Bateman Beattie Beckett Benson Birch Black Blackwell Blackmore Blair Bone
        Bourne Bowden Bowers Bowman Boyd Bradbury Bray Brennan Brewer Bridges Bright Britton Broadhurst Brookes Broughton Browning
        Buckingham Bullock Burnett Burrows Butcher Cairns Callaghan Cameron Carpenter Carey Cassidy Chandler Chaplin Cheeseman
        Christie Churchill Clifford Cobb Cockburn Colley Connolly Cornish Coulson Coward Craig Crane Crouch Cullen Cummings Dando
        Daniels Darby Denton Devlin Dickinson Dickson Dobson Dodd Donnelly Douglas Dowling Downes Drake Draper Driscoll Drummond
        Duffy Duncan Dunne Dutton Dyson Eccles Emery England Everett Fairclough Farrow Faulkner Fielding Flynn Foley Forrest Fry
        Gale Garrett Gates Gee Gibbons Giles Godfrey Gold Golding Goodall Goodman Gould Gower Grady Greenaway Griffith Grimshaw
        Hadley Haines Hamer Hampson Hanson Harman Harrington Harwood Hawes Hawkes Heap Hemmings Herbert Heywood Hickman Hicks Higgs
        Hilton Hinchliffe Hird Hogg Holder Holroyd Hooper Hope Horne Horsfall Hough Houghton Howe Hubbard Hull Hume Hurley
        Hutchings Hyde Iqbal Jacks Jeffery Jefferies Jeffries Jephcott Jessop Kay Kaye Keane Keeling Kendall Kenyon Kerr Key Kilby
        Kingston Kinsella Knott Lacey Laing Lancaster Langley Law Lawton Lea Leigh Lennon Lester Lewin Lindley Livesey Lockwood
        Lomas Lovell Lowry Lyons Mace Mackay Mahoney Manning Marks Marlow Mather Maxwell Mayer Maynard McGuire Meek Mercer Merritt
        Milburn Millar Moody Moon Moorhouse Morrison Mortimer Moyle Mullen Munro Nixon Noble North Norton Nowell O'Donnell
        O'Sullivan Oakley Orme Orton Osman Owens Padgett Parr Patterson Peters Petty Pike Pilling Platt Plummer Pope Power Pratt
        Priestley Procter Proctor Pye Rankin Rawlinson Ray Rayner Reeves Reilly Rennie Rich Richmond Ridley Robins Rodgers Rooney
        Rourke Royle Rudd Rushton Salmon Salt Sargent Savage Sayer Seddon Sellers Sewell Sexton Seymour Shannon Sharples Shields
        Shipley Simms Slade Sloan Small Snell Sparks Spence Spooner Stafford Stamp Steele Sterling Storey Strange Street Stringer
        Summers Sumner Sutcliffe Swain Swift Tanner Thomason Threlfall Tierney Timms Tindall Toms Tranter Travis Trueman Tuck Tully
        Turnbull Underwood Vickers Wain Warner Waterhouse Webber Welch Weston Whalley Wheatley Whittle Wiggins Wilkins Wilks
        Willoughby Winstanley Wiseman Withers Womack Wong Woodcock Woodhouse Woolley Wren Wyld Youngs
        # Scottish
        MacDonald MacLeod McLeod McLean MacLean MacKenzie McKenzie Fraser Sinclair Paterson McKay Buchanan Johnstone McIntosh
        MacIntosh MacGregor McGregor Bruce Forbes Keith Mackie McAllister McAlister McArthur McBride McCallum McCann McCormack
        McCulloch McDougall McEwan McFarlane McGill McGowan McGuinness McIntyre McKenna McKinnon McLaren McLaughlin McMillan
        MacMillan McNeil McNeill McPherson MacPherson McQueen McRae Macrae Baird Barclay Blyth Boyle Brodie Calder Chalmers Cowan
        Cruickshank Dalgleish Dewar Docherty Doherty Dunbar Erskine Findlay Finlay Gillespie Gilmour Haig Hay Imrie Innes Jamieson
        Kirkpatrick Laird Lamont Leslie Lindsay Livingstone Logan Lyall Malcolm Matheson Menzies Moffat Muir Murdoch Nairn Ogilvie
        Pollock Rae Ramsay Ritchie Scobie Shearer Sim Smillie Somerville Sutherland Tait Urquhart Waddell Weir Wylie Yule
        # Irish and Northern Irish
        O'Reilly O'Doherty Daly O'Connell Maguire O'Callaghan Mahony O'Mahony Healy O'Shea Shea Kavanagh Whelan McGrath Sheehan
        Hegarty Fahy Flanagan Mulligan Rafferty McNamara Kearney Hennessy Coyle Keogh Brady Casey Coughlan Cronin Delaney Dempsey
        Dolan Donovan O'Donovan Dowd Egan Farrelly Fitzpatrick Gorman Hanlon Hogan Kane Keenan Kenny Kiely Lally Lenihan Leonard
        Madden Malone Mangan McCabe McCaffrey McCartney McCluskey McConnell McCormick McCourt McCrea McDermott McElroy McEvoy
        McFadden McGee McGinley McGovern McHugh McKeown McKee McMahon McManus McNally McNulty McShane McVeigh Meehan Moloney Molloy
        Monaghan Moriarty Mulholland Mullan Mulvey Naughton Nugent O'Dwyer O'Flaherty O'Grady O'Hara O'Keeffe O'Kane O'Leary
        O'Loughlin O'Mara O'Meara O'Rourke O'Toole Phelan Regan Roche Scanlon Sheridan Slattery Stack Sweeney Toner Tracey Twomey
        Walshe Gilligan Feeney Geraghty Gormley Hennigan Keating Lavery Loughran MacMahon Macken McAleese McAnespie McAteer
        McCloskey McCusker McGeough McGurk McLoughlin McQuillan Mooney Morrow O'Hagan O'Neil Rice
        # South Asian: Pakistani, Indian, Bangladeshi and Sri Lankan families
        Ahmad Mahmood Mahmud Islam Uddin Miah Mia Hossain Hossen Chowdhury Choudhury Chaudhry Chaudhary Rashid Sharma Kumar Gupta
        Mistry Parmar Chauhan Sandhu Dhillon Bains Johal Sidhu Grewal Kang Virk Bhatti Malik Qureshi Siddiqui Sheikh Shaikh Mirza
        Butt Raja Javed Anwar Aslam Nawaz Riaz Yousaf Yusuf Zaman Karim Haque Hoque Alam Hassan Aziz Bashir Hanif Latif Rafiq Sadiq
        Tariq Saeed Naqvi Rizvi Jaffri Joshi Desai Mehta Modi Pandya Thakkar Vyas Rana Solanki Lad Chavda Makwana Mandal Das Roy
        Ghosh Bose Banerjee Mukherjee Chatterjee Sen Dutta Nair Menon Pillai Iyer Reddy Rao Naidu Krishnan Subramaniam Sivakumar
        Sivanesan Rajaratnam Thavarajah Selvarajah Balasubramaniam Jeyakumar Kanagaratnam Arulanandam Fernando Perera Silva Fonseka
        Jayasuriya Wickramasinghe Gunawardena Kaleem Abbasi Afzal Akbar Akram Amin Arshad Asghar Ashraf Ayub Azam Baig Farooq
        Farooqi Ghani Haider Hameed Haroon Hashmi Hayat Ijaz Ilyas Imran Irfan Ishaq Jamil Jan Kazmi Khalid Khokhar Majeed Masood
        Mughal Nadeem Naeem Nasir Pervez Qadir Rafique Rasheed Rauf Rehman Sabir Sajid Saleem Salim Sarwar Shafiq Shahid Shakoor
        Sharif Siddique Sultan Tahir Waheed Yasin Younis Zafar Zahid Awan Chohan Dar Janjua Kiani Lone Minhas Raza Shahzad Tanveer
        Ullah Aktar Ahmmed Bari Biswas Howlader Kabir Khatun Mollah Munshi Rahim Sarker Sarkar Sikder Talukder Mazumder Majumder
        Bhuiyan Bhuyan Chakraborty Chakrabarti Dasgupta Ganguly Majumdar Mitra Sengupta Sinha Bhatt Bhatia Chopra Kapoor Khanna
        Malhotra Mehra Arora Anand Bajwa Bedi Chadha Dhaliwal Dhami Gahir Garcha Hayer Heer Jandu Jhutti Kalsi Khaira Nagra Pannu
        Purewal Rai Sahota Sangha Sanghera Sekhon Sohal Sohi Takhar Thandi Toor Uppal Bassi Basra Atwal Aujla Bal Bhamra Chahal
        Cheema Dhanda Gakhal Gosal Hundal Jassal Kalra Kandola Lall Matharu Nijjar Panesar Rathore Rehal Saini Sehmi Sian Sond Suri
        Thind Varma Verma Yadav Agarwal Aggarwal Bansal Goel Goyal Jain Mittal Shetty Pai Kamath Hegde Kulkarni Patil Pawar Jadhav
        Shinde Deshpande Gandhi Pandey Tiwari Mishra Dubey Shukla Tripathi Chaudhari Lakhani Ladwa Kerai Halai Hirani Vekaria
        Varsani Pindoria Kotecha Ruparelia Somaiya Thakrar Unadkat Pabari Popat Raithatha Rajani Sodha Tank Vaghela Parekh Majithia
        Morjaria
        # Somali, Sudanese and other East African families
        Abdi Abdullahi Abdirahman Aden Dirie Duale Egal Elmi Farah Gedi Hersi Hirsi Isse Jama Mire Mohamed Mohamud Mohammed Nur
        Nuur Omar Warsame Yussuf Ibrahim Ismail Abdulle Adan Awale Barre Dahir Diriye Guled Haji Hashi Hure Jibril Kahin Noor Nour
        Samatar Shire Yonis Abubakar Elsheikh Mustafa
        # West African: Nigerian, Ghanaian, Sierra Leonean, Gambian and Senegalese families
        Okafor Okeke Okonkwo Eze Nwosu Obi Okoro Chukwu Nwachukwu Adeyemi Adebayo Adewale Ogunleye Olawale Oyelaran Balogun Bello
        Musa Usman Adeleke Afolabi Ajayi Akinola Alabi Babatunde Ogunbiyi Oladipo Olaniyan Oyewole Adeniyi Ogundipe Odukoya
        Onyekachi Uche Adebisi Adeboye Adedeji Adegoke Adekunle Ademola Adeniran Adesanya Adetola Adewumi Adeyemo Agbaje Akande
        Akindele Akinwale Alade Aluko Amadi Anyanwu Awolowo Ayodele Babalola Bakare Dada Ekwueme Enahoro Ezeh Fashola Ibe Idowu
        Igwe Ikpe Iwu Kalu Lawal Madu Mbah Nnadi Nwankwo Nwoko Nzeribe Obiora Ochei Odum Ogbu Ogunbanjo Ogundele Ogunjobi Ogunsanya
        Ojo Okezie Okoli Okonjo Okoye Olabode Olaleye Olanrewaju Oni Onuoha Onwuachi Onyeka Oyebanji Oyeleke Salami Shittu Sowande
        Taiwo Ubah Udeh Ugwu Umeh Mensah Owusu Boateng Asante Osei Agyeman Appiah Ansah Amoah Acheampong Addo Antwi Darko Frimpong
        Gyamfi Kyei Ofori Opoku Sarpong Yeboah Danso Adjei Agyei Amankwah Ampofo Anane Annan Arthur Asamoah Asare Ashong Baffoe
        Bonsu Boakye Dankwa Donkor Duah Fosu Gyasi Kusi Kwarteng Manu Nkansah Nyarko Obeng Oduro Ofosu Okyere Oppong Osei-Bonsu
        Quaye Quarshie Quartey Tetteh Wiredu Aidoo Amponsah Akoto Kamara Sesay Conteh Bangura Koroma Turay Jalloh Bah Diallo Barry
        Jallow Ceesay Njie Touray Sow Ndiaye Diop Fofana Traore Coulibaly Keita Kone Camara Sillah Sanneh Saidy Darboe Jammeh
        Manneh Sonko Badjie Jobe Faye Gaye Mbaye Sall Fall Cisse Dieng Kanu Kargbo Kabia Mansaray Sankoh Tarawally Bundu Fofanah
        Kamarah Sheriff
        # Caribbean families (largely British surnames, with some of their own)
        Henry Samuels Daley Dacosta Gayle Facey Hylton Lindo Mullings Nembhard Ricketts Shakespeare Fearon Gooden Blackwood Bogle
        Brissett Burrell Dawkins Ebanks Grizzle Haughton Lyn Mighty Pinnock Rhoden Scarlett Stennett Whyte Wynter Beckford Bernard
        Bonner Boyce Bramwell Coke Downer Dunkley Ormsby Parchment Pottinger Samms Vassell Wedderburn Wint
        # Eastern European: Polish, Romanian, Lithuanian, Latvian, Bulgarian, Slovak, Czech, Hungarian, Roma, Ukrainian,
        # Russian and Albanian families
        Nowak Kowalski Kowalska Wiśniewski Wiśniewska Wójcik Kowalczyk Kamiński Kamińska Lewandowski Lewandowska Zieliński
        Zielińska Szymański Szymańska Woźniak Dąbrowski Dąbrowska Kozłowski Kozłowska Jankowski Jankowska Mazur Kwiatkowski
        Kwiatkowska Krawczyk Piotrowski Piotrowska Grabowski Grabowska Nowakowski Nowakowska Pawłowski Pawłowska Michalski
        Michalska Nowicki Nowicka Adamczyk Dudek Zając Wieczorek Jabłoński Jabłońska Król Majewski Majewska Olszewski Olszewska
        Jaworski Jaworska Wróbel Malinowski Malinowska Pawlak Witkowski Witkowska Walczak Stępień Górski Górska Rutkowski Rutkowska
        Michalak Sikora Ostrowski Ostrowska Baran Duda Szewczyk Tomaszewski Tomaszewska Pietrzak Marciniak Wróblewski Wróblewska
        Zalewski Zalewska Jakubowski Jakubowska Jasiński Jasińska Zawadzki Zawadzka Sadowski Sadowska Bąk Chmielewski Chmielewska
        Włodarczyk Borkowski Borkowska Czarnecki Czarnecka Sawicki Sawicka Sokołowski Sokołowska Urbański Kubiak Maciejewski
        Maciejewska Szczepański Szczepańska Kucharski Kucharska Wilk Kalinowski Kalinowska Lis Mazurek Wysocki Wysocka Adamski
        Adamska Kaczmarek Kaczmarczyk Kołodziej Cieślak Sobczak Głowacki Zakrzewski Zakrzewska Kubacki Banaś Sowa Szulc Wawrzyniak
        Żak Popescu Ionescu Popa Pop Radu Dumitru Stan Stoica Gheorghe Matei Ciobanu Rusu Munteanu Florea Constantin Marin Lazar
        Tudor Moldovan Dobre Barbu Nistor Ene Mihai Ilie Cristea Toma Ungureanu Sandu Dinu Vasile Mocanu Oprea Dragomir Ion Enache
        Neagu Stanciu Tanase Lungu Manea Anghel Craciun Dumitrescu Preda Petre Diaconu Avram Nedelcu Badea Bucur Cojocaru Iordache
        Kazlauskas Jankauskas Petrauskas Stankevičius Vasiliauskas Žukauskas Butkus Paulauskas Urbonas Kavaliauskas Kazlauskienė
        Jankauskienė Petrauskienė Navickas Ramanauskas Savickas Baranauskas Rimkus Mockus Ozolins Berzins Kalnins Liepins Jansons
        Krumins Ivanov Ivanova Georgiev Georgieva Dimitrov Dimitrova Petrov Petrova Nikolov Nikolova Hristov Hristova Stoyanov
        Stoyanova Todorov Todorova Iliev Ilieva Angelov Angelova Kolev Koleva Yordanov Yordanova Atanasov Atanasova Marinov Horvath
        Kovac Novak Svoboda Dvorak Cerny Prochazka Kucera Vesely Balaz Varga Toth Nagy Kovacs Szabo Farkas Lakatos Olah Rostas
        Gabor Kiss Molnar Nemeth Balogh Papp Takacs Juhasz Meszaros Oravec Gazi Bandy Kudrik Ferenc Daniel Kovalenko Bondarenko
        Shevchenko Tkachenko Kravchenko Melnyk Boyko Kovalchuk Oliinyk Oleynik Polishchuk Koval Lysenko Marchenko Rudenko Savchenko
        Petrenko Moroz Pavlenko Sydorenko Smirnov Smirnova Popov Popova Volkov Volkova Kuznetsov Kuznetsova Sokolov Sokolova
        Lebedev Morozov Novikov Fedorov Pavlov Semenov Orlov Hoxha Shehu Krasniqi Gashi Berisha Morina Kelmendi Bajrami Hasani Rama
        Leka Dervishi Hysa Kola Marku Mema Prifti Shala Thaci Xhafa Zeka Bytyqi Ahmeti Murati Rexhepi Sadiku Veliu Halili Ismaili
        Osmani Selimi Zeqiri Kastrati Lleshi Dedaj Gjoka Gjoni Duka Cela Malaj
        # Middle Eastern and North African families: Arab, Kurdish, Iranian, Turkish, Afghan, Eritrean and Ethiopian
        Abbas Haddad Khalil Mansour Nasser Saleh Salem Karimi Hosseini Ahmadi Mohammadi Rezaei Rahimi Moradi Jafari Sadeghi Yilmaz
        Kaya Demir Sahin Celik Yildiz Yildirim Ozturk Aydin Ozdemir Arslan Dogan Kilic Aslan Cetin Kara Koc Kurt Ozkan Simsek
        Abboud Aboud Al-Ahmad Al-Ali Al-Hassan Al-Khatib Al-Masri Al-Sayed Al-Shami Ammar Ashour Awad Bakr Darwish Daoud Dawood
        Elsayed El-Sayed Fadel Farhat Ghanem Habib Hamdan Hamed Hammoud Hashem Hijazi Issa Jaber Kassem Khatib Khoury Mahmoud Masri
        Mourad Najjar Nassar Obeid Othman Qasim Rahal Sabbagh Said Salman Shaheen Shalaby Suleiman Taha Yassin Youssef Zaki Zayed
        Barzani Talabani Zebari Hawrami Kurdi Baban Bakir Ghafoor Rasul Taher Omer Amini Azizi Bahrami Ebrahimi Esmaili Ghasemi
        Heidari Kazemi Mirzaei Mousavi Najafi Nazari Rostami Safari Salehi Shirazi Soltani Tehrani Yazdani Zamani Ahmadzai Popal
        Stanekzai Noori Sultani Hakimi Safi Wardak Amiri Habibi Haidari Jalali Karzai Mohmand Rasuli Sadat Samadi Sharifi Yousufzai
        Zadran Tesfaye Gebremedhin Haile Berhane Tekle Ghebremichael Kidane Mehari Negash Yohannes Abraha Woldemariam Gebre
        Gebreyesus Tesfamariam Asfaha Berhe Desta Ghebreyesus Habte Kahsay Mebrahtu Mengistu Tewolde Weldu Zerai Girmay Alemu
        Bekele Tadesse Getachew
        # Chinese, Hong Kong, Vietnamese, Korean, Japanese and Filipino families
        Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Zhu Hu Guo Lin Luo Gao Zheng Liang Xie Tang Song Han Feng Deng Cao
        Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Cheng Wei Su Ding Ren Shen Yao Cui Zhong Tan Fan Jin Shi Liao Jia Xia Fu
        Fang Bai Zou Meng Xiong Qin Qiu Yin Xue Yan Duan Lei Hou Gu Mao Hao Gong Shao Wan Qian Chan Cheung Lau Leung Ng Lam Chow
        Tsang Yip Kwok Lai Chung Fung Mak Poon Siu Choi Yeung Tse Chiu Lui Kwan Fok Chu Ko Kwong Lee Loh Lim Low Ong Tay Teo Toh
        Yap Yeo Goh Koh Khoo Chua Chia Nguyen Tran Pham Hoang Huynh Phan Vu Vo Dang Bui Ngo Duong Ly Truong Dinh Doan Luong Mai
        Quach Kim Park Jung Cho Yoon Jang Shin Seo Kwon Hwang Ahn Yoo Hong Jeon Bae Baek Heo Nam Sato Suzuki Takahashi Tanaka
        Watanabe Ito Yamamoto Nakamura Kobayashi Saito Kato Yoshida Yamada Sasaki Santos Reyes Cruz Bautista Ocampo Garcia Mendoza
        Torres Tomas Andrada Castillo Flores Villanueva Ramos Castro Rivera Aquino Navarro Salazar Mercado DelaCruz Dela-Cruz
        Gonzales Lopez Perez Ramirez Aguilar Dizon Manalo Pascual Soriano Valdez
        # Portuguese, Spanish, Italian and Brazilian families
        Ferreira Pereira Oliveira Costa Rodrigues Martins Jesus Sousa Souza Fernandes Goncalves Gomes Lopes Marques Alves Almeida
        Ribeiro Pinto Carvalho Teixeira Moreira Correia Mendes Nunes Soares Vieira Monteiro Cardoso Rocha Raposo Neves Coelho Cunha
        Pires Reis Simoes Antunes Matos Fonseca Machado Araujo Barbosa Tavares Lourenço Freitas Batista Fernandez Gonzalez
        Rodriguez Martinez Sanchez Gomez Diaz Hernandez Moreno Alvarez Romero Dominguez Vazquez Gil Serrano Blanco Molina Morales
        Ortega Delgado Ortiz Rubio Sanz Iglesias Nunez Medina Garrido Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci
        Marino Greco Bruno Gallo Conti DeLuca De-Luca Mancini Giordano Rizzo Lombardi Moretti Barbieri Fontana Santoro Mariani
        Rinaldi Caruso Ferrara Galli Martini Leone Longo Gentile Martinelli Vitale Lombardo Serra Coppola DeSantis D'Angelo
        Marchetti Parisi Villa Conte Ferraro Ferri Fabbri Bianco Marini Grasso Valentini Messina Sala DeAngelis Gatti Pellegrini
        Palumbo Sanna Farina Rizzi Monti Cattaneo Morelli Amato Silvestri Mazza Testa Grassi Pellegrino Carbone Giuliani Benedetti
        Barone Rossetti Caputo Montanari Guerra Palmieri Bernardi Martino Fiore DeRosa Ferretti Bellini Basile Riva Donati Piras
        Vitali Battaglia Sartori Neri Costantini Milani Pagano Ruggiero Sorrentino D'Amico Orlando Negri Maltese Borg Camilleri
        Vella Farrugia Zammit Galea Grech Attard Debono D'Souza D'Silva DeSouza Noronha Mascarenhas Menezes Lobo Coutinho Furtado
        Dias Vaz
        """;
}
