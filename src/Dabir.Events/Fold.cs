using Dabir.Text;

namespace Dabir.Events;

/// <summary>
/// The folded form aliases and words are compared on: Core's <see cref="PersianFold"/> with the name-matching
/// options (<see cref="PersianFoldOptions.NameKey"/>: half-spaces, controls, diacritics, kashida, ء and the madda
/// dropped, letter variants and hamza carriers to their plain letters, digits to ASCII, Latin to lower case).
/// «آسه‌آن», «آسهآن» and (token by token) «آسه آن» fold to one key.
/// </summary>
internal static class Fold
{
    private const PersianFoldOptions Options = PersianFoldOptions.NameKey;

    /// <summary>Appends the folded form of <paramref name="source"/> to <paramref name="destination"/>; returns the chars written, or -1 when it does not fit.</summary>
    public static int Append(ReadOnlySpan<char> source, Span<char> destination) => PersianFold.Fold(source, destination, Options);

    /// <summary>The folded form of <paramref name="text"/> with its spaces removed (an alias key).</summary>
    public static string Key(string text) => PersianFold.Fold(text, Options | PersianFoldOptions.RemoveSpaces);

    /// <summary>The folded form of one word (no spaces inside a word).</summary>
    public static string Word(ReadOnlySpan<char> word) => PersianFold.Fold(word, Options);

    /// <summary>The folded character, or <c>'\0'</c> for one that does not count.</summary>
    public static char Map(char c) => PersianFold.FoldChar(c, Options);
}
