using System.Text.Json;
using Dabir.Archive.Query;

namespace Dabir.Archive;

/// <summary>
/// Snippets: the window of the record's tokens with the most distinct query terms, cut from the source text (the
/// record's token spans are source offsets), with the matched tokens' spans as highlights.
/// </summary>
internal static class Snippets
{
    private const int Window = 32;

    private readonly record struct RecordToken(string Form, string? Lemma, int Start, int End);

    public static Snippet? Make(byte[] record, IReadOnlyList<QueryTerm> terms)
    {
        var (source, tokens) = Read(record);
        if (source is null || tokens.Count == 0)
        {
            return null;
        }
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in terms)
        {
            wanted.Add(t.Form);
            wanted.Add(t.Lemma);
        }
        var matched = new string?[tokens.Count];
        for (int i = 0; i < tokens.Count; i++)
        {
            string? form = SearchTerms.Fold(tokens[i].Form);
            string? lemma = tokens[i].Lemma is { } l ? SearchTerms.Fold(l) : null;
            matched[i] = form is not null && wanted.Contains(form) ? form : lemma is not null && wanted.Contains(lemma) ? lemma : null;
        }
        int best = 0, bestScore = -1;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int start = 0, end = 0; start < tokens.Count; start++)
        {
            while (end < tokens.Count && end - start < Window)
            {
                if (matched[end] is { } m)
                {
                    counts[m] = counts.GetValueOrDefault(m) + 1;
                }
                end++;
            }
            if (counts.Count > bestScore)
            {
                bestScore = counts.Count;
                best = start;
            }
            if (matched[start] is { } s && --counts[s] == 0)
            {
                counts.Remove(s);
            }
        }
        int last = Math.Min(tokens.Count, best + Window) - 1;
        int from = Math.Clamp(tokens[best].Start, 0, source.Length), to = Math.Clamp(tokens[last].End, from, source.Length);
        var highlights = new List<(int, int)>();
        for (int i = best; i <= last; i++)
        {
            if (matched[i] is not null && tokens[i].Start >= from && tokens[i].End <= to)
            {
                highlights.Add((tokens[i].Start - from, tokens[i].End - tokens[i].Start));
            }
        }
        return new Snippet(source[from..to], from, highlights);
    }

    private static (string? Source, List<RecordToken> Tokens) Read(byte[] record)
    {
        var tokens = new List<RecordToken>();
        string? source = null;
        var r = new Utf8JsonReader(record);
        if (!r.Read() || r.TokenType != JsonTokenType.StartObject)
        {
            return (null, tokens);
        }
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("sourceText"u8))
            {
                r.Read();
                source = r.GetString();
            }
            else if (r.ValueTextEquals("tokens"u8))
            {
                r.Read();
                while (r.Read() && r.TokenType == JsonTokenType.StartObject)
                {
                    string form = "";
                    string? lemma = null;
                    int start = 0, end = 0;
                    while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                    {
                        if (r.ValueTextEquals("form"u8))
                        {
                            r.Read();
                            form = r.GetString() ?? "";
                        }
                        else if (r.ValueTextEquals("lemma"u8))
                        {
                            r.Read();
                            lemma = r.TokenType == JsonTokenType.String ? r.GetString() : null;
                        }
                        else if (r.ValueTextEquals("span"u8))
                        {
                            r.Read();
                            while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                            {
                                bool isStart = r.ValueTextEquals("start"u8);
                                r.Read();
                                if (isStart)
                                {
                                    start = r.GetInt32();
                                }
                                else
                                {
                                    end = r.GetInt32();
                                }
                            }
                        }
                        else
                        {
                            r.Read();
                            r.Skip();
                        }
                    }
                    tokens.Add(new RecordToken(form, lemma, start, end));
                }
            }
            else
            {
                r.Read();
                r.Skip();
            }
        }
        return (source, tokens);
    }
}
