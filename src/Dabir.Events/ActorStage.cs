using Dabir.News;
using Dabir.Pipeline;
using Dabir.Segmentation;
using Dabir.Tagging;

namespace Dabir.Events;

/// <summary>
/// Actors: provides <see cref="ActorMentions"/>. Dictionary aliases are matched on folded word sequences, longest
/// first; role phrases take their complement («دبیرکل» + «آسه‌آن», «وزیر امور خارجه» + «کشورمان»), people their
/// role spell at the article's date, anaphors («وی», «این کشور», «این رژیم») the last fitting mention, publisher-relative
/// forms («کشورمان», bare «دولت») the outlet's country (inside a quotation, the speaker's), and a name beside a role
/// (apposition) one actor. Immutable and thread-safe.
/// </summary>
/// <param name="dictionary">The dictionary (the shipped one when null).</param>
public sealed class ActorStage(ActorDictionary? dictionary = null) : IDocumentStage
{
    private const int MaxWords = 12;

    /// <summary>The dictionary this stage matches.</summary>
    public ActorDictionary Dictionary { get; } = dictionary ?? ActorDictionary.Default;

    /// <inheritdoc />
    public string Name => "actors";

    /// <inheritdoc />
    public IReadOnlyList<Type> Requires { get; } = [typeof(SegmentedText)];

    /// <inheritdoc />
    public IReadOnlyList<Type> Provides { get; } = [typeof(ActorMentions)];

    /// <inheritdoc />
    public IReadOnlyList<Type> Uses { get; } = [typeof(ArticleLayout), typeof(EntityMentions)];

    /// <inheritdoc />
    public void Run(AnalysisDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var segmented = document.Get<SegmentedText>();
        var layout = document.Find<ArticleLayout>();
        var context = new ResolutionContext(Dictionary, segmented, PublisherCountry(layout, out bool assumed), assumed, ArticleMonth(layout));
        var entities = document.Find<EntityMentions>();
        int entity = 0;
        var found = new List<ActorMention>();
        for (int s = 0; s < segmented.Sentences.Count; s++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var sentence = segmented.Sentences[s];
            int first = segmented.FirstWord(sentence.FirstToken), end = segmented.FirstWord(sentence.EndToken);
            var raw = Match(segmented, first, end, context);
            if (entities is not null)
            {
                AddUnknownNames(entities.Items, ref entity, s, raw);
            }
            context.ResolveSentence(s, first, end, raw, found);
        }
        document.Set(new ActorMentions(found));
    }

    /// <summary>Longest dictionary matches over the words [first, end): (first word, end word, rows).</summary>
    internal List<RawMatch> Match(SegmentedText segmented, int first, int end, ResolutionContext? context = null)
    {
        var words = segmented.Words;
        var result = new List<RawMatch>();
        Span<char> buffer = stackalloc char[Math.Max(Dictionary.MaxKeyLength, 1) + 64];
        int w = first;
        while (w < end)
        {
            if (words[w].IsClitic || !IsLetter(segmented.Form(words[w])))
            {
                w++;
                continue;
            }
            int length = 0, bestEnd = -1;
            int[]? bestRows = null;
            for (int e = w; e < end && e - w < MaxWords; e++)
            {
                var form = segmented.Form(words[e]);
                if (!IsLetter(form))
                {
                    break;
                }
                int n = Fold.Append(form, buffer[length..]);
                if (n < 0 || length + n > Dictionary.MaxKeyLength)
                {
                    break;
                }
                length += n;
                // A match may end at a host word with its clitic after it («دولتش»), never inside a token otherwise.
                var rows = Dictionary.Lookup(buffer[..length]);
                // A plural in «ان» with the indefinite or relative «ی» («هموطنانی که …») is looked up without it.
                if (rows is null && length > 4 && buffer[..length] is [.., 'ا', 'ن', 'ی'])
                {
                    rows = Dictionary.Lookup(buffer[..(length - 1)]);
                }
                if (rows is not null)
                {
                    bestEnd = e + 1;
                    bestRows = rows;
                }
            }
            if (bestRows is null)
            {
                // A surname alone after the full name («ایاد علاوی» … «علاوی»).
                int n = Fold.Append(segmented.Form(words[w]), buffer);
                if (context is not null && n > 0 && context.IsSurname(buffer[..n]))
                {
                    result.Add(new RawMatch(w, w + 1, [], EntityLabel.Person));
                }
                w++;
                continue;
            }
            result.Add(new RawMatch(w, bestEnd, bestRows, EntityLabel.None));
            w = bestEnd;
        }
        return result;
    }

    private static void AddUnknownNames(IReadOnlyList<Entity> entities, ref int next, int sentence, List<RawMatch> raw)
    {
        while (next < entities.Count && entities[next].Sentence < sentence)
        {
            next++;
        }
        int added = 0, count = raw.Count, j = 0;
        for (int i = next; i < entities.Count && entities[i].Sentence == sentence; i++)
        {
            var e = entities[i];
            if (e.Label is not (EntityLabel.Person or EntityLabel.Organization))
            {
                continue;
            }
            int a = e.FirstWord, b = e.FirstWord + e.WordCount;
            // Both lists are in text order: one merge walk finds overlaps (no quadratic scan on a sentence of 5,000 names).
            while (j < count && raw[j].End <= a)
            {
                j++;
            }
            if (j < count && raw[j].First < b)
            {
                continue;
            }
            raw.Add(new RawMatch(a, b, [], e.Label));
            added++;
        }
        if (added > 0)
        {
            raw.Sort((x, y) => x.First.CompareTo(y.First));
        }
    }

    internal static bool IsLetter(ReadOnlySpan<char> form) => form.Length > 0 && (char.IsLetter(form[0]) || char.IsDigit(form[0]));

    private static string PublisherCountry(ArticleLayout? layout, out bool assumed)
    {
        assumed = false;
        string? iso2 = layout?.Agency?.Agency.CountryCode;
        string? iso3 = iso2 switch
        {
            "IR" => "IRN", "US" => "USA", "GB" => "GBR", "FR" => "FRA", "DE" => "DEU", "RU" => "RUS", "TR" => "TUR",
            "AF" => "AFG", "AE" => "ARE", "CN" => "CHN", "LB" => "LBN", "QA" => "QAT", "IQ" => "IRQ", "SA" => "SAU",
            "TJ" => "TJK", "IL" => "ISR", "CA" => "CAN", "NL" => "NLD", "CZ" => "CZE", "SE" => "SWE",
            _ => null,
        };
        if (iso3 is not null)
        {
            return iso3;
        }
        // No credited outlet: Persian-language copy is overwhelmingly Iranian; the mentions say so (publisher, lower confidence).
        assumed = true;
        return "IRN";
    }

    private static int ArticleMonth(ArticleLayout? layout)
    {
        string? iso = layout?.Published?.Iso;
        if (iso is null || iso.Length < 7 || !int.TryParse(iso.AsSpan(0, 4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int year)
            || !int.TryParse(iso.AsSpan(5, 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int month))
        {
            return -1;
        }
        return year * 12 + month - 1;
    }
}

/// <summary>A dictionary match (rows) or a named entity the dictionary does not know (no rows, a label).</summary>
internal readonly record struct RawMatch(int First, int End, int[] Rows, EntityLabel Label);
