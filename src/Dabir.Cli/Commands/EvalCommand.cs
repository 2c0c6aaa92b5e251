using System.CommandLine;
using System.Globalization;
using System.Text;
using Dabir.Models;
using Dabir.Models.Data;
using Dabir.Models.Evaluation;
using Dabir.Models.Tagging;
using Dabir.Models.Training;

namespace Dabir.Cli.Commands;

/// <summary><c>dabir eval pos|ner --gold FILE</c>: tags the gold tokens and scores them exactly as
/// ../shared/tools/conll.py does (same JSON fields and rounding).</summary>
internal static class EvalCommand
{
    public static Command Create() => new("eval", "Score the taggers on gold-tokenised data (same figures as conll.py).")
    {
        CreateSub(pos: true),
        CreateSub(pos: false),
    };

    private static Command CreateSub(bool pos)
    {
        var gold = new Option<string>("--gold") { Description = pos ? "Gold CoNLL-U file." : "Gold NER file (token|B_TAG, token TAB TAG or token TAG).", Required = true };
        var model = new Option<string?>("--model") { Description = "A model written by 'dabir train'; the embedded model when omitted." };
        var system = new Option<string?>("--system") { Description = "Also write the system TSV (token, UPOS, lemma, NER, and XPOS for pos) for conll.py." };
        var strip = new Option<bool>("--strip-zwnj") { Description = "Remove ZWNJ from the tokens before tagging (robustness check)." };
        var range = new Option<string?>("--range") { Description = "Only sentences in this fraction range of the file, e.g. 0.9:1 (the Arman held-out part)." };
        var convention = new Option<PosConvention>("--convention") { Description = "pos: annotation conventions to follow (PerDT, Seraji, IPerUdt).", DefaultValueFactory = _ => PosConvention.PerDT };
        var labels = new Option<string?>("--labels") { Description = "Score only these labels, e.g. PER,ORG,LOC." };
        var xposModel = new Option<string?>("--xpos-model") { Description = "pos: an XPOS model written by 'dabir train xpos'; the embedded one of the convention when omitted." };
        var command = new Command(pos ? "pos" : "ner", pos ? "UPOS accuracy on gold words, and XPOS accuracy when the gold file has XPOS." : "Entity P/R/F1 (exact span and type).") { gold, model, system, strip, range };
        if (pos)
        {
            command.Options.Add(convention);
            command.Options.Add(xposModel);
        }
        else
        {
            command.Options.Add(labels);
        }
        command.SetAction(parse =>
        {
            string goldPath = parse.GetValue(gold)!;
            return CliIO.Guard(goldPath, () =>
            {
                if (!File.Exists(goldPath))
                {
                    throw new Dabir.IO.InputException(Dabir.IO.InputErrorReason.NotFound, "no such file").At(goldPath);
                }
                string? modelPath = parse.GetValue(model);
                var (from, to) = ParseRange(parse.GetValue(range));
                bool stripZwnj = parse.GetValue(strip);
                using var writer = parse.GetValue(system) is { } systemPath ? CliIO.OpenOutput(systemPath) : null;
                // The first use of a model includes JIT compilation of the loading code; reported on stderr.
                var loadClock = System.Diagnostics.Stopwatch.StartNew();
                var cpuBefore = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
                var tagger = pos
                    ? (modelPath is null ? PosTagger.Default.Model : SequenceModel.LoadFile(modelPath))
                    : (modelPath is null ? NerTagger.Default.Model : SequenceModel.LoadFile(modelPath));
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"dabir: model loaded in {loadClock.Elapsed.TotalMilliseconds:F0} ms wall, {(System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds:F0} ms CPU ({tagger.FeatureCount} feature rows)"));
                var chosenConvention = parse.GetValue(convention);
                // XPOS is scored in the tag set of the chosen convention (PerDT or Seraji); none ships for iPerUDT.
                XposTagger? xpos = !pos ? null
                    : parse.GetValue(xposModel) is { } xposPath ? XposTagger.Load(xposPath)
                    : chosenConvention is PosConvention.PerDT or PosConvention.Seraji ? XposTagger.For(chosenConvention) : null;
                string json = pos
                    ? EvalPos(goldPath, tagger, xpos, from, to, stripZwnj, writer, chosenConvention)
                    : EvalNer(goldPath, tagger, from, to, stripZwnj, writer, parse.GetValue(labels), 0);
                Console.Out.WriteLine(json);
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    private static (double From, double To) ParseRange(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return (0, 1);
        }
        var parts = text.Split(':');
        if (parts.Length != 2
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double from)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double to)
            || from < 0 || to > 1 || from >= to)
        {
            throw new Dabir.IO.InputException(Dabir.IO.InputErrorReason.Malformed, "expected FROM:TO with 0 <= FROM < TO <= 1").At(null, recordId: $"--range {text}");
        }
        return (from, to);
    }

    private static List<T> Slice<T>(List<T> all, double from, double to)
    {
        int start = (int)Math.Round(all.Count * from), end = (int)Math.Round(all.Count * to);
        return all.GetRange(start, end - start);
    }

    private static string EvalPos(string goldPath, SequenceModel model, XposTagger? xposTagger, double from, double to, bool stripZwnj, TextWriter? writer, PosConvention convention)
    {
        var sentences = Slice(CorpusReaders.ReadConllu(goldPath), from, to);
        var gold = new List<IReadOnlyList<string>>();
        var predicted = new List<IReadOnlyList<string>>();
        bool goldHasProperNouns = false;
        // XPOS is scored when the gold file has it (no '_' in column 5) and an XPOS model of its tag set is at hand.
        bool scoreXpos = xposTagger is not null && sentences.Count > 0 && sentences.All(s => s.All(w => w.Xpos != "_"));
        int xposWords = 0, xposCorrect = 0;
        foreach (var sentence in sentences)
        {
            var tokens = sentence.Select(w => stripZwnj ? TaggerRecipes.StripZwnj(w.Form) : w.Form).ToArray();
            var tags = TaggerRecipes.TagPos(model, tokens, convention);
            gold.Add([.. sentence.Select(w => w.Upos)]);
            predicted.Add(tags);
            goldHasProperNouns |= sentence.Any(w => w.Upos == "PROPN");
            var xpos = new string[tokens.Length];
            if (xposTagger is not null)
            {
                xposTagger.Tag(tokens, [.. tags.Select(Enum.Parse<UniversalPos>)], xpos);
                for (int i = 0; i < tokens.Length; i++)
                {
                    xposWords++;
                    xposCorrect += xpos[i] == sentence[i].Xpos ? 1 : 0;
                }
            }
            if (writer is not null)
            {
                for (int i = 0; i < tokens.Length; i++)
                {
                    writer.Write($"{sentence[i].Form}\t{tags[i]}\t_\t_\t{xpos[i] ?? "_"}\n");
                }
                writer.Write('\n');
            }
        }
        var score = TaggingScorer.ScorePos(gold, predicted);
        var json = new StringBuilder();
        json.Append(CultureInfo.InvariantCulture, $"{{\"words\": {score.Words}, \"UPOS\": {NerScore.R4(score.Accuracy)}");
        if (!goldHasProperNouns)
        {
            json.Append(CultureInfo.InvariantCulture, $", \"UPOS_propn_as_noun\": {NerScore.R4(score.AccuracyProperNounAsNoun)}");
        }
        if (scoreXpos)
        {
            json.Append(CultureInfo.InvariantCulture, $", \"XPOS\": {NerScore.R4(xposWords == 0 ? 0 : (double)xposCorrect / xposWords)}");
        }
        json.Append(", \"misaligned_sentences\": 0}");
        return json.ToString();
    }

    private static string EvalNer(string goldPath, SequenceModel model, double from, double to, bool stripZwnj, TextWriter? writer, string? labels, int domain)
    {
        var sentences = Slice(CorpusReaders.ReadNer(goldPath), from, to);
        var gold = new List<IReadOnlyList<string>>();
        var predicted = new List<IReadOnlyList<string>>();
        foreach (var sentence in sentences)
        {
            var tokens = sentence.Select(p => stripZwnj ? TaggerRecipes.StripZwnj(p.Token) : p.Token).ToArray();
            var tags = TaggerRecipes.TagNer(model, tokens, domain);
            gold.Add([.. sentence.Select(p => p.Tag)]);
            predicted.Add(tags);
            if (writer is not null)
            {
                for (int i = 0; i < tokens.Length; i++)
                {
                    writer.Write($"{sentence[i].Token}\t_\t_\t{tags[i]}\n");
                }
                writer.Write('\n');
            }
        }
        var labelSet = string.IsNullOrEmpty(labels) ? null : new HashSet<string>(labels.Split(','), StringComparer.Ordinal);
        var score = TaggingScorer.ScoreNer(gold, predicted, labelSet);
        return score.ToJson()[..^1] + ", \"misaligned_sentences\": 0}";
    }
}
