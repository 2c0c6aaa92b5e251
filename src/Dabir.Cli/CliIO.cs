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

    /// <summary>Opens a file for writing, or standard output for null or "-".</summary>
    public static TextWriter OpenOutput(string? path)
    {
        Stream stream = path is null or "-"
            ? Console.OpenStandardOutput()
            : new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        return new StreamWriter(stream, Utf8NoBom, 1 << 16) { AutoFlush = false };
    }

    /// <summary>
    /// Runs <paramref name="body"/> and turns input problems into a message (what and where: the error's own
    /// location, else <paramref name="inputPath"/>) and exit code 2.
    /// </summary>
    public static int Guard(string? inputPath, Func<int> body)
    {
        try
        {
            return body();
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
