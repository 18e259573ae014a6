// Word lists that steer the PERSON recognizer. All entries are lower case.

const split = (s: string): string[] => s.split(/\s+/).filter((w) => w.length > 0);

/**
 * Words that are never part of a person's name even when capitalised (sentence starts, headings,
 * product and place names): function words, calendar words, greetings, common verbs and nouns of
 * business text, organisation and address words, large places. A capitalised run is cut at them.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  split(`
a an the this that these those there here it its i we you he she they me him her us them my your our their his
hers ours theirs mine yours who whom whose which what when where why how all any both each every few many more
most other some such no nor not only own same so than too very just also and or but if then else because as
until while of at by for with about against between into through during before after above below to from up
down in out on off over under again further once yes ok okay is are was were be been being have has had having
do does did doing will would shall should can could may might must ought let lets get got go going gone
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec today tomorrow yesterday tonight morning afternoon evening
night week weekend month year day days time date hour minute noon midnight spring summer autumn fall winter
hi hello hey dear dearest greetings thanks thank regards sincerely cheers best kind warm welcome congratulations
respectfully cordially yours faithfully love xoxo bye goodbye good happy merry
mr mrs ms mx miss dr prof sir madam dame lord lady rev fr sr jr capt sgt lt col gen hon esq phd md dds rn
please call contact send sent email emailed mail mailed wire reset login logon log sign signed visit click pay
paid charge charged ship shipped order ordered check confirm confirmed update updated note see ask tell meet
invite read write reply forward fwd re subject attn attention cc bcc dial text message notify remind thanks
join joined leave left open close closed start started stop stopped use used try make made take give keep
patient customer client user account holder card number phone mobile cell fax tel telephone address name
names surname birth born dob order invoice payment refund server host error errors warning build release version
report ticket case issue request requests total amount balance policy claim member employee manager director
officer agent admin administrator system systems security social insurance medical record records notes note
summary details detail information info data privacy terms conditions unsubscribe subscription newsletter
receipt shipping delivery tracking package product item items price discount sale offer free new now
team support service services department dept office center centre group company corp corporation inc ltd
llc plc gmbh co bank university college school hospital clinic street st road rd avenue ave boulevard blvd
lane drive court square park plaza building floor suite room unit city county state country region
north south east west central national international global general american british european english french
german spanish italian chinese japanese korean indian african asian canadian australian mexican brazilian
united kingdom republic states america europe asia africa london paris berlin tokyo new york san los las
santa saint mount fort port lake river island beach valley hills heights airport station hotel museum
library church cathedral temple mosque internet web online app apps cloud software hardware platform api
id ip url http https www com org net password username logout portal dashboard settings profile
microsoft google apple amazon facebook meta twitter linkedin github windows linux android iphone ios excel
word powerpoint outlook teams slack zoom visa mastercard amex paypal stripe
true false null none unknown other yes no n/a
dear hi hello
alabama alaska arizona arkansas california colorado connecticut delaware florida hawaii idaho illinois
indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi missouri
montana nebraska nevada hampshire jersey mexico dakota ohio oklahoma oregon pennsylvania rhode tennessee
texas utah vermont wisconsin wyoming canada england scotland wales ireland france germany spain italy
portugal netherlands belgium switzerland austria sweden norway denmark finland poland russia ukraine china
japan korea india pakistan brazil argentina chile peru colombia australia zealand egypt nigeria kenya ghana
turkey greece
first last middle full legal given family maiden nick nickname mister missus
happy birthday anniversary christmas easter thanksgiving halloween holiday holidays
red blue green black white brown gray grey orange purple pink yellow gold golden silver ivory
brand brands motor motors burger taco pizza cafe café restaurant bar grill kitchen foods market store stores
band quintet quartet trio orchestra ensemble choir club society association foundation institute
ping loop escalate assign introduce congratulate tag mention dm approve approved review reviewed
coast kong rica lanka arabia leone dow index fund capital partners holdings ventures labs studio studios
kuala lumpur aviv dhabi buenos aires rio janeiro são sao singapore dubai mumbai delhi bangalore bengaluru
kolkata chennai karachi lahore dhaka beijing shanghai shenzhen guangzhou tokyo osaka kyoto seoul busan taipei
bangkok jakarta manila hanoi saigon istanbul ankara tehran baghdad riyadh doha cairo lagos abuja nairobi accra
addis ababa johannesburg durban toronto montreal vancouver ottawa calgary melbourne brisbane perth auckland
wellington dublin edinburgh glasgow manchester liverpool birmingham amsterdam rotterdam brussels antwerp
zurich geneva vienna prague warsaw krakow budapest bucharest belgrade zagreb athens berlin munich
hamburg frankfurt cologne madrid barcelona valencia seville lisbon rome milan naples turin venice
stockholm oslo copenhagen helsinki reykjavik moscow kyiv kiev minsk chicago boston seattle atlanta miami
philadelphia detroit denver portland honolulu anchorage nashville baltimore pittsburgh cleveland cincinnati
minneapolis milwaukee sacramento oakland tucson albuquerque bogota bogotá caracas quito havana
montevideo asuncion mexico guadalajara monterrey tijuana
donuts dunkin sachs
`),
);

/**
 * Capitalised words that are given names but also ordinary words or places ("Will", "May",
 * "Austin"). As the first word of a candidate they count as a given name only when a known
 * surname or given name follows ("April Jones" yes, "Will Start" no).
 */
export const AMBIGUOUS_GIVEN: ReadonlySet<string> = new Set(
  split(`
will bill mark grant rose hope joy faith dawn summer autumn winter chase hunter page april may june august
georgia virginia carolina florence austin dallas houston jordan paris london sydney victoria charlotte
savannah phoenix orlando brooklyn madison memphis denver aurora sierra china india asia africa america
amber crystal ruby pearl ivy holly lily iris violet jade hazel olive penny sandy misty candy brandy sherry
ginger honey precious star sky rain river storm angel destiny harmony unique royal king prince major duke
earl baron colt ace rocky buck sonny junior rusty dusty don guy van ray roy sol art al bob rob pat sue
patience prudence charity constance grace mercy trinity genesis eve adam christian justice liberty
reed wade miles cash sterling forrest dale glen glenn lane clay cliff rich frank gay gene jean jack max
tony sunny sandy lucky rocky happy sonny misty candy bird bliss brook cherry coral easter fancy fern glory
honor jewel lark muffin nettle opal pansy poppy velvet willow windy wren gates glad heath kip kit mead pen
pet row vale bob buck cole dean drew lance ned norm price rod ward wells ernest
`),
);

/** Titles: a capitalised word after them is a name even alone ("Dr. Okafor"). */
export const TITLES: ReadonlySet<string> = new Set(
  split('mr mrs ms mx miss dr doctor prof professor sir dame madam madame lady lord rev reverend fr father sister capt captain sgt sergeant lt lieutenant col colonel judge hon rabbi imam pastor nurse officer detective coach mister missus herr frau señor senor señora senora sr sra monsieur mme mlle'),
);

/** Greetings: "Hi Sarah", "Dear Ms. Tanaka". */
export const GREETINGS: ReadonlySet<string> = new Set(split('hi hello hey dear dearest greetings thanks thank cheers welcome congratulations congrats bye goodbye'));

/**
 * Words that introduce a person ("contact Susan Moore", "holder: Robert Rossi", "name=Jo Smith",
 * "seen by Dr. X"): after them an unknown capitalised pair is read as a name.
 */
export const PERSON_CUES: ReadonlySet<string> = new Set(
  split(`
name names fullname full_name firstname first_name lastname last_name surname patient customer client holder
contact user employee member tenant student applicant passenger guest owner author recipient sender manager
assignee reporter witness beneficiary insured driver buyer seller payer payee signatory cardholder
cc attn attention signed regards sincerely thanks thank dear hi hello hey contacted emailed called
met meet ask asked tell told bcc mr mrs ms dr prof
`),
);

/** Lower-case particles inside names ("Ludwig van Beethoven", "Maria de la Cruz"). */
export const NAME_PARTICLES: ReadonlySet<string> = new Set(split('van von der den de da del della di du la le bin ibn al el ter ten dos das y'));
