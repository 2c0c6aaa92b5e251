using System.Collections.Frozen;
using Dabir.News.Structure;

namespace Dabir.News.Attribution;

/// <summary>
/// Persian-language news agencies and outlets: canonical English name, country, the ways Persian text names
/// them, and their web domains. Names are matched on folded keys (no spaces, half-spaces or letter variants),
/// so «بی‌بی‌سی فارسی», «بی بی سی فارسی» and «بيبيسي فارسي» are one name.
/// </summary>
public static class AgencyTable
{
    private sealed record Entry(NewsAgency Agency, string[] Names, string[] Domains);

    private const string IR = "IR";

    // Names that are also common words («مهر» the month, «فارس» the province) are matched only in a credit
    // context (after «خبرگزاری», «به گزارش», «خبرنگار», or inside a dateline); see AttributionFinder.
    private static readonly Entry[] Entries =
    [
        E("mehr", "Mehr News Agency", "خبرگزاری مهر", IR, ["مهر", "مهرنیوز"], ["mehrnews.com", "mehrnews.ir"]),
        E("irna", "Islamic Republic News Agency (IRNA)", "خبرگزاری جمهوری اسلامی", IR, ["ایرنا"], ["irna.ir"]),
        E("isna", "Iranian Students' News Agency (ISNA)", "خبرگزاری دانشجویان ایران", IR, ["ایسنا", "دانشجویان ایران"], ["isna.ir"]),
        E("fars", "Fars News Agency", "خبرگزاری فارس", IR, ["فارس", "فارس نیوز"], ["farsnews.ir", "farsnews.com"]),
        E("tasnim", "Tasnim News Agency", "خبرگزاری تسنیم", IR, ["تسنیم"], ["tasnimnews.com", "tasnimnews.ir"]),
        E("ilna", "Iranian Labour News Agency (ILNA)", "خبرگزاری کار ایران", IR, ["ایلنا", "کار ایران"], ["ilna.ir", "ilna.news"]),
        E("yjc", "Young Journalists Club (YJC)", "باشگاه خبرنگاران جوان", IR, ["باشگاه خبرنگاران جوان", "باشگاه خبرنگاران", "باشگاه خبرنگاران جوان صدا و سیما"], ["yjc.ir", "yjc.news"]),
        E("khabaronline", "Khabaronline", "خبرآنلاین", IR, ["خبرآنلاین", "خبر آنلاین"], ["khabaronline.ir"]),
        E("hamshahri", "Hamshahri", "همشهری", IR, ["همشهری آنلاین", "روزنامه همشهری", "همشهری"], ["hamshahrionline.ir", "hamshahri.org"]),
        E("iribnews", "IRIB News Agency", "خبرگزاری صدا و سیما", IR, ["صدا و سیما", "صداوسیما", "واحد مرکزی خبر", "صدا و سیمای جمهوری اسلامی ایران"], ["iribnews.ir"]),
        E("ibna", "Iran Book News Agency (IBNA)", "خبرگزاری کتاب ایران", IR, ["ایبنا", "کتاب ایران"], ["ibna.ir"]),
        E("iqna", "Iran Quran News Agency (IQNA)", "خبرگزاری بین‌المللی قرآن", IR, ["ایکنا", "بین المللی قرآن", "قرآن"], ["iqna.ir"]),
        E("shabestan", "Shabestan News Agency", "خبرگزاری شبستان", IR, ["شبستان"], ["shabestan.ir", "shabestan.news"]),
        E("rasa", "Rasa News Agency", "خبرگزاری رسا", IR, ["رسا"], ["rasanews.ir"]),
        E("hawzah", "Hawzah News Agency", "خبرگزاری حوزه", IR, ["حوزه"], ["hawzahnews.com"]),
        E("snn", "Student News Network (SNN)", "خبرگزاری دانشجو", IR, ["دانشجو"], ["snn.ir"]),
        E("mizan", "Mizan News Agency", "خبرگزاری میزان", IR, ["میزان"], ["mizanonline.ir", "mizanonline.com"]),
        E("ana", "Aria News Agency (ANA)", "خبرگزاری آنا", IR, ["آنا"], ["ana.ir", "ana.press"]),
        E("pana", "Pupils Association News Agency (PANA)", "خبرگزاری پانا", IR, ["پانا"], ["pana.ir"]),
        E("abna", "AhlulBayt News Agency (ABNA)", "خبرگزاری ابنا", IR, ["ابنا", "اهل البیت"], ["abna24.com"]),
        E("taghrib", "Taghrib News Agency (TNA)", "خبرگزاری تقریب", IR, ["تقریب"], ["taghribnews.com"]),
        E("shana", "Shana (Oil Ministry News Agency)", "شانا", IR, ["شانا"], ["shana.ir"]),
        E("irib", "Islamic Republic of Iran Broadcasting (IRIB)", "صدا و سیما", IR, ["شبکه خبر", "شبکه یک سیما"], ["irib.ir"]),
        E("presstv", "Press TV", "پرس تی وی", IR, ["پرس تی وی", "پرس‌تی‌وی"], ["presstv.ir", "presstv.com"]),
        E("mashregh", "Mashregh News", "مشرق نیوز", IR, ["مشرق", "مشرق نیوز"], ["mashreghnews.ir"]),
        E("tabnak", "Tabnak", "تابناک", IR, ["تابناک"], ["tabnak.ir"]),
        E("asriran", "Asr-e Iran", "عصر ایران", IR, ["عصر ایران"], ["asriran.com"]),
        E("entekhab", "Entekhab", "انتخاب", IR, ["پایگاه خبری انتخاب"], ["entekhab.ir"]),
        E("fararu", "Fararu", "فرارو", IR, ["فرارو"], ["fararu.com"]),
        E("jamaran", "Jamaran", "جماران", IR, ["جماران"], ["jamaran.news", "jamaran.ir"]),
        E("ecoiran", "EcoIran", "اکوایران", IR, ["اکوایران", "اکو ایران"], ["ecoiran.com"]),
        E("donya-e-eqtesad", "Donya-e-Eqtesad", "دنیای اقتصاد", IR, ["دنیای اقتصاد"], ["donya-e-eqtesad.com"]),
        E("etemad", "Etemad", "اعتماد", IR, ["روزنامه اعتماد"], ["etemadnewspaper.ir"]),
        E("kayhan", "Kayhan", "کیهان", IR, ["روزنامه کیهان", "کیهان"], ["kayhan.ir"]),
        E("jamejam", "Jam-e Jam", "جام جم", IR, ["جام جم", "جام‌جم آنلاین", "روزنامه جام جم"], ["jamejamonline.ir"]),
        E("iran-daily", "Iran (newspaper)", "روزنامه ایران", IR, ["روزنامه ایران"], ["irannewspaper.ir"]),
        E("shargh", "Shargh", "شرق", IR, ["روزنامه شرق"], ["sharghdaily.com", "sharghdaily.ir"]),
        E("resalat", "Resalat", "رسالت", IR, ["روزنامه رسالت"], ["resalat-news.com"]),
        E("javan", "Javan", "جوان", IR, ["روزنامه جوان"], ["javanonline.ir"]),
        E("ettelaat", "Ettela'at", "اطلاعات", IR, ["روزنامه اطلاعات"], ["ettelaat.com"]),
        E("varzesh3", "Varzesh3", "ورزش سه", IR, ["ورزش سه", "ورزش۳"], ["varzesh3.com"]),
        E("bbc-persian", "BBC Persian", "بی‌بی‌سی فارسی", "GB", ["بی بی سی فارسی", "بی‌بی‌سی", "بی بی سی", "بی.بی.سی"], ["bbc.com/persian", "bbc.co.uk/persian"]),
        E("radio-farda", "Radio Farda", "رادیو فردا", "US", ["رادیو فردا"], ["radiofarda.com"]),
        E("euronews-persian", "Euronews Persian", "یورونیوز فارسی", "FR", ["یورونیوز", "یورو نیوز", "یورونیوز فارسی"], ["parsi.euronews.com", "euronews.com"]),
        E("voa-persian", "VOA Persian", "صدای آمریکا", "US", ["صدای آمریکا", "صدای امریکا"], ["ir.voanews.com", "voanews.com"]),
        E("iran-international", "Iran International", "ایران اینترنشنال", "GB", ["ایران اینترنشنال"], ["iranintl.com"]),
        E("dw-persian", "Deutsche Welle Persian", "دویچه وله فارسی", "DE", ["دویچه وله", "دویچه‌وله"], ["dw.com/fa-ir"]),
        E("independent-persian", "Independent Persian", "ایندیپندنت فارسی", "GB", ["ایندیپندنت فارسی", "ایندیپندنت"], ["independentpersian.com"]),
        E("sputnik", "Sputnik", "اسپوتنیک", "RU", ["اسپوتنیک"], ["sputniknews.com"]),
        E("tass", "TASS", "تاس", "RU", ["ایتارتاس", "ایتار تاس"], ["tass.com"]),
        E("reuters", "Reuters", "رویترز", "GB", ["رویترز", "رویتر"], ["reuters.com"]),
        E("ap", "Associated Press", "آسوشیتدپرس", "US", ["آسوشیتدپرس", "آسوشیتد پرس", "آسوشیتدپرس"], ["apnews.com"]),
        E("afp", "Agence France-Presse", "خبرگزاری فرانسه", "FR", ["فرانس پرس", "فرانسپرس", "فرانسه"], ["afp.com"]),
        E("anadolu", "Anadolu Agency", "خبرگزاری آناتولی", "TR", ["آناتولی"], ["aa.com.tr"]),
        E("xinhua", "Xinhua News Agency", "خبرگزاری شینهوا", "CN", ["شینهوا", "شین هوا", "شین‌هوا"], ["xinhuanet.com"]),
        E("al-jazeera", "Al Jazeera", "الجزیره", "QA", ["الجزیره", "شبکه الجزیره"], ["aljazeera.net", "aljazeera.com"]),
        E("al-arabiya", "Al Arabiya", "العربیه", "AE", ["العربیه", "شبکه العربیه"], ["alarabiya.net"]),
        E("al-mayadeen", "Al Mayadeen", "المیادین", "LB", ["المیادین", "شبکه المیادین"], ["almayadeen.net"]),
        E("tolo-news", "TOLOnews", "طلوع نیوز", "AF", ["طلوع نیوز", "طلوع‌نیوز"], ["tolonews.com"]),
        E("pajhwok", "Pajhwok Afghan News", "آژانس خبری پژواک", "AF", ["پژواک"], ["pajhwok.com"]),
    ];

    private static readonly FrozenDictionary<string, NewsAgency> ByName = BuildNames();
    private static readonly Dictionary<string, NewsAgency>.AlternateLookup<ReadOnlySpan<char>> NameLookup = BuildNameLookup();
    private static readonly FrozenDictionary<string, NewsAgency> ById = Entries.ToFrozenDictionary(e => e.Agency.Id, e => e.Agency, StringComparer.Ordinal);

    /// <summary>Longest name in words; names are matched up to this many words.</summary>
    internal const int MaxNameWords = 6;

    private static Entry E(string id, string name, string persian, string country, string[] names, string[] domains) =>
        new(new NewsAgency(id, name, persian, country, CountryName(country)), names, domains);

    private static string CountryName(string code) => code switch
    {
        "IR" => "Iran",
        "GB" => "United Kingdom",
        "US" => "United States",
        "FR" => "France",
        "DE" => "Germany",
        "RU" => "Russia",
        "TR" => "Turkey",
        "CN" => "China",
        "QA" => "Qatar",
        "AE" => "United Arab Emirates",
        "LB" => "Lebanon",
        "AF" => "Afghanistan",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "country missing from the table"),
    };

    /// <summary>Every outlet in the table.</summary>
    public static IEnumerable<NewsAgency> All => Entries.Select(e => e.Agency);

    /// <summary>Every outlet with the Persian names it is recognized by and its domains (for documentation).</summary>
    public static IEnumerable<(NewsAgency Agency, IReadOnlyList<string> Names, IReadOnlyList<string> Domains)> Described =>
        Entries.Select(e => (e.Agency, (IReadOnlyList<string>)e.Names, (IReadOnlyList<string>)e.Domains));

    /// <summary>The outlet with id <paramref name="id"/>, or null.</summary>
    public static NewsAgency? FindById(string id) => ById.GetValueOrDefault(id);

    private static FrozenDictionary<string, NewsAgency> BuildNames()
    {
        var names = new Dictionary<string, NewsAgency>(StringComparer.Ordinal);
        foreach (var e in Entries)
        {
            foreach (var n in e.Names.Append(e.Agency.PersianName).Append(e.Agency.Name).Append(e.Agency.Id))
            {
                names.TryAdd(TextFold.Key(n), e.Agency);
            }
        }
        return names.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static Dictionary<string, NewsAgency>.AlternateLookup<ReadOnlySpan<char>> BuildNameLookup() =>
        new Dictionary<string, NewsAgency>(ByName, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The outlet whose folded name is exactly <paramref name="foldedKey"/>, or null.</summary>
    internal static NewsAgency? FindByKey(ReadOnlySpan<char> foldedKey) =>
        NameLookup.TryGetValue(foldedKey, out var agency) ? agency : null;

    /// <summary>
    /// The outlet named by a free-form source field («خبرگزاری فارس», "Fars News Agency", "IRNA"), or null.
    /// </summary>
    public static NewsAgency? FindByName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = TextFold.Key(name);
        if (ByName.TryGetValue(key, out var agency))
        {
            return agency;
        }
        const string agencyWord = "خبرگزاری";
        return key.StartsWith(agencyWord, StringComparison.Ordinal) && ByName.TryGetValue(key[agencyWord.Length..], out agency) ? agency : null;
    }

    /// <summary>The outlet that owns the host of <paramref name="url"/>, or null.</summary>
    public static NewsAgency? FindByUrl(string? url)
    {
        if (string.IsNullOrEmpty(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }
        string host = uri.Host.StartsWith("www.", StringComparison.Ordinal) ? uri.Host[4..] : uri.Host;
        string hostAndPath = host + uri.AbsolutePath;
        NewsAgency? best = null;
        int bestLength = 0;
        foreach (var e in Entries)
        {
            foreach (var d in e.Domains)
            {
                bool hit = d.Contains('/', StringComparison.Ordinal)
                    ? hostAndPath.StartsWith(d, StringComparison.OrdinalIgnoreCase)
                    : host.Equals(d, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + d, StringComparison.OrdinalIgnoreCase);
                if (hit && d.Length > bestLength)
                {
                    best = e.Agency;
                    bestLength = d.Length;
                }
            }
        }
        return best;
    }
}
