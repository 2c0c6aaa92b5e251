using System.Runtime.CompilerServices;
using Dabir.Text;

namespace Dabir.Repair.HalfSpace;

/// <summary>
/// The folded, half-space-free key that every half-space decision is made on, shared by the trainer and the
/// runtime so both see words the same way. Folding drops half-spaces, marks and the kashida and maps letter
/// and hamza variants to their plain letter; an index map leads every key position back to the original
/// word, so decisions are inserted into the text as written (hamza, diacritics and variants survive).
/// </summary>
internal static class HalfSpaceText
{
    /// <summary>Longest key handled: gap positions are bits of a <see cref="ulong"/>.</summary>
    public const int MaxKeyLength = 63;

    /// <summary>True when a word character is part of a Persian word run (letters, marks, half-space, kashida).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsWordRunChar(char c) => PersianChars.IsWordChar(c) || c == PersianChars.Kashida;

    /// <summary>
    /// Folds <paramref name="word"/> into <paramref name="key"/> with <see cref="PersianFoldOptions.HalfSpaceKey"/>.
    /// <paramref name="map"/> receives, for every key position, the index in <paramref name="word"/> of the letter
    /// it came from; <paramref name="zwnjMask"/> has bit i set when a half-space stands before key position i.
    /// Returns the key length, or -1 when the key would be longer than <see cref="MaxKeyLength"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Fold(ReadOnlySpan<char> word, Span<char> key, Span<int> map, out ulong zwnjMask)
    {
        zwnjMask = 0;
        bool hasZwnj = word.Contains(PersianChars.Zwnj);
        // The mask is read off the index map, so a caller that wants no map still needs one when there are half-spaces.
        Span<int> indices = hasZwnj && map.IsEmpty ? stackalloc int[MaxKeyLength] : map;
        int n = PersianFold.Fold(word, key.Length > MaxKeyLength ? key[..MaxKeyLength] : key, indices, PersianFoldOptions.HalfSpaceKey);
        if (hasZwnj)
        {
            for (int i = 1; i < n; i++)
            {
                if (word[(indices[i - 1] + 1)..indices[i]].Contains(PersianChars.Zwnj))
                {
                    zwnjMask |= 1UL << i;
                }
            }
        }
        return n;
    }

    /// <summary>True when a half-space may stand before key position <paramref name="i"/>: after a letter that joins forward, before a letter.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsGap(ReadOnlySpan<char> key, int i) =>
        i > 0 && i < key.Length && PersianChars.JoinsToNext(key[i - 1]) && PersianChars.IsLetter(key[i]);

    /// <summary>Keeps only the bits of <paramref name="mask"/> that are real gaps of <paramref name="key"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ulong ValidGaps(ReadOnlySpan<char> key, ulong mask)
    {
        ulong result = 0;
        for (ulong m = mask; m != 0; m &= m - 1)
        {
            int i = System.Numerics.BitOperations.TrailingZeroCount(m);
            if (IsGap(key, i))
            {
                result |= 1UL << i;
            }
        }
        return result;
    }

    /// <summary>The letter class a boundary probability is conditioned on: 'h' after ه, 'y' after ی, 'o' otherwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static char LetterClass(char last) => last switch
    {
        'ه' => 'h',
        'ی' => 'y',
        _ => 'o',
    };
}
