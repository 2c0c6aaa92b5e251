using Dabir.Text;

namespace Dabir.Repair;

/// <summary>
/// Removes half-spaces that cannot be right: after a letter that does not join forward (where a ZWNJ is
/// invisible), doubled, or at a word edge. Runs before spacing so later rules see the final neighbours.
/// </summary>
internal sealed class HalfSpaceCleanupPass : ISkippableRepairPass
{
    public bool MayChange(ReadOnlySpan<char> line) => line.Contains(PersianChars.Zwnj);

    public void Apply(AlignedTextBuilder input, AlignedTextBuilder output)
    {
        var text = input.Chars;
        int i = 0;
        while (i < text.Length)
        {
            int next = text[i..].IndexOf(PersianChars.Zwnj);
            if (next < 0)
            {
                output.CopyRange(input, i, text.Length - i);
                return;
            }
            output.CopyRange(input, i, next);
            i += next;
            if (Keeps(output, text, i))
            {
                output.Copy(input, i);
            }
            i++;
        }
    }

    // A half-space stays only between a forward-joining letter and a following letter, once (the last of a run).
    private static bool Keeps(AlignedTextBuilder output, ReadOnlySpan<char> text, int i)
    {
        int p = output.Length - 1;
        while (p >= 0 && PersianChars.IsMark(output[p]))
        {
            p--;
        }
        if (p < 0 || !PersianChars.JoinsToNext(output[p]))
        {
            return false;
        }
        int n = i + 1;
        while (n < text.Length && PersianChars.IsMark(text[n]))
        {
            n++;
        }
        return n < text.Length && PersianChars.IsLetter(text[n]);
    }
}
