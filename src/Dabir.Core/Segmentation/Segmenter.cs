using Dabir.Repair;
using Dabir.Text;

namespace Dabir.Segmentation;

/// <summary>A sentence: a range of tokens of a <see cref="SegmentedText"/>.</summary>
/// <param name="FirstToken">Index of its first token.</param>
/// <param name="TokenCount">Number of tokens.</param>
/// <param name="Paragraph">Index of the paragraph (line) it belongs to, from 0.</param>
public readonly record struct Sentence(int FirstToken, int TokenCount, int Paragraph)
{
    /// <summary>Index just past its last token.</summary>
    public int EndToken => FirstToken + TokenCount;
}

/// <summary>
/// Text after repair and segmentation: the aligned repaired text, its tokens, where a clitic starts inside
/// each token, and its sentences. Spans are in the repaired text; <see cref="ToSource"/> maps them back.
/// </summary>
public sealed class SegmentedText
{
    internal SegmentedText(AlignedText text, Token[] tokens, int[] cliticStarts, Sentence[] sentences)
    {
        Text = text;
        Tokens = tokens;
        CliticStarts = cliticStarts;
        Sentences = sentences;
    }

    /// <summary>The repaired text with its alignment to the source.</summary>
    public AlignedText Text { get; }

    /// <summary>The tokens, in order.</summary>
    public IReadOnlyList<Token> Tokens { get; }

    /// <summary>Per token: offset (inside the token) where a clitic word starts, 0 when the token is one word.</summary>
    public IReadOnlyList<int> CliticStarts { get; }

    /// <summary>The sentences, in order.</summary>
    public IReadOnlyList<Sentence> Sentences { get; }

    /// <summary>The characters of a token in the repaired text.</summary>
    public ReadOnlySpan<char> Form(Token token) => Text.Text.AsSpan(token.Start, token.Length);

    /// <summary>The source span of a repaired-text span.</summary>
    public TextSpan ToSource(int start, int length) => Text.ToSource(new TextSpan(start, length));

    /// <summary>True when no space separates the token from the next character of its line.</summary>
    public bool NoSpaceAfter(int tokenIndex)
    {
        var token = Tokens[tokenIndex];
        var text = Text.Text;
        int next = token.End;
        while (next < text.Length && Tokenizer.IsTransparent(text[next]))
        {
            next++; // an invisible control the tokenizer reads through is not a space
        }
        return next < text.Length && text[next] is not ('\n' or '\r') && !Tokenizer.IsSeparator(text[next]);
    }
}

/// <summary>
/// Repairs text and divides it into paragraphs (lines), sentences, tokens and syntactic words. Immutable and
/// thread-safe; build once and reuse.
/// </summary>
public sealed class Segmenter
{
    private readonly PersianNormalizer _normalizer;
    private readonly CliticSplitter _splitter;

    /// <summary>Creates a segmenter with the given normalizer and clitic splitter (defaults when null).</summary>
    public Segmenter(PersianNormalizer? normalizer = null, CliticSplitter? splitter = null)
    {
        _normalizer = normalizer ?? new PersianNormalizer();
        _splitter = splitter ?? CliticSplitter.Default;
    }

    /// <summary>Segments <paramref name="source"/>; every line is a paragraph, and a paragraph always ends a sentence.</summary>
    public SegmentedText Segment(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var aligned = _normalizer.NormalizeAligned(source);
        return Segment(aligned);
    }

    /// <summary>Segments text that was repaired already.</summary>
    public SegmentedText Segment(AlignedText aligned)
    {
        ArgumentNullException.ThrowIfNull(aligned);
        var text = aligned.Text.AsSpan();
        var tokens = new List<Token>(text.Length / 5 + 4);
        var sentences = new List<Sentence>();
        var ends = new List<int>();
        int paragraph = 0;
        int lineStart = 0;
        while (lineStart <= text.Length)
        {
            int lineLength = text[lineStart..].IndexOfAny('\n', '\r');
            int lineEnd = lineLength < 0 ? text.Length : lineStart + lineLength;
            int first = tokens.Count;
            Tokenizer.Tokenize(text[lineStart..lineEnd], tokens, lineStart);
            if (tokens.Count > first)
            {
                ends.Clear();
                SentenceSplitter.Split(text, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(tokens), ends, first, tokens.Count);
                int start = first;
                foreach (int end in ends)
                {
                    sentences.Add(new Sentence(start, end - start, paragraph));
                    start = end;
                }
                paragraph++;
            }
            if (lineEnd >= text.Length)
            {
                break;
            }
            lineStart = lineEnd + (text[lineEnd] == '\r' && lineEnd + 1 < text.Length && text[lineEnd + 1] == '\n' ? 2 : 1);
        }
        var clitics = new int[tokens.Count];
        for (int i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Kind == TokenKind.Word)
            {
                clitics[i] = _splitter.FindClitic(text.Slice(tokens[i].Start, tokens[i].Length));
            }
        }
        return new SegmentedText(aligned, [.. tokens], clitics, [.. sentences]);
    }
}
