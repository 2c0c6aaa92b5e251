#!/usr/bin/env python3
"""Writes events.tsv: Persian sentence patterns with the events Dabir must code (written for this project, not taken
from the dev articles). Columns: id, text, expected, status, note. expected: events separated by «;», each
TYPE ACTOR>RECIPIENTS (countries, sorted, comma-separated; «-» none) with «!neg» when negated and «~bg» for background;
«-» alone = no event. status: pass (asserted) or gap (a known limitation: reported, not asserted).
Run: python3 gen_spec.py > events.tsv"""
import itertools

# (phrase, country, is a person/role that «وی» can refer to)
officials = [("وزیر امور خارجه روسیه", "RUS"), ("سخنگوی وزارت خارجه چین", "CHN"), ("رئیس‌جمهور فرانسه", "FRA"),
             ("نخست‌وزیر عراق", "IRQ"), ("دبیرکل سازمان ملل", "UNO"), ("وزیر دفاع آمریکا", "USA"),
             ("وزیر خارجه ترکیه", "TUR"), ("رئیس‌جمهور پاکستان", "PAK")]
states = [("آمریکا", "USA"), ("روسیه", "RUS"), ("چین", "CHN"), ("ترکیه", "TUR"), ("عربستان سعودی", "SAU"),
          ("پاکستان", "PAK"), ("اتحادیه اروپا", "EUR"), ("رژیم صهیونیستی", "ISR"), ("سوریه", "SYR"), ("لبنان", "LBN"),
          ("آسه‌آن", "IGO"), ("ژاپن", "JPN")]

templates = [
    ("CONSULT", "{a} با {b} دیدار کرد.", "meet"),
    ("CONSULT", "{a} با همتای خود در {b} تلفنی گفت‌وگو کرد.", "gap:location"),
    ("CONSULT", "{a} در نامه‌ای به {b} درباره تحولات منطقه رایزنی کرد.", "letter"),
    ("CONSULT", "{a} امروز به {b} سفر کرد.", "visit"),
    ("SUPPORT", "{a} از مواضع {b} تقدیر کرد.", "praise"),
    ("SUPPORT", "{a} از {b} حمایت کرد.", "support"),
    ("SUPPORT", "{a} به {b} تبریک گفت.", "congratulate"),
    ("AGREE", "{a} با پیشنهاد {b} موافقت کرد.", "gap:object-of-noun"),
    ("AGREE", "{a} با {b} موافقت کرد.", "agree"),
    ("REQUEST", "{a} از {b} خواست تحریم‌ها را لغو کند.", "ask"),
    ("REQUEST", "{a} از {b} خواستار توقف حملات شد.", "call for"),
    ("REQUEST", "{a} از {b} درخواست کرد به تعهدات خود عمل کند.", "request"),
    ("ACCUSE", "{a} {b} را محکوم کرد.", "condemn"),
    ("ACCUSE", "{a} از {b} انتقاد کرد.", "criticize"),
    ("ACCUSE", "{a} {b} را به نقض حقوق بشر متهم کرد.", "accuse"),
    ("REJECT", "{a} اتهامات {b} را رد کرد.", "reject"),
    ("REJECT", "{a} ادعای {b} را تکذیب کرد.", "deny"),
    ("THREATEN", "{a} {b} را تهدید کرد.", "threaten"),
    ("THREATEN", "{a} به {b} هشدار داد.", "warn"),
    ("SANCTION", "{a} {b} را تحریم کرد.", "sanction"),
    ("SANCTION", "{a} روابط دیپلماتیک خود با {b} را قطع کرد.", "break relations"),
    ("COERCE", "{a} اتباع {b} را بازداشت کرد.", "arrest"),
    ("COERCE", "{a} نفتکش {b} را توقیف کرد.", "seize"),
    ("MOBILIZE", "{a} نیروهای خود را به مرز {b} اعزام کرد.", "deploy"),
    ("COOPERATE", "{a} با {b} رزمایش مشترک برگزار کرد.", "joint exercise"),
    ("AID", "{a} کمک‌های بشردوستانه به {b} ارسال کرد.", "aid"),
    ("RETREAT", "{a} زندانیان {b} را آزاد کرد.", "release"),
    ("RETREAT", "{a} از {b} عقب‌نشینی کرد.", "withdraw"),
    ("ASSAULT", "{a} به {b} حمله کرد.", "attack"),
    ("ASSAULT", "{a} مواضع {b} را بمباران کرد.", "bomb"),
]

rows = []
def add(text, expected, status="pass", note=""):
    rows.append((text, expected, status, note))

# Every template with a few (official, state) pairs, rotating so each official and state appears under many types.
for t, (typ, pattern, note) in enumerate(templates):
    for k in range(4):
        a, ac = officials[(t + k) % len(officials)]
        b, bc = states[(t * 3 + k) % len(states)]
        if ac == bc or (ac == "UNO" and bc == "IGO"):
            b, bc = states[(t * 3 + k + 1) % len(states)]
        status = "gap" if note.startswith("gap") else "pass"
        add(pattern.format(a=a, b=b), f"{typ} {ac}>{bc}", status, note)

# «کشورمان» in the outlet's voice is the publisher's country (Iran without a credited outlet).
for b, bc in states[:5]:
    add(f"وزیر امور خارجه کشورمان با {b} دیدار کرد.", f"CONSULT IRN>{bc}", "pass", "کشورمان")
    add(f"سخنگوی وزارت امور خارجه کشورمان {b} را محکوم کرد.", f"ACCUSE IRN>{bc}", "pass", "کشورمان")
# Inside a quotation, «کشورمان» is the speaker's country.
for (a, ac), (b, bc) in zip(officials[:5], states[3:8]):
    if ac == bc:
        continue
    add(f"{a} گفت: کشورمان حمله {b} را محکوم می‌کند.", f"ACCUSE {ac}>{bc}", "pass", "quotation, کشورمان = speaker")
# Quoted speech: the speaker is the actor of a verbal act inside the quotation.
for (a, ac), (b, bc) in zip(officials[2:6], states[:4]):
    add(f"{a} اظهار داشت: از {b} می‌خواهیم به تعهدات خود عمل کند.", f"REQUEST {ac}>{bc}", "gap", "quotation with a present-tense request")
# Negation.
for (a, ac), (b, bc) in zip(officials[:5], states[1:6]):
    if ac == bc:
        continue
    add(f"{a} با {b} دیدار نکرد.", f"REJECT {ac}>{bc} !neg", "pass", "negated meeting = refusal")
    add(f"{a} {b} را محکوم نکرد.", "-", "pass", "negated accusation: nothing happened")
# Agentless passive with a discourse agent.
for (a, ac), (b, bc) in zip(officials[:5], states[5:10]):
    add(f"{a} در نامه‌ای به {b} درباره تحولات منطقه رایزنی کرد. در این نامه از {b} خواسته شد به حملات پایان دهد.",
        f"CONSULT {ac}>{bc};REQUEST {ac}>{bc}", "pass", "passive, در این نامه")
    add(f"از {b} خواسته شد به حملات پایان دهد.", "-", "pass", "agentless passive without a discourse agent")
# Appositions and names with roles.
add("امیرعبداللهیان، وزیر امور خارجه کشورمان، با وزیر خارجه ترکیه دیدار کرد.", "CONSULT IRN>TUR", "pass", "apposition")
add("حسین امیرعبداللهیان وزیر امور خارجه کشورمان از آسه‌آن تقدیر کرد.", "SUPPORT IRN>IGO", "pass", "name + role")
add("کائو کیم هورن، دبیرکل آسه‌آن، با وزیر خارجه چین دیدار کرد.", "CONSULT IGO>CHN", "pass", "apposition, IGO head")
add("سخنگوی وزارت خارجه روسیه آمریکا را محکوم کرد.", "ACCUSE RUS>USA", "pass", "role with complement")
add("دبیرکل آسه‌آن از چین تقدیر کرد.", "SUPPORT IGO>CHN", "pass", "role with complement (IGO)")
# Anaphora.
for (a, ac), (b, bc) in zip(officials[:5], states[6:11]):
    add(f"{a} وارد پایتخت شد. وی با {b} دیدار کرد.", f"CONSULT {ac}>{bc}", "pass", "وی = the previous subject")
add("وزیر امور خارجه روسیه به ترکیه سفر کرد. وی از این کشور تقدیر کرد.", "CONSULT RUS>TUR;SUPPORT RUS>TUR", "pass", "این کشور")
add("رژیم صهیونیستی به لبنان حمله کرد. وزیر خارجه فرانسه این رژیم را محکوم کرد.", "ASSAULT ISR>LBN;ACCUSE FRA>ISR", "pass", "این رژیم")
# Capital metonyms.
add("تهران حمله آمریکا را محکوم کرد.", "ACCUSE IRN>USA", "pass", "capital metonym")
add("مسکو از پکن تقدیر کرد.", "SUPPORT RUS>CHN", "pass", "capital metonyms")
add("وزیر خارجه ترکیه در تهران با وزیر خارجه روسیه دیدار کرد.", "CONSULT TUR>RUS", "pass", "a capital after «در» is a place")
# Future, hypothetical, background.
add("وزیر خارجه ترکیه هفته آینده به روسیه سفر خواهد کرد.", "AGREE TUR>RUS", "pass", "future visit = intent (AGREE 036)")
add("آمریکا به ایران حمله خواهد کرد.", "THREATEN USA>IRN", "pass", "future assault = threat")
add("اگر آمریکا به ایران حمله کند، پاسخ سختی دریافت می‌کند.", "ASSAULT USA>IRN ~bg", "pass", "hypothetical")
add("روسیه سال گذشته به اوکراین حمله کرده بود.", "ASSAULT RUS>UKR ~bg", "pass", "past perfect, historical")
# Protests (the target after «مقابل» / «در اعتراض به») and monadic concessions.
add("مردم پاکستان مقابل سفارت آمریکا تجمع کردند.", "PROTEST PAK>USA", "pass", "protest, target")
add("دانشجویان ایرانی در اعتراض به سیاست‌های آمریکا راهپیمایی کردند.", "PROTEST IRN>USA", "pass", "protest, target")
add("کارگران فرانسوی اعتصاب کردند.", "PROTEST FRA>-", "pass", "strike, no target")
add("مردم ترکیه علیه رژیم صهیونیستی تظاهرات کردند.", "PROTEST TUR>ISR", "pass", "protest, علیه")
add("نخست‌وزیر عراق استعفا داد.", "CONCEDE IRQ>-", "pass", "resignation (monadic: otherEvents)")
add("وزیر خارجه ترکیه از روسیه عذرخواهی کرد.", "SUPPORT TUR>RUS", "pass", "apology: CAMEO 055, SUPPORT in CAMEO2PLOVER")
# No event.
add("هوا امروز در تهران آفتابی است.", "-", "pass", "no actor, no predicate")
add("روسیه و چین دو کشور بزرگ هستند.", "-", "pass", "no predicate")
add("طرفین بر گسترش همکاری‌ها تأکید کردند.", "-", "gap", "reciprocal «طرفین» not resolved")
# The discourse gives an addressee the sentence leaves out (docs/events.md, "implicit recipients").
add("یک روزنامه روسی از طرح حمله آمریکا خبر داد. وزارت خارجه آذربایجان این خبر را رد کرد.", "REJECT AZE>RUS", "pass", "a denial of «این خبر» answers the medium that reported it")
add("روزنامه فرانسوی لوموند گزارش داد که ترکیه به سوریه سلاح فروخته است. دولت ترکیه این گزارش را تکذیب کرد.", "REJECT TUR>FRA", "pass", "denial of «این گزارش»: the newspaper, not the attribution")
add("یک روزنامه آلمانی مدعی شد که ایران به روسیه پهپاد داده است. وزیر خارجه روسیه گفت این روزنامه دروغ می‌گوید و این خبر را رد کرد.", "ACCUSE DEU>IRN;REJECT RUS>DEU", "pass", "the claim accuses; «این خبر» answers the medium")
add("وزیر امور خارجه روسیه با وزیر خارجه ترکیه دیدار کرد. وی در این دیدار خواستار گسترش همکاری‌های اقتصادی شد.", "CONSULT RUS>TUR;REQUEST RUS>TUR", "pass", "a request made in the meeting just reported: to the other side")
add("رئیس‌جمهور فرانسه با نخست‌وزیر عراق دیدار کرد. نخست‌وزیر عراق در این دیدار از مواضع فرانسه تقدیر کرد.", "CONSULT FRA>IRQ;SUPPORT IRQ>FRA", "pass", "the met side speaks: to the host")
add("پلیس روسیه با عناصر تندرو برخورد خواهد کرد.", "THREATEN RUS>RUS", "pass", "an unnamed group without a country takes the acting country")
add("وزارت خارجه ترکیه از هموطنان خواست به کشور بازگردند.", "REQUEST TUR>TUR", "pass", "«هموطنان»: the acting country's citizens")
add("وزارت خارجه ترکیه از هموطنانی که در سوریه هستند خواست به کشور بازگردند.", "REQUEST TUR>TUR", "pass", "a plural with the relative «ی» («هموطنانی که») is the plural")
add("دولت فرانسه از شرکت‌های آمریکایی خواست قراردادها را اجرا کنند.", "REQUEST FRA>USA", "pass", "an unnamed group with a country after it keeps that country")
add("وزیر امور خارجه روسیه از سیاست‌های ترکیه انتقاد کرد.", "ACCUSE RUS>TUR", "pass", "«از سیاست‌های X انتقاد کرد»: the possessor of the preposition's object")
add("دبیرکل سازمان ملل با استرداد نخست‌وزیر سابق عراق مخالفت کرد.", "REJECT UNO>IRQ", "gap", "«با استرداد X»: needs the POS tags the sentence pipeline does not run (TaggedArgumentTests runs it with them)")
add("سخنگوی وزارت خارجه چین آمریکا را مسئول ناآرامی‌های منطقه دانست.", "ACCUSE CHN>USA", "pass", "blame: «X را مسئول … دانست»")
add("رئیس‌جمهور فرانسه رژیم صهیونیستی را عامل بحران معرفی کرد.", "ACCUSE FRA>ISR", "pass", "blame: «X را عامل … معرفی کرد»")
add("پیشنهاد آمریکا با مخالفت روسیه مواجه شد.", "-", "pass", "met with opposition: no actor for the proposal's side in the sentence")
add("وزیر دفاع آمریکا خواستار مذاکره شد که این درخواست با مخالفت روسیه مواجه شد.", "REJECT RUS>USA;REQUEST USA>-", "pass", "«با مخالفت X مواجه شد»: X opposes the one who asked")
add("وزیر خارجه ترکیه گفت که آمریکا باید از سوریه عذرخواهی کند.", "SUPPORT USA>SYR ~bg", "pass", "a subjunctive states a wish, not an act")
add("وزیر خارجه ترکیه گفت آمریکا باید از سوریه عذرخواهی کند.", "SUPPORT USA>SYR ~bg", "gap", "a complement clause without «که»: its subject is missed")
add("وزیر خارجه ترکیه گفت که روسیه از او خواسته تا تحریم‌ها را لغو کند و او به این خواسته پاسخ منفی داده است.", "REQUEST RUS>TUR;REJECT TUR>RUS", "pass", "«و او …»: a coordinated clause's own subject; the answer goes to whoever asked")

print("# id\ttext\texpected\tstatus\tnote  (generated by gen_spec.py; see its docstring)")
for i, (text, exp, status, note) in enumerate(rows, 1):
    print(f"{i}\t{text}\t{exp}\t{status}\t{note}")
