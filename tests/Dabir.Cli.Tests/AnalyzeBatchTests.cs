using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Dabir.Cli.Tests;

/// <summary><c>dabir analyze</c> on batches: resume, the errors file, size limits and bad inputs, as a user runs it.</summary>
public sealed class AnalyzeBatchTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dabir-analyze-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private string Write(string name, byte[] bytes)
    {
        File.WriteAllBytes(PathOf(name), bytes);
        return PathOf(name);
    }

    private string Write(string name, string text) => Write(name, Encoding.UTF8.GetBytes(text));

    private static List<JsonElement> Records(string path) =>
        File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    [Fact]
    public void Resume_does_not_duplicate_records_that_carry_their_own_id()
    {
        string input = Write("in.jsonl", "{\"id\":\"a1\",\"title\":\"خبر یک\",\"body\":\"متن یک\"}\n{\"id\":\"a2\",\"title\":\"خبر دو\",\"body\":\"متن دو\"}\n");
        string output = PathOf("out.jsonl");
        var first = DabirProcess.Run((byte[]?)null, "analyze", input, "-o", output, "-q", "-l", "structure");
        Assert.True(first.ExitCode == 0, first.Stderr);
        var again = DabirProcess.Run((byte[]?)null, "analyze", input, "-o", output, "--resume", "-l", "structure");
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Equal(["a1", "a2"], Records(output).Select(r => r.GetProperty("id").GetString()));
        Assert.Contains("2 skipped", again.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_after_an_interruption_appends_only_what_is_missing()
    {
        string input = Write("in.jsonl", "{\"id\":\"a1\",\"title\":\"یک\"}\n{\"id\":\"a2\",\"title\":\"دو\"}\n{\"id\":\"a3\",\"title\":\"سه\"}\n");
        string output = PathOf("out.jsonl");
        Assert.Equal(0, DabirProcess.Run((byte[]?)null, "analyze", input, "-o", output, "-q", "-l", "structure").ExitCode);
        // Keep the first record and half of the second, as a killed run leaves them.
        var lines = File.ReadAllLines(output);
        File.WriteAllText(output, lines[0] + "\n" + lines[1][..(lines[1].Length / 2)]);
        Assert.Equal(0, DabirProcess.Run((byte[]?)null, "analyze", input, "-o", output, "-q", "--resume", "-l", "structure").ExitCode);
        var records = Records(output);
        Assert.Equal(["a1", "a2", "a3"], records.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal([1, 2, 3], records.Select(r => r.GetProperty("origin").GetProperty("line").GetInt32()));
    }

    [Fact]
    public void Resume_with_the_json_format_is_a_usage_error()
    {
        string input = Write("in.jsonl", "{\"title\":\"یک\"}\n");
        string output = Write("out.json", "[\n{}\n]\n");
        var result = DabirProcess.Run((byte[]?)null, "analyze", input, "-o", output, "--format", "json", "--resume");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--resume works with --format jsonl only", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("[\n{}\n]\n", File.ReadAllText(output));
    }

    [Fact]
    public void A_record_over_the_size_limit_is_an_errors_file_line_and_the_batch_goes_on()
    {
        // Generated here, never committed: a 40 KB record with a 16 KB limit.
        string big = "{\"id\":\"big\",\"title\":\"" + new string('ب', 20_000) + "\"}";
        string input = Write("in.jsonl", "{\"title\":\"یک\"}\n" + big + "\n{\"title\":\"سه\"}\n");
        string output = PathOf("out.jsonl");
        var result = DabirProcess.Run((byte[]?)null, "analyze", input, "-o", output, "-l", "structure", "--max-article-bytes", "16384");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal([1, 3], Records(output).Select(r => r.GetProperty("origin").GetProperty("line").GetInt32()));
        var error = Assert.Single(Records(output + ".errors.jsonl"));
        Assert.Equal("in.jsonl:2", error.GetProperty("locator").GetString());
        Assert.Equal(input, error.GetProperty("path").GetString());
        Assert.Equal(2, error.GetProperty("line").GetInt32());
        Assert.Equal("too-large", error.GetProperty("reason").GetString());
        Assert.Equal($"{input}:2: record is {Encoding.UTF8.GetByteCount(big)} bytes, over the limit of 16384; raise it with --max-article-bytes", error.GetProperty("message").GetString());
        Assert.Contains("too-large: 1", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void One_article_over_the_size_limit_is_exit_code_2()
    {
        string input = Write("big.txt", new string('x', 5000));
        var result = DabirProcess.Run((byte[]?)null, "analyze", input, "--max-article-bytes", "4096");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{input}: file is 5000 bytes, over the limit of 4096; raise it with --max-article-bytes", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lone_surrogate_escape_is_an_input_error_alone_and_an_errors_line_in_a_batch()
    {
        const string bad = """{"title":"x","paragraphs":["\udc00"]}""";
        string single = Write("bad.json", bad);
        var one = DabirProcess.Run((byte[]?)null, "analyze", single);
        Assert.Equal(2, one.ExitCode);
        Assert.Contains($"{single}: a JSON string holds an unpaired surrogate escape", one.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", one.Stderr, StringComparison.Ordinal);

        string batch = Write("bad.jsonl", bad + "\n{\"title\":\"خوب\"}\n");
        var many = DabirProcess.Run((byte[]?)null, "analyze", batch, "-o", PathOf("out.jsonl"), "-q", "-l", "structure");
        Assert.Equal(0, many.ExitCode);
        Assert.Single(Records(PathOf("out.jsonl")));
        Assert.Equal("malformed", Assert.Single(Records(PathOf("out.jsonl.errors.jsonl"))).GetProperty("reason").GetString());
    }

    [Fact]
    public void Jsonl_with_a_bom_reads_its_first_record_from_a_file_and_from_stdin()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("{\"title\":\"یک\"}\n{\"title\":\"دو\"}\n")];
        string input = Write("bom.jsonl", bytes);
        var fromFile = DabirProcess.Run((byte[]?)null, "analyze", input, "-o", PathOf("a.jsonl"), "-q", "-l", "structure");
        Assert.Equal(0, fromFile.ExitCode);
        Assert.Equal(2, Records(PathOf("a.jsonl")).Count);
        Assert.False(File.Exists(PathOf("a.jsonl.errors.jsonl")));
        var fromStdin = DabirProcess.Run(bytes, "analyze", "-", "-o", PathOf("b.jsonl"), "-q", "-l", "structure");
        Assert.Equal(0, fromStdin.ExitCode);
        Assert.Equal(2, Records(PathOf("b.jsonl")).Count);
        Assert.False(File.Exists(PathOf("b.jsonl.errors.jsonl")));
    }

    [Fact]
    public void A_folder_with_a_link_loop_analyses_each_file_once()
    {
        Directory.CreateDirectory(PathOf("tree/sub"));
        Write("tree/a.txt", "خبر یک");
        Write("tree/sub/b.txt", "خبر دو");
        Directory.CreateSymbolicLink(PathOf("tree/sub/loop"), "..");
        var result = DabirProcess.Run((byte[]?)null, "analyze", PathOf("tree"), "-o", PathOf("out.jsonl"), "-q", "-l", "structure");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["a.txt", "sub/b.txt"], Records(PathOf("out.jsonl")).Select(r => r.GetProperty("id").GetString()));
    }

    [Fact]
    public void Utf16_input_says_to_convert_it_in_analyze_and_normalize()
    {
        string input = Write("u16.txt", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("سلام")]);
        foreach (var command in new[] { "analyze", "normalize" })
        {
            var result = DabirProcess.Run((byte[]?)null, command, input);
            Assert.Equal(2, result.ExitCode);
            Assert.Contains("UTF-16 input (UTF-16LE byte order mark): convert to UTF-8", result.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("NUL", result.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_missing_input_is_exit_code_2_naming_it()
    {
        var result = DabirProcess.Run((byte[]?)null, "analyze", PathOf("nothing.txt"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{PathOf("nothing.txt")}: no such file or folder", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ctrl_c_stops_at_once_with_whole_records_even_while_stdin_waits_and_resume_goes_on()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("sends SIGINT");
        }
        string output = PathOf("out.jsonl");
        const string lines = "{\"id\":\"a1\",\"title\":\"یک\"}\nnot json\n";
        var info = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "dabir.dll"), "analyze", "-", "-o", output, "-l", "structure", "-q" })
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        // Standard input stays open: the records must flow before it ends (a live feed), and Ctrl+C must not wait for it.
        process.StandardInput.BaseStream.Write(Encoding.UTF8.GetBytes(lines));
        process.StandardInput.BaseStream.Flush();
        var clock = Stopwatch.StartNew();
        while (!(File.Exists(output + ".errors.jsonl") && new FileInfo(output + ".errors.jsonl").Length > 0) && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the second line never reached the errors file");
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(10)), "still running 10 s after Ctrl+C");
        Assert.Equal(130, process.ExitCode);
        Assert.Contains("interrupted", await stderr, StringComparison.Ordinal);
        Assert.Equal(["a1"], Records(output).Select(r => r.GetProperty("id").GetString()));

        // The same feed again, now whole: what was written is skipped, the rest appended.
        var resumed = DabirProcess.Run(lines + "{\"id\":\"a3\",\"title\":\"سه\"}\n", "analyze", "-", "-o", output, "-l", "structure", "-q", "--resume");
        Assert.Equal(0, resumed.ExitCode);
        Assert.Equal(["a1", "a3"], Records(output).Select(r => r.GetProperty("id").GetString()));
    }
}
