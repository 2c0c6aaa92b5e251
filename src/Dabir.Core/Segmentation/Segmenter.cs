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

/// <summary>A UD syntactic word: a token, or the host or the pronominal clitic of a token the segmenter splits («کشورمان» → «کشور» + «مان»).</summary>
/// <param name="Start">Index of its first character in the repaired text.</param>
/// <param name="Length">Number of characters (a host word excludes the half-space that joined it to its clitic).</param>
/// <param name="Token">Index of the token it belongs to.</param>
/// <param name="IsClitic">True for the clitic part of a split token.</param>
public readonly record struct SyntacticWord(int Start, int Length, int Token, bool IsClitic)
{
    /// <summary>Index just past its last character.</summary>
    public int End => Start + Length;
}

/// <summary>
/// Text after repair and segmentation: the aligned repaired text, its tokens, where a clitic starts inside
/// each token, and its sentences. Spans are in the repaired text; <see cref="ToSource"/> maps them back.
/// </summary>
public sealed class SegmentedText
{
    private readonly Token[] _tokens;
    private readonly int[] _cliticStarts;
    private readonly Sentence[] _sentences;
    private SyntacticWord[]? _words;
    private int[]? _firstWord;

    internal SegmentedText(AlignedText text, Token[] tokens, int[] cliticStarts, Sentence[] sentences)
    {
        Text = text;
        _tokens = tokens;
        _cliticStarts = cliticStarts;
        _sentences = sentences;
    }

    /// <summary>
    /// Segmentation given by the caller (pre-tokenized input, as <c>dabir tag</c> reads): each line of
    /// <paramref name="sentences"/> is a sentence of the given tokens, no token is split into words, and the text is
    /// the tokens joined by spaces, one sentence per line, aligned to itself.
    /// </summary>
    public static SegmentedText FromTokens(IReadOnlyList<IReadOnlyList<string>> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var builder = new System.Text.StringBuilder();
        var tokens = new List<Token>();
        var result = new Sentence[sentences.Count];
        for (int s = 0; s < sentences.Count; s++)
        {
            if (s > 0)
            {
                builder.Append('\n');
            }
            int first = tokens.Count;
            var sentence = sentences[s];
            for (int i = 0; i < sentence.Count; i++)
            {
                if (i > 0)
                {
                    builder.Append(' ');
                }
                tokens.Add(new Token(builder.Length, sentence[i].Length, TokenKind.Word));
                builder.Append(sentence[i]);
            }
            result[s] = new Sentence(first, tokens.Count - first, s);
        }
        return new SegmentedText(AlignedText.Identity(builder.ToString()), [.. tokens], new int[tokens.Count], result);
    }

    /// <summary>A segmentation of the same text holding only the sentences <paramref name="keep"/> accepts (tokens renumbered).</summary>
    public SegmentedText Where(Func<Sentence, bool> keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        var tokens = new List<Token>(_tokens.Length);
        var clitics = new List<int>(_tokens.Length);
        var sentences = new List<Sentence>(_sentences.Length);
        foreach (var sentence in _sentences)
        {
            if (!keep(sentence))
            {
                continue;
            }
            sentences.Add(sentence with { FirstToken = tokens.Count });
            for (int t = sentence.FirstToken; t < sentence.EndToken; t++)
            {
                tokens.Add(_tokens[t]);
                clitics.Add(_cliticStarts[t]);
            }
        }
        return sentences.Count == _sentences.Length ? this : new SegmentedText(Text, [.. tokens], [.. clitics], [.. sentences]);
    }

    /// <summary>The repaired text with its alignment to the source.</summary>
    public AlignedText Text { get; }

    /// <summary>The tokens, in order.</summary>
    public IReadOnlyList<Token> Tokens => _tokens;

    /// <summary>Per token: offset (inside the token) where a clitic word starts, 0 when the token is one word.</summary>
    public IReadOnlyList<int> CliticStarts => _cliticStarts;

    /// <summary>The sentences, in order.</summary>
    public IReadOnlyList<Sentence> Sentences => _sentences;

    /// <summary>
    /// The UD syntactic words, in order: one per token, two for a token split into host and pronominal clitic. The
    /// taggers and the lemmatizer read words; a sentence's words are <see cref="FirstWord"/> of its first token up to
    /// <see cref="FirstWord"/> of the token after its last.
    /// </summary>
    public IReadOnlyList<SyntacticWord> Words
    {
        get
        {
            EnsureWords();
            return _words!;
        }
    }

    /// <summary>Index in <see cref="Words"/> of the first word of token <paramref name="token"/>; <c>Tokens.Count</c> gives the word count.</summary>
    public int FirstWord(int token)
    {
        EnsureWords();
        return _firstWord![token];
    }

    /// <summary>The characters of a word in the repaired text.</summary>
    public ReadOnlySpan<char> Form(SyntacticWord word) => Text.Text.AsSpan(word.Start, word.Length);

    // Words are made on first use: `dabir tokenize` and the structure path never need them as a list.
    private void EnsureWords()
    {
        if (_words is not null)
        {
            return;
        }
        var text = Text.Text.AsSpan();
        var words = new List<SyntacticWord>(_tokens.Length + (_tokens.Length >> 4));
        var firstWord = new int[_tokens.Length + 1];
        for (int t = 0; t < _tokens.Length; t++)
        {
            firstWord[t] = words.Count;
            var token = _tokens[t];
            int cliticAt = _cliticStarts[t];
            if (cliticAt > 0)
            {
                // The host without the half-space that joined it to the clitic («خانه‌اش» → «خانه» + «اش»).
                int hostLength = text.Slice(token.Start, cliticAt).TrimEnd(PersianChars.Zwnj).Length;
                words.Add(new SyntacticWord(token.Start, hostLength, t, IsClitic: false));
                words.Add(new SyntacticWord(token.Start + cliticAt, token.Length - cliticAt, t, IsClitic: true));
            }
            else
            {
                words.Add(new SyntacticWord(token.Start, token.Length, t, IsClitic: false));
            }
        }
        firstWord[_tokens.Length] = words.Count;
        _firstWord = firstWord;
        _words = [.. words];
    }

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
    // Made on first use of Segment(string): a segmenter over text repaired already (the pipeline's) needs none. Two
    // threads racing here build two equal normalizers; either serves.
    private PersianNormalizer? _normalizer;
    private readonly CliticSplitter _splitter;

    /// <summary>Creates a segmenter with the given normalizer and clitic splitter (defaults when null).</summary>
    public Segmenter(PersianNormalizer? normalizer = null, CliticSplitter? splitter = null)
    {
        _normalizer = normalizer;
        _splitter = splitter ?? CliticSplitter.Default;
    }

    /// <summary>Segments <paramref name="source"/>; every line is a paragraph, and a paragraph always ends a sentence.</summary>
    public SegmentedText Segment(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var aligned = (_normalizer ??= new PersianNormalizer()).NormalizeAligned(source);
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
