// Given names and surnames from outside the English-speaking world, which the stdlib lists
// (common first names in English-speaking countries) lack. Hand-collected from widely published
// "most common names" rankings per region; a name appears once even if shared by several regions.
// Space-separated to keep the module small; split once on first use.

/** Given names common in Latin America, Iberia, Italy, France, Germany, the Netherlands, Scandinavia. */
const GIVEN_EUROPE_AMERICAS = `
Alejandro Alejandra Alvaro Andres Andrea Antonio Beatriz Camila Carlos Carmen Catalina Cristina Daniela
Diego Eduardo Elena Emilio Enrique Esteban Fernando Francisco Gabriela Gonzalo Guadalupe Guillermo Ignacio
Isabel Javier Jesus Jorge Jose Josefa Juan Juana Julio Laura Lucia Luis Luisa Manuel Manuela Marcos
Maria Mariana Marta Mateo Miguel Natalia Pablo Paula Pedro Pilar Rafael Ramon Raul Ricardo Rocio Rodrigo
Rosa Salvador Santiago Sergio Sofia Teresa Valentina Valeria Ximena Joao João Gonçalo Inês Tiago Rui
Thiago Matheus Leticia Fernanda Bruna Larissa Giovanni Giuseppe Luca Marco Matteo Lorenzo Alessandro
Francesca Giulia Chiara Federica Alessia Martina Simone Stefano Paolo Roberto Massimo Davide Riccardo
Elisa Sara Giorgia Valentina Bianca Pierre Jean Jacques Louis Antoine Julien Nicolas Mathieu Camille
Manon Chloe Chloé Léa Lea Juliette Amélie Amelie Élodie Elodie Margaux Céline Celine Hélène Helene Étienne
Etienne François Benoît Benoit Thibault Hans Jürgen Jurgen Klaus Stefan Tobias Lukas Jonas Felix Maximilian
Florian Matthias Wolfgang Dieter Uwe Heike Ursula Sabine Petra Katrin Anke Jana Lena Leonie Hannah Johanna
Greta Frieda Annika Jan Pieter Sander Daan Bram Sem Thijs Femke Sanne Lotte Maartje Anouk Lars Nils Sven
Erik Magnus Olof Henrik Anders Bjorn Björn Ingrid Astrid Sigrid Freya Linnea Elin Maja Mikkel Søren Soren
Rasmus Kasper Mette Signe Aino Eero Juhani Mikko Sanna Siiri Joaquim Xavier Jordi Montserrat Nuria Núria
Iñaki Ainhoa Aitor Itziar Oriol Pau Sílvia Enzo Lucas Hugo Théo Theo Nathan Raphaël Raphael Gaël Mael
`;

/** Given names common in Eastern Europe, Greece, Turkey and the Caucasus. */
const GIVEN_EAST_EUROPE = `
Olga Irina Natalia Natalya Tatiana Tatyana Svetlana Elena Yelena Ekaterina Yekaterina Anastasia Anastasiya
Marina Galina Ludmila Lyudmila Oksana Yulia Yuliya Daria Darya Ksenia Polina Alina Vera Nadezhda Zoya
Dmitri Dmitry Sergei Sergey Alexei Alexey Andrei Andrey Ivan Mikhail Nikolai Nikolay Vladimir Yuri Yury
Pavel Oleg Igor Boris Viktor Anatoly Konstantin Maxim Artem Artyom Denis Kirill Roman Ruslan Timur Vadim
Bogdan Taras Mykola Oleksandr Olena Vasyl Piotr Pawel Paweł Krzysztof Tomasz Marcin Michał Michal Jakub
Łukasz Lukasz Mateusz Wojciech Grzegorz Agnieszka Katarzyna Małgorzata Malgorzata Magdalena Joanna Zofia
Justyna Ewa Dorota Beata Jadwiga Tereza Petr Jiri Jiří Tomas Tomáš Ondrej Ondřej Lucie Veronika Zuzana
Marek Miroslav Milan Dusan Dušan Nikola Marko Stefan Jovan Milica Jelena Ivana Dragan Zoran Goran Ana
Mihai Andrei Ionut Ioana Alexandru Cristian Florin Gheorghe Elena Georgi Dimitar Ivaylo Yordan Desislava
Nikolaos Giorgos Georgios Dimitris Konstantinos Eleni Maria Katerina Sofia Ioannis Panagiotis Vasilis
Mehmet Mustafa Ahmet Ali Huseyin Hüseyin Hasan Ibrahim Ismail Emre Burak Murat Kemal Cem Deniz Elif
Zeynep Ayse Ayşe Fatma Emine Hatice Merve Esra Ozlem Özlem Aylin Selin Ebru Giorgi Nino Levan Tamar
Armen Aram Anahit Gohar Narek Tigran Lusine Ani Arman Nurlan Aigerim Dana Askar Yerlan Saule Gulnara
`;

/** Given names common in the Arab world, Iran, South Asia and Central Asia. */
const GIVEN_MIDDLE_EAST_SOUTH_ASIA = `
Mohammed Muhammad Mohamed Mohammad Ahmed Ahmad Ali Omar Umar Hassan Hussein Husain Ibrahim Khalid Youssef
Yousef Yusuf Mahmoud Mustafa Abdullah Abdul Abdulrahman Abdelrahman Karim Kareem Tariq Tarek Samir Sami
Nabil Walid Rami Ziad Hamza Bilal Faisal Fahad Saad Sultan Majid Nasser Jamal Adel Amir Amin Anwar Rashid
Fatima Fatimah Aisha Ayesha Aysha Khadija Zainab Zaynab Mariam Maryam Noor Nour Layla Leila Yasmin Yasmine
Amira Salma Huda Hana Rania Dina Lina Reem Sara Samira Nadia Farah Hiba Iman Imane Asma Rana Mona Noura
Reza Hossein Mehdi Farhad Dariush Kourosh Parisa Shirin Maryam Nasrin Fariba Azadeh Niloufar Roya Arash
Priya Ananya Aarav Aditya Arjun Vihaan Vivaan Rohan Rahul Raj Rajesh Ramesh Suresh Mahesh Ganesh Dinesh
Amit Anil Sunil Vijay Ajay Sanjay Vikram Vikas Deepak Arun Ashok Manoj Naveen Pradeep Prakash Rakesh
Sandeep Sachin Siddharth Karan Kunal Nikhil Varun Gaurav Harsh Ishaan Krishna Ravi Shiva Surya Anand
Lakshmi Sita Radha Gita Geeta Anjali Pooja Puja Neha Sneha Kavya Divya Shreya Riya Aditi Meera Nisha
Sunita Anita Kavita Rekha Asha Usha Deepa Swati Shweta Preeti Jyoti Pallavi Aishwarya Ishita Tanvi Diya
Saanvi Aadhya Anika Kiran Sunil Harpreet Gurpreet Manpreet Jaspreet Simran Navdeep Ayaan Zara Imran Irfan
Asif Salman Shahid Zahid Nadeem Waseem Kamran Usman Farhan Adnan Junaid Faisal Sana Saima Nida Hira Mahnoor
Rahim Rahman Karim Sabina Nazia Tahmina Nusrat Rafiq Shafiq Tanvir Sakib Arif Rubina
`;

/** Given names common in China, Japan, Korea, Vietnam and South-East Asia (romanised). */
const GIVEN_EAST_ASIA = `
Wei Wang Li Na Jing Ying Yan Hui Min Ming Jun Hong Hua Lei Jie Qiang Yong Tao Bo Yu Xin Xiao Lin Fang
Jian Chao Gang Hao Tian Yi Yang Jia Zhen Zhi Mei Lan Xiu Qing Ling Ting Xue Yun Fei Bin Peng Kai Rui
Yuki Yuka Yuko Yumi Yui Yuna Yuto Yuta Haruto Hiroshi Hiroki Hiro Takeshi Takashi Kenji Kenta Kazuki Kaito
Daiki Daisuke Sho Shota Shun Sota Ren Riku Ryota Ryo Satoshi Makoto Akira Koji Naoki Tatsuya Tomoko Keiko
Sakura Hina Aoi Akari Mio Miyu Haruka Nanami Ayaka Misaki Emi Naomi Kaori Megumi Ai Aya Mai Rina Saki
Minjun Min-jun Seojun Seo-jun Jiho Ji-ho Jihoon Ji-hoon Hyun Hyunwoo Hyun-woo Junho Jun-ho Sungmin Dongwoo
Jiwoo Ji-woo Seoyeon Seo-yeon Jiyeon Ji-yeon Minji Min-ji Soyeon Eunji Eun-ji Yuna Jisoo Ji-soo Hana Sora
Anh Linh Huong Lan Mai Thao Trang Hoa Ngoc Phuong Duc Minh Quang Tuan Hung Thanh Hieu Khanh Nam
Somchai Somsak Suda Siriporn Niran Arthit Kittisak Malee Budi Agus Siti Dewi Putri Wayan Rizky Nurul
Jose Maria Angelo Jerome Maricel Rowena
`;

/** Given names common in Sub-Saharan Africa and among Swahili, Yoruba, Igbo, Akan, Zulu speakers. */
const GIVEN_AFRICA = `
Kwame Kwabena Kwaku Kofi Kojo Yaw Kwasi Akosua Ama Abena Adwoa Akua Efua Esi Yaa Chinedu Chidi Chukwuemeka
Emeka Obinna Ikenna Nnamdi Chiamaka Chioma Ngozi Nkechi Adaeze Amaka Ifeoma Uchenna Oluwaseun Seun Tunde
Babatunde Ayodele Adebayo Adewale Oluwadamilare Damilare Folake Funmilayo Yetunde Bukola Temitope Tope
Kehinde Taiwo Olumide Abiodun Bolaji Segun Femi Sade Aminata Fatou Mamadou Moussa Ousmane Ibrahima Abdoulaye
Awa Mariama Aissatou Khadidiatou Cheikh Moctar Amadou Boubacar Seydou Kamau Wanjiru Wanjiku Njeri Otieno
Achieng Akinyi Auma Odhiambo Ochieng Mwangi Baraka Neema Zawadi Imani Amani Juma Rehema Thabo Sipho Themba
Lerato Thandiwe Thandi Nomvula Zanele Lindiwe Bongani Mandla Sibusiso Nokuthula Tendai Tatenda
Farai Rudo Chipo Kudzai Tafadzwa Abebe Tesfaye Haile Selam Meron Hanna Dawit Yohannes Mekdes Girma
`;

/** More given names: Persian, Turkish, Polish, Russian, Pacific, Hispanic, South/East Asian, African. */
const GIVEN_MORE = `
Farid Babak Behnam Kaveh Mina Neda Shadi Yasaman Omid Navid Shahram Ladan Oguz Serkan Tolga Gokhan Gökhan
Burcu Derya Gizem Tugba Onur Baris Barış Volkan Aleksander Aleksandra Bartosz Kacper Szymon Filip Dominik
Weronika Wiktoria Karolina Patrycja Kinga Ilya Nikita Yegor Arseny Arseniy Stanislav Vsevolod Yaroslav
Sione Tevita Sina Malia Keoni Kalani Leilani Kai Makoa Moana Tui Losa Mele Yesenia Maribel Araceli Jesús
Ruben Rubén Itzel Yolanda Rigoberto Marisol Rohit Harish Venkat Lakshman Sowmya Keerthi Prasad Srinivas
Bhavna Chetan Devika Gopal Hemant Jayanti Madhu Nandini Pranav Rekha Shankar Tarun Uma Vinod Xiaoming
Zhiwei Yichen Haoran Zihan Yuxin Xinyi Xiaoling Jiahui Shu Wen Hinata Minato Itsuki Koharu Tsubasa Rin Sota
Yerin Subin Jiwon Ji-won Dohyun Do-hyun Taeyang Kagiso Kgosi Nia Zuri Ayo Dayo Ife Kofi Nana Afua Adjoa
Kwesi Ekow Fiifi Ebo Nii Oko Okon Effiong Ekaette Nneka Obiageli Chidinma Ugochukwu Ikechukwu Kelechi
`;

/** Surnames common across the regions above and in English-speaking countries. */
const SURNAMES = `
Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson
Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis
Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall
Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz Parker Cruz Edwards Collins Reyes
Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard
Ramos Kim Cox Ward Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes Price Alvarez
Castillo Sanders Patel Myers Long Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman
Butler Henderson Barnes Gonzales Fisher Vasquez Simmons Romero Jordan Patterson Alexander Hamilton Graham
Reynolds Griffin Wallace Moreno West Cole Hayes Bryant Herrera Gibson Ellis Tran Medina Aguilar Stevens
Murray Ford Castro Marshall Owens Harrison Fernandez McDonald Woods Washington Kennedy Wells Vargas Henry
Chen Freeman Webb Tucker Guzman Burns Crawford Olson Simpson Porter Hunter Gordon Mendez Silva Shaw Snyder
Mason Dixon Munoz Muñoz Hunt Hicks Holmes Palmer Wagner Black Robertson Boyd Rose Stone Salazar Fox Warren
Mills Meyer Rice Schmidt Garza Daniels Ferguson Nichols Stephens Soto Weaver Ryan Gardner Payne Grant Dunn
Kelley Spencer Hawkins Arnold Pierce Vazquez Hansen Peters Santos Hart Bradley Knight Elliott Cunningham
Duncan Armstrong Hudson Carroll Lane Riley Andrews Alvarado Ray Delgado Berry Perkins Hoffman Johnston
Matthews Pena Peña Richards Contreras Willis Carpenter Lawrence Sandoval O'Brien O'Connor O'Neill O'Sullivan
Byrne Walsh McCarthy Doyle Quinn Kavanagh Gallagher Brennan Fitzgerald MacDonald MacLeod Campbell Stewart
Müller Mueller Schneider Fischer Weber Schulz Becker Hoffmann Schäfer Schafer Koch Bauer Richter Klein Wolf
Schröder Schroder Neumann Schwarz Zimmermann Braun Krüger Kruger Hofmann Hartmann Lange Werner Krause Lehmann
Köhler Kohler Maier Huber Kaiser Fuchs Peters Lang Scholz Möller Moller Weiß Weiss Jung Hahn Vogel Friedrich
Dubois Bernard Durand Leroy Moreau Simon Laurent Lefebvre Michel Garcia David Bertrand Roux Vincent Fournier
Morel Girard Andre André Lefevre Mercier Dupont Lambert Bonnet Francois François Martinez Legrand Garnier
Faure Rousseau Blanc Guerin Guérin Muller Henry Roussel Nicolas Perrin Morin Mathieu Clement Clément Gauthier
Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti DeLuca Costa
Giordano Mancini Rizzo Lombardi Moretti Barbieri Fontana Santoro Mariani Rinaldi Caruso Ferrara Galli
Martini Leone Longo Gentile Martinelli Vitale Lombardo Serra Coppola DeSantis Marchetti Parisi Villa
Oliveira Souza Sousa Pereira Ferreira Alves Lima Carvalho Gomes Ribeiro Almeida Barbosa Rocha Dias
Nascimento Araujo Araújo Moreira Cardoso Teixeira Correia Mendes Martins Lopes Soares Vieira Monteiro
Fernandes Gonçalves Goncalves Marques Pinto Cunha Azevedo Castro Nunes Freitas Machado
Nowak Kowalski Kowalska Wiśniewski Wisniewski Wójcik Wojcik Kowalczyk Kamiński Kaminski Lewandowski
Zieliński Zielinski Szymański Szymanski Woźniak Wozniak Dąbrowski Dabrowski Kozłowski Kozlowski Jankowski
Mazur Kwiatkowski Krawczyk Piotrowski Grabowski Nowakowski Pawłowski Pawlowski Michalski Król Krol Wieczorek
Novak Novotny Novotný Dvorak Dvořák Svoboda Cerny Černý Prochazka Procházka Kucera Kučera Horvat Kovac
Kovač Babic Babić Marić Maric Jovanovic Jovanović Petrovic Petrović Nikolic Nikolić Markovic Marković
Ivanov Smirnov Kuznetsov Popov Vasiliev Vasilyev Petrov Sokolov Mikhailov Novikov Fedorov Morozov Volkov
Alekseev Lebedev Semenov Egorov Pavlov Kozlov Stepanov Nikolaev Orlov Andreev Makarov Zaitsev Ivanova
Smirnova Kuznetsova Popova Petrova Sokolova Volkova Morozova Novikova Kozlova Pavlova Shevchenko Kovalenko
Bondarenko Tkachenko Kravchenko Oliynyk Melnyk Boyko Kovalchuk Popescu Ionescu Popa Dumitru Stan Stoica
Gheorghe Constantin Georgescu Dimitrov Georgiev Stoyanov Todorov Papadopoulos Papadakis Georgiou Nikolaidis
Yilmaz Yılmaz Kaya Demir Sahin Şahin Celik Çelik Yildiz Yıldız Yildirim Yıldırım Ozturk Öztürk Aydin Aydın
Ozdemir Özdemir Arslan Dogan Doğan Kilic Kılıç Aslan Cetin Çetin Kurt Koc Koç Beridze Kapanadze
Hakobyan Harutyunyan Sargsyan Grigoryan Petrosyan Aliyev Mammadov Hasanov Nazarbayev Abdullaev
Jansen Janssen Jong Vries Visser Bakker Smit Meijer Mulder Bos Vos Peters Hendriks Dekker Dijkstra
Hansen Johansen Olsen Larsen Andersen Pedersen Nielsen Kristensen Jensen Rasmussen Johansson Andersson
Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson Pettersson Lindberg Lindqvist
Berg Lund Haugen Korhonen Virtanen Makinen Mäkinen Nieminen Hamalainen Hämäläinen Laine Heikkinen
Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo Zheng Liang Xie Song
Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye Cheng Wei Su Lu Ding Ren Shen
Yao Jin Fu Zhong Tan Lam Wong Chan Cheung Leung Ho Ng Chow Yip Kwok Lau Tsang Chong Tang Teo Goh Lim
Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato Yoshida Yamada Sasaki Yamaguchi
Matsumoto Inoue Kimura Hayashi Shimizu Yamazaki Mori Abe Ikeda Hashimoto Yamashita Ishikawa Nakajima
Maeda Fujita Ogawa Goto Okada Hasegawa Murakami Kondo Ishii Saito Sakamoto Endo Aoki Fujii Nishimura
Fukuda Ota Miura Fujiwara Okamoto Matsuda Nakagawa Nakano Harada Ono Tamura Takeuchi Kaneko Wada
Park Choi Jung Jeong Kang Cho Yoon Yun Jang Chang Lim Han Oh Seo Shin Kwon Hwang Ahn Song Yoo Hong Jeon
Tran Le Pham Hoang Huynh Phan Vu Vo Dang Bui Do Ho Ngo Duong Ly Truong Dinh Lam Mai Trinh
Sharma Singh Kumar Gupta Shah Mehta Reddy Rao Iyer Iyengar Nair Menon Pillai Das Dutta Banerjee Chatterjee
Mukherjee Bose Sen Ghosh Roy Chowdhury Joshi Kulkarni Deshpande Patil Jain Agarwal Aggarwal Bansal Chopra
Kapoor Khanna Malhotra Arora Bhatia Sethi Saxena Srivastava Mishra Pandey Tiwari Dubey Yadav Verma Sinha
Chauhan Thakur Rajput Desai Naidu Krishnan Subramanian Venkatesh Ramachandran Gill Sandhu Dhillon Grewal
Khan Ali Ahmed Ahmad Hussain Hussein Hassan Hasan Mohamed Mohammed Ibrahim Abdullah Rahman Haddad Nasser
Khalil Saleh Salem Mansour Mansoor Youssef Aziz Hamid Farouk Othman Osman Said Saeed Karimi Hosseini
Mohammadi Ahmadi Rezaei Moradi Jafari Rahimi Hashemi Sadeghi Qureshi Siddiqui Chaudhry Malik Butt Sheikh
Mirza Baig Akhtar Iqbal Raza Abbasi Rizvi Zaidi Bashir Haider Begum Islam Hossain Uddin Miah Sarker
Okafor Okeke Okonkwo Okoro Nwosu Eze Obi Nwachukwu Chukwu Adeyemi Adebayo Adewale Ogunleye Oyelaran
Balogun Bello Abubakar Mohammed Musa Usman Danjuma Mensah Boateng Owusu Asante Osei Agyeman Appiah
Addo Acheampong Darko Amoah Quaye Tetteh Diallo Traore Traoré Keita Keïta Coulibaly Konate Konaté Toure
Touré Ndiaye Diop Fall Sow Ba Sy Camara Cisse Cissé Kamara Sesay Kamau Mwangi Otieno Ochieng Odhiambo
Onyango Wanjiru Njoroge Kariuki Kiprop Kipchoge Mutua Ndlovu Dlamini Nkosi Khumalo Mthembu Zulu Mokoena
Sithole Moyo Ncube Banda Phiri Mwale Tembo Chikwanha Mugabe Tesfaye Bekele Haile Girma Alemu Tadesse
Cohen Levi Levy Mizrahi Peretz Biton Friedman Katz Goldberg Shapiro Rosen Klein Weiss Ben-David
Okoye Adeleke Ogunbanjo Oyelowo Babatunde Kuffour Asamoah Nkemelu Eze Okafor Obi Uche Ogbu Onyeka Okeke
Tupou Fifita Taufa Faleolo Kealoha Kahale Quispe Mamani Huaman Sakai Nomura Kikuchi Sugiyama Kudo
Taniguchi Qian Bai Wen Fang Shi Lei Hou Meng Baek Nam Moon Ryu Al-Sayed Darwish Hamdan Suleiman Bakr
Qasim Sabbagh Khoury Najjar Tehrani Rostami Bahrami Farahani Shirazi Sorokin Vinogradov Kovalev Belov
Medvedev Nikitin Tarasov Frolov Avraham Dahan Azoulay Shapira Papadopoulou Pappas Karagiannis Vlachos Dahl
Haugland Solberg Bakke Holm Strand Wiśniewska Kowalska Nowakowska Lewandowska
`;

let cache: { given: Set<string>; surnames: Set<string> } | undefined;

/** The supplementary given names and surnames, each as a Set of exact (case-sensitive) spellings. */
export function supplementaryNames(): { given: Set<string>; surnames: Set<string> } {
  if (!cache) {
    const split = (s: string): string[] => s.split(/\s+/).filter((w) => w.length > 0);
    cache = {
      given: new Set(
        [GIVEN_EUROPE_AMERICAS, GIVEN_EAST_EUROPE, GIVEN_MIDDLE_EAST_SOUTH_ASIA, GIVEN_EAST_ASIA, GIVEN_AFRICA, GIVEN_MORE].flatMap(split),
      ),
      surnames: new Set(split(SURNAMES)),
    };
  }
  return cache;
}
