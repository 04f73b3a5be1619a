"""Entities: ORG, PERSON, GPE, LAW, PRODUCT.

``find_entities(text, feedback, article_id=..., start=...)`` returns entity spans
in ``text[start:]`` sorted by start, non-overlapping. Layers, strongest first:

1. what the reader taught (``Feedback("teach", ...)``): whole-word, case-sensitive;
2. the bundled gazetteer (``gazetteer.yaml``), matched in ONE pass with an
   Aho-Corasick automaton built once per process;
3. rules for names no list knows: capitalised chunks labelled by their last
   word (``... Inc.``, ``Ministry of ...``, ``... Act``), titles and honorifics
   (``Secretary Gina Raimondo`` -> ``Gina Raimondo``), given names, context
   words (``said``, ``analysts at``, ``consultancy X``), acronyms, model and
   chip shapes (``GPT-5``, ``HGX B300``), datelines and bylines.

Then the reader's rejections and relabels are applied and canonical names are
filled in (see ``resolve.py``). Spans follow the gold scheme: possessives, a
leading ``the``, titles and honorifics are outside the span; the longest
sensible name wins; demonyms, job titles and concepts are not entities.

Nothing here imports Textual or Rich.
"""

from __future__ import annotations

import gc
import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import lru_cache
from operator import attrgetter

import ahocorasick

from ..model import ENTITY_LABELS, Feedback, Span
from .resolve import canonical_names, link_canonicals, load_gazetteer

# --- lexicons ---------------------------------------------------------------


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


#: Capitalised words that are ordinary English: never a name on their own.
COMMON = _words(
    """
a about above across after again against all almost also although always among an and another any
are around as at back be because been before being below beneath between beyond both but by can
could despite did do does down during each either even ever every few first for from further had
has have he her here hers him his how however i if in inside instead into is it its itself just
last least less like many may me meanwhile might more moreover most much must my neither never new
next no nobody none nor not nothing now of off often on once one only onto or other others our out
outside over overall own per perhaps please rather same second several she should since so some
still such than that the their them then there therefore these they third this those though
through thus to today together tomorrow too toward towards under unless unlike until up upon us
very via was we were what whatever when where whether which while who whom whose why will with
within without would yes yet yesterday you your
monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
mon tue tues wed thu thurs fri sat sun
home menu search contact share subscribe login sign skip read related comments sources references
featured key points matters deep dive background media press releases privacy policy accessibility
terms cookies topics latest news more top story stories trending video photos photo image images
click follow print email editor editors note update updated breaking exclusive analysis opinion
chief executive officer officers president vice minister secretary director chairman chair
senior deputy head manager analyst analysts officials official spokesperson spokesman spokeswoman
government state federal national international global regional local public private
company companies firm firms group market markets industry business businesses sector economy
one two three four five six seven eight nine ten hundred thousand million billion trillion
part section chapter table figure page appendix annex introduction conclusion summary overview
north south east west northern southern eastern western central
mr mrs ms dr prof sir
"""
)

#: Demonyms and adjectives of place: never entities by themselves.
DEMONYMS = _words(
    """
American Americans British Briton Britons English French German Germans Japanese Chinese Korean
Koreans Indian Indians Russian Russians Ukrainian Ukrainians European Europeans Asian Asians
African Africans Arab Arabs Saudi Emirati Qatari Iranian Iranians Iraqi Israeli Israelis
Palestinian Palestinians Egyptian Egyptians Turkish Turk Turks Yemeni Danish Dane Danes Dutch
Swiss Swedish Norwegian Finnish Polish Italian Italians Spanish Portuguese Greek Irish Scottish
Welsh Canadian Canadians Mexican Mexicans Brazilian Brazilians Argentine Australian Australians
Taiwanese Vietnamese Thai Indonesian Malaysian Filipino Singaporean Pakistani Bangladeshi
Nigerian Kenyan Western Eastern Latin Nordic Scandinavian Baltic Gulf Middle Soviet Western
Houthis Sunni Shia Shiite Muslim Christian Jewish Hindu Buddhist Catholic Protestant
"""
)

#: Generic acronyms that are concepts, roles or units, not names.
STOP_ACRONYMS = _words(
    """
AI AGI ML LLM LLMs GenAI NLP GPU GPUs CPU CPUs NPU HBM DRAM NAND SSD RAM IT ICT IoT API APIs SaaS
PaaS IaaS OS UI UX AR VR XR MR EV EVs ESG IPO IPOs M&A R&D PoC PoCs SME SMEs SMB SMBs B2B B2C CEO
CEOs CFO CFOs CIO CIOs CTO CTOs COO COOs CISO CISOs CMO CHRO VP SVP EVP MD HR PR FDE FDEs GDP
GNP CPI PPI PCE HICP PMI CAGR YoY QoQ EPS EBIT EBITDA ROI ROE KPI KPIs FX ETF ETFs LNG LPG CO2
GHG NOx GW MW GWh MWh TWh kWh TB PB GB MB KB Gbps AM PM GMT UTC ET EST EDT PST PDT CET CEST BST
JST KST IST HKT SGT AEST USD JPY EUR GBP CNY RMB KRW INR CHF AUD CAD FY Q1 Q2 Q3 Q4 H1 H2 PDF
HTML URL FAQ FAQs RSS OK TV PC PCs DIY ID IDs PIN SMS VPN DNS HTTP HTTPS WWW USB LED LCD OLED DNA
RNA mRNA HIV AIDS COVID PhD MBA CV MP MPs MEP MEPs NGO NGOs UAV UAVs ICBM GLP V2X LTE RFP RFI SLA
NDA MOU MoU TBD TBA ASAP FYI ETA DX GX CX AIoT SoC SoCs ASIC ASICs FPGA HPC RAG SQL GPT-like
BPD bpd TEU TEUs DWT VLCC VLCCs LNGC CCS CCUS EVP SEO CRM ERP OTC CDS NAV AUM IRR NPV YTD MTD
NEW THE AND FOR OF TO IN ON BY AT OR AN IS WE IT AS BE NO SO UP US'S ALL ONE TWO
POTUS FLOTUS VPOTUS LOL FAQ CTA RSVP PS NB AKA OKR SVG PNG JPG JPEG GIF MP3 MP4 XML JSON CSV
TBC DM DMs PT CT MT AMT STEM STEAM DEI EM CSR ICYMI FOMO SUV SUVs PHEV PHEVs BEV BEVs HEV
I II III IV V VI VII VIII IX X XI XII
"""
)

#: Last words that make a capitalised chunk an organisation.
ORG_HEADS_STRONG = _words(
    """
Inc Inc. Corp Corp. Corporation Co. Company Companies Ltd Ltd. Limited LLC LLP L.P. plc PLC AG SA
S.A. SE NV N.V. A/S ASA AB GmbH KK K.K. Oyj SpA S.p.A. Bhd Pte Group Holdings Holding Ministry
Department Agency Commission Council Committee Institute Institution University Bank Bureau Office
Administration Authority Association Federation Foundation Organization Organisation Service
Services Fund Capital Partners Research Insights News Command Secretariat Directorate Inspectorate
Tribunal Cabinet Consortium Conglomerate Division Subcommittee Headquarters Government
Partnership Board Bench Directorate-General Taskforce
"""
)
ORG_HEADS_WEAK = _words(
    """
Energy Bio Cloud Computing Electronics Technologies Technology Systems Solutions Labs Laboratories
Laboratory Health Healthcare Media Markets Platforms Motors Motor Pharmaceuticals Pharmaceutical
Pharma Therapeutics Biosciences Biotech Networks Network Communications Telecom Times Post Journal
Review Wire Daily Herald Tribune Gazette Press Navy Army Forces Police Party Court Parliament
Assembly Senate Congress Exchange Airlines Airways Shipping Logistics Lines Industries Studios
Robotics Securities Investments Ventures Trust Insurance Financial Consulting Analytics Center
Centre Centers Centres Alliance Coalition Forum Union League Society Academy College School
Hospital Clinic Airport Railways Railway Steel Chemicals Chemical Petroleum Mining Semiconductor
Semiconductors Instruments Dynamics Aerospace Defence Defense Bancorp Brands Foods Reserve Guard
System Centres Biologics Express
Corps Stores Entertainment Games Magazine Broadcasting Observatory Initiative Renewables Insight
Power Utilities Grid Infrastructure Properties Realty Estates Resources Minerals Metals Materials
Beverages Brewing Apparel Retail Credit Finance Leasing Payments Software Digital Biologics
Medical Devices Diagnostics Genomics Vaccines Aviation Automotive Marine Maritime Freight
Transport Ports Terminals Tankers Carriers Exploration Drilling Solar Hub Bancorp Bankshares
Trading Enterprises Ventures Agencies Associates Consultants Advisors Advisers Management Equity
Investimentos Participações Seguros Inversiones Force Associations
"""
) - {"Initiative"}
LAW_HEADS = _words(
    """
Act Acts Law Treaty Accord Accords Agreement Convention Protocol Directive Regulation Regulations
Guidelines Guideline Bill Amendment Charter Statute Ordinance Decree Programme Program Initiative
Pilot Code Constitution Doctrine Plan Scheme Agenda Mission Rule Strategy
"""
)
GPE_HEADS = _words(
    """
County Province Prefecture City Island Islands Sea Ocean Strait Straits Canal Gulf Bay River
Mountains Peninsula Valley Coast Desert Lake Region Basin Channel Delta Republic Kingdom Emirate
Emirates Territory Territories District Oblast Governorate Heights Plateau Archipelago Cape Isle
Coast Borough Township Municipality Village Town Firth Loch Fjord Estuary Lagoon Reef Falls
Glacier Strait Sound Prefecture Canton County Parish Highway Motorway Freeway Expressway
"""
)
#: Heads after which "of ..." continues the name (Ministry of ..., Gulf of ...).
OF_HEADS = _words(
    """
Ministry Department Bureau Office Institute University Bank Commission Council Committee Board
Agency Administration Authority Association Federation Foundation Organization Organisation Centers
Center Centre Centres Academy College School Court Secretariat Directorate Union League Society Republic
Kingdom Gulf Sea Strait Bay Cape Isle Province City State Act Guidelines Treaty Convention
Protocol Charter Code Law Regulation Directive Programme Program Initiative Commissioner
Service Services Tribunal Council Inspectorate Directorate Command Institution Commonwealth
Bureau Department Office Museum Library Port Parliament Assembly Congress Senate House
Government Partnership
"""
)

PACT_HEADS = frozenset({"Pact"})
_ROLE_WORDS = _words(
    "Secretary Minister President Chair Chairman Director Commissioner Governor "
    "Deputy Vice Chief Head Mayor Senator Representative Ambassador"
)
_ON_HEADS = _words(
    "Committee Subcommittee Commission Council Panel Conference Forum Agreement Partnership"
)
_INSTITUTION_HEADS = _words("University College Institute School Hospital Clinic Academy")
#: Function and navigation words that never start a name.
_FUNCTION = _words(
    """
the a an this that these those however meanwhile but and or if when while after before in on
at for from with by as about of to it its our their his her we they he she also even so yet
then thus still only just more most some many all each every both other another such no not
why how what who where which read skip home related featured see new our your my here there
monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december today yesterday tomorrow
"""
)
#: Third-person verbs that split a title-case headline ("Ruiz Signs ...", "X Proposes ...").
_HEADLINE_VERBS = _words(
    "Signs Proposes Announces Unveils Launches Approves Urges Warns Welcomes Backs Seeks "
    "Opens Names Pledges Commits Invests Awards Reveals Expands Rejects Vetoes Passes Sues "
    "Blocks Delivers Secures Extends Introduces Releases Boosts Slashes Halts Orders Says"
)
_PLACE_PREFIX = _words("Port Mount Mt. Lake Cape Fort Isle Bay Gulf Glen River")
_SOFT_LAW_HEADS = _words(
    "Pilot Program Programme Initiative Code Plan Scheme Agenda Mission Rule Strategy"
)
#: Last words that make a capitalised chunk a product or service ("IndiaAI Compute Portal").
PRODUCT_HEADS = _words("Portal Platform Suite Engine Browser Wallet Assistant")

#: Capitalised titles and honorifics before a person's name (outside the span).
TITLES = _words(
    """
Mr Mr. Mrs Mrs. Ms Ms. Miss Dr Dr. Prof Prof. Professor Sir Dame Lord Lady Gov. Governor Sen.
Senator Rep. Representative Congressman Congresswoman President Vice-President Premier Minister
Secretary Undersecretary Under-Secretary Chancellor Chair Chairman Chairwoman Chairperson CEO CFO
CTO COO CIO Director Director-General Commissioner Ambassador Judge Justice General Gen. Adm.
Admiral Lt. Col. Capt. Sgt. Maj. Mayor Speaker King Queen Prince Princess Sheikh Emir Pope Rev.
Father Deputy Chief Officer Executive President-elect Treasurer Attorney Spokesperson Spokesman
Spokeswoman Analyst Economist Founder Co-founder Cofounder Editor Correspondent Reporter Leader
Chairman-designate Governor-elect Senator-elect Vice Prime Foreign Finance Defence Defense Trade
Health Economy Interior Home Deputy Associate Assistant Managing Senior Principal Lead Head
Inspector Superintendent Detective Officer Marshal Councillor Councilman Councilwoman Alderman
Delegate Envoy Consul Counsel Solicitor Barrister Magistrate Coach Captain Commander Colonel
Lieutenant Sergeant Major Corporal Private Rabbi Imam Bishop Cardinal Archbishop Sister Brother
Saint Crown MP MEP MSP MLA MK TD Congressmember Councilmember Shri Smt Smt. Shrimati District
Rt Rt. Hon Hon. Honourable Honorable Commissioners Senators Ministers Judges Justices Governors
Presidents Secretaries Representatives Reps. Sens. Drs. Profs. Messrs. Mmes.
"""
)
#: Job nouns: a capitalised run ending in one is a job title, not a person's name.
_JOB_NOUNS = _words(
    """
Specialist Officer Manager Coordinator Analyst Adviser Advisor Engineer Spokesperson Director
Secretary Assistant Consultant Counsel Strategist Economist Scientist Researcher Administrator
Technician Liaison Correspondent Editor Reporter Officers Specialists Managers
"""
)
#: Titles strong enough to make a single following name a PERSON (Mr. Trump).
HONORIFICS = _words(
    """
Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. Prof Prof. Professor Sir Dame Lord Lady Gov. Governor Sen. Senator
Rep. President Premier Minister Secretary Chancellor Chairman Chairwoman Ambassador Judge Justice
Gen. Adm. Admiral Mayor Speaker King Queen Prince Princess Sheikh Emir Pope Rev. Commissioner
Shri Smt Smt.
"""
)

#: Tokens that may continue a product name (RTX PRO 6000 Blackwell Server Edition).
PRODUCT_WORDS = _words(
    """
Pro PRO Ultra Max MAX Mini Plus Turbo Flash Nano Lite Edition Server Enterprise Vision Superchip
Sonnet Opus Haiku Omni Preview Studio Air SE XL NVL X
"""
)
DIRECTIONS = _words(
    "North South East West Northern Southern Eastern Western Central Greater Upper Lower "
    "Inner Outer Northeast Northwest Southeast Southwest Northeastern Northwestern "
    "Southeastern Southwestern"
)
ABBREV_DOT = _words(
    """
Co Inc Corp Ltd Jr Sr St Dr Mr Mrs Ms Prof Gov Sen Rep Gen Adm Lt Col Capt Sgt Maj Rev Ver Vol No
Calif Ala Ariz Ark Colo Conn Del Fla Ill Ind Kan Ky La Md Mass Mich Minn Miss Mo Mont Neb Nev Okla
Ore Pa Tenn Tex Vt Va Wis Wyo Bros Mt Ft Pte Bhd Cos
"""
)
PARTICLES = (" de ", " van ", " von ", " der ", " van der ", " von der ", " da ", " di ", " bin ")
PARTICLES += (" du ", " dos ", " del ", " la ", " le ", " al-", " el-", " ibn ")
PERSON_SUFFIX = frozenset({"Jr.", "Sr.", "II", "III", "IV", "Jr", "Sr"})

_SMALL = _words(
    "a an the of in on for and to with at by as from vs vs. or but is are be into via per over "
    "under after before about amid than & –"
)

# --- compiled patterns (built once) -----------------------------------------

_TOKEN = re.compile(
    r"(?<![\w.'’-])(?:"
    r"(?:[A-Z]\.){2,}"  # U.S.  N.Y.  A.P.
    r"|[A-ZÀ-ÖØ-ÞĀ-Ž][\w]*(?:(?:[-&.'’]|–(?=[A-Z])|/(?=[A-Z]\b))[\w]+)*"  # names, A/S, AT&T
    r"|[0-9][\w]*(?:[.,-][0-9A-Za-z]+)*"  # 6000, B300 tails, 1.2
    r"|[a-z]+[A-Z][\w]*(?:-[\w]+)*"  # iPhone, xAI, eBay
    r")"
)
# ``_TOKEN`` split in two for speed, same matches: a scan that starts only at capitals and
# digits (the regex engine skips everything else in C; ``_TOKEN``'s camelCase branch made it
# try every lowercase letter), and camelCase words found from their inner capital.
_CAPS_TOKEN = re.compile(
    r"[A-ZÀ-ÖØ-ÞĀ-Ž0-9](?<![\w.'’-].)(?:"
    r"(?<=[A-Z])\.(?:[A-Z]\.)+"  # U.S.  N.Y.  A.P.
    r"|(?<=[A-ZÀ-ÖØ-ÞĀ-Ž])[\w]*(?:(?:[-&.'’]|–(?=[A-Z])|/(?=[A-Z]\b))[\w]+)*"  # names, AT&T
    r"|(?<=[0-9])[\w]*(?:[.,-][0-9A-Za-z]+)*"  # 6000, B300 tails, 1.2
    r")"
)
_HUMP = re.compile(r"[A-Z](?<=[a-z][A-Z])")  # the capital inside iPhone, xAI, eBay
_CAMEL_TOKEN = re.compile(r"(?<![\w.'’-])[a-z]+[A-Z][\w]*(?:-[\w]+)*")


def _camel_tokens(text: str, lo: int) -> list[re.Match[str]]:
    """``_TOKEN``'s camelCase matches at or after ``lo`` (some may lie inside a capitalised
    token, as ``xY`` in ``AT&xY``: the caller drops those)."""
    out: list[re.Match[str]] = []
    end = lo
    for h in _HUMP.finditer(text, lo):
        q = h.start() - 1
        if q < end:
            continue  # inside the previous camelCase word
        while q > lo and "a" <= text[q - 1] <= "z":
            q -= 1
        m = _CAMEL_TOKEN.match(text, q)
        if m is not None:
            out.append(m)
            end = m.end()
    return out


_HEADER = re.compile(r"\ufeff?Source:[^\n]*\n(?:[ \t]*\r?\n)?")
# (the first letter comes before the look-behind so that the scan can skip to letters in C)
# (``[a-z]++`` is possessive: a shorter run could only be followed by a letter, which the
# look-ahead refuses, so giving letters back is wasted work)
_LOWER_WORD = re.compile(r"[a-z](?<![\w'’@./-][a-z])[a-z]++(?![\w@]|\.\w)")
_PRODUCT_SHAPE = re.compile(
    r"^(?:[A-Z]{1,5}[0-9]{1,5}[A-Za-z]{0,3}|[A-Za-z]{2,}-[0-9][\w.]*|[A-Z]+[0-9]+[A-Z]+[0-9]*"
    r"|[A-Z]{1,3}-[0-9]{1,3}[A-Z]?)$"
)
_NOT_PRODUCT_SHAPE = re.compile(
    r"^(?:FY\d+|Q[1-4]|H[12]|[12]H|G\d+|COVID-\d+|Covid-\d+|GLP-\d+|CO2|V2X|[0-9]G|"
    r"[A-Z]\d|N\d+|P\d+|F\d|S\d|T\d|COP\d+|PM\d+(?:\.\d+)?|PM10|SDG\d*|ISO\d*|A\d|"
    r"[A-Z]{1,2}\d{4,}|Rev\d+)$"
)
_ORGISH_ENDINGS = (
    "ables",
    "ics",
    "ies",
    "ings",
    "tion",
    "tions",
    "ment",
    "ments",
    "ware",
    "tech",
    "works",
    "logy",
    "ergy",
    "ance",
    "ence",
    "ity",
    "ive",
    "ives",
    "ure",
    "ures",
    "ism",
    "net",
    "soft",
)
_PORTFOLIO_PRE = re.compile(
    r"\b(?:Minister|Secretary|Commissioner|Minister of State|Secretary of State|Director|Chair|"
    r"Ministry) (?:for|of) (?:the )?$"
)
_POSS_PRE = re.compile(r"(\S+)['’]s $")
_POSS_ENDS = ("'s ", "’s ", "'s \n", "’s \n")  # how text ends where ``_POSS_PRE`` matches
_GPE_POST = re.compile(
    r"\s+(?:province|prefecture|state|county|region|district|city|town|village|island|"
    r"municipality|governorate|oblast)\b"
)
_IN_PLACE_PRE = re.compile(r"(?:\b(?:in|from|near|across|around|outside) )$")
_COORD_PRE = re.compile(r"(?:,| and| or|, and|, or) $")
_CALENDAR = _words(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december"
)
_IN_PLACE_POST = re.compile(
    r"(?:[,.;:)]|\s+(?:and|or)\s+(?:the\s+)?[A-Z]|\s*$|\s+(?:on|last|this|next|earlier|later)\b)"
)
_CAMEL = re.compile(r"[a-z][A-Z]")
_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")
_ABBR_WORD = re.compile(r"(?:[A-Z]\.)*[A-Z]")
_DECIMAL = re.compile(r"\d+(?:\.\d+)?")
_PLURAL_CAPS = re.compile(r"[A-Z]{2,}s")
_COMMA_SPACE = re.compile(r"^,\s")
_BASED = re.compile(r"^-based\b")
_YEARISH = re.compile(r"^(?:1[89]|20)\d\d$")

_PERSON_PRE = re.compile(
    r"(?:\b(?:chief executive(?: officer)?|chief [a-z]+ officer|CEO|CFO|CTO|COO|founder|co-founder|"
    r"chair(?:man|woman|person)?|president|minister|secretary|spokes(?:person|man|woman)|analyst|"
    r"economist|strategist|professor|director|governor|senator|ambassador|official|lawmaker|"
    r"reporter|correspondent|editor|author|researcher|scientist|ethicist|lawyer|attorney|"
    r"commissioner|premier|manager|partner|investor|adviser|advisor|executive|said|says|told|"
    r"members?|colleagues?|deputy|"
    r"according to|[Rr]eporting by|[Ee]diting by|[Ww]riting by|[Bb]y|photo by|Photo:|"
    r"Credit:|Written by|Interview with|[Cc]ontacts?:|[Ee]nquiries:|[Ii]nquiries:)\s+)$"
)
_PERSON_POST = re.compile(
    r"^(?:,?\s+(?:said|says|told|added|wrote|writes|noted|argued|warned|explained|stated|tweeted|"
    r"posted|commented|believes|thinks|declined|acknowledged|insisted|recalled|asked|replied|"
    r"testified|urged)\b|,\s+who\b|\s+\((?:\d\d|pictured)\)|,\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,4}"
    r"(?:analyst|professor|executive|officer|director|economist|minister|spokes\w+|founder|"
    r"chairman|president|secretary|researcher|lawyer|partner|ethicist|scientist|strategist|"
    r"author|head|chief|writer|journalist|historian|novelist|artist|actor|singer|player|coach|"
    r"student|teacher|doctor|nurse|farmer|resident|worker|mother|father|son|daughter|veteran)\b|"
    r",\s+(?:chief|senior|head|director|president|founder|co-founder|"
    r"professor|CEO|analyst|economist|spokes\w+|minister|secretary|chairman|chairwoman|"
    r"managing|deputy|executive|vice)\b|"
    # "Ana Ruiz, press secretary to ...", "Kai Berg, Transportation Specialist, Office of ..."
    r",\s+(?:[a-z][\w-]*\s+){1,3}(?:secretary|officer|spokes\w+|director|manager|adviser|advisor|"
    r"specialist|coordinator|analyst|economist|minister|correspondent|reporter|editor)\b|"
    r",\s+(?:[A-Z][a-z]+\s+){0,3}(?:Specialist|Officer|Manager|Coordinator|Adviser|Advisor|"
    r"Analyst|Spokesperson|Director|Secretary|Engineer|Counsel)\b)"
)


class _Cue:
    """A ``...$``-anchored context regex, tried only when the last word can end a match.

    ``rx.search(pre)`` on the text before a name is the slow part of the rules; the last
    word of ``pre`` rules most of them out with one set lookup.
    """

    __slots__ = ("rx", "last")

    def __init__(self, rx: re.Pattern[str], last: str):
        self.rx = rx
        self.last = frozenset(last.split())

    def search(self, pre: str, lw: str | None = None) -> re.Match[str] | None:
        """``rx.search(pre)``; ``lw`` is ``_last_word(pre)`` when the caller has it."""
        if (_last_word(pre) if lw is None else lw) not in self.last:
            return None
        return self.rx.search(pre)


def _last_word(pre: str) -> str:
    """The last word of ``pre`` in lower case, as ``_Cue`` reads it ("" if none): one
    computation shared by the several cues tried on the same context."""
    words = pre.rstrip(" \t\"“‘'").rsplit(None, 1)
    return words[-1].lower() if words else ""


_CALLED_PRE = re.compile(
    r"\b([a-z]+),? (?:called|named|dubbed|known as|code-named|codenamed|branded)\s+[\"“‘']?$"
)
_CALLED_PRE = _Cue(_CALLED_PRE, "called named dubbed as code-named codenamed branded")
_CALLED_NOUNS = {
    "ORG": "company firm startup start-up group organisation organization agency body "
    "charity bank fund lab laboratory outlet newspaper party coalition alliance consortium "
    "venture subsidiary unit",
    "PERSON": "man woman person boy girl child son daughter husband wife officer soldier "
    "teacher doctor journalist reporter executive engineer scientist",
    "GPE": "town city village region province island river lake mountain county district "
    "state country port",
    "LAW": "programme program initiative scheme plan pilot law act bill treaty pact "
    "agreement policy strategy",
}
_CALLED_LABEL = {w: lab for lab, ws in _CALLED_NOUNS.items() for w in ws.split()}


def _called_label(pre: str, lw: str | None = None) -> str | None:
    """``a startup called X`` -> ORG, ``an algorithm called X`` -> PRODUCT, ..."""
    m = _CALLED_PRE.search(pre, lw)
    if not m:
        return None
    noun = m.group(1)
    return _CALLED_LABEL.get(noun, _CALLED_LABEL.get(noun.rstrip("s"), "PRODUCT"))


_PRODUCT_APPOS_POST = re.compile(
    r",\s+(?:the|a|an|its|their)\s+(?:[\w-]+\s+){0,4}?(?:algorithm|model|chip|drug|vaccine|app|"
    r"software|standard|protocol|processor|accelerator|device|product|chatbot|assistant|"
    r"smartphone|phone|car|vehicle|aircraft|jet|satellite|rocket|engine|medicine|pill|therapy|"
    r"platform|tool|service|GPU|CPU|supercomputer)s?\b"
)
#: A legal form after a company name: "Kobayashi Denki Co., Ltd.", "Motive Technologies, Inc.".
_LEGAL_TAIL = re.compile(
    r",? (?:Inc\.|Ltd\.|LLC|L\.L\.C\.|LLP|Limited|Co\.,? Ltd\.|Corp\.|S\.A\.(?: de C\.V\.)?|"
    r"S\.A\.B\. de C\.V\.|AG|plc|PLC|GmbH|N\.V\.|B\.V\.|SE|Pty Ltd\.?|Pte\. Ltd\.|K\.K\.)(?![\w])"
)
_ORG_APPOS_POST = re.compile(
    r",\s+(?:the|a|an|[A-Z][\w.]*['’]s)\s+(?:[\w-]+\s+){0,4}?(?:agency|company|firm|group|bank|lender|regulator|"
    r"ministry|department|authority|operator|carrier|startup|start-up|maker|manufacturer|producer|"
    r"developer|provider|publisher|broadcaster|newspaper|insurer|fund|investor|conglomerate|"
    r"consultancy|utility|airline|retailer|exchange|organisation|organization|association|"
    r"union|party|university|institute|network|outlet|supplier|chipmaker|drugmaker|automaker|"
    r"subsidiary|unit|brokerage|shipper|miner|refiner|think tank|charity|foundation|alliance|"
    r"coalition|federation|council|commission|committee|forum|body|watchdog|issuer|lab|"
    r"laboratory|exchange|platform|marketplace|operator|owner|parent|holding company)\b"
)
_ORG_POSS_POST = re.compile(
    r"['’]s\s+(?:chief|CEO|CFO|shares|stock|board|revenue|revenues|profit|profits|sales|"
    r"earnings|subsidiary|unit|founder|chairman|headquarters|factory|factories|plant|plants|"
    r"products|customers|employees|workforce|market value|valuation|stake|parent|acquisition)\b"
)
_ORG_PRE = re.compile(
    r"(?:\b(?:consultancy|consultants|firm|company|lender|bank|insurer|carrier|drugmaker|"
    r"automaker|carmaker|chipmaker|startup|start-up|retailer|broker|brokerage|agency|regulator|"
    r"operator|outlet|newspaper|publisher|rival|shipper|miner|refiner|conglomerate|manufacturer|"
    r"supplier|developer|maker|provider|investor|fund|group|airline|utility|exchange|tabloid|"
    r"broadcaster|(?:analyst|economist|researcher|strategist|executive|official|engineer|"
    r"scientist|professor|director|partner|head|chief|fellow|lecturer)s? at|(?:shares|stock) (?:of|in)|(?i:operators|companies|firms|groups|banks|"
    r"carriers|lenders|insurers|manufacturers|suppliers|rivals|providers|developers|startups|"
    r"makers|airlines|retailers|utilities|investors|brokers|contractors|miners|shippers|"
    r"drugmakers|automakers|chipmakers|hospitals|universities|outlets|publishers|chains|stores|"
    r"brands|grocers|supermarkets|clients|customers|partners|buyers|sellers|exchanges|funds) "
    r"(?:such as|like|including)|joined|acquired|acquire|buy|bought|invested in|"
    r"stake in|subsidiary|unit|affiliate|rivals?)\s+)$"
)
_GPE_PRE = re.compile(
    r"(?:\b(?:city of|town of|village of|province of|state of|capital of|port of|region of|"
    r"prefecture of|county of|based in|headquartered in|born in|near|outside|capital)\s+)$"
)
_PRODUCT_POST = re.compile(
    r"^[\"”’']?\s+(?:model|models|chip|chips|GPUs?|processors?|accelerators?|servers?|"
    r"platform|app|apps|software|drugs?|vaccines?|pills?|injections?|treatment|therapy|medicine|"
    r"device|devices|phones?|smartphones?|chatbot|assistant|supercomputer|tool|engine|API|SDK|"
    r"LLM|LLMs|technology|service|suite|system|systems|series|family|tablets?|headset|modules?|"
    r"boards?|kits?|cards?|robots?|sensors?|motors?|controllers?|vehicles?|aircraft|jets?|SUVs?|"
    r"sedans?|cars?|trucks?|pickups?|hatchbacks?|EVs?|minivans?|crossovers?|tablets?|laptops?|"
    r"stablecoins?|tokens?|coins?|cryptocurrenc(?:y|ies)|satellites?|rockets?)\b"
)
_PRODUCT_PRE = re.compile(
    r"(?:\b(?:platforms?|models?|products?|tools?|services?|chips?|drugs?|apps?|projects?|"
    r"software|chatbots?|assistants?|offerings?|systems?|devices?),? "
    r"(?:like|such as|called|named|dubbed|known as|branded)\s+|\b(?:vaccine|drug|pill|treatment|"
    r"medicine|chip|model|chatbot|app|platform|software|brand|device|jab|injection),\s+)$"
)
_LAW_PRE = re.compile(
    r"(?:\b(?:programmes?|programs?|initiatives?|schemes?|pilots?|plans?|laws?|acts?),? "
    r"(?:called|named|dubbed|known as)\s+)$"
)
_PRODUCT_POST_LOOSE = re.compile(
    r"^[\"”’']?\s+[a-z-]{3,}\s+(?:models?|chips?|GPUs?|processors?|accelerators?|drugs?|"
    r"vaccines?|pills?|chatbot|assistant|supercomputer|software|app|platform)\b"
)
_LAW_POST = re.compile(
    r"^[\"”’']?\s+(?:pilot|programme|program|initiative|scheme|project|regulations?|rules|law|"
    r"act|guidelines|treaty|plan)\b"
)
_GPE_POST_LOC = re.compile(r"^-based\b|^,\s")
_ADMIN = re.compile(r"^\s+administration\b")
_VER = re.compile(r" (?:Ver\.|Version|v)\s?\d+(?:\.\d+)*")
_ACT_YEAR = re.compile(
    r",? (?:19|20)\d\d(?![\d,.–-]\d)"
)  # "Digital Personal Data Protection Act, 2023"
_SECTION_NUM = re.compile(r" \d+[A-Za-z]?(?:\(\w+\))*")
_DATELINE = re.compile(
    r"^[ \t]*((?:[A-Z][A-Z.'’-]+(?:(?:[ /]| and | & )[A-Z][A-Z.'’-]+)*))(?=(?:,|\s+[–—-]|\s*\())",
    re.M,
)


_PERSON_PRE = _Cue(
    _PERSON_PRE,
    "executive officer ceo cfo cto coo founder co-founder chair chairman chairwoman chairperson "
    "president minister secretary spokesperson spokesman spokeswoman analyst economist "
    "strategist professor director governor senator ambassador official lawmaker reporter "
    "correspondent editor author researcher scientist ethicist lawyer attorney commissioner "
    "premier manager partner investor adviser advisor said says told to by photo: credit: with "
    "member members colleague colleagues deputy contact: contacts: enquiries: inquiries:",
)
_ORG_PRE = _Cue(
    _ORG_PRE,
    "consultancy consultants firm company lender bank insurer carrier drugmaker automaker "
    "carmaker chipmaker startup start-up retailer broker brokerage agency regulator operator "
    "outlet newspaper publisher rival rivals shipper miner refiner conglomerate manufacturer "
    "supplier developer maker provider investor fund group airline utility exchange tabloid "
    "broadcaster at of in as like including joined acquired acquire buy bought subsidiary unit "
    "affiliate",
)
_PRODUCT_PRE = _Cue(
    _PRODUCT_PRE,
    "like as called named dubbed branded vaccine, drug, pill, treatment, medicine, chip, model, "
    "chatbot, app, platform, software, brand, device, jab, injection,",
)
_LAW_PRE = _Cue(_LAW_PRE, "called named dubbed as")
_PORTFOLIO_PRE = _Cue(_PORTFOLIO_PRE, "for of the")
_GPE_PRE = _Cue(_GPE_PRE, "of in near outside capital")
_IN_PLACE_PRE = _Cue(_IN_PLACE_PRE, "in from near across around outside")


# --- gazetteer automaton -------------------------------------------------------


@lru_cache(maxsize=1)
def _automaton() -> ahocorasick.Automaton:
    gaz = load_gazetteer()
    auto = ahocorasick.Automaton()
    for surface, entry in gaz.entries.items():
        auto.add_word(surface, (len(surface), entry.label, entry.canonical))
    auto.make_automaton()
    return auto


@lru_cache(maxsize=64)
def _taught_automaton(key: tuple[tuple[str, str, str], ...]) -> ahocorasick.Automaton | None:
    if not key:
        return None
    auto = ahocorasick.Automaton()
    for text, label, canonical in key:
        auto.add_word(text, (len(text), label, canonical))
    auto.make_automaton()
    return auto


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _bounded(text: str, s: int, e: int) -> bool:
    return (s == 0 or not _is_word(text[s - 1])) and (e >= len(text) or not _is_word(text[e]))


# --- data ----------------------------------------------------------------------


@dataclass(slots=True)
class Tok:
    s: int
    e: int
    t: str
    poss: bool = False


@dataclass(slots=True)
class Cand:
    s: int
    e: int
    label: str
    origin: str
    canonical: str | None = None
    prio: int = 1


class _Doc:
    """Per-call state: the text, its lowercase vocabulary and line kinds (lazily)."""

    def __init__(self, text: str, lo: int):
        self.text = text
        self.lo = lo
        self._vocab: set[str] | None = None
        self._lines: dict[int, str] = {}
        self.gaz: dict[int, tuple[int, str, str]] = {}  # start -> (end, label, canonical)
        self.gaz_starts: list[int] = []  # sorted keys of gaz
        self._common: dict[str, bool] = {}  # word -> common (per call)
        self._common_strict: dict[str, bool] = {}
        # the line ``line_kind`` answered last: [lo, hi] (hi at its newline) and its kind
        self._line_lo = 1
        self._line_hi = 0
        self._line_kind = "text"

    @property
    def vocab(self) -> set[str]:
        if self._vocab is None:
            self._vocab = set(_LOWER_WORD.findall(self.text, self.lo))
        return self._vocab

    def common(self, word: str, strict: bool = False) -> bool:
        """An ordinary word: function words, demonyms, words this text also writes in lower
        case and (unless ``strict``) the bundled list of frequent English words."""
        memo = self._common_strict if strict else self._common
        hit = memo.get(word)
        if hit is None:
            hit = memo[word] = self._is_common(word, strict)
        return hit

    def _is_common(self, word: str, strict: bool) -> bool:
        w = word.lower().rstrip(".")
        if w in COMMON or _demonymish(word) or (not strict and w in load_gazetteer().common_words):
            return True
        v = self.vocab
        if w in v or (w + "s") in v or (w.endswith("s") and w[:-1] in v):
            return True
        if w.endswith("es") and (w[:-1] + "d" in v or w[:-2] in v):
            return True  # "Announces" ~ "announced"
        return w.endswith("ed") and (w[:-1] in v or w[:-2] in v)

    def line_kind(self, pos: int) -> str:
        """'heading' (title case), 'caps' (all capitals) or 'text' for the line holding pos."""
        # the rules ask in text order, mostly about the line they asked about last: a range
        # check saves the scan back to the line start (long for a paragraph)
        if self._line_lo <= pos <= self._line_hi:
            return self._line_kind
        text = self.text
        ls = text.rfind("\n", 0, pos) + 1
        le = text.find("\n", pos)
        if le < 0:
            le = len(text)
        kind = self._lines.get(ls)
        if kind is None:
            kind = self._lines[ls] = _line_kind(text[ls:le])
        self._line_lo = ls
        self._line_hi = le
        self._line_kind = kind
        return kind


_HAS_LOWER = re.compile(r"[a-zß-öø-ÿ]")
_LINE_WORD = re.compile(r"[A-Za-z][\w'’-]*")


_SENTENCE_ENDS = (".", "!", "?", ".”", '."')


def _line_kind(line: str) -> str:
    if len(line) > 240:
        return "caps" if _HAS_LOWER.search(line) is None else "text"
    if line.rstrip().endswith(_SENTENCE_ENDS) and _HAS_LOWER.search(line) is not None:
        # a sentence is "text" from its sixth word on (the checks below, in order: not
        # "caps", it has lower case): count words only that far, not the whole line
        for count, _ in enumerate(_LINE_WORD.finditer(line), 1):
            if count > 5:
                return "text"
    words = _LINE_WORD.findall(line)
    if not words:
        return "text"
    if len(words) >= 2 and _HAS_LOWER.search(line) is None:
        return "caps"
    stripped = line.rstrip()
    if len(words) > 22 or (stripped.endswith(_SENTENCE_ENDS) and len(words) > 5):
        return "text"
    sig = [w for w in words if w.lower() not in _SMALL]
    if not sig:
        return "text"
    caps = sum(1 for w in sig if w[0].isupper())
    if len(sig) >= 2 and caps / len(sig) >= 0.7:
        return "heading"
    return "text"


# --- helpers --------------------------------------------------------------------


def _tokens(text: str, lo: int) -> list[Tok]:
    return _tokenize(text, lo)[0]


def _tokenize(text: str, lo: int) -> tuple[list[Tok], list[list[Tok]]]:
    """Tokens (capitalised words, acronyms, numbers, camelCase) and their chunks.

    A chunk is a run of tokens separated by one space (or no-break space); a
    possessive ends its chunk. One C-level scan finds the tokens; Python only touches
    the tokens themselves, never the lowercase prose between them.
    """
    out: list[Tok] = []
    chunks: list[list[Tok]] = []
    n = len(text)
    abbrev = ABBREV_DOT
    cur: list[Tok] | None = None
    prev_e = -2
    prev_poss = True
    camels = _camel_tokens(text, lo)
    camels.reverse()
    next_camel = camels[-1].start() if camels else n + 1
    raw_end = lo  # where the last capitalised token's match ended

    def take_camels(before: int) -> None:
        """camelCase words starting before ``before``, unless inside the last capitalised
        token (rare, so a call per batch costs nothing the main loop would notice)."""
        nonlocal cur, prev_e, prev_poss
        while camels and camels[-1].start() < before:
            c = camels.pop()
            cs, ce = c.span()
            if cs < raw_end:
                continue
            tok = Tok(cs, ce, c.group(), False)
            out.append(tok)
            if cs == prev_e + 1 and not prev_poss and text[prev_e] in " \u00a0":
                cur.append(tok)  # type: ignore[union-attr]
            else:
                cur = [tok]
                chunks.append(cur)
            prev_e = ce
            prev_poss = False

    for m in _CAPS_TOKEN.finditer(text, lo):
        s, e = m.span()
        if s > next_camel:
            take_camels(s)
            next_camel = camels[-1].start() if camels else n + 1
        raw_end = e
        t = m.group()
        # abbreviation or initial: keep the dot (Co., Jr., F.), unless it ends a sentence
        if (
            e < n
            and text[e] == "."
            and (
                t in abbrev
                or (len(t) == 1 and t.isupper() and e + 2 < n and text[e + 1] == " ")
                and text[e + 2].isupper()
            )
        ):
            e += 1
            t += "."
        poss = False
        last = t[-1]
        if last == "s":
            if len(t) > 2 and t[-2] in "'’":
                t = t[:-2]
                e -= 2
                poss = True
        elif last == "'" or last == "’":
            t = t[:-1]
            e -= 1
        tok = Tok(s, e, t, poss)
        out.append(tok)
        if s == prev_e + 1 and not prev_poss and (text[prev_e] == " " or text[prev_e] == "\u00a0"):
            cur.append(tok)  # type: ignore[union-attr]
        else:
            cur = [tok]
            chunks.append(cur)
        prev_e = e
        prev_poss = poss
    take_camels(n + 1)  # camelCase words after the last capitalised token
    return out, chunks


@lru_cache(maxsize=1 << 16)
def _demonymish(t: str) -> bool:
    """Estonian, Finnish, Congolese: adjectives of place are not names."""
    if t in DEMONYMS:
        return True
    return (
        len(t) > 4
        and t[0].isupper()
        and t[1:].islower()
        and t.endswith(("ian", "ean", "ese", "ish", "ians", "eans"))
        and t not in load_gazetteer().entries
    )


def _is_cap(t: str) -> bool:
    return t[:1].isupper()


@lru_cache(maxsize=1 << 16)
def _is_acronym(t: str) -> bool:
    core = t.replace(".", "").replace("&", "").replace("-", "")
    return (
        2 <= len(core) <= 6
        and core.isupper()
        and core.isalpha()
        or (2 <= len(core) <= 6 and core.isupper() and core[0].isalpha() and core[-1].isalpha())
    )


@lru_cache(maxsize=1 << 16)
def _product_shaped(t: str) -> bool:
    return bool(_PRODUCT_SHAPE.match(t)) and not _NOT_PRODUCT_SHAPE.match(t)


@lru_cache(maxsize=1 << 16)
def _name_like(t: str) -> bool:
    if t in PERSON_SUFFIX:
        return True
    if len(t) == 2 and t[0].isupper() and t[1] == ".":
        return True  # initial
    if _INITIALS.fullmatch(t):
        return True
    if not t[:1].isupper() or not any(c.islower() for c in t):
        return False
    return all(c.isalpha() or c in "-'’" for c in t)


# --- the rule layer -----------------------------------------------------------

_ANY_HEAD = ORG_HEADS_STRONG | ORG_HEADS_WEAK | LAW_HEADS | GPE_HEADS | PACT_HEADS

#: Gaps across which ``_Rules._join`` may continue a name; any other gap ends it.
_JOIN_GAPS = frozenset(
    (" of ", " for ", " on ", " of the ", " on the ", " for the ", " and ", " & ", ", and ", ", ")
    + PARTICLES
)
_JOIN_GAP_MAX = max(len(g) for g in _JOIN_GAPS)


class _Rules:
    def __init__(self, doc: _Doc, toks: list[Tok], gaz: load_gazetteer):
        self.doc = doc
        self.text = doc.text
        self.toks = toks
        self.gz = gaz
        self.out: list[Cand] = []
        self.maybe_person: list[tuple[int, int]] = []  # name-shaped, no evidence yet
        self.ends: dict[int, str] = {e: hit[1] for hit in doc.gaz.values() for e in (hit[0],)}
        self._inside_s = self._inside_e = -1  # the span ``gaz_inside`` answered last
        self._inside: list[tuple[int, int, str]] = []

    # context helpers
    def before(self, s: int, n: int = 36) -> str:
        return self.text[max(self.doc.lo, s - n) : s]

    def after(self, e: int, n: int = 64) -> str:
        return self.text[e : e + n]

    def sentence_initial(self, s: int) -> bool:
        text = self.text
        if (
            s - 2 >= self.doc.lo
            and text[s - 1] == " "
            and (text[s - 2].isalnum() or text[s - 2] == ",")
        ):
            return False  # the usual case, a word and a space before: the scan stops there
        i = s - 1
        while i >= self.doc.lo and text[i] in " \t\"“‘'([«*•·–—-":
            if text[i] == "\n":
                break
            i -= 1
        if i < self.doc.lo:
            return True
        ch = text[i]
        if ch in "\n\r:;!?|>":
            return True
        if ch == ".":
            # "U.S. Department" / "Dr. Naito": an abbreviation is not a sentence end
            j = i - 1
            while j >= 0 and (text[j].isalpha() or text[j] == "."):
                j -= 1
            word = text[j + 1 : i]
            return not (word in ABBREV_DOT or _ABBR_WORD.fullmatch(word))
        return False

    def gaz_exact(self, s: int, e: int) -> tuple[int, str, str] | None:
        hit = self.doc.gaz.get(s)
        return hit if hit and hit[0] == e else None

    def gaz_inside(self, s: int, e: int) -> list[tuple[int, int, str]]:
        # ``plain`` asks about the same span several times in a row: keep the last answer
        # (callers only read it)
        if s == self._inside_s and e == self._inside_e:
            return self._inside
        starts = self.doc.gaz_starts
        gaz = self.doc.gaz
        out = []
        for k in range(bisect_left(starts, s), bisect_left(starts, e)):
            i = starts[k]
            hit = gaz[i]
            if hit[0] <= e:
                out.append((i, hit[0], hit[1]))
        self._inside_s = s
        self._inside_e = e
        self._inside = out
        return out

    def emit(self, s: int, e: int, label: str, origin: str = "rule", prio: float = 1) -> None:
        if e > s:
            self.out.append(Cand(s, e, label, origin, None, prio))
            self.ends[e] = label

    # chunking
    def chunks(self) -> list[list[Tok]]:
        out: list[list[Tok]] = []
        cur: list[Tok] = []
        text = self.text
        for tok in self.toks:
            if cur:
                prev = cur[-1]
                gap = text[prev.e : tok.s]
                if not prev.poss and gap in (" ", "\u00a0"):
                    cur.append(tok)
                    continue
                out.append(cur)
            cur = [tok]
        if cur:
            out.append(cur)
        return out

    def run(self, chunks: list[list[Tok]] | None = None) -> list[Cand]:
        if chunks is None:
            chunks = self.chunks()
        text = self.text
        joinable = _JOIN_GAPS
        join = self._join
        classify = self.classify
        single = self._single
        doc = self.doc
        gaz = doc.gaz
        # a chunk (and a joined group: no joining gap holds a newline) lies on one line, and
        # chunks come in text order: the line's kind is asked once per line here and handed
        # down, not asked again by every chunk on it
        line_kind = doc.line_kind
        line_hi = -1  # the end of the line ``kind`` is about
        kind = "text"
        i = 0
        n = len(chunks)
        while i < n:
            a = chunks[i]
            # cheap gate: most chunks are followed by prose, not by a joining gap
            if i + 1 < n:
                ae = a[-1].e
                bs = chunks[i + 1][0].s
                if bs - ae > _JOIN_GAP_MAX or a[-1].poss or text[ae:bs] not in joinable:
                    i += 1
                    if len(a) == 1:
                        # classify's own first checks, without the call: a number, a
                        # gazetteer name on its own, a generic acronym or a demonym
                        tok = a[0]
                        t = tok.t
                        if not t[:1].isalpha():
                            continue
                        hit = gaz.get(tok.s)
                        if hit is not None and hit[0] == tok.e:
                            continue
                        if t in STOP_ACRONYMS or t in DEMONYMS:
                            continue
                        if tok.s > line_hi:
                            kind = line_kind(tok.s)
                            line_hi = doc._line_hi
                        single(tok, kind)
                        continue
                    if a[0].s > line_hi:
                        kind = line_kind(a[0].s)
                        line_hi = doc._line_hi
                    classify(a, False, kind)
                    continue
            group = [a]
            j = i
            of_tail = False
            while j + 1 < n:
                a, b = chunks[j], chunks[j + 1]
                last = a[-1]
                if last.poss or b[0].s - last.e > _JOIN_GAP_MAX:
                    break
                gap = text[last.e : b[0].s]
                if gap not in joinable:
                    break
                step = join(group, a, b, gap, of_tail, chunks[j + 2] if j + 2 < n else None)
                if step is None:
                    break
                of_tail = step
                group.append(b)
                j += 1
            toks = group[0] if len(group) == 1 else [t for c in group for t in c]
            if toks[0].s > line_hi:
                kind = line_kind(toks[0].s)
                line_hi = doc._line_hi
            classify(toks, of_tail, kind)
            i = j + 1
        return self.out

    def _join(
        self,
        group: list[list[Tok]],
        a: list[Tok],
        b: list[Tok],
        gap: str,
        of_tail: bool,
        after: list[Tok] | None,
    ) -> bool | None:
        """Whether chunk ``b`` continues the name in ``group`` across ``gap``.

        Returns the new "of-tail" state, or None to stop.
        """
        last = a[-1].t
        if gap in (" of ", " for ", " on ", " of the ", " on the ", " for the "):
            if not (of_tail or last in OF_HEADS or last == "Act"):
                return None
            if not of_tail and " on" in gap and last not in LAW_HEADS and last not in _ON_HEADS:
                return None  # "Baltic Sea on Monday"; but "Act on the Protection of ..."
            if not of_tail and " for" in gap and last in GPE_HEADS:
                return None
            if b[0].t.lower() in _CALENDAR:
                return None
            # "Governing Council of the European Central Bank": two names
            hit = self.doc.gaz.get(b[0].s)
            if not of_tail and hit and hit[0] == b[-1].e and hit[1] == "ORG":
                return None  # "Executive Board of the ECB": two names
            if not of_tail and b[-1].t in ORG_HEADS_STRONG and len(b) > 1 and gap.endswith("the "):
                return None
            return True
        if not of_tail:
            if gap in (" and ", " & ") and self._and_join(group, b, gap):
                return False
            if gap in PARTICLES and len(b) <= 2 and _name_like(b[0].t) and _name_like(last):
                return False
            return None
        # inside "Ministry of ...": "Economy, Trade and Industry", "Standards and Technology"
        if b[-1].t in ORG_HEADS_STRONG or b[-1].t in ORG_HEADS_WEAK:
            return None
        if b[-1].t in GPE_HEADS and len(b) > 1:
            return None  # "Gulf of Aden and Indian Ocean"
        if any(t.t in ORG_HEADS_STRONG for t in b):
            return None  # "University of Waterloo and Ruhr University Bochum"
        hit = self.doc.gaz.get(b[0].s)
        if hit and len(b) > 1 and hit[0] >= b[-1].e:
            return None
        if (
            hit
            and hit[1] == "GPE"
            and hit[0] == b[-1].e
            and any(t.t in GPE_HEADS for t in group[0])
        ):
            return None  # "Democratic Republic of the Congo, Malawi and Tanzania": a list
        if (
            b[0].t in HONORIFICS
            or b[0].t in OF_HEADS
            or b[0].t in _ROLE_WORDS
            or b[0].t in ("The", "A", "An", "Rt", "Hon", "Rt.", "Hon.")
        ):
            return None  # "... Treasury and Secretary of the Treasury Scott Bessent"
        if gap in (" and ", " & ", ", and "):
            return True
        if gap == ", " and len(b) == 1 and after is not None:
            nxt = self.text[b[-1].e : after[0].s]
            return True if nxt in (", ", " and ", ", and ") else None
        return None

    def _and_join(self, group: list[list[Tok]], b: list[Tok], gap: str = " and ") -> bool:
        last = b[-1].t
        # "Kongsberg Defence & Aerospace": an ampersand is enough with a weak head
        strong = last in ORG_HEADS_STRONG or last in LAW_HEADS
        if not strong and not (gap == " & " and last in ORG_HEADS_WEAK):
            return False
        if len(group) > 1:
            return False
        a = group[0]
        s, e = a[0].s, a[-1].e
        if self.gaz_exact(s, e) or any(t.t in ORG_HEADS_STRONG or t.t in LAW_HEADS for t in a):
            return False
        if any(t.t.lower() in COMMON or t.t in DEMONYMS for t in a):
            return False
        if len(a) > 1 and a[-1].t in ORG_HEADS_WEAK:
            return False  # "Brenner Energy and Ashby Capital": two companies
        return len(a) <= 3 and all(_is_cap(t.t) for t in a)

    # classification of one merged chunk
    def classify(self, toks: list[Tok], of_tail: bool = False, kind: str | None = None) -> None:
        """Label one merged chunk; ``kind`` is its line's kind when the caller has it."""
        if not toks:
            return
        if len(toks) == 1 and not of_tail:
            # fast path: most chunks are one word the gazetteer already has, a number,
            # a generic acronym or a common word opening a sentence
            tok = toks[0]
            t = tok.t
            if not t[:1].isalpha():
                return
            hit = self.doc.gaz.get(tok.s)
            if hit is not None and hit[0] == tok.e:
                return
            if t in STOP_ACRONYMS or t in DEMONYMS:
                return
            self._single(tok, kind)
            return
        # drop leading "The"/"A" and generic words in weak positions
        doc = self.doc
        first = toks[0]
        if kind is None:
            kind = doc.line_kind(first.s)
        weak = kind != "text" or self.sentence_initial(first.s)
        while toks and (toks[0].t in ("The", "A", "An", "THE") or toks[0].t[:1].isdigit()):
            if toks[0].t[:1].isdigit() and len(toks) > 1 and not _product_shaped(toks[0].t):
                toks = toks[1:]  # "© 2025 Energy Markets Daily"
                continue
            if toks[0].t[:1].isdigit():
                break
            toks = toks[1:]
            weak = False if kind == "text" else weak
        if not toks:
            return
        if kind == "caps":
            return  # ALL-CAPS lines: only datelines, credits and gazetteer names count

        # "Estonian Defence Minister Hanno Pevkur": a title then a name ends the chunk
        if not of_tail and len(toks) >= 2:
            for k in range(len(toks) - 2, -1, -1):
                if toks[k].t in TITLES:
                    name = toks[k + 1 :]
                    if (
                        len(name) <= 4
                        and self._name_len(name) == len(name)
                        and self._personish(name)
                    ):
                        self.plain(toks, weak, kind)
                        return
                    break
        # last head: ORG / LAW / GPE suffix cue
        h = None
        for k in range(len(toks) - 1, -1, -1):
            t = toks[k].t
            if t in _ANY_HEAD or (t in PRODUCT_HEADS and k == len(toks) - 1 and k > 0):
                h = k
                break
        if of_tail:
            # the head that started the "of" chain decides (Ministry of ..., Act on ...)
            for k, tok in enumerate(toks):
                if (
                    (tok.t in OF_HEADS or tok.t in ("Act", "Cape", "Bay"))
                    and k + 1 < len(toks)
                    and self.text[tok.e : toks[k + 1].s] != " "
                ):
                    h = k
                    break
        # a head alone is never a name (head_chunk emits nothing for one token; plain then
        # finds nothing either when head_chunk would have stopped on a gazetteer name)
        if (
            h is not None
            and (of_tail or len(toks) > 1)
            and self.head_chunk(toks, h, weak, of_tail, kind)
        ):
            return
        self.plain(toks, weak, kind)

    def _single(self, tok: Tok, kind: str | None = None) -> None:
        """``classify`` of one word that is a letter-initial token, not a gazetteer name on
        its own, not a generic acronym or demonym: ``plain`` of that word, its checks in
        the order that drops the common cases first."""
        t = tok.t
        s = tok.s
        initial = None
        if t.lower() in COMMON and t not in TITLES:
            initial = self.sentence_initial(s)
            if initial:
                return
        if t in ("The", "A", "An", "THE"):
            return  # nothing left once the article is dropped
        # one word: no article or number to drop, no title or head to split on
        if kind is None:
            kind = self.doc.line_kind(s)
        if kind == "caps":
            return  # ALL-CAPS lines: only datelines, credits and gazetteer names count
        if kind != "text":
            weak = True
        else:
            weak = self.sentence_initial(s) if initial is None else initial
        if t in ("Section", "Sections") or _product_shaped(t):
            self.plain([tok], weak, kind)
            return
        # ``plain``'s one-word branch (the gazetteer check is done: no exact name here)
        if weak and self.doc.common(t):
            return
        pre = self.before(s)
        lw = None
        if not weak:
            lw = _last_word(pre)  # for ``_alone``'s context cues too
            if (
                _ORG_PRE.search(pre, lw)
                and _is_cap(t)
                and t.lower() not in COMMON
                and not _demonymish(t)
            ):
                self.emit(s, tok.e, "ORG")
                return
        self._alone(tok, weak, pre, lw)

    def head_chunk(self, toks: list[Tok], h: int, weak: bool, of_tail: bool, kind: str) -> bool:
        head = toks[h].t
        end_k = len(toks) - 1 if of_tail else h
        if (
            not of_tail
            and head in _INSTITUTION_HEADS
            and h + 1 < len(toks)
            and all(_name_like(t.t) and not self.doc.common(t.t) for t in toks[h + 1 :])
        ):
            end_k = len(toks) - 1  # "Ruhr University Bochum", "Charité Hospital Berlin"
        if not of_tail and h + 1 < len(toks) and head not in GPE_HEADS:
            # "Samsung Electronics Vietnam", "Toyota Motor Europe": a country unit of a company
            hit = self.doc.gaz.get(toks[h + 1].s)
            if hit and hit[1] == "GPE" and hit[0] == toks[-1].e:
                end_k = len(toks) - 1
        if kind == "heading" and not of_tail and h > 1:
            # "Governor Ana Ruiz Signs Budget Bill Into Law": a headline verb splits the title
            for k in range(1, h):
                if toks[k].t in _HEADLINE_VERBS:
                    self.classify(toks[:k])
                    self.classify(toks[k + 1 :])
                    return True
        if kind == "heading" and not of_tail:
            # "Avoid Red Sea Houthi Attacks": in a title, a known name ending at the head wins
            for k in range(h + 1):
                hit = self.doc.gaz.get(toks[k].s)
                if hit and hit[0] == toks[h].e:
                    if k > 0:
                        self.classify(toks[:k])
                    if h + 1 < len(toks):
                        self.classify(toks[h + 1 :])
                    return True
        # titles before a person inside the chunk: split them off first (Secretary X ... Office)
        # find the start: skip title + person prefixes ("Health and Human Services Secretary")
        start_k = 0
        masthead = self._whole_line(toks[0].s, toks[end_k].e)  # "Press Information Bureau"
        # strip leading function words ("About Northwind Robotics", "However, the ...") and,
        # in a sentence-initial or title position, words this text writes in lower case
        while start_k < h and (
            toks[start_k].t.lower() in _FUNCTION
            or (
                weak
                and not masthead
                and toks[start_k].t.lower() not in COMMON
                and self.doc.common(toks[start_k].t, strict=True)
                and not self.gaz_exact(toks[start_k].s, toks[start_k].e)
            )
            or (toks[start_k].t in DEMONYMS and kind == "heading")
        ):
            start_k += 1
        # split at a title word inside: "Fed Chair Jerome Powell" has no head; but
        # "Commerce Secretary Gina Raimondo" -> not a head chunk
        body = toks[start_k : end_k + 1]
        if not body:
            return False
        label = "LAW" if head in LAW_HEADS else "GPE" if head in GPE_HEADS else "ORG"
        if head in PRODUCT_HEADS and head not in ORG_HEADS_WEAK and not of_tail:
            label = "PRODUCT"
        # a head alone is not a name (unless "of ..." follows: Ministry of Finance)
        others = [t for t in body if t is not toks[h]]
        if not others:
            return False
        if not of_tail and h == start_k and len(body) == 1:
            return False
        if (
            not of_tail
            and (toks[h].t in ORG_HEADS_WEAK or toks[h].t in PRODUCT_HEADS)
            and toks[h].t not in LAW_HEADS
        ):
            # weak heads need a real name before them (not a generic or demonym word) and
            # must end the chunk ("Liquefied Petroleum Gas" is not "Liquefied Petroleum")
            if end_k == h and h + 1 < len(toks):
                return False
            pre = toks[start_k:h]
            if not pre or all(t.t in DEMONYMS or t.t in STOP_ACRONYMS for t in pre):
                return False
            if (weak or kind != "text") and all(self.doc.common(t.t, True) for t in pre):
                return False  # mid-sentence capitals are evidence: "the Vaccine Alliance"
            if weak and not masthead and any(self.doc.common(t.t, True) for t in pre):
                return False
            if kind == "heading" and not self._whole_line(toks[start_k].s, toks[h].e):
                return False  # "Savvy Investments" in a title; a masthead line is fine
        if (
            not of_tail
            and all(
                t.t in DEMONYMS or t.t in STOP_ACRONYMS or t.t in DIRECTIONS
                for t in toks[start_k:h]
            )
            and head not in LAW_HEADS
            and head not in GPE_HEADS
        ) and (weak or toks[h].t not in ORG_HEADS_STRONG):
            return False
        if head in _SOFT_LAW_HEADS and not of_tail:
            pre = toks[start_k:h]
            named = [t for t in pre if not self.doc.common(t.t) and t.t not in STOP_ACRONYMS]
            if not named or (weak and len(named) < len(pre)):
                return False
        if head in PACT_HEADS:
            label = "ORG"
        # a person title right before the head chunk tail: "Services Secretary Robert F. Kennedy"
        s, e = body[0].s, body[-1].e
        # extensions: "Guidelines for Business Ver. 1.2", "Section 301"
        if label == "LAW":
            m = _VER.match(self.text, e)
            if not m and head in ("Act", "Law", "Acts"):
                m = _ACT_YEAR.match(self.text, e)
            if m:
                e = m.end()
        elif head in ("Co.", "Corp.", "Inc.") and label == "ORG":
            m = _LEGAL_TAIL.match(self.text, e)  # "Kobayashi Denki Co., Ltd."
            if m:
                e = m.end()
        # the head chunk's own leading gazetteer GPE + head-less words stay (U.S. Department ...)
        self.emit(s, e, label)
        rest = toks[end_k + 1 :]
        if rest:
            self.classify(rest)
        return True

    def plain(self, toks: list[Tok], weak: bool, kind: str) -> None:
        if toks[0].t in ("Section", "Sections"):
            m = _SECTION_NUM.match(self.text, toks[0].e)
            if m:
                self.emit(toks[0].s, m.end(), "LAW")
                rest = [t for t in toks[1:] if t.s >= m.end()]
                if rest:
                    self.classify(rest)
                return
        # "Minister for Agriculture Julie Collins", "Secretary of State Marco Rubio"
        if len(toks) >= 3 and _PORTFOLIO_PRE.search(self.before(toks[0].s)):
            for k in range(1, len(toks) - 1):
                name = toks[k:]
                if (
                    len(name) <= 3
                    and self._name_len(name) == len(name)
                    and self._personish(name)
                    and (name[0].t in self.gz.given_names or k == len(toks) - 2)
                ):
                    self.emit(name[0].s, name[-1].e, "PERSON")
                    return
        gz = self.gz
        if len(toks) == 1 and not _product_shaped(toks[0].t):
            # one word: no title, product, compound or full name to find; context cues only
            if weak and self.doc.common(toks[0].t):
                return
            if self.gaz_exact(toks[0].s, toks[0].e):
                return
            if not weak and _ORG_PRE.search(self.before(toks[0].s)):
                t = toks[0].t
                if _is_cap(t) and t.lower() not in COMMON and not _demonymish(t):
                    self.emit(toks[0].s, toks[0].e, "ORG")
                    return
            self.singles(toks, weak, kind)
            return
        # title split: "Fed Chair Jerome Powell", "Secretary Gina Raimondo"
        for k in range(len(toks) - 2, -1, -1):
            if toks[k].t in TITLES and toks[k].t not in ("Vice", "Prime"):
                name = toks[k + 1 :]
                name = name[: self._name_len(name)]
                if (
                    name
                    and (len(name) >= 2 or toks[k].t in HONORIFICS)
                    and self._personish(name)
                    and (
                        kind != "heading" or name[0].t in gz.given_names or toks[k].t.endswith(".")
                    )
                ):
                    if k > 0:
                        pre = toks[:k]
                        while pre and pre[-1].t in TITLES:
                            pre = pre[:-1]
                        if pre:
                            self.classify(pre)
                    self.emit(name[0].s, name[-1].e, "PERSON")
                    rest = toks[k + 1 + len(name) :]
                    if rest:
                        self.classify(rest)
                    return
        # product names: GPT-5, NVIDIA HGX B300, RTX PRO 6000 Blackwell Server Edition, Llama 4
        if self.product(toks):
            return
        # compounds of gazetteer names: "IDC Japan", "Microsoft Azure OpenAI", "Northern Europe"
        if len(toks) >= 2 and self.compound(toks, weak):
            return
        # "Bavarian Nordic, the Danish maker of ...": an appositive says what it is
        if (
            len(toks) >= 2
            and not self.gaz_inside(toks[0].s, toks[-1].e)
            and _ORG_APPOS_POST.match(self.text, toks[-1].e)
            and not _PERSON_POST.match(self.after(toks[-1].e))
            and toks[0].t not in gz.given_names
        ):
            self.emit(toks[0].s, toks[-1].e, "ORG")
            return
        # strip generic leading words in weak positions
        if weak:
            k = 0
            while k < len(toks) and self.doc.common(toks[k].t) and not self._gaz_starts(toks[k]):
                if toks[k].t in gz.given_names and k + 1 < len(toks) and _name_like(toks[k + 1].t):
                    break
                k += 1
            toks = toks[k:]
            if not toks:
                return
            if k and len(toks) >= 2 and self.compound(toks, weak):
                return  # "Called SB OAI Japan, the venture ..."
        s, e = toks[0].s, toks[-1].e
        if self.gaz_exact(s, e):
            return
        pre = self.before(s)
        lw = _last_word(pre)  # shared by the context cues below
        post = self.after(e)
        n = self._name_len(toks)
        # "Port Hedland", "Mount Kenya", "Lake Victoria", "Fort Worth": places by their first word
        if (
            toks[0].t in _PLACE_PREFIX
            and 2 <= len(toks) <= 3
            and all(_name_like(t.t) for t in toks[1:])
            and not self.gaz_inside(toks[1].s, toks[-1].e)
        ):
            self.emit(s, e, "GPE")
            return
        # "analysts at Cornwall Insight", "consultancy Drewry": organisations by context
        if (
            _ORG_PRE.search(pre, lw)
            and not weak
            and not self.gaz_inside(s, e)
            and not _PERSON_PRE.search(pre, lw)
        ):
            self.emit(s, e, "ORG")
            return
        if not weak and not self.gaz_inside(s, e):
            called = _called_label(pre, lw)  # "an algorithm called HQC", "a startup named X"
            if called is not None and (called != "PERSON" or self._personish(toks)):
                self.emit(s, e, called)
                return
            if _PRODUCT_PRE.search(pre, lw):
                self.emit(s, e, "PRODUCT")  # "the project, called Mistral Compute"
                return
            if _LAW_PRE.search(pre, lw):
                self.emit(s, e, "LAW")
                return
            if _PRODUCT_APPOS_POST.match(self.text, e) and not _PERSON_POST.match(post):
                self.emit(s, e, "PRODUCT")  # "ML-KEM, the main algorithm for ..."
                return
        # "Invitalia, the national agency for ...": an appositive says what it is
        if (
            not self.gaz_inside(s, e)
            and _ORG_APPOS_POST.match(self.text, e)
            and not _PERSON_POST.match(post)
            and toks[0].t not in gz.given_names
            and (len(toks) >= 2 or not all(self.doc.common(t.t) for t in toks))
        ):
            self.emit(s, e, "ORG")
            return
        # persons
        if (
            n >= 2
            and self._personish(toks[:n])
            and not any(
                self.text[h0:h1] not in gz.given_names
                for h0, h1, _ in self.gaz_inside(toks[0].s, toks[n - 1].e)
            )
        ):
            name = toks[:n]
            given = name[0].t in gz.given_names
            pre_cue = bool(_PERSON_PRE.search(pre, lw))
            post_cue = (
                n == len(toks) and bool(_PERSON_POST.match(post)) and self._surnameish(name[-1])
            )
            second_ok = self._surnameish(name[1])
            if (
                (given and (second_ok or not weak or kind == "text" or pre_cue or post_cue))
                or pre_cue
                or (post_cue and (not weak or kind == "text"))
            ):
                self.emit(name[0].s, name[-1].e, "PERSON")
                if n < len(toks):
                    self.classify(toks[n:])
                return
            if n == len(toks) <= 3 and second_ok and self._surnameish(name[-1]):
                self.maybe_person.append((name[0].s, name[-1].e))
        # quoted or plain unknown names followed by a product / programme noun
        if (
            len(toks) >= 2
            and not self.gaz_inside(s, e)
            and not all(self.doc.common(t.t) for t in toks)
        ):
            if _PRODUCT_POST.match(post) or (not weak and _PRODUCT_POST_LOOSE.match(post)):
                self.emit(s, e, "PRODUCT")
                return
            if _LAW_POST.match(post) and not weak:
                self.emit(s, e, "LAW")
                return
        # single tokens and leftovers: acronyms, camelCase, context cues
        self.singles(toks, weak, kind)

    def _whole_line(self, s: int, e: int) -> bool:
        ls = self.text.rfind("\n", 0, s) + 1
        le = self.text.find("\n", e)
        return self.text[ls : le if le >= 0 else len(self.text)].strip() == self.text[s:e]

    def _surnameish(self, tok: Tok) -> bool:
        """Could this token end a person's name (not "Renewables", "Insight", "Energy")?"""
        t = tok.t
        if t in ORG_HEADS_STRONG or t in ORG_HEADS_WEAK or self.doc.common(t):
            return False
        return not t.lower().endswith(_ORGISH_ENDINGS)

    def _gaz_starts(self, tok: Tok) -> bool:
        return tok.s in self.doc.gaz

    def _name_len(self, toks: list[Tok]) -> int:
        n = 0
        for tok in toks[:5]:
            if _name_like(tok.t) and tok.t not in TITLES and tok.t not in DEMONYMS:
                n += 1
            else:
                break
        while n and toks[n - 1].t in PERSON_SUFFIX and n == 1:
            n -= 1
        return min(n, 4)

    def _personish(self, name: list[Tok]) -> bool:
        if name and name[-1].t in _JOB_NOUNS:
            return False  # "Transportation Specialist", "Communications Officer": a job
        for k, tok in enumerate(name):
            t = tok.t
            head = t in ORG_HEADS_STRONG or t in ORG_HEADS_WEAK or t in LAW_HEADS or t in GPE_HEADS
            if head and not (t in self.gz.given_names and k + 1 < len(name)):
                return False  # but "Sen. Bill Hagerty", "Grace Fu"
            given = t in self.gz.given_names and len(name) >= 2
            if (t.lower() in COMMON or _demonymish(t)) and not given:
                return False
            hit = self.doc.gaz.get(tok.s)
            if hit and hit[1] != "PERSON" and not (given and hit[0] == tok.e):
                return False
        return bool(name) and not name[0].t.endswith(".") or len(name) >= 2

    def _units(self, toks: list[Tok]) -> list[tuple[int, int, str | None]]:
        """Tokens grouped by gazetteer hits: (first index, last index, gazetteer label)."""
        units: list[tuple[int, int, str | None]] = []
        k = 0
        while k < len(toks):
            hit = self.doc.gaz.get(toks[k].s)
            if hit:
                j = k
                while j + 1 < len(toks) and toks[j + 1].e <= hit[0]:
                    j += 1
                if toks[j].e == hit[0]:
                    units.append((k, j, hit[1]))
                    k = j + 1
                    continue
            units.append((k, k, None))
            k += 1
        return units

    def product(self, toks: list[Tok]) -> bool:
        """GPT-5, NVIDIA HGX B300, RTX PRO 6000 Blackwell Server Edition, Microsoft Azure OpenAI."""
        # a product needs a product-shaped token or a gazetteer PRODUCT: most chunks have none
        gaz = self.doc.gaz
        for tok in toks:
            if _product_shaped(tok.t):
                break
            hit = gaz.get(tok.s)
            if hit is not None and hit[1] == "PRODUCT":
                break
        else:
            return False
        units = self._units(toks)

        def word(u: tuple[int, int, str | None]) -> str:
            return toks[u[0]].t

        def shaped(u: tuple[int, int, str | None]) -> bool:
            return u[2] is None and u[0] == u[1] and _product_shaped(word(u))

        def prodish(u: tuple[int, int, str | None]) -> bool:
            return u[2] == "PRODUCT" or shaped(u)

        def capsish(u: tuple[int, int, str | None]) -> bool:
            t = word(u)
            return (
                u[2] is None
                and len(t) >= 2
                and t.isupper()
                and t not in STOP_ACRONYMS
                and not t.endswith("s")
            )

        first = next((i for i, u in enumerate(units) if prodish(u)), None)
        if first is None:
            return False
        a = b = first
        while a > 0:
            u = units[a - 1]
            if (
                u[2] in ("ORG", "PRODUCT")
                or capsish(u)
                or (u[2] is None and word(u) in PRODUCT_WORDS)
            ):
                a -= 1
            else:
                break
        while b + 1 < len(units):
            u = units[b + 1]
            nxt = units[b + 2] if b + 2 < len(units) else None
            t = word(u)
            if (
                prodish(u)
                or capsish(u)
                or (u[2] is None and (t in PRODUCT_WORDS or _DECIMAL.fullmatch(t)))
            ) or (
                u[2] is None
                and _is_cap(t)
                and not self.doc.common(t)
                and nxt is not None
                and nxt[2] is None
                and word(nxt) in PRODUCT_WORDS
            ):
                b += 1
            elif u[2] == "ORG" and b + 2 == len(units) and units[b][2] == "PRODUCT":
                b += 1  # "Microsoft Azure OpenAI"
            elif (
                u[2] is None
                and b + 2 == len(units)
                and units[b][2] == "PRODUCT"
                and _name_like(t)
                and not self.doc.common(t)
                and _PRODUCT_POST.match(self.after(toks[u[1]].e))
            ):
                b += 1  # "NVIDIA Jetson Orin modules"
            elif (
                u[2] is None
                and b + 2 == len(units)
                and shaped(units[b])
                and _name_like(t)
                and not self.doc.common(t)
            ):
                b += 1  # "P-8 Poseidon", "F-35 Lightning"
            else:
                break
        core = toks[units[a][0] : units[b][1] + 1]
        if not (a == b and units[a][2] == "PRODUCT") and not all(t.t.isdigit() for t in core):
            self.emit(core[0].s, core[-1].e, "PRODUCT")
        if units[a][0] > 0:
            self.classify(toks[: units[a][0]])
        if units[b][1] + 1 < len(toks):
            self.classify(toks[units[b][1] + 1 :])
        return True

    def compound(self, toks: list[Tok], weak: bool) -> bool:
        """Names made of gazetteer names and acronyms: IDC Japan, SB OAI Japan, Northern Europe."""
        s, e = toks[0].s, toks[-1].e
        hits = self.gaz_inside(s, e)
        if not hits:
            return False
        last = hits[-1]
        # DIRECTION + GPE: Northern Europe, Southern California
        if (
            len(toks) == 2
            and toks[0].t in DIRECTIONS
            and last[0] == toks[1].s
            and last[2] == "GPE"
            and last[1] == e
        ):
            self.emit(s, e, "GPE")
            return True
        # ORG-ish + GPE at the end: IDC Japan, SB OAI Japan, OpenAI Japan
        if last[2] == "GPE" and last[1] == e and last[0] > s:
            units = [u for u in self._units(toks) if toks[u[1]].e <= last[0]]
            ok = units and all(
                u[2] == "ORG"
                or (
                    u[2] is None
                    and u[0] == u[1]
                    and (
                        (_is_acronym(toks[u[0]].t) and toks[u[0]].t not in STOP_ACRONYMS)
                        or _CAMEL.search(toks[u[0]].t)
                    )
                )
                for u in units
            )
            if ok:
                self.emit(s, e, "ORG")
                return True
        return False

    def singles(self, toks: list[Tok], weak: bool, kind: str) -> None:
        if len(toks) == 1:
            self._alone(toks[0], weak)
            return
        # inside a longer chunk only an acronym or a trailing "Section" is a name
        text = self.text
        gaz = self.doc.gaz
        last = len(toks) - 1
        for idx, tok in enumerate(toks):
            t = tok.t
            if tok.s in gaz or not t[:1].isalpha():
                continue
            if "-" in t and any(p[:1].islower() for p in t.split("-")):
                continue  # "AI-native", "Iran-backed": names inside come from the gazetteer
            if (
                t in STOP_ACRONYMS
                or t.replace(".", "") in STOP_ACRONYMS
                or _PLURAL_CAPS.fullmatch(t)
            ):
                continue
            if _is_acronym(t) or (
                t.isupper()
                and t.isalpha()
                and len(t) <= 9
                and text[tok.s - 1 : tok.s] == "("
                and text[tok.e : tok.e + 1] == ")"
            ):
                self._acronym(tok, self.before(tok.s), self.after(tok.e))
            elif t == "Section" and idx == last:
                m = _SECTION_NUM.match(text, tok.e)
                if m:
                    self.emit(tok.s, m.end(), "LAW")

    def _acronym(self, tok: Tok, pre: str, post: str) -> None:
        t = tok.t
        if t.isdigit():
            return
        label = "ORG"
        prio = 0.8  # an acronym is an ORG unless something says otherwise
        if _LAW_POST.match(post) and not tok.poss:
            label, prio = "LAW", 1
        elif _PRODUCT_POST.match(post) and not tok.poss:
            label, prio = "PRODUCT", 1
        elif (called := _called_label(pre)) is not None:
            label, prio = called, 1
        elif _PRODUCT_APPOS_POST.match(post):
            label, prio = "PRODUCT", 1
        self.emit(tok.s, tok.e, label, prio=prio)

    def _alone(self, tok: Tok, weak: bool, pre: str | None = None, lw: str | None = None) -> None:
        """A one-token name: acronyms, camelCase, context cues (``singles`` of one token);
        ``lw`` is ``_last_word(pre)`` when the caller has it."""
        t = tok.t
        s = tok.s
        if s in self.doc.gaz or not t[:1].isalpha():
            return
        if "-" in t and any(p[:1].islower() for p in t.split("-")):
            return  # "AI-native", "Iran-backed": names inside come from the gazetteer
        if t in STOP_ACRONYMS or t.replace(".", "") in STOP_ACRONYMS or _PLURAL_CAPS.fullmatch(t):
            return
        text = self.text
        e = tok.e
        if pre is None:
            pre = self.before(s)
        if _is_acronym(t) or (
            t.isupper()
            and t.isalpha()
            and len(t) <= 9
            and text[s - 1 : s] == "("
            and text[e : e + 1] == ")"
        ):
            self._acronym(tok, pre, self.after(e))
            return
        if t == "Section":
            m = _SECTION_NUM.match(text, e)
            if m:
                self.emit(s, m.end(), "LAW")
            return
        doc = self.doc
        if weak and doc.common(t) or t.lower() in COMMON or t in DEMONYMS or t in TITLES:
            return
        post = self.after(e)
        if lw is None:
            lw = _last_word(pre)  # shared by the context cues below
        label = None
        if _CAMEL.search(t) and "-" not in t and any(c.isdigit() for c in t):
            label = "PRODUCT"  # "bZ4X", "iX3": model names
        elif _CAMEL.search(t) and "-" not in t:
            label = "PRODUCT" if _PRODUCT_POST.match(post) else "ORG"  # camelCase: OpenAI, iPhone
        elif _ORG_PRE.search(pre, lw) and not weak:
            label = "ORG"
        elif (called := _called_label(pre, lw)) is not None and called != "PERSON":
            label = called
        elif _PRODUCT_PRE.search(pre, lw):
            label = "PRODUCT"
        elif _GPE_PRE.search(pre, lw) or _GPE_POST.match(post):
            label = "GPE"  # "near Middlesbrough", "Rayong province"
        elif _ADMIN.match(post):
            label = "PERSON"
        elif (
            _ORG_APPOS_POST.match(text, e)
            and not _PERSON_POST.match(post)
            and not doc.common(t)
            and not t.endswith("ly")
        ):
            label = "ORG"
        elif tok.poss and _ORG_POSS_POST.match(text, e) and not doc.common(t):
            label = "ORG"  # "Kellerman's shares", "Zorblax's chief executive"
        elif not weak and self._gpe_possessive_before(s):
            label = "ORG"  # "Japan's Marubeni", "Germany's Hapag-Lloyd"
        elif not weak and _IN_PLACE_PRE.search(pre, lw) and _IN_PLACE_POST.match(post):
            label = "GPE"  # "glassworks in Sunderland and Doncaster"
        elif not weak and (m := _COORD_PRE.search(pre)) and not post[:1].isalnum():
            # "Elering and Fingrid", "UPMC, Geisinger and ...": a list shares its kind
            prev = self.ends.get(s - len(m.group()))
            if prev in ("ORG", "GPE") and not doc.common(t):
                self.emit(s, e, prev, prio=0.8)  # weak: "Nikkei and ITmedia, Son"
            return
        elif _COMMA_SPACE.match(post) and self._gpe_after_comma(e) or _BASED.match(post):
            label = "GPE"
        elif (
            (_PRODUCT_POST.match(post) or _PRODUCT_POST_LOOSE.match(post))
            and not weak
            and not doc.common(t)
        ):
            label = "PRODUCT"
        elif (
            _LAW_POST.match(post) and not weak and not doc.common(t) and t.isupper() and t.isalpha()
        ):
            label = "LAW"
        if label:
            self.emit(s, e, label)

    def _gpe_possessive_before(self, s: int) -> bool:
        # the search tries every start in 40 characters; it can only match right after
        # "'s " (or "'s \n": ``$`` also matches before a final newline)
        if not self.text.endswith(_POSS_ENDS, 0, s):
            return False
        m = _POSS_PRE.search(self.text, max(0, s - 40), s)
        if not m:
            return False
        hit = self.doc.gaz.get(m.start(1))
        return bool(hit and hit[0] == m.end(1) and hit[1] == "GPE")

    def _gpe_after_comma(self, e: int) -> bool:
        m = re.match(r",\s+((?:[A-Z][\w.]*\.?)(?: [A-Z][\w.]*)?)", self.text[e : e + 40])
        if not m:
            return False
        s2 = e + m.start(1)
        hit = self.doc.gaz.get(s2)
        return bool(
            hit
            and hit[1] == "GPE"
            and re.match(r"^[,.;)\s]", self.text[hit[0] : hit[0] + 1] or " ")
        )


# --- main entry points ------------------------------------------------------------


def text_start(text: str, start: int = 0) -> int:
    """First offset to annotate: skips a ``Source: <url>`` header and its blank line."""
    m = _HEADER.match(text)
    return max(start, m.end()) if m else start


def _gaz_hits(text: str, lo: int, doc: _Doc) -> list[Cand]:
    auto = _automaton()
    cands: list[Cand] = []
    caps_cache: dict[int, str] = {}
    n = len(text)
    for end, (length, label, canonical) in auto.iter(text, lo):
        e = end + 1
        s = e - length
        if s < lo:
            continue
        # whole words only (``_bounded``, inlined: this loop runs once per raw hit)
        if s:
            ch = text[s - 1]
            if ch.isalnum() or ch == "_":
                continue
        if e < n:
            ch = text[e]
            if ch.isalnum() or ch == "_":
                continue
        surface = text[s:e]
        if surface.startswith("The "):
            # "The Associated Press" only as a line of its own (a byline)
            ls = text.rfind("\n", 0, s) + 1
            le = text.find("\n", e)
            if text[ls : le if le >= 0 else len(text)].strip() != surface:
                continue
        if length <= 3 and surface.isupper():
            ls = text.rfind("\n", 0, s) + 1
            kind = caps_cache.get(ls)
            if kind is None:
                kind = caps_cache[ls] = doc.line_kind(s)
            if kind == "caps":
                continue  # "CONTACT US", "WHO WE ARE"
        cands.append(Cand(s, e, label, "gazetteer", canonical, 2))
    return cands


_DOC_LAW = re.compile(
    r"\b(?:Executive Order(?: No\.)? \d{4,5}|Public Law(?: No\.)? \d{2,3}-\d{1,4}|"
    r"H\.R\. ?\d{1,5}|S\. \d{2,5}(?= of | in |,)|Regulation \(EU\) (?:No )?\d{2,4}/\d{1,4}|"
    r"Directive \(EU\) \d{4}/\d{1,4})"
)
#: Where a ``_DOC_LAW`` match can start: its alternatives' literal openings.
_DOC_LAW_OPENING = re.compile(
    r"Executive Order|Public Law|H\.R\.|S\. \d|Regulation \(EU\)|Directive \(EU\)"
)
_CAPS_NAME_PRE = re.compile(
    r"(?:\b(?:[Pp]hoto(?:graph)?s? by|[Pp]hoto:|[Cc]redit:|[Ii]mage:|"
    r"[Bb]y)\s+)$"
)
_CAPS_NAME = re.compile(
    r"([A-Z][A-Z'’-]+(?: [A-Z][A-Z'’-]+){1,2})(?=\s*[/,);]|\s+for\b|\s*$)", re.M
)


def _official_docs(text: str, lo: int) -> list[Cand]:
    """Executive Order 14110, Public Law 117-167, H.R. 4346: numbered official documents."""
    if "Order" not in text and "Law" not in text and "H.R." not in text and "(EU)" not in text:
        return []
    # ``_DOC_LAW.finditer``, but the scan looks for the literal openings first (a C-level
    # skip) and tries the full pattern only where one starts
    out = []
    pos = lo
    search = _DOC_LAW_OPENING.search
    match = _DOC_LAW.match
    while (hit := search(text, pos)) is not None:
        m = match(text, hit.start())
        if m is None:
            pos = hit.start() + 1
            continue
        out.append(Cand(m.start(), m.end(), "LAW", "rule", None, 2))
        pos = m.end()
    return out


#: Legal citations: "49 CFR part 395", "5 U.S.C. 601", "§ 395.30(c)", "42 U.S.C. § 1983".
_CITATION = re.compile(
    r"(?<![\w.])(?:[0-9]{1,3} (?:CFR|C\.F\.R\.|U\.S\.C\.|USC)(?: [Pp]arts?| [Ss]ection)? ?§* ?"
    r"|§§? ?)[0-9]+[A-Za-z]?(?:\.[0-9]+[a-z]?)*(?:\([A-Za-z0-9]{1,4}\))*"
)


def _citations(text: str, lo: int) -> list[Cand]:
    """Citations of codes and sections are LAW mentions (their numbers are not figures)."""
    if "CFR" not in text and "U.S.C" not in text and "§" not in text and "USC" not in text:
        return []
    return [Cand(m.start(), m.end(), "LAW", "rule", None, 2) for m in _CITATION.finditer(text, lo)]


#: First words of organisation names in French, Spanish, Portuguese, Italian and German:
#: these languages put the head first ("Banco Central do Brasil", "Ministère de ...").
_FOREIGN_ORG_HEADS = _words(
    """
Conselho Conseil Consejo Consiglio Banco Banca Banque Bolsa Bourse Borsa Ministério Ministerio
Ministère Ministero Secretaría Secretaria Secrétariat Instituto Institut Istituto Comisión
Comissão Commissione Agence Agência Agencia Agenzia Caisse Caixa Caja Société Sociedad
Sociedade Società Compañía Companhia Compagnie Fundação Fundación Fondation Fondazione
Universidad Universidade Université Università Universität Grupo Groupe Gruppo Empresa
Petróleos Comité Comitê Comitato Tribunale Cour Senado Sénat Assemblée Asamblea Cámara Câmara
Partido Partito Federación Federação Fédération Confederación Confederação Asociación
Associação Autoridad Autoridade Autorité Autorità Dirección Direção Gouvernement Gobierno
Governo Regierung Bundesamt Bundesministerium Bundesanstalt Investissement Portos Puertos
Aeropuertos Aeroportos Médecins Servicio Serviço Corporación Administración Procuraduría
Fiscalía Superintendencia Superintendência Agrupación Hôpital Centro Escuela Escola École
Polytechnique Organización Organização
"""
)
#: First words of laws and official instruments in the same languages.
_FOREIGN_LAW_HEADS = _words(
    """
Ley Lei Loi Legge Gesetz Decreto Décret Reglamento Regulamento Règlement Código Constitución
Constituição Programa Plano Resolución Resolução Portaria Medida Proyecto Projeto
"""
)
#: The rest of such a name: capitalised words, joined by the languages' particles.
_FOREIGN_TAIL = re.compile(
    r"(?:(?: (?:de|do|da|dos|das|del|de la|de las|de los|du|des|di|della|delle|degli|dello|"
    r"e|y|et|für|der|und|sur|pour|para|em|en))? (?:de l['’]|d['’]|l['’])?"
    r"[A-ZÀ-ÖØ-Þ][\w'’-]*)+"
)


def _foreign_names(text: str, toks: list[Tok]) -> list[Cand]:
    """ "Conselho Administrativo de Defesa Econômica", "Ley de Puertos", "Investissement
    Québec": names whose first word is a foreign head, with the capitalised words after it."""
    out = []
    org = _FOREIGN_ORG_HEADS
    law = _FOREIGN_LAW_HEADS
    for tok in toks:
        t = tok.t
        if t in org:
            label = "ORG"
        elif t in law:
            label = "LAW"
        else:
            continue
        m = _FOREIGN_TAIL.match(text, tok.e)
        if m is None or tok.poss:
            continue
        out.append(Cand(tok.s, m.end(), label, "rule", None, 2))
    return out


#: Where a ``_CAPS_NAME_PRE`` cue ("by", "Photo:", "Credit:" ...) ends: its last character,
#: then white space up to a capital.
_CREDIT_CUE_ENDS = (re.compile(r"y\s+(?=[A-Z])"), re.compile(r":\s+(?=[A-Z])"))


def _caps_credits(text: str, lo: int) -> list[Cand]:
    """Photo credits in capitals: ``(Photo by KHALED DESOUKI / AFP)``."""
    # ``_CAPS_NAME.finditer`` kept only the matches right after a cue; the cue ends in "y"
    # or ":" and white space that no match can span, so each match after a cue starts a
    # match of the scan too. Finding the cues first (two literal-prefix scans) and trying
    # ``_CAPS_NAME`` only there gives the same matches without the scan that started at
    # every capital letter.
    starts = sorted(m.end() for rx in _CREDIT_CUE_ENDS for m in rx.finditer(text, lo))
    out = []
    for start in starts:
        m = _CAPS_NAME.match(text, start)
        if m is None:
            continue
        if _CAPS_NAME_PRE.search(text, max(lo, m.start() - 20), m.start()):
            words = m.group(1).split()
            if not any(w in STOP_ACRONYMS or w.title() in COMMON for w in words):
                out.append(Cand(m.start(1), m.end(1), "PERSON", "rule", None, 2))
    return out


_HOST = re.compile(r"Source:\s*https?://(?:www\d?\.|m\.|en\.|english\.)?([a-z0-9-]+)\.", re.I)


def _site_name(text: str, lo: int) -> list[Cand]:
    """The site's own name, matched against the saved page's address.

    ``Source: https://www.viralwire.com/...`` makes ``Viral Wire`` (or ``ViralWire``,
    ``The Viral Wire``) an ORG wherever it appears in Title Case.
    """
    if lo == 0:
        return []
    m = _HOST.match(text)
    if not m:
        return []
    label = m.group(1).lower().replace("-", "")
    if label.startswith("the") and len(label) > 7:
        label = label[3:]
    if len(label) < 4 or not label.isalpha():
        return []
    rx = _site_rx(text, label)
    out = []
    for hit in rx.finditer(text, lo):
        name = hit.group()
        words = re.split(r"[\s-]", name)
        if len(words) > 1:
            ok = all(w[:1].isupper() for w in words) and not name.isupper()
        else:  # one word only when written like a brand: "ViralWire", not "Agriculture"
            ok = name[:1].isupper() and _CAMEL.search(name) is not None
        if ok:
            out.append(Cand(hit.start(), hit.end(), "ORG", "rule", None, 2))
    return out


#: The only non-ASCII capitals that ``re.I`` matches to an ASCII letter (found by trying
#: every code point): dotted capital I and the Kelvin sign.
_CAPS_ALSO = {"i": "\u0130", "k": "\u212a"}


def _site_rx(text: str, label: str) -> re.Pattern[str]:
    """The site name's pattern: ``label``'s letters, case-insensitive, each pair optionally
    split by a space or hyphen, as a whole word.

    Only matches that start with a capital are kept (``_site_name`` checks), so when no
    two matches can overlap (``label`` has no border: no proper prefix that is also a
    suffix), a scan that starts only at the first letter's capitals finds exactly the
    kept matches. Its first letter is case-sensitive, before the look-behind, so the
    regex engine skips to it in C; the case-insensitive scan tried every position and
    was one of the slowest passes. Labels with a border keep the full scan.
    """
    body = r"[\s-]?".join(re.escape(c) for c in label)
    if not label.isascii() or any(label.startswith(label[-k:]) for k in range(1, len(label))):
        return re.compile(r"(?<![\w.])" + body + r"(?![\w])", re.I)
    first = label[0]
    caps = first.upper() + "".join(c for c in _CAPS_ALSO.get(first, "") if c in text)
    rest = r"[\s-]?".join(re.escape(c) for c in label[1:])
    return re.compile("[" + caps + r"](?<![\w.].)(?i:[\s-]?" + rest + r")(?![\w])")


def _datelines(text: str, lo: int) -> list[Cand]:
    out = []
    for m in _DATELINE.finditer(text, lo):
        s = m.start(1)
        chunk = m.group(1)
        if len(chunk) < 3 or chunk in STOP_ACRONYMS:
            continue
        words = re.split(r" and | & |[ /]", chunk)
        if any(w in STOP_ACRONYMS or len(w.strip(".")) < 2 for w in words):
            continue
        rest = text[m.end(1) : m.end(1) + 40]
        if not re.match(
            r"^(?:,\s*(?:[A-Z][a-z]{1,4}\.?\s*\d|[A-Z][a-z]+\.?[,\s]|\d)|\s+[–—-]\s|\s*\()", rest
        ):
            continue
        pos = s
        for part in re.split(r"(/| and | & )", chunk):
            if part in ("/", " and ", " & "):
                pos += len(part)
                continue
            p = part
            ps = pos
            pos += len(part)
            if len(p.strip(".")) >= 3:
                out.append(Cand(ps, ps + len(p), "GPE", "rule", None, 2))
    return out


def _select(cands: list[Cand], n: int) -> list[Cand]:
    """Greedy non-overlapping choice in the order (taught first, longest, best-evidenced,
    leftmost; ties keep the input order). Sorts ``cands`` in place into that order."""
    taken = bytearray(n + 1)
    find = taken.find
    out = []
    # the order by key (-prio if taught else 0, -length, -prio, start), as stable sorts
    # from the last key to the first: single-number keys, three of them C-level
    cands.sort(key=_START)
    cands.sort(key=_PRIO, reverse=True)  # reverse=True keeps equal keys in order
    cands.sort(key=_neg_len)
    if max(map(_PRIO, cands), default=0) >= 3:  # any taught (C-level, no generator)
        cands.sort(key=_taught_first)
    for c in cands:
        s = c.s
        e = c.e
        if e <= s or find(1, s, e) >= 0:
            continue
        taken[s:e] = b"\x01" * (e - s)
        out.append(c)
    out.sort(key=_START)
    return out


_START = attrgetter("s")
_PRIO = attrgetter("prio")


def _neg_len(c: Cand) -> int:
    return c.s - c.e


def _taught_first(c: Cand) -> float:
    return -c.prio if c.prio >= 3 else 0


def _reselect(chosen: list[Cand], new: list[Cand], n: int) -> list[Cand]:
    """``_select(chosen + new, n)`` for ``chosen`` already selected (sorted, non-overlapping).

    Only the new candidates and the chosen ones they overlap compete again: a chosen span
    that overlaps no new one keeps its place (nothing it could lose to), and the greedy
    choice within the overlapping groups is the same as over the whole list.
    """
    if not new:
        return chosen
    starts = [c.s for c in chosen]
    hit: set[int] = set()
    for c in new:
        k = bisect_left(starts, c.e)
        while k > 0 and chosen[k - 1].e > c.s:
            k -= 1
            hit.add(k)
    affected = [chosen[k] for k in sorted(hit)] + new
    kept = [c for k, c in enumerate(chosen) if k not in hit] if hit else list(chosen)
    out = kept + _select(affected, n)
    out.sort(key=_START)
    return out


def _surnames(text: str, toks: list[Tok], chosen: list[Cand], n: int) -> list[Cand]:
    """A full name seen once makes later bare surnames (and earlier ones) PERSON mentions."""
    from .resolve import surname_of

    names = {}
    for c in chosen:
        if c.label == "PERSON":
            sn = surname_of(text[c.s : c.e])
            if sn and len(sn) > 2:
                names.setdefault(sn, c.canonical or text[c.s : c.e])
    if not names:
        return []
    out = []
    for tok in toks:
        if tok.t in names:
            out.append(Cand(tok.s, tok.e, "PERSON", "rule", names[tok.t], 1.2))
    return out


_LEGAL_SUFFIX = re.compile(
    r",?\s+(?:Co\.,? Ltd\.|Co\.|Ltd\.?|Inc\.?|Corp\.?|Corporation|Company|LLC|plc|PLC|AG|SA|S\.A\.|"
    r"SE|NV|N\.V\.|A/S|ASA|AB|GmbH|K\.K\.|Group|Holdings)$"
)
_PLACE_HEADS = _words(
    """
University College School Institute Council Authority Ministry Department Agency Commission
Committee Hospital Airport Port Police Court Parliament Assembly Museum Library Academy Office
Bureau Board Centre Center Club Cathedral Church Zoo Observatory Government
"""
)


def _short_name(surf: str, canonical: str, table: dict, doc: _Doc) -> None:
    """``Kellerman Energy`` -> ``Kellerman``; ``Mistral AI`` -> ``Mistral``."""
    if surf.rsplit(" ", 1)[1] in _PLACE_HEADS:
        return
    words = surf.split(" ")
    first = words[0]
    gaz = load_gazetteer()
    if len(words) >= 3 and all(_name_like(w) and not doc.common(w) for w in words[:2]):
        pair = " ".join(words[:2])  # "Lone Star Grid Services" -> "Lone Star"
        if pair not in gaz.entries and words[1] not in ORG_HEADS_STRONG:
            table.setdefault(pair, ("ORG", canonical))
    if (
        len(first) >= 3
        and _name_like(first)
        and "-" not in first
        and not doc.common(first)
        and first not in DEMONYMS
        and first not in DIRECTIONS
        and first not in gaz.given_names
        and first not in gaz.entries
        and first not in ORG_HEADS_STRONG
        and first not in ORG_HEADS_WEAK
        and first not in TITLES
    ):
        table.setdefault(first, ("ORG", canonical))


def _propagate(text: str, lo: int, chosen: list[Cand], doc: _Doc) -> list[Cand]:
    """One label per surface: names the rules found once are names everywhere in the text.

    Also: the first word of an organisation's full name is a short mention of it
    (``Kellerman Energy`` ... ``Kellerman, which ...``), and an all-caps dateline
    place is the same place in normal case (``SEJONG`` ... ``Sejong``).
    """
    table: dict[str, tuple[str, str]] = {}
    best: dict[str, float] = {}
    derived: dict[str, tuple[str, str]] = {}  # short names of full names seen in the text
    # a name repeats through an article: the (surface, canonical) pairs already shortened,
    # as a second ``_short_name`` or bare-name ``setdefault`` with them changes nothing
    shortened: set[tuple[str, str]] = set()
    bared: set[tuple[str, str]] = set()
    for c in chosen:
        surf = text[c.s : c.e]
        if c.origin == "gazetteer":
            if c.label == "ORG" and " " in surf:
                key = (surf, c.canonical or surf)
                if key not in shortened:
                    shortened.add(key)
                    _short_name(surf, key[1], derived, doc)
            continue
        if c.prio > best.get(surf, -1):  # the best-evidenced label of a surface wins
            best[surf] = c.prio
            table[surf] = (c.label, c.canonical or surf)
        if c.label == "GPE" and surf.isupper() and len(surf) > 3:
            table.setdefault(surf.title(), (c.label, surf.title()))
        if c.label == "ORG" and " " in surf:
            key = (surf, c.canonical or surf)
            if key not in shortened:
                shortened.add(key)
                _short_name(surf, key[1], derived, doc)
            if key not in bared:
                bared.add(key)
                bare = _LEGAL_SUFFIX.sub("", surf)
                if bare != surf and " " in bare:
                    derived.setdefault(bare, ("ORG", key[1]))  # "Northwind Robotics"
    for surf, value in derived.items():
        if best.get(surf, -1) <= 1:  # a full name beats a guess from context ("Lone Star said")
            table[surf] = value
    if not table:
        return []
    auto = ahocorasick.Automaton()
    for surf, (label, canonical) in table.items():
        auto.add_word(surf, (len(surf), label, canonical))
    auto.make_automaton()
    out = []
    n = len(text)
    for end, (length, label, canonical) in auto.iter(text, lo):
        e = end + 1
        s = e - length
        # whole words only (``_bounded``, inlined)
        if s:
            ch = text[s - 1]
            if ch.isalnum() or ch == "_":
                continue
        if e < n:
            ch = text[e]
            if ch.isalnum() or ch == "_":
                continue
        out.append(Cand(s, e, label, "rule", canonical, 1.5))
    return out


_LIST_GAPS = (", ", " and ", ", and ", "; ", " & ")


def _listed_people(text: str, chosen: list[Cand], maybe: list[tuple[int, int]]) -> list[Cand]:
    """A name-shaped pair listed next to a person is a person: "Lea Zuber, Nina Ferreira"."""
    if not maybe:
        return []
    ends = {c.e for c in chosen if c.label == "PERSON"}
    starts = {c.s for c in chosen if c.label == "PERSON"}
    out = []
    for s, e in maybe:
        before = any(text.endswith(g, 0, s) and (s - len(g)) in ends for g in _LIST_GAPS)
        after = any(text.startswith(g, e) and (e + len(g)) in starts for g in _LIST_GAPS)
        if before or after:
            out.append(Cand(s, e, "PERSON", "rule", None, 1))
    return out


def _feedback_key(feedback: Sequence[Feedback]) -> tuple[tuple[str, str, str], ...]:
    """What is taught now, in order: a later global "reject" of the text un-teaches it."""
    seen: dict[str, tuple[str, str, str]] = {}
    for fb in feedback:
        if fb.action == "teach" and fb.text and fb.label in ENTITY_LABELS:
            seen[fb.text] = (fb.text, fb.label, fb.canonical or fb.text)
        elif fb.action == "reject" and fb.article_id is None:
            seen.pop(fb.text, None)
    return tuple(sorted(seen.values()))


def _taught(text: str, lo: int, feedback: Sequence[Feedback]) -> list[Cand]:
    auto = _taught_automaton(_feedback_key(feedback))
    if auto is None:
        return []
    out = []
    for end, (length, label, canonical) in auto.iter(text, lo):
        e = end + 1
        s = e - length
        if s >= lo and _bounded(text, s, e):
            out.append(Cand(s, e, label, "taught", canonical, 3))
    return out


def apply_feedback(
    spans: list[Span], feedback: Sequence[Feedback], article_id: str | None
) -> list[Span]:
    """Apply the reader's rejections and relabels to spans (entities or figures)."""
    rejects_all: set[str] = set()
    rejects_here: set[tuple[str, int]] = set()
    relabel_all: dict[str, Feedback] = {}
    relabel_here: dict[tuple[str, int], Feedback] = {}
    # feedback is in the order it was given: a later action on the same text wins
    for fb in feedback:
        if fb.action == "teach":
            rejects_all.discard(fb.text)
            relabel_all.pop(fb.text, None)
        elif fb.action == "reject":
            if fb.article_id is None:
                rejects_all.add(fb.text)
                relabel_all.pop(fb.text, None)
            elif fb.article_id == article_id and fb.start is not None:
                rejects_here.add((fb.text, fb.start))
        elif fb.action == "relabel" and fb.label:
            if fb.article_id is None:
                relabel_all[fb.text] = fb
                rejects_all.discard(fb.text)
            elif fb.article_id == article_id and fb.start is not None:
                relabel_here[(fb.text, fb.start)] = fb
                rejects_here.discard((fb.text, fb.start))
    if not (rejects_all or rejects_here or relabel_all or relabel_here):
        return spans
    out = []
    for sp in spans:
        if sp.text in rejects_all or (sp.text, sp.start) in rejects_here:
            continue
        fb = relabel_here.get((sp.text, sp.start)) or relabel_all.get(sp.text)
        if fb is not None and fb.label != sp.label:
            kind = "entity" if fb.label in ENTITY_LABELS else "figure"
            sp = replace(
                sp,
                label=fb.label,
                kind=kind,
                origin="relabelled",
                canonical=fb.canonical or sp.canonical,
            )
        out.append(sp)
    return out


def find_entities(
    text: str,
    feedback: Sequence[Feedback] = (),
    *,
    article_id: str | None = None,
    start: int = 0,
) -> list[Span]:
    """Entity spans in ``text[start:]``: sorted by start, non-overlapping."""
    with gc_paused():
        return _find_entities(text, feedback, article_id=article_id, start=start)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for one extraction call.

    An extraction allocates ~50 small objects per kB of text (tokens, candidates, spans)
    that it keeps until it returns, and creates no reference cycles; with the collector
    on, those allocations trigger hundreds of collections per megabyte that each walk
    every live object, ~15 % of the call. Reference counting still frees everything;
    the collector's previous state is restored on exit (nested calls leave it off)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _find_entities(
    text: str,
    feedback: Sequence[Feedback],
    *,
    article_id: str | None,
    start: int,
) -> list[Span]:
    feedback = list(feedback)
    lo = text_start(text, start)
    if lo >= len(text):
        return []
    gaz = load_gazetteer()
    doc = _Doc(text, lo)
    cands = _gaz_hits(text, lo, doc)
    # the gazetteer's own longest-match view, for the rules to consult
    for c in _select(list(cands), len(text)):
        doc.gaz[c.s] = (c.e, c.label, c.canonical or "")
    doc.gaz_starts = sorted(doc.gaz)
    toks, chunks = _tokenize(text, lo)
    rules = _Rules(doc, toks, gaz)
    cands += rules.run(chunks)
    cands += _datelines(text, lo)
    cands += _official_docs(text, lo)
    cands += _citations(text, lo)
    cands += _foreign_names(text, toks)
    cands += _site_name(text, lo)
    cands += _general_cands(text, lo, doc)
    if "by" in text or "Photo" in text or "Credit" in text:
        cands += _caps_credits(text, lo)
    cands += _taught(text, lo, feedback)
    chosen = _select(cands, len(text))
    chosen = _general_fixups(text, lo, chosen, doc)
    # people first (a full name makes its surname a person everywhere), then one label
    # per surface (names found once are names everywhere), then people listed together
    surnames = _surnames(text, toks, chosen, len(text))
    if surnames:
        chosen = _reselect(chosen, surnames, len(text))
    extra = _propagate(text, lo, chosen, doc) + _listed_people(text, chosen, rules.maybe_person)
    if extra:
        chosen = _reselect(chosen, extra, len(text))
    chosen = _fix_acronym_labels(text, chosen)
    chosen = _drop_concept_acronyms(text, lo, chosen)
    chosen = _legal_tails(text, chosen)
    if any(fb.action == "reject" or fb.action == "relabel" for fb in feedback):
        spans = [
            Span(
                c.s, c.e, text[c.s : c.e], c.label, "entity", canonical=c.canonical, origin=c.origin
            )
            for c in chosen
        ]
        spans = apply_feedback(spans, feedback, article_id)
        return link_canonicals(text, spans)
    # nothing to reject or relabel: canonical names first, then each span built once, with
    # every field positional (start, end, text, label, kind, value, unit, canonical,
    # measures, qualifier, origin): a quarter faster than keywords for the frozen Span
    rows = [(c.s, c.e, text[c.s : c.e], c.label, c.origin, c.canonical, True) for c in chosen]
    return [
        Span(s, e, surface, label, "entity", None, None, name, None, None, origin)
        for (s, e, surface, label, origin, _, _), name in zip(
            rows, canonical_names(text, rows), strict=True
        )
    ]


#: An acronym being defined: "(ELDs)", "(“DPT”)", ", CFR:".
_ACRONYM_DEF = re.compile(r"(?:\(\s*[\"“‘']?|, )([A-Z]{2,6})s?(?:[\"”’']?\s*\)|:)")
_DEF_WORD = re.compile(r"[A-Za-z][\w'’]*(?:-[\w'’]+)*")
_DEF_SKIP = frozenset({"of", "and", "for", "the", "to", "in", "on", "a", "an", "&"})


def _concept_acronyms(text: str, lo: int) -> set[str]:
    """Acronyms this text defines by a lowercase phrase: "electronic logging devices
    (ELDs)", "oral cholera vaccine (OCV)", "case fatality ratio, CFR:". They name things,
    not organisations or products, so they are not entities here (even one a list knows
    as a name: CFR is also the Code of Federal Regulations)."""
    out: set[str] = set()
    for m in _ACRONYM_DEF.finditer(text, lo):
        acr = m.group(1)
        words = _DEF_WORD.findall(text, max(lo, m.start() - 90), m.start())
        k = len(acr) - 1
        for w in reversed(words):
            if k < 0:
                break
            if w in _DEF_SKIP:
                continue
            if not w[0].islower() or w[0] != acr[k].lower():
                break
            k -= 1
        if k < 0:
            out.add(acr)
    return out


def _drop_concept_acronyms(text: str, lo: int, chosen: list[Cand]) -> list[Cand]:
    """Drop ``_concept_acronyms`` and names built on them ("DPT Service Providers")."""
    if "(" not in text and ":" not in text:
        return chosen
    concepts = _concept_acronyms(text, lo)
    if not concepts:
        return chosen
    common = load_gazetteer().common_words
    keep = []
    for c in chosen:
        if c.origin != "taught":
            first, *rest = text[c.s : c.e].split(" ")
            if (first in concepts or (first[-1:] == "s" and first[:-1] in concepts)) and all(
                w.lower() in common or w.lower().rstrip("s") in common for w in rest
            ):
                continue  # "DPT", "DPT Services"; not a name built on it ("LLM Explainer")
        keep.append(c)
    return keep


_LEGAL_TAIL_KEYS = (
    "Inc",
    "Ltd",
    "LL",
    "Limited",
    "Corp",
    "S.A.",
    "AG",
    "plc",
    "PLC",
    "GmbH",
    "V.",
    "SE",
    "K.K.",
)


def _legal_tails(text: str, chosen: list[Cand]) -> list[Cand]:
    """ "Motive Technologies, Inc.": a legal form after a name belongs to it (and makes it
    an organisation), rather than standing alone as a second name."""
    if not any(key in text for key in _LEGAL_TAIL_KEYS):
        return chosen
    out: list[Cand] = []
    skip_to = -1
    for c in chosen:
        if c.s < skip_to:
            continue  # swallowed by the name before it
        if c.label in ("ORG", "PERSON") and c.origin != "taught":
            m = _LEGAL_TAIL.match(text, c.e)
            if m is not None:
                c = Cand(c.s, m.end(), "ORG", c.origin, c.canonical, c.prio)
                skip_to = m.end()
        out.append(c)
    return out


def _fix_acronym_labels(text: str, chosen: list[Cand]) -> list[Cand]:
    """``Long Name (ACR)``: the acronym takes the long name's label."""
    for i in range(1, len(chosen)):
        a, b = chosen[i - 1], chosen[i]
        if (
            b.origin == "rule"
            and text[a.e : b.s] in (" (", "(")
            and text[b.e : b.e + 1] == ")"
            and (_is_acronym(text[b.s : b.e]) or re.fullmatch(r"[A-Z]{2,9}", text[b.s : b.e]))
        ):
            b.label = a.label
    return chosen


# --- general-form rules for web pages (held-out failure classes) ----------------------
#
# Additive passes: ``_general_cands`` adds candidates before the first selection (longer
# spans win there), ``_general_fixups`` extends, relabels or drops selected ones. Each
# scan is gated by a cheap substring test so that texts without the cue pay nothing.

#: Words that end an official name ("Flood and Water Management Act 2010").
_GEN_LAW_KEY = re.compile(r"(?:Act|Bill|Regulation|Directive)\b(?![ \t][A-Z][a-z])")
_GEN_LAW_TOK = re.compile(r"\([^()\n]{1,60}\)|[^\s]+")
_GEN_LAW_YEAR = re.compile(r"(?:,? (?:of )?(?:19|20)\d\d)(?![\d,.–-]\d)")
_GEN_LINK = frozenset({"and", "of", "for", "on", "to", "the", "&", "in"})
_GEN_CAP_WORD = re.compile(r"[A-Z][A-Za-z.-]*(?:s['’])?|[A-Z]{2,}[\w-]*")
#: Numbered legal instruments: EU directives and decisions, US state bills.
_GEN_NUMBERED = re.compile(
    r"(?:(?:Directive|Regulation|Decision) (?:\((?:EU|EC|EEC|Euratom)\) )?(?:No\.? )?"
    r"\d{2,4}/\d{1,4}(?:/(?:EC|EU|EEC|Euratom|CE))?(?![\w/])"
    r"|(?:AB|SB|HB) \d{1,5}(?![\w/.,]\d)\b)"
)
_GEN_NUMBERED_GATE = ("Directive ", "Regulation ", "Decision ", "B ")
#: "Article 107(3)(b) of the" before a treaty name.
_GEN_ARTICLE = re.compile(r"\b(?:Article|Articles|Art\.) \d+[a-z]?(?:\(\w{1,4}\))* of (?:the )?$")
#: All-caps bylines: ``By MARTA OKONKWO and DANIEL FISCHER``.
_GEN_CAPS_BYLINE = re.compile(
    r"(?:By|BY):?[ \t]+((?:[A-Z][A-Z’'-]+[ \t]){1,2}[A-Z][A-Z’'-]+"
    r"(?:(?:,[ \t]+|,? and[ \t]+|[ \t]&[ \t]+)(?:[A-Z][A-Z’'-]+[ \t]){1,2}[A-Z][A-Z’'-]+)*)"
)
_GEN_CAPS_PRE = re.compile(r"(?<![\w.])[A-Z]{2,6}\.? $")
_GEN_NAME_SPLIT = re.compile(r",? and |, | & ")
#: Indian scheme names: "Pradhan Mantri Awaas Yojana – Gramin".
_GEN_SCHEME = re.compile(r"(?<![\w-])(?:[A-Z][a-z]+[ \t]){1,6}$")
_GEN_SCHEME_TAIL = re.compile(
    r"(?:[ \t][–—-][ \t](?:[A-Z][a-z]+)(?:[ \t][A-Z][a-z]+){0,4})?(?![\w-])"
)
_GEN_SCHEME_GATE = ("Yoj", "Abhiya")


class _Span:
    """A (start, end) pair with ``re.Match``'s ``start()``/``end()``."""

    __slots__ = ("_s", "_e")

    def __init__(self, s: int, e: int):
        self._s = s
        self._e = e

    def start(self) -> int:
        return self._s

    def end(self) -> int:
        return self._e


_GEN_SCHEME_KEYS = {"Yoj": re.compile(r"ana|na"), "Abhiya": re.compile(r"an|n")}


def _gen_schemes(text: str, lo: int, key: str, rest: re.Pattern[str]) -> list[_Span]:
    """``Pradhan Mantri Gram Sadak Yojana``: capitalised words before a scheme word, and
    an en-dash suffix after it (``... Yojana – Gramin``)."""
    out = []
    pos = text.find(key, lo)
    while pos >= 0:
        head = _GEN_SCHEME.search(text, max(lo, pos - 90), pos)
        end = rest.match(text, pos + len(key))
        tail = end and _GEN_SCHEME_TAIL.match(text, end.end())
        if head and tail:
            out.append(_Span(head.start(), tail.end()))
        pos = text.find(key, pos + len(key))
    return out


#: US postal state codes, recognised only after a city (``Austin, TX``).
_US_STATE_CODES = _words(
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ "
    "NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR"
)
_GEN_CITY_STATE = re.compile(r", ([A-Z]{2})(?=[ \t]+\d{5}\b|[.,;)]?(?:[ \t]|$)|\n)", re.M)
_GEN_ZIP = re.compile(r", ([A-Z]{2})[ \t]+\d{5}\b")
_GEN_ZIP_CITY = re.compile(r"[A-Z][a-z]+(?:[ \t][A-Z][a-z]+){0,2}$")
#: Job titles read as organisations: "Commissioner for Energy and Housing".
_GEN_ROLE_OF = re.compile(
    r"(?:Commissioner|Commissioners|Minister|Ministers|Secretary|Secretaries|Director|Chair|"
    r"Chairman|Chairwoman|Chairperson|President|Governor|Ambassador|Envoy|Mayor|Spokesperson|"
    r"Advisor|Adviser|Registrar|Comptroller|Ombudsman|Rapporteur|Coordinator|Administrator)"
    r"(?: of State)? (?:for|of) "
)
_GEN_FISCAL = re.compile(r"FY ?\d{2,4}(?:/\d{2,4})?")
_GEN_TREASURY_POST = re.compile(
    r"[ \t](?:yields?|bonds?|notes?|bills?|securities|futures|prices|curve|market)\b"
)
_GEN_HYPHEN_ACR = re.compile(r"[A-Z][A-Za-z]*(?:-[A-Z][A-Za-z]*)+")
_GEN_PRODUCT_NUM = re.compile(r"[ \t]\d{1,5}[A-Za-z]{0,3}\+?(?![\w+.,]\d)|\+(?![\w+])")


@lru_cache(maxsize=1)
def _caps_table() -> dict[str, tuple[str, str]]:
    """Upper-cased gazetteer places and outlets (``NEW YORK`` -> ``New York``, GPE)."""
    out: dict[str, tuple[str, str]] = {}
    for surface, entry in load_gazetteer().entries.items():
        if entry.label in ("GPE", "ORG") and not surface.isupper() and len(surface) >= 4:
            out.setdefault(surface.upper(), (entry.label, entry.canonical))
    return out


def _general_cands(text: str, lo: int, doc: _Doc) -> list[Cand]:
    out: list[Cand] = []
    if "Act" in text or "Bill" in text or "Regulation" in text or "Directive" in text:
        out += _gen_law_names(text, lo, doc)
    # (no ``key in text`` gates before the ``find`` loops below: each such test is one more
    # scan of the whole text, and a ``find`` that finds nothing answers the same in one)
    for key in _GEN_NUMBERED_GATE:
        pos = text.find(key, lo)
        while pos >= 0:
            at = pos - 1 if key == "B " else pos  # "AB 1482", "SB 54", "HB 12"
            m = _GEN_NUMBERED.match(text, at) if at >= lo else None
            if m and not (at and _is_word(text[at - 1])):
                out.append(Cand(m.start(), m.end(), "LAW", "rule", None, 2))
            pos = text.find(key, pos + len(key))
    for key in _GEN_SCHEME_GATE:
        for m in _gen_schemes(text, lo, key, _GEN_SCHEME_KEYS[key]):
            s = m.start()
            while True:  # leading function words: "The Pradhan ..." -> "Pradhan ..."
                sp = text.find(" ", s, m.end())
                if sp < 0 or text[s:sp].lower() not in _FUNCTION:
                    break
                s = sp + 1
            out.append(Cand(s, m.end(), "LAW", "rule", None, 2))
    out += _gen_caps(text, lo, doc)
    for key in _GEN_NUM_KEYS:
        out += _gen_numbered_laws(text, lo, key)
    for key in _GEN_PLACE_CUES:
        out += _gen_cue_places(text, lo, key, doc)
    if ", " in text:  # "Gaithersburg, MD 20899"
        for z in _GEN_ZIP.finditer(text, lo):
            if z.group(1) in _US_STATE_CODES:
                city = _GEN_ZIP_CITY.search(text, max(lo, z.start() - 40), z.start())
                if city:
                    out.append(Cand(city.start(), city.end(), "GPE", "rule", None, 2))
                out.append(Cand(z.start(1), z.end(1), "GPE", "rule", None, 2))
    return out


#: Numbered bills and instruments: "Senate Bill 412", "Public Act 12 of 2024",
#: "Decree 80/2024/ND-CP", "Resolution 55-NQ/TW".
_GEN_NUM_KEYS = ("Bill ", "Act ", "Decree ", "Decision ", "Resolution ", "Circular ")
_GEN_NUM_PLAIN = re.compile(r"(?:No\.? )?\d{1,5}(?: of (?:19|20)\d\d)?(?![\w/.,-]\d|[\w/-])")
_GEN_NUM_CODE = re.compile(
    r"(?:No\.? )?\d{1,4}(?:/(?:19|20)?\d\d)?[/-][A-Z]{1,5}(?:[-/][A-Z][A-Za-z]{0,4}){0,2}(?![\w/-])"
)
_GEN_NUM_CHAMBERS = ("Senate ", "House ", "Assembly ", "Public ")


def _gen_numbered_laws(text: str, lo: int, key: str) -> list[Cand]:
    out = []
    bill = key in ("Bill ", "Act ")
    pos = text.find(key, lo)
    while pos >= 0:
        after = pos + len(key)
        if text[after : after + 1].isdigit() or text.startswith("No", after):
            s = pos
            if bill:
                for ch in _GEN_NUM_CHAMBERS:
                    if text.startswith(ch, pos - len(ch)) and (ch != "Public " or key == "Act "):
                        s = pos - len(ch)
                        break
                m = _GEN_NUM_PLAIN.match(text, after) if s < pos else None
            else:
                m = _GEN_NUM_CODE.match(text, after)
            if m and not (s > 0 and _is_word(text[s - 1])):
                out.append(Cand(s, m.end(), "LAW", "rule", None, 2))
        pos = text.find(key, after)
    return out


#: Lower-case place words after a capitalised name: "South Kivu province".
_GEN_PLACE_CUES = (" province", " region", " district", " territory", " state ", " county")
_GEN_COMPASS = _words("North South East West Central Upper Lower Northern Southern Eastern Western")
_GEN_CUE_NAME = re.compile(r"(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?[ \t]){1,3}$")


def _gen_cue_places(text: str, lo: int, key: str, doc: _Doc) -> list[Cand]:
    out = []
    pos = text.find(key, lo)
    while pos >= 0:
        if text[pos - 1 : pos].isalpha() and not _is_word(
            text[pos + len(key) : pos + len(key) + 1]
        ):
            m = _GEN_CUE_NAME.search(text, max(lo, pos - 40), pos + 1)
            if m:
                words = text[m.start() : pos].split()
                while words and (words[0].lower() in _FUNCTION or words[0] in TITLES):
                    words.pop(0)
                if (
                    words
                    and doc.line_kind(pos) == "text"
                    and words[-1] not in _GEN_COMPASS
                    and not any(
                        (doc.common(w, strict=True) and w not in _GEN_COMPASS) or w in DEMONYMS
                        for w in words
                    )
                ):
                    out.append(Cand(pos - len(" ".join(words)), pos, "GPE", "rule", None, 2))
        pos = text.find(key, pos + len(key))
    return out


def _gen_law_names(text: str, lo: int, doc: _Doc) -> list[Cand]:
    """``Town and Country Planning Act 1990``, ``Housing (Scotland) Act 2006``,
    ``Tenants' Rights Bill``: the whole capitalised run before an Act/Bill keyword."""
    out = []
    for m in _GEN_LAW_KEY.finditer(text, lo):
        h = m.start()
        if h < 2 or text[h - 1] != " " or not (text[h - 2].isalnum() or text[h - 2] in ")'’"):
            continue
        ls = text.rfind("\n", 0, h) + 1
        if doc.line_kind(h) != "text":
            continue  # title-case headings: every word is capitalised
        toks = list(_GEN_LAW_TOK.finditer(text, max(ls, lo, h - 160), h))
        keep = len(toks)
        k = len(toks) - 1
        words = 0
        while k >= 0 and len(toks) - k <= 12:
            t = toks[k].group()
            if t in _GEN_LINK:
                if t == "the" and (k == 0 or toks[k - 1].group() not in _GEN_LINK):
                    break  # "under the Equal Pay Act": a leading "the" is not the name's
                if t in ("and", "&") and k > 0 and toks[k - 1].start() in doc.gaz:
                    break  # "Medicaid and Affordable Care Act": two names
                k -= 1
                continue
            if t[0] == "(":
                inner = t[1:-1].split()
                if not inner or not all(w[0].isupper() or w in _GEN_LINK for w in inner):
                    break
            elif (
                not _GEN_CAP_WORD.fullmatch(t)
                or t.lower() in _FUNCTION
                or (t[-1] in "'’" and t[-2:-1] != "s")
            ):
                break
            words += 1
            keep = k
            k -= 1
        if not words or keep >= len(toks):
            continue
        key = m.group()
        s = toks[keep].start()
        # "EU Regulation", "the Commission Directive": a known name is not the title
        if key in ("Regulation", "Directive") and (
            s in doc.gaz or text[s:h].strip().lower() in COMMON
        ):
            continue
        if s == toks[-1].start() and text[s:h].strip().lower() in COMMON:
            continue
        e = m.end()
        y = _GEN_LAW_YEAR.match(text, e)
        if y:
            e = y.end()
        out.append(Cand(s, e, "LAW", "rule", None, 2))
    return out


def _gen_caps(text: str, lo: int, doc: _Doc) -> list[Cand]:
    """All-caps bylines (``By MARTA OKONKWO and DANIEL FISCHER``) and all-caps places
    known to the gazetteer in datelines and credits (``NEW YORK, March 3``)."""
    out = []
    if "By" in text or "BY" in text:
        for m in _GEN_CAPS_BYLINE.finditer(text, lo):
            if text[text.rfind("\n", 0, m.start()) + 1 : m.start()].strip():
                continue  # a byline starts its line
            pos = m.start(1)
            for part in _GEN_NAME_SPLIT.split(m.group(1)):
                s = text.find(part, pos)
                pos = s + len(part)
                ws = part.split()
                if any(w in STOP_ACRONYMS or w.title().lower() in COMMON for w in ws):
                    continue
                if part in _caps_table():
                    continue
                out.append(Cand(s, s + len(part), "PERSON", "rule", None, 2.2))
    return out


def _gen_caps_fix(text: str, c: Cand, extra: list[Cand]) -> bool:
    """An all-caps span the rules found is the gazetteer's name in capitals (``TOKYO`` is
    the place, not an organisation; ``NEW YORK`` is one place), or, if its first word is
    a given name, a person (``YUKI TANAKA`` in a credit)."""
    s, e = c.s, c.e
    surf = text[s:e]
    if not surf.isupper():
        return False
    table = _caps_table()
    pre = _GEN_CAPS_PRE.search(text, max(0, s - 8), s) if text[s - 1 : s] == " " else None
    if pre is not None:
        hit = table.get(text[pre.start() : e])
        if hit is not None:  # "NEW YORK" -> "New York"
            extra.append(Cand(pre.start(), e, hit[0], "rule", hit[1], 2))
            return False
    hit = table.get(surf)
    if hit is not None:
        if len(surf) >= 4:
            c.label = hit[0]
        return False
    first = surf.split(" ", 1)[0]
    if first != surf and c.label != "PERSON" and first.title() in load_gazetteer().given_names:
        c.label = "PERSON"
    # a page's one-word label in capitals on a line of its own ("QANDA", "FACTSHEET")
    return (
        c.origin != "gazetteer"
        and first == surf
        and len(surf) >= 5
        and text[s - 1 : s] in ("\n", "")
        and text[e : e + 1] in ("\n", "")
    )


def _general_fixups(text: str, lo: int, chosen: list[Cand], doc: _Doc) -> list[Cand]:
    """Extend, relabel or drop selected spans (see the rules inline)."""
    extra: list[Cand] = []
    drop: set[int] = set()
    n = len(text)
    # cues found once in the text, by position: the loop below then costs a few lookups
    at_start: dict[int, str] = {}  # a span starting here: "drop" (storm, FY)
    at_end: dict[int, int] = {}  # a span ending here continues to: " Fed", " Tech"
    for word in _GEN_EVENT_WORDS:
        pos = text.find(word, lo)
        while pos >= 0:
            at_start[pos] = at_start[pos + len(word)] = "drop"  # "Storm Henk": an event
            pos = text.find(word, pos + 1)
    pos = text.find("FY", lo)
    while pos >= 0:
        if _GEN_FISCAL.match(text, pos):
            at_start[pos] = "fy"  # a fiscal year is a date
        pos = text.find("FY", pos + 2)
    for word in (" Fed", " Tech"):
        pos = text.find(word, lo)
        while pos >= 0:
            if not _is_word(text[pos + len(word) : pos + len(word) + 1]):
                at_end[pos] = pos + len(word)  # "Richmond Fed", "Georgia Tech"
            pos = text.find(word, pos + 1)
    treasury = "Treasury" in text
    article = "Art" in text
    based = "-based " in text
    copyright = "Copyright " in text
    gaz = load_gazetteer().entries
    prev = None
    for i, c in enumerate(chosen):
        s = c.s
        e = c.e
        if (
            at_start
            and s in at_start
            and (at_start[s] == "drop" or _GEN_FISCAL.fullmatch(text, s, e))
        ):
            drop.add(i)
            continue
        if (
            e - s >= 3
            and text[s + 1].isupper()
            and text[s].isupper()
            and _gen_caps_fix(text, c, extra)
        ):
            drop.add(i)
            continue
        label = c.label
        if based and label != "GPE" and text.find("-based ", s, e) > s:
            k = text.find("-based ", s, e)  # "Lyon-based Carvel Labs": a place, then the name
            drop.add(i)
            extra.append(Cand(s, k, "GPE", "rule", None, 2))
            extra.append(Cand(k + 7, e, label, "rule", c.canonical, 2))
            continue
        if copyright and text.startswith("Copyright ", s):
            m = _GEN_COPYRIGHT.match(text, s, e)  # "Copyright 2024 State of Ohio"
            drop.add(i)
            if m and m.end() < e:
                extra.append(Cand(m.end(), e, label, "rule", None, 2))
            continue
        if label == "ORG":
            p = text.rfind(" ", max(0, s - 12), s - 1) + 1 if s > 1 else -1
            if (
                0 < p < s
                and p in doc.gaz
                and s < doc.gaz[p][0] < e
                and (prev is None or prev.e <= p)
            ):
                c.s = s = p  # "New South Wales Government": the place stays whole
            if text.startswith(_GEN_ROLE_PREFIXES, s) and _GEN_ROLE_OF.match(text, s, e):
                drop.add(i)  # "Commissioner for Energy and Housing": a job title
                continue
            if text.startswith(_GEN_LIST_GAPS, e):
                ext = _gen_org_list(text, c, doc)
                if ext:
                    extra.append(ext)
            if treasury and text.endswith("Treasury", s, e) and _GEN_TREASURY_POST.match(text, e):
                drop.add(i)  # "10-year U.S. Treasury yield": the bonds, not the department
                pre = text[s : e - len("Treasury")].rstrip()
                entry = gaz.get(pre)
                if entry is not None and entry.label == "GPE":
                    extra.append(Cand(s, s + len(pre), "GPE", "rule", entry.canonical, 2))
                continue
        elif label == "GPE":
            if text.startswith(", ", e) and text[e + 2 : e + 4] in _US_STATE_CODES:
                m = _GEN_CITY_STATE.match(text, e)
                if m and m.group(1) in _US_STATE_CODES:
                    extra.append(Cand(m.start(1), m.end(1), "GPE", "rule", None, 2.5))
            elif at_end and e in at_end:
                extra.append(Cand(s, at_end[e], "ORG", "rule", None, 2))
        elif label == "PERSON":
            if at_end and e - 5 in at_end and text[s : e - 5] in gaz:
                c.label = "ORG"  # "Georgia Tech" read as a name
        elif label == "PRODUCT":
            if (
                e - s <= 6
                and text[s].isupper()
                and text[e - 1].isdigit()
                and _GEN_ARMED_ACR.fullmatch(text, s, e)
                and _GEN_ARMED_CTX.search(text, max(0, s - 80), min(n, e + 80))
            ):
                c.label = "ORG"  # "M18 rebels": an armed group, not a product
                prev = c
                continue
            if text[e : e + 1] in (" ", "+"):
                m = _GEN_PRODUCT_NUM.match(text, e)
                if m:
                    extra.append(Cand(s, m.end(), "PRODUCT", "rule", c.canonical, 2))
        elif label == "LAW" and article and s > 8 and "Art" in text[max(0, s - 40) : s]:
            m = _GEN_ARTICLE.search(text, max(0, s - 40), s)
            if m:
                extra.append(Cand(m.start(), e, "LAW", "rule", None, 2))
        if (
            text[e : e + 1] == ")"
            and prev is not None
            and label != "LAW"
            and prev.label == "LAW"
            and text[prev.e : s] in (" (", "(")
            and _GEN_HYPHEN_ACR.fullmatch(text, s, e)
        ):
            c.label = "LAW"  # "Pradhan Mantri Awaas Yojana – Gramin (PMAY-G)"
        prev = c
    if drop:
        chosen = [c for i, c in enumerate(chosen) if i not in drop]
    if extra:
        chosen = _reselect(chosen, extra, n)
    return chosen


_GEN_COPYRIGHT = re.compile(r"Copyright (?:©\s?)?(?:(?:19|20)\d\d[ \t,]+)?")
_GEN_ARMED_ACR = re.compile(r"[A-Z]{1,3}\d{1,3}")
_GEN_ARMED_CTX = re.compile(
    r"\b(?:rebels?|rebellion|militias?|fighters|insurgents?|insurgency|armed group|"
    r"ceasefire|offensive|militants?)\b"
)
_GEN_LIST_GAPS = (", ", " & ", " and ")
_GEN_EVENT_WORDS = ("Storm ", "Hurricane ", "Typhoon ", "Cyclone ")
_GEN_ROLE_WORDS = _words(
    "Commissioner Commissioners Minister Ministers Secretary Secretaries Director Chair "
    "Chairman Chairwoman Chairperson President Governor Ambassador Envoy Mayor Spokesperson "
    "Advisor Adviser Registrar Comptroller Ombudsman Rapporteur Coordinator Administrator"
)
_GEN_ROLE_PREFIXES = tuple(w + " " for w in _GEN_ROLE_WORDS)


def _gen_org_list(text: str, c: Cand, doc: _Doc) -> Cand | None:
    """``Department for Business, Energy & Industrial Strategy``: a ministry's list of
    portfolios continues its name up to the last ``and``/``&`` item."""
    surf = text[c.s : c.e]
    first = surf.split(" ", 1)[0]
    if first not in OF_HEADS or (" for " not in surf and " of " not in surf):
        return None
    m = _GEN_ORG_LIST.match(text, c.e)
    if not m:
        return None
    for w in _LINE_WORD.finditer(m.group()):
        if w.group() not in ("and", "the") and (
            c.e + w.start() in doc.gaz
            or w.group().lower() in _FUNCTION
            or w.group() in TITLES
            or w.group() in ORG_HEADS_STRONG
        ):
            return None
    return Cand(c.s, m.end(), "ORG", "rule", None, 2)


_GEN_ORG_LIST = re.compile(
    r"(?:, [A-Z][a-z]+(?: [A-Z][a-z]+)?)+,? (?:and|&) (?:the )?[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}"
    r"(?<!,)(?![ \t]+[A-Z]|[\w-])"
)
