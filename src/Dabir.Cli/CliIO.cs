using System.Text;
using Dabir.IO;

namespace Dabir.Cli;

/// <summary>Opening inputs and outputs the same way in every command, with clear errors.</summary>
internal static class CliIO
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Opens a file, or standard input for null or "-".</summary>
    public static Stream OpenInput(string? path)
    {
        if (path is null or "-")
        {
            return Console.OpenStandardInput();
        }
        if (Directory.Exists(path))
        {
            throw new InputException(InputErrorReason.WrongKind, "is a directory, expected a file").At(path);
        }
        if (!File.Exists(path))
        {
            throw new InputException(InputErrorReason.NotFound, "no such file").At(path);
        }
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
    }

    /// <summary>Opens a file for writing, or standard output for null or "-" (see <see cref="OutputStream"/>).</summary>
    public static TextWriter OpenOutput(string? path) =>
        new StreamWriter(OutputStream.Open(path), Utf8NoBom, 1 << 16) { AutoFlush = false };

    /// <summary>
    /// Runs <paramref name="body"/> and turns input problems into a message (what and where: the error's own
    /// location, else <paramref name="inputPath"/>) and exit code 2, output problems into a message naming the
    /// output and exit code 3; a reader that closed standard output ends the command quietly (exit code 0).
    /// </summary>
    public static int Guard(string? inputPath, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (OutputClosedException)
        {
            return ExitCodes.Ok;
        }
        catch (OutputException e)
        {
            Console.Error.WriteLine($"dabir: error: cannot write {e.Message}");
            return ExitCodes.OutputError;
        }
        catch (InputException e)
        {
            return Fail(e.Location.Length > 0 ? e.Message : $"{inputPath ?? "<stdin>"}: {e.Message}");
        }
        catch (IOException e)
        {
            return Fail($"{inputPath ?? "<stdin>"}: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            return Fail($"{inputPath ?? "<stdin>"}: {e.Message}");
        }
    }

    /// <summary>
    /// Makes a path argument refuse what looks like an option: the parser hands an unknown option («--bogus») to an
    /// optional PATH, and the user then read about the file after it instead of the option they mistyped.
    /// </summary>
    public static T RejectingOptions<T>(this T argument) where T : System.CommandLine.Argument
    {
        ArgumentNullException.ThrowIfNull(argument);
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (token.Value.Length > 1 && token.Value[0] == '-')
                {
                    result.AddError($"unknown option '{token.Value}'");
                }
            }
        });
        return argument;
    }

    /// <summary>After a lenient read: how many invalid UTF-8 sequences were replaced, on standard error.</summary>
    public static void WarnReplaced(Utf8ChunkReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (reader.ReplacedSequences > 0)
        {
            Console.Error.WriteLine($"dabir: warning: replaced {reader.ReplacedSequences} invalid UTF-8 sequence(s) with U+FFFD");
        }
    }

    /// <summary>Reports a usage error found after parsing (options that do not go together): exit code 1.</summary>
    public static int UsageError(string message)
    {
        Console.Error.WriteLine($"dabir: error: {message}");
        return ExitCodes.Usage;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"dabir: error: {message}");
        return ExitCodes.InputError;
    }
}
