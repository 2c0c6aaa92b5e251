using System.Buffers;
using System.Text;
using System.Text.Json;
using Dabir.Models;
using Dabir.News.Json;
using Dabir.Pipeline;
using Dabir.Repair;
using Dabir.Text;

namespace Dabir.News.Tests;

/// <summary>
/// The whole chain (repair → article reading → segmentation → taggers → lemmas → entities) on random input, in the
/// manner of Lucene's <c>CheckRandomData</c>: for every layer of the record, each span lies inside the source, spans
/// never go backwards, and the source under a span folds to the layer's text; the records are the same whatever the
/// number of threads.
/// </summary>
public sealed class ComposedChainRandomTests
{
    private static readonly DocumentPipeline Full = new DocumentPipelineBuilder()
        .UseArticleReading().UseSegmentation().UseTaggers().UseLemmas().UseEntityMentions().Build();

    private static readonly PersianNormalizer Fold = new(RepairStage.DocumentOptions);

    // Pieces news text is made of, damaged the way crawls damage it: Arabic letter variants, stripped and doubled
    // half-spaces, controls, presentation forms, kashida, mixed digits, URLs, quotes, credits and datelines.
    private static readonly string[] Pieces =
    [
        "وزیر امور خارجه", "کشورمان", "دبیرکل", "آسه‌آن", "آسهآن", "سازمان ملل", "در", "با", "از", "به", "را", "و", "که",
        "دیدار کرد", "می شود", "نامه‌ای", "نامههای", "كتاب", "علي", "رئيس", "رؤسای", "ﻛﺘﺎﺏ", "مـــن", "۱۴۰۲", "٤٥", "2023",
        "۱۵ هزار", "https://example.com/«كتاب»", "info@example.org", "#غزه", "@user", "«", "»", "،", "؛", ".", ":", "!", "؟",
        "(", ")", "-", "/", "\u200c", "\u200f", "\u200e", "\u200d", "\u00ad", "\u00a0", " ", "  ", "\t", "\n", "\n\n", "\r\n",
        "به گزارش خبرگزاری مهر،", "تهران - ایرنا -", "انتهای پیام", "کد خبر: ۱۲۳۴", "A", "NATO", "😀", "\ud83d\udc4d",
        "حسین امیرعبداللهیان", "تهران", "واشنگتن", "ایران", "روسیه", "۱۲ آبان ۱۴۰۲", "دیروز", "٪", "%", "۳٫۵",
    ];

    private static List<string> RandomArticles(int seed, int count)
    {
        var random = new Random(seed);
        var articles = new List<string>(count);
        var builder = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            builder.Clear();
            int pieces = random.Next(0, 120);
            for (int p = 0; p < pieces; p++)
            {
                if (random.Next(20) == 0)
                {
                    // Now and then a raw code unit, lone surrogates and other debris included.
                    builder.Append((char)random.Next(0x20, 0xFFFF));
                }
                else
                {
                    builder.Append(Pieces[random.Next(Pieces.Length)]);
                    if (random.Next(3) > 0)
                    {
                        builder.Append(' ');
                    }
                }
            }
            articles.Add(builder.ToString());
        }
        return articles;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<char, string> FoldedChars = new();

    // What repair may change is forgotten: each character is repaired alone (letter variants, presentation forms,
    // digits: context-free rules), then every space, half-space and format control is dropped (repair inserts, moves
    // and removes those).
    private static string Folded(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            foreach (char f in FoldedChars.GetOrAdd(c, k => char.IsSurrogate(k) ? k.ToString() : Fold.Normalize(k.ToString())))
            {
                if (!char.IsWhiteSpace(f) && char.GetUnicodeCategory(f) is not (System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.NonSpacingMark) && f != 'ـ')
                {
                    builder.Append(f);
                }
            }
        }
        return builder.ToString();
    }

    private static void CheckSpan(NewsDocument doc, TextSpan span, string text, string layer, ref int previous)
    {
        Assert.True(span.Start >= 0 && span.End <= doc.SourceText.Length, $"{layer} span {span} outside a source of {doc.SourceText.Length}");
        Assert.True(span.Start >= previous, $"{layer} span {span} goes back before {previous}");
        previous = span.Start;
        Assert.Equal(Folded(text), Folded(doc.SourceText[span.Start..span.End]));
    }

    private static void CheckLayers(NewsDocument doc)
    {
        int previous = 0;
        foreach (var field in new[] { doc.Title, doc.Lead }.OfType<TextField>().Concat(doc.Paragraphs))
        {
            // Title, lead and paragraphs each hold their own place; only their order in the text is checked by the spans below.
            int own = 0;
            CheckSpan(doc, field.Span, field.Text, "field", ref own);
        }
        previous = 0;
        foreach (var sentence in doc.Sentences)
        {
            int first = doc.Tokens[sentence.FirstToken].Span.Start;
            Assert.Equal(first, sentence.Span.Start);
            Assert.True(sentence.Span.Start >= previous, $"sentence {sentence.Span} goes back");
            previous = sentence.Span.Start;
        }
        previous = 0;
        foreach (var token in doc.Tokens)
        {
            CheckSpan(doc, token.Span, token.Form, "token", ref previous);
        }
        previous = 0;
        foreach (var entity in doc.Entities)
        {
            CheckSpan(doc, entity.Span, entity.Text, "entity", ref previous);
            Assert.InRange(entity.FirstToken + entity.TokenCount, 1, doc.Tokens.Count);
        }
        previous = 0;
        foreach (var date in doc.Dates)
        {
            if (date.Span is { } span)
            {
                int own = 0;
                CheckSpan(doc, span, date.Text, "date", ref own);
            }
        }
        foreach (var number in doc.Numbers)
        {
            int own = 0;
            CheckSpan(doc, number.Span, number.Text, "number", ref own);
        }
    }

    private static string Json(NewsDocument doc)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, DocumentJsonWriter.Options(false)))
        {
            DocumentJsonWriter.Write(writer, doc);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static NewsDocument Analyze(string text, int index) =>
        NewsDocument.From(Full.Run(ArticleFields.Create(ArticleInput.FromText($"r{index}.txt", text, null))));

    [Fact]
    public void Every_layer_of_random_articles_maps_into_the_source()
    {
        var articles = RandomArticles(seed: 20261203, count: 300);
        for (int i = 0; i < articles.Count; i++)
        {
            CheckLayers(Analyze(articles[i], i));
        }
    }

    [Fact]
    public void Records_are_identical_on_one_two_and_four_threads()
    {
        var articles = RandomArticles(seed: 7, count: 120);
        string[] Run(int threads)
        {
            var results = new string[articles.Count];
            Parallel.For(0, articles.Count, new ParallelOptions { MaxDegreeOfParallelism = threads }, i => results[i] = Json(Analyze(articles[i], i)));
            return results;
        }
        var one = Run(1);
        Assert.Equal(one, Run(2));
        Assert.Equal(one, Run(4));
    }
}
