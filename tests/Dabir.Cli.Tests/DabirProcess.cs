using System.Diagnostics;
using System.Text;

namespace Dabir.Cli.Tests;

/// <summary>Runs the built <c>dabir</c> CLI as a separate process, the way a user does.</summary>
internal static class DabirProcess
{
    public sealed record Result(int ExitCode, byte[] Stdout, string Stderr)
    {
        public string Text => new UTF8Encoding(false, true).GetString(Stdout);
    }

    public static Result Run(byte[]? stdin, params string[] args) => RunWith(new Dictionary<string, string>(), stdin, args);

    /// <summary>Runs with extra environment variables (a GC heap limit, for instance).</summary>
    public static Result RunWith(IReadOnlyDictionary<string, string> environment, byte[]? stdin, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dabir.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        var stdout = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.BaseStream.Write(stdin);
        }
        process.StandardInput.Close();
        copy.Wait();
        process.WaitForExit();
        return new Result(process.ExitCode, stdout.ToArray(), stderr.Result);
    }

    public static Result Run(string stdin, params string[] args) => Run(Encoding.UTF8.GetBytes(stdin), args);

    public static string TempFile(byte[] content)
    {
        var path = Path.Combine(Path.GetTempPath(), "dabir-test-" + Guid.NewGuid().ToString("N"));
        File.WriteAllBytes(path, content);
        return path;
    }
}
