using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dabir.IO;
using Dabir.Segmentation;

namespace Dabir.Cli.Commands;

/// <summary>
/// <c>dabir tokenize [PATH] --format text|conllu|json</c>: repairs the text, splits it into paragraphs (lines),
/// sentences, tokens and words (pronominal clitics as UD multiword tokens) and lemmatises the words.
/// Streams: one line (or one cut piece of an endless line) is held at a time. Offsets are source offsets
/// (UTF-16 code units from the start of the input).
/// </summary>
internal static class TokenizeCommand
{
    private static readonly JavaScriptEncoder Json = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public static Command Create()
    {
        var input = new Argument<string?>("PATH") { Description = "Input file (UTF-8); standard input when omitted or '-'.", Arity = ArgumentArity.ZeroOrOne }.RejectingOptions();
        var format = new Option<string>("--format", "-f") { Description = "Output: text (a sentence per line, tokens space-separated), conllu, or json (a JSON object per sentence).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "conllu", "json");
        var output = new Option<string?>("--output", "-o") { Description = "Output file; standard output when omitted." };
        var lenient = new Option<bool>("--lenient") { Description = "Replace invalid UTF-8 with U+FFFD (and report the count) instead of failing." };
        var command = new Command("tokenize", "Split Persian text into sentences, tokens and words, with lemmas.")
        {
            input, format, output, lenient,
        };
        command.SetAction(parse =>
        {
            string? path = parse.GetValue(input);
            return CliIO.Guard(path, () => Run(path, parse.GetValue(format)!, parse.GetValue(output), parse.GetValue(lenient)));
        });
        return command;
    }

    private static int Run(string? inputPath, string format, string? outputPath, bool lenient)
    {
        var pipeline = Pipelines.ForText();
        using var stream = CliIO.OpenInput(inputPath);
        var reader = new Utf8ChunkReader(stream, lenient);
        using var writer = CliIO.OpenOutput(outputPath);
        var state = new State();
        foreach (var chunk in reader.ReadChunks())
        {
            var document = pipeline.Run(chunk.Text.ToString());
            var segmented = document.Get<SegmentedText>();
            var lemmas = document.Get<Lemmas>();
            switch (format)
            {
                case "conllu":
                    WriteConllu(writer, segmented, lemmas, state);
                    break;
                case "json":
                    WriteJson(writer, segmented, lemmas, state);
                    break;
                default:
                    WriteText(writer, segmented, state);
                    break;
            }
            state.SourceOffset += chunk.Text.Length + chunk.Tail.Length;
            if (chunk.EndsLine && segmented.Sentences.Count > 0)
            {
                state.Paragraph++;
                state.NewParagraph = true;
            }
        }
        CliIO.WarnReplaced(reader);
        return ExitCodes.Ok;
    }

    private sealed class State
    {
        public long SourceOffset;
        public int Sentence;
        public int Paragraph = 1;
        public bool NewParagraph = true;
    }

    private static void WriteText(TextWriter writer, SegmentedText doc, State state)
    {
        foreach (var sentence in doc.Sentences)
        {
            if (state.NewParagraph && state.Sentence > 0)
            {
                writer.Write('\n');
            }
            state.NewParagraph = false;
            state.Sentence++;
            for (int t = sentence.FirstToken; t < sentence.EndToken; t++)
            {
                if (t > sentence.FirstToken)
                {
                    writer.Write(' ');
                }
                writer.Write(doc.Form(doc.Tokens[t]));
            }
            writer.Write('\n');
        }
    }

    // The lemmas of a sentence's words, in order (a split token gives its host's, then its clitic's).
    private static ArraySegment<string> SentenceLemmas(SegmentedText doc, Sentence sentence, Lemmas lemmas)
    {
        int first = doc.FirstWord(sentence.FirstToken);
        return new ArraySegment<string>(lemmas.Values, first, doc.FirstWord(sentence.EndToken) - first);
    }

    private static void WriteConllu(TextWriter writer, SegmentedText doc, Lemmas lemmaLayer, State state)
    {
        var text = doc.Text.Text;
        foreach (var sentence in doc.Sentences)
        {
            state.Sentence++;
            if (state.NewParagraph)
            {
                writer.Write($"# newpar id = p{state.Paragraph}\n");
                state.NewParagraph = false;
            }
            var first = doc.Tokens[sentence.FirstToken];
            var last = doc.Tokens[sentence.EndToken - 1];
            writer.Write($"# sent_id = s{state.Sentence}\n# text = ");
            writer.Write(text.AsSpan(first.Start, last.End - first.Start));
            writer.Write('\n');
            var lemmas = SentenceLemmas(doc, sentence, lemmaLayer);
            int id = 1;
            for (int t = sentence.FirstToken; t < sentence.EndToken; t++)
            {
                var token = doc.Tokens[t];
                var form = doc.Form(token);
                var source = doc.ToSource(token.Start, token.Length);
                string misc = $"TokenRange={state.SourceOffset + source.Start}:{state.SourceOffset + source.End}" + (doc.NoSpaceAfter(t) ? "|SpaceAfter=No" : "");
                int cliticAt = doc.CliticStarts[t];
                if (cliticAt > 0)
                {
                    var host = doc.Form(doc.Words[doc.FirstWord(t)]);
                    var clitic = doc.Form(doc.Words[doc.FirstWord(t) + 1]);
                    writer.Write($"{id}-{id + 1}\t");
                    writer.Write(form);
                    writer.Write($"\t_\t_\t_\t_\t_\t_\t_\t{misc}\n");
                    WriteWord(writer, id, host, lemmas[id - 1], "_");
                    id++;
                    WriteWord(writer, id, clitic, lemmas[id - 1], "_");
                    id++;
                }
                else
                {
                    WriteWord(writer, id, form, lemmas[id - 1], misc);
                    id++;
                }
            }
            writer.Write('\n');
        }
    }

    private static void WriteWord(TextWriter writer, int id, ReadOnlySpan<char> form, string lemma, string misc)
    {
        writer.Write(id.ToString(CultureInfo.InvariantCulture));
        writer.Write('\t');
        writer.Write(form);
        writer.Write('\t');
        writer.Write(lemma);
        writer.Write("\t_\t_\t_\t_\t_\t_\t");
        writer.Write(misc);
        writer.Write('\n');
    }

    private static void WriteJson(TextWriter writer, SegmentedText doc, Lemmas lemmaLayer, State state)
    {
        var text = doc.Text.Text;
        foreach (var sentence in doc.Sentences)
        {
            state.Sentence++;
            state.NewParagraph = false;
            var first = doc.Tokens[sentence.FirstToken];
            var last = doc.Tokens[sentence.EndToken - 1];
            var span = doc.ToSource(first.Start, last.End - first.Start);
            writer.Write($"{{\"sent_id\":\"s{state.Sentence}\",\"paragraph\":{state.Paragraph},\"start\":{state.SourceOffset + span.Start},\"end\":{state.SourceOffset + span.End},\"text\":\"");
            writer.Write(JsonEncodedText.Encode(text.AsSpan(first.Start, last.End - first.Start), Json).ToString());
            writer.Write("\",\"tokens\":[");
            var lemmas = SentenceLemmas(doc, sentence, lemmaLayer);
            int w = 0;
            for (int t = sentence.FirstToken; t < sentence.EndToken; t++)
            {
                var token = doc.Tokens[t];
                var form = doc.Form(token);
                var source = doc.ToSource(token.Start, token.Length);
                if (t > sentence.FirstToken)
                {
                    writer.Write(',');
                }
                writer.Write($"{{\"form\":\"{Encode(form)}\",\"kind\":\"{token.Kind.ToString().ToLowerInvariant()}\",\"start\":{state.SourceOffset + source.Start},\"end\":{state.SourceOffset + source.End}");
                if (doc.NoSpaceAfter(t))
                {
                    writer.Write(",\"space_after\":false");
                }
                int cliticAt = doc.CliticStarts[t];
                if (cliticAt > 0)
                {
                    var host = doc.Form(doc.Words[doc.FirstWord(t)]);
                    var clitic = doc.Form(doc.Words[doc.FirstWord(t) + 1]);
                    writer.Write($",\"words\":[{{\"form\":\"{Encode(host)}\",\"lemma\":\"{Encode(lemmas[w])}\"}},{{\"form\":\"{Encode(clitic)}\",\"lemma\":\"{Encode(lemmas[w + 1])}\"}}]}}");
                    w += 2;
                }
                else
                {
                    writer.Write($",\"lemma\":\"{Encode(lemmas[w++])}\"}}");
                }
            }
            writer.Write("]}\n");
        }
    }

    private static string Encode(ReadOnlySpan<char> value) => JsonEncodedText.Encode(value, Json).ToString();
}
