using CsCheck;
using Dabir.Text;

namespace Dabir.Core.Tests.Text;

/// <summary>
/// The one fold: its presets reproduce, character for character, the private folds they replaced (trained
/// tagger features and the lemma and half-space lexicons are keyed on those), and its overloads agree.
/// </summary>
public class PersianFoldTests
{
    private static readonly PersianFoldOptions[] Presets =
    [
        PersianFoldOptions.None, PersianFoldOptions.TaggerFeatures, PersianFoldOptions.LemmaKey,
        PersianFoldOptions.HalfSpaceKey, PersianFoldOptions.ComparisonKey,
    ];

    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.Char["كيىیئؤأإٱةۀەہھءآاکگـًٌٍَُِّْٰۖ٠١۱۲AbZé \u00a0\u200c\u200d\u200e\u200f\u202a\u00ad\ufeff.،«»مینهاکتاب"].Array[0, 40].Select(a => new string(a)),
        Gen.String[0, 40]);

    private static readonly Gen<PersianFoldOptions> Options = Gen.OneOf(
        Gen.Int[0, 4].Select(i => Presets[i]),
        Gen.Int[0, (1 << 11) - 1].Select(i => (PersianFoldOptions)i));

    [Theory]
    [InlineData("مي‌روند", "میروند")]
    [InlineData("كتابـــها", "کتابها")]
    [InlineData("مُحَمَّد", "محمد")]
    [InlineData("رئيس", "رییس")]
    [InlineData("مسألة", "مساله")]
    [InlineData("سال ۱۴۰۲ و ١٤٠٢", "سال 1402 و 1402")]
    [InlineData("سلام\u200Fدنیا\u200D", "سلامدنیا")]
    [InlineData("UN Office", "un office")]
    public void Default_fold(string text, string expected) => Assert.Equal(expected, PersianFold.Fold(text));

    [Fact]
    public void Presets_keep_what_their_data_is_keyed_on()
    {
        Assert.Equal("رئیس", PersianFold.Fold("رئيس", PersianFoldOptions.LemmaKey));
        Assert.Equal("مسأله", PersianFold.Fold("مسألة", PersianFoldOptions.LemmaKey));
        Assert.Equal("مسالة", PersianFold.Fold("مسألة", PersianFoldOptions.TaggerFeatures));
        Assert.Equal("رویا", PersianFold.Fold("رؤیاء", PersianFoldOptions.HalfSpaceKey));
        Assert.Equal("خبرگزاریفارس", PersianFold.Fold("خبرگزاری «فارس»:", PersianFoldOptions.ComparisonKey));
    }

    [Fact]
    public void Tagger_preset_is_the_old_token_folding()
    {
        for (int c = 0; c <= char.MaxValue; c++)
        {
            // Quranic annotation marks were kept by the old fold; no training corpus holds one, so the models are unchanged.
            if (c is >= 0x06D6 and <= 0x06ED && PersianChars.IsMark((char)c))
            {
                continue;
            }
            Assert.Equal(Legacy.TokenFoldChar((char)c), PersianFold.FoldChar((char)c, PersianFoldOptions.TaggerFeatures));
        }
    }

    [Fact]
    public void Lemma_preset_is_the_old_lemma_key()
    {
        for (int c = 1; c <= char.MaxValue; c++)
        {
            // LRM, RLM and the BOM were kept by the old key; no lexicon source holds one inside a word.
            if (c is 0x200E or 0x200F or 0xFEFF)
            {
                continue;
            }
            Assert.Equal(Legacy.LemmaKeyChar((char)c), PersianFold.FoldChar((char)c, PersianFoldOptions.LemmaKey));
        }
    }

    [Fact]
    public void Half_space_preset_is_the_old_key_on_word_runs()
    {
        for (int c = 0; c <= char.MaxValue; c++)
        {
            if (PersianChars.IsWordChar((char)c) || c == PersianChars.Kashida)
            {
                Assert.Equal(Legacy.HalfSpaceChar((char)c), PersianFold.FoldChar((char)c, PersianFoldOptions.HalfSpaceKey));
            }
        }
    }

    [Fact]
    public void Comparison_preset_is_the_old_text_key()
    {
        for (int c = 0; c <= char.MaxValue; c++)
        {
            Assert.Equal(Legacy.TextFoldChar((char)c), PersianFold.FoldChar((char)c, PersianFoldOptions.ComparisonKey));
        }
    }

    [Fact]
    public void Fold_is_idempotent() =>
        Gen.Select(Text, Options).Sample((s, o) =>
        {
            string once = PersianFold.Fold(s, o);
            return PersianFold.Fold(once, o) == once;
        }, iter: 20_000);

    [Fact]
    public void Span_string_and_char_overloads_agree() =>
        Gen.Select(Text, Options).Sample((s, o) =>
        {
            string viaString = PersianFold.Fold(s, o);
            Span<char> buffer = stackalloc char[s.Length];
            Span<int> indices = stackalloc int[s.Length];
            int n = PersianFold.Fold(s, buffer, o);
            var viaChars = new string(s.Select(c => PersianFold.FoldChar(c, o)).Where(c => c != '\0').ToArray());
            int m = PersianFold.Fold(s.AsSpan(), buffer, indices, o);
            bool indicesRight = m == n;
            for (int i = 0; i < m && indicesRight; i++)
            {
                indicesRight = PersianFold.FoldChar(s[indices[i]], o) == buffer[i] && (i == 0 || indices[i] > indices[i - 1]);
            }
            return viaString == new string(buffer[..n]) && viaString == PersianFold.Fold(s.AsSpan(), o) && viaString == viaChars && indicesRight
                && (o != PersianFoldOptions.None || viaString == PersianFold.Fold(s));
        }, iter: 20_000);

    [Fact]
    public void Short_destination_gives_minus_one()
    {
        Span<char> small = stackalloc char[3];
        Assert.Equal(-1, PersianFold.Fold("کتابها", small));
        Assert.Equal(3, PersianFold.Fold("ك\u200cتـاب".AsSpan(0, 5), small));
        Assert.Throws<ArgumentOutOfRangeException>(() => PersianFold.FoldChar('a', (PersianFoldOptions)(1 << 20)));
    }

    [Fact]
    public void Unchanged_text_is_returned_as_is()
    {
        const string plain = "کتاب";
        Assert.Same(plain, PersianFold.Fold(plain));
    }

    /// <summary>The folds <see cref="PersianFold"/> replaced, as they stood, to pin its presets to them.</summary>
    private static class Legacy
    {
        // Dabir.Models TokenFolding.FoldChar.
        public static char TokenFoldChar(char c) => c switch
        {
            '\u200C' or '\u200D' or '\u200E' or '\u200F' or '\u0640' or ' ' or '\u00A0' or '\uFEFF' => '\0',
            >= '\u064B' and <= '\u065F' or '\u0670' => '\0',
            '\u064A' or '\u0649' or '\u06CC' => '\u06CC',
            '\u0643' => '\u06A9',
            '\u06C0' => '\u0647',
            '\u0623' or '\u0625' or '\u0671' => '\u0627',
            >= '\u06F0' and <= '\u06F9' => (char)('0' + (c - '\u06F0')),
            >= '\u0660' and <= '\u0669' => (char)('0' + (c - '\u0660')),
            >= 'A' and <= 'Z' => (char)(c + 32),
            _ => c,
        };

        // Dabir.Morphology LemmaKey.Fold, per character.
        public static char LemmaKeyChar(char c)
        {
            if (c == PersianChars.Zwnj || c == '\u200D' || c == PersianChars.Kashida || PersianChars.IsMark(c))
            {
                return '\0';
            }
            return c switch
            {
                '\u064A' or '\u0649' => '\u06CC',
                '\u0643' => '\u06A9',
                '\u0629' => '\u0647',
                '\u06C0' => '\u0647',
                _ => c,
            };
        }

        // PersianChars.FoldLetterVariant.
        public static char LetterVariant(char c) => c switch
        {
            'ي' or 'ى' or 'ئ' => 'ی',
            'ك' => 'ک',
            'ة' or 'ۀ' or 'ە' or 'ہ' or 'ھ' => 'ه',
            'أ' or 'إ' or 'ٱ' => 'ا',
            'ؤ' => 'و',
            _ => c,
        };

        // HalfSpaceText.FoldChar.
        public static char HalfSpaceChar(char c) => c switch
        {
            'ء' or PersianChars.Zwnj or PersianChars.Kashida => '\0',
            _ when PersianChars.IsMark(c) => '\0',
            _ => LetterVariant(c),
        };

        // Dabir.News TextFold.ComputeFold.
        public static char TextFoldChar(char c)
        {
            if (PersianChars.IsAnyDigit(c))
            {
                return (char)('0' + (c <= '9' ? c - '0' : c >= '\u06F0' ? c - '\u06F0' : c - '\u0660'));
            }
            if (PersianChars.IsMark(c) || c == PersianChars.Kashida || !char.IsLetterOrDigit(c))
            {
                return '\0';
            }
            char plain = LetterVariant(c);
            return plain != c ? plain : char.ToLowerInvariant(c);
        }
    }
}
