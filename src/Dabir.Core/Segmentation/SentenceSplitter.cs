using System.Buffers;
using System.Collections.Frozen;

namespace Dabir.Segmentation;

/// <summary>
/// Finds sentence ends in the tokens of one paragraph: after . ! ? ؟ … (and runs of them) together with any
/// closing quotes or brackets that follow, never after an abbreviation or an initial. The end of a paragraph
/// always ends a sentence, so a headline or list item without a final mark is its own sentence. Decimal
/// numbers, dates, URLs and e-mails are single tokens already, so their dots never reach this class.
/// </summary>
public static class SentenceSplitter
{
    private static readonly SearchValues<char> Terminals = SearchValues.Create(".!?؟…");

    // Closing marks that belong to the sentence they follow: «او گفت: می‌آیم.» ends after the ».
    private static readonly SearchValues<char> Closers = SearchValues.Create("»\"”’')]}›");

    // Latin abbreviations that take a dot without ending a sentence (lower-cased).
    private static readonly FrozenSet<string> LatinAbbreviations = FrozenSet.Create(StringComparer.Ordinal,
        "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "etc", "inc", "ltd", "co", "corp", "no", "vol", "fig", "e.g", "i.e", "p", "pp", "ed", "eds", "gen", "col", "lt", "sgt", "rev", "u.s", "u.k", "u.n");

    // Persian abbreviations written as a short word and a dot (the single letters are covered by rule).
    private static readonly FrozenSet<string> PersianAbbreviations = FrozenSet.Create(StringComparer.Ordinal,
        "ه.ش", "ه.ق", "ق.م", "ج.ا.ا", "آ.د.ک", "ص", "ع", "عج", "ره", "س", "قدس", "ص.ب", "ن.ک");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> LatinLookup = LatinAbbreviations.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> PersianLookup = PersianAbbreviations.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// Appends to <paramref name="sentenceEnds"/> the index just past the last token of every sentence in
    /// <paramref name="tokens"/>[<paramref name="first"/>..<paramref name="end"/>), one paragraph of
    /// <paramref name="text"/>. The last value is always <paramref name="end"/> when the range is not empty.
    /// </summary>
    public static void Split(ReadOnlySpan<char> text, ReadOnlySpan<Token> tokens, List<int> sentenceEnds, int first = 0, int end = -1)
    {
        ArgumentNullException.ThrowIfNull(sentenceEnds);
        if (end < 0)
        {
            end = tokens.Length;
        }
        int i = first;
        int sentenceStart = first;
        while (i < end)
        {
            i++;
            if (!IsSentenceEnd(text, tokens, i - 1, first) && !EndsDateline(text, tokens, sentenceStart, i - 1))
            {
                continue;
            }
            // Closing quotes and brackets, and further marks («!؟»), stay with the sentence they close.
            while (i < end && tokens[i].Kind == TokenKind.Punctuation && tokens[i].Length <= 3 &&
                   (Closers.Contains(text[tokens[i].Start]) || Terminals.Contains(text[tokens[i].Start])))
            {
                i++;
            }
            if (i < end)
            {
                sentenceEnds.Add(i);
                sentenceStart = i;
            }
        }
        if (end > first)
        {
            sentenceEnds.Add(end);
        }
    }

    /// <summary>
    /// A news dateline, «لندن - ایرنا:» or «تهران - واحد مرکزی خبر:», is a sentence of its own: a colon
    /// after a short opening (at most six tokens) that contains a dash.
    /// </summary>
    private static bool EndsDateline(ReadOnlySpan<char> text, ReadOnlySpan<Token> tokens, int sentenceStart, int index)
    {
        if (text[tokens[index].Start] != ':' || index - sentenceStart > 6 || index - sentenceStart < 2)
        {
            return false;
        }
        for (int t = sentenceStart + 1; t < index; t++)
        {
            if (tokens[t].Length == 1 && text[tokens[t].Start] is '-' or '–' or '—')
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsSentenceEnd(ReadOnlySpan<char> text, ReadOnlySpan<Token> tokens, int index, int first)
    {
        var token = tokens[index];
        if (token.Kind != TokenKind.Punctuation || !Terminals.Contains(text[token.Start]))
        {
            return false;
        }
        if (text[token.Start] != '.' || token.Length != 1 || index == first)
        {
            return true;
        }
        // A single dot glued to the word before it may close an abbreviation or an initial.
        var previous = tokens[index - 1];
        if (previous.End != token.Start)
        {
            return true;
        }
        var word = text.Slice(previous.Start, previous.Length);
        switch (previous.Kind)
        {
            case TokenKind.Abbreviation:
                return false;
            case TokenKind.Word:
                // «ص.», «م.», «دکتر.»: an initial or abbreviation, not the end of a sentence.
                return word.Length != 1 && !PersianLookup.Contains(word);
            case TokenKind.Latin:
                if (word.Length == 1 && char.IsAsciiLetterUpper(word[0]))
                {
                    return false; // an initial: "J. K. Rowling"
                }
                Span<char> lower = stackalloc char[Math.Min(word.Length, 8)];
                if (word.Length <= 8 && word.ToLowerInvariant(lower) == word.Length && LatinLookup.Contains(lower))
                {
                    return false;
                }
                return true;
            default:
                return true;
        }
    }

}
