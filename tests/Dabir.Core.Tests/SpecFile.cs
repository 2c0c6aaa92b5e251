using System.Globalization;
using System.Text;

namespace Dabir.Core.Tests;

/// <summary>Reads the TSV rule tables under <c>Spec/</c>: one case per line, <c>\uXXXX</c> escapes allowed.</summary>
internal static class SpecFile
{
    public static TheoryData<string, string, string> Load(string name)
    {
        var data = new TheoryData<string, string, string>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Spec", name)))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            var parts = line.Split('\t');
            if (parts.Length < 3)
            {
                throw new FormatException($"{name}: expected input<TAB>expected<TAB>rule in: {line}");
            }
            data.Add(Unescape(parts[0]), Unescape(parts[1]), parts[2]);
        }
        return data;
    }

    public static string Unescape(string s)
    {
        var sb = new StringBuilder(s.Length);
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && i + 1 < s.Length)
            {
                char n = s[i + 1];
                if (n == 'u' && i + 5 < s.Length)
                {
                    sb.Append((char)int.Parse(s.AsSpan(i + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 5;
                    continue;
                }
                if (n == 't')
                {
                    sb.Append('\t');
                    i++;
                    continue;
                }
            }
            sb.Append(s[i]);
        }
        return sb.ToString();
    }
}
