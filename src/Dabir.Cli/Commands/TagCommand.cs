using System.CommandLine;
using Dabir.IO;
using Dabir.Models;
using Dabir.Pipeline;
using Dabir.Segmentation;

namespace Dabir.Cli.Commands;

/// <summary>
/// <c>dabir tag [PATH] --input tokens</c>: annotates pre-tokenised text (one token per line, a blank line
/// between sentences) and writes <c>token&lt;TAB&gt;UPOS&lt;TAB&gt;lemma&lt;TAB&gt;NER&lt;TAB&gt;XPOS</c> for every input line,
/// keeping the input's line and sentence structure exactly (a blank line stays a blank line). XPOS is the fifth
/// column so that readers of the first four (../shared/tools/conll.py) are unaffected.
/// </summary>
internal static class TagCommand
{
    // Longest run of tokens annotated at once when an input has no blank lines (bounded memory).
    private const int MaxSentenceTokens = 4096;

    public static Command Create()
    {
        var input = new Argument<string?>("PATH") { Description = "Input file (UTF-8); standard input when omitted or '-'.", Arity = ArgumentArity.ZeroOrOne }.RejectingOptions();
        var format = new Option<string>("--input") { Description = "Input layout: 'tokens' (one token per line, blank line between sentences).", DefaultValueFactory = _ => "tokens" };
        format.AcceptOnlyFromAmong("tokens");
        var output = new Option<string?>("--output", "-o") { Description = "Output file; standard output when omitted." };
        var lenient = new Option<bool>("--lenient") { Description = "Replace invalid UTF-8 with U+FFFD (and report the count) instead of failing." };
        var convention = new Option<PosConvention>("--convention") { Description = "UPOS annotation convention and XPOS tag set: PerDT (names as PROPN; N_IANM, PREP, …) or Seraji (names as NOUN; N_SING, P, …).", DefaultValueFactory = _ => PosConvention.PerDT };
        var command = new Command("tag", "Annotate tokens with UPOS, lemma, NER and XPOS (columns: token, UPOS, lemma, NER, XPOS; '_' where a layer is not available).")
        {
            input, format, output, convention, lenient,
        };
        command.SetAction(parse =>
        {
            string? path = parse.GetValue(input);
            var chosen = parse.GetValue(convention);
            return CliIO.Guard(path, () => Run(path, parse.GetValue(output), chosen, parse.GetValue(lenient)));
        });
        return command;
    }

    private static int Run(string? inputPath, string? outputPath, PosConvention convention, bool lenient)
    {
        var pipeline = Pipelines.ForTokens(convention);
        using var stream = CliIO.OpenInput(inputPath);
        var reader = new Utf8ChunkReader(stream, lenient);
        using var writer = CliIO.OpenOutput(outputPath);
        var tokens = new List<string>();
        string partial = "";
        void Flush()
        {
            if (tokens.Count == 0)
            {
                return;
            }
            // The given tokens are the sentence's words: the pipeline runs on them as they are, unrepaired.
            var segmented = SegmentedText.FromTokens([tokens]);
            var document = new AnalysisDocument(segmented.Text.Text);
            document.Set(segmented);
            pipeline.Run(document);
            var pos = document.Get<PosTags>();
            var entities = document.Get<EntityTags>().Tags;
            var lemmas = document.Get<Lemmas>().Values;
            for (int i = 0; i < tokens.Count; i++)
            {
                writer.Write(tokens[i].Replace('\t', ' '));
                writer.Write('\t');
                writer.Write(UniversalPosNames.Name(pos.Upos[i]));
                writer.Write('\t');
                writer.Write(lemmas[i].Replace('\t', ' '));
                writer.Write('\t');
                writer.Write(entities[i].ToString());
                writer.Write('\t');
                writer.Write(pos.Xpos[i] ?? "_");
                writer.Write('\n');
            }
            tokens.Clear();
        }
        long lineNumber = 1;
        foreach (var chunk in reader.ReadChunks())
        {
            // A token line longer than a chunk is rejoined (the reader cut it); it is still one token.
            string line = partial.Length == 0 ? chunk.Text.ToString() : partial + chunk.Text.ToString();
            if (!chunk.EndsLine)
            {
                // One token per line: a "token" longer than a chunk is not a token, and cutting it would lose text
                // silently, so it is refused (memory stays bounded too).
                if (line.Length + chunk.Tail.Length >= reader.MaxChunkChars)
                {
                    throw new InputException(InputErrorReason.TooLarge,
                        $"line {lineNumber} is a token of more than {reader.MaxChunkChars:N0} characters; tag reads one token per line");
                }
                partial = line + chunk.Tail;
                continue;
            }
            lineNumber++;
            partial = "";
            if (string.IsNullOrWhiteSpace(line))
            {
                Flush();
                writer.Write('\n');
                continue;
            }
            tokens.Add(line);
            if (tokens.Count == MaxSentenceTokens)
            {
                Flush();
            }
        }
        if (partial.Length > 0)
        {
            tokens.Add(partial);
        }
        Flush();
        CliIO.WarnReplaced(reader);
        return ExitCodes.Ok;
    }
}
