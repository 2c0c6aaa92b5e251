using System.CommandLine;
using System.Text;
using Dabir.IO;
using Dabir.Repair;

namespace Dabir.Cli.Commands;

/// <summary><c>dabir normalize [PATH] [-o PATH]</c>: repairs Persian text, streaming, line by line.</summary>
internal static class NormalizeCommand
{
    public static Command Create()
    {
        var input = new Argument<string?>("PATH") { Description = "Input file (UTF-8); standard input when omitted or '-'.", Arity = ArgumentArity.ZeroOrOne }.RejectingOptions();
        var output = new Option<string?>("--output", "-o") { Description = "Output file; standard output when omitted." };
        var lenient = new Option<bool>("--lenient") { Description = "Replace invalid UTF-8 with U+FFFD (and report the count) instead of failing." };
        var rules = new NormalizerRuleOptions();

        var command = new Command("normalize", "Repair Persian text: characters, spacing and half-spaces. Keeps every line.")
        {
            input, output, lenient,
        };
        rules.AddTo(command);
        command.SetAction(parse =>
        {
            string? path = parse.GetValue(input);
            var options = rules.Read(parse);
            return CliIO.Guard(path, () => Run(path, parse.GetValue(output), parse.GetValue(lenient), options));
        });
        return command;
    }

    private static int Run(string? inputPath, string? outputPath, bool lenient, NormalizerOptions options)
    {
        var normalizer = new PersianNormalizer(options);
        using var stream = CliIO.OpenInput(inputPath);
        var reader = new Utf8ChunkReader(stream, lenient);
        using (var writer = CliIO.OpenOutput(outputPath))
        {
            var line = new StringBuilder();
            foreach (var chunk in reader.ReadChunks())
            {
                line.Clear();
                normalizer.NormalizeLine(chunk.Text.Span, line);
                foreach (var piece in line.GetChunks())
                {
                    writer.Write(piece.Span);
                }
                writer.Write(PersianNormalizer.OutputLineBreak(chunk.Tail));
            }
        }
        CliIO.WarnReplaced(reader);
        return ExitCodes.Ok;
    }
}
