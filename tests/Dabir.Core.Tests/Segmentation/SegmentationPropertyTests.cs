using System.Text;
using CsCheck;
using Dabir.IO;
using Dabir.Morphology;
using Dabir.Segmentation;

namespace Dabir.Core.Tests.Segmentation;

/// <summary>Invariants on random input: no exception, ordered non-overlapping tokens, every sentence non-empty.</summary>
public class SegmentationPropertyTests
{
    private static readonly Segmenter Segmenter = new();

    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.Char["كيىۀةـ٠١٢۳۴٫٬abc ،؛؟!.…:«»()[]\u200c\u200d\u200f\u00a0\t\n\r -@#/%٪😀\ud83d\udc4d\ud83c\udffbﻛﺘﺎﺏwh.xمینهاکتابدرآسهیشانمت"].Array[0, 80].Select(a => new string(a)),
        Gen.String[0, 80]);

    [Fact]
    public void Tokens_are_ordered_disjoint_and_cover_every_visible_character() =>
        Text.Sample(s =>
        {
            var doc = Segmenter.Segment(s);
            var text = doc.Text.Text;
            int covered = 0;
            int previousEnd = 0;
            foreach (var token in doc.Tokens)
            {
                if (token.Length <= 0 || token.Start < previousEnd || token.End > text.Length)
                {
                    return false;
                }
                for (int i = previousEnd; i < token.Start; i++)
                {
                    if (!Tokenizer.IsSeparator(text[i]))
                    {
                        return false; // a visible character fell between tokens
                    }
                }
                covered += token.Length;
                previousEnd = token.End;
            }
            for (int i = previousEnd; i < text.Length; i++)
            {
                if (!Tokenizer.IsSeparator(text[i]))
                {
                    return false;
                }
            }
            return true;
        }, iter: 20_000);

    [Fact]
    public void Sentences_partition_the_tokens() =>
        Text.Sample(s =>
        {
            var doc = Segmenter.Segment(s);
            int next = 0;
            foreach (var sentence in doc.Sentences)
            {
                if (sentence.FirstToken != next || sentence.TokenCount <= 0)
                {
                    return false;
                }
                next = sentence.EndToken;
            }
            return next == doc.Tokens.Count;
        }, iter: 20_000);

    [Fact]
    public void Clitic_splits_fall_inside_their_token_and_source_spans_are_in_range() =>
        Text.Sample(s =>
        {
            var doc = Segmenter.Segment(s);
            for (int t = 0; t < doc.Tokens.Count; t++)
            {
                var token = doc.Tokens[t];
                if (doc.CliticStarts[t] < 0 || doc.CliticStarts[t] >= token.Length)
                {
                    return false;
                }
                var span = doc.ToSource(token.Start, token.Length);
                if (span.Start < 0 || span.End > s.Length)
                {
                    return false;
                }
            }
            return true;
        }, iter: 20_000);

    [Fact]
    public void Lemmatizer_never_throws_and_never_returns_empty() =>
        Text.Sample(s =>
        {
            foreach (var word in s.Split(' ', '\n', '\t'))
            {
                if (word.Length > 0 && Lemmatizer.Default.Lemmatize(word).Length == 0)
                {
                    return false;
                }
            }
            return true;
        }, iter: 20_000);

    [Fact]
    public void An_endless_line_is_segmented_chunk_by_chunk()
    {
        // 600 K characters without a line break, read in 16 K chunks: each chunk is segmented on its own,
        // so memory stays bounded by the chunk size whatever the input length.
        var line = new StringBuilder();
        while (line.Length < 600_000)
        {
            line.Append("این یک جملهٔ آزمایشی است که کتاب‌هایشان را خواندند ");
        }
        var bytes = Encoding.UTF8.GetBytes(line.ToString());
        var reader = new Utf8ChunkReader(new MemoryStream(bytes), maxChunkChars: 16_384);
        long tokens = 0;
        int chunks = 0;
        foreach (var chunk in reader.ReadChunks())
        {
            Assert.True(chunk.Text.Length <= 16_384);
            tokens += Segmenter.Segment(chunk.Text.ToString()).Tokens.Count;
            chunks++;
        }
        Assert.True(chunks > 30);
        Assert.Equal(line.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Length, tokens);
    }
}
