using System.Text;

namespace Dabir.Cli.Tests;

/// <summary>Inputs and command lines a new user tried (the hardening review), each with what it must do now.</summary>
public sealed class HardeningTests
{
    private static string Temp(string text) => DabirProcess.TempFile(Encoding.UTF8.GetBytes(text));

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    public void Analyze_refuses_a_thread_count_below_one(string threads)
    {
        string path = Temp("سلام\n");
        var result = DabirProcess.Run((byte[]?)null, ["analyze", path, "-j", threads, "-q"]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--threads must be at least 1", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_output_that_cannot_be_written_is_named_with_its_own_exit_code()
    {
        string path = Temp("سلام\n");
        var analyze = DabirProcess.Run((byte[]?)null, ["analyze", path, "-o", "/nonexistent/dir/out.json"]);
        Assert.Equal(3, analyze.ExitCode);
        Assert.Contains("/nonexistent/dir/out.json", analyze.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(path, analyze.Stderr, StringComparison.Ordinal);
        if (File.Exists("/dev/full"))
        {
            var normalize = DabirProcess.Run((byte[]?)null, ["normalize", path, "-o", "/dev/full"]);
            Assert.Equal(3, normalize.ExitCode);
            Assert.Contains("/dev/full", normalize.Stderr, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("normalize")]
    [InlineData("tokenize")]
    [InlineData("tag")]
    [InlineData("analyze")]
    public void An_unknown_option_is_named_on_standard_error_with_a_short_hint(string command)
    {
        string path = Temp("سلام\n");
        var result = DabirProcess.Run((byte[]?)null, [command, "--bogus", path]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--bogus", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"dabir {command} --help", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Theory]
    [InlineData("normalize")]
    [InlineData("tokenize")]
    [InlineData("tag")]
    [InlineData("analyze")]
    public void Every_command_that_reads_text_accepts_lenient(string command)
    {
        string path = DabirProcess.TempFile([.. Encoding.UTF8.GetBytes("سلام "), 0xFF, .. Encoding.UTF8.GetBytes(" دنیا\n")]);
        var strict = DabirProcess.Run((byte[]?)null, [command, path]);
        Assert.Equal(2, strict.ExitCode);
        var lenient = DabirProcess.Run((byte[]?)null, [command, path, "--lenient"]);
        Assert.True(lenient.ExitCode == 0, lenient.Stderr);
        Assert.Contains("\uFFFD", lenient.Text, StringComparison.Ordinal);
        if (command != "analyze")
        {
            Assert.Contains("replaced 1 invalid UTF-8 sequence", lenient.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_invalid_digits_value_lists_the_valid_ones()
    {
        var result = DabirProcess.Run("۱۲۳\n", ["normalize", "--digits", "Roman"]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("None, ArabicIndicToPersian, ToPersian, ToLatin", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Dabir.Repair", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_article_gives_empty_output_and_an_empty_record_in_a_batch_is_reported()
    {
        var single = DabirProcess.Run((byte[]?)null, ["analyze", Temp("")]);
        Assert.Equal(0, single.ExitCode);
        Assert.Empty(single.Stdout);
        string jsonl = Temp("{\"title\":\"\",\"paragraphs\":[]}\n{\"title\":\"عنوان\",\"paragraphs\":[\"متن خبر.\"]}\n") + ".jsonl";
        File.Move(jsonl[..^6], jsonl);
        string output = Path.Combine(Path.GetTempPath(), $"dabir-empty-{Guid.NewGuid():N}.jsonl");
        var batch = DabirProcess.Run((byte[]?)null, ["analyze", jsonl, "-o", output, "-q"]);
        Assert.Equal(0, batch.ExitCode);
        Assert.Single(File.ReadAllLines(output));
        Assert.Contains("empty", File.ReadAllText(output + ".errors.jsonl"), StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_after_a_run_with_errors_reports_each_error_once()
    {
        string jsonl = Temp("{\"title\":\"x\",\"paragraphs\":[\"\\udc00\"]}\n{\"title\":\"عنوان\",\"paragraphs\":[\"متن خبر.\"]}\n{\"title\":\"x\",\"paragraphs\":[\"\\udc00\"]}\n") + ".jsonl";
        File.Move(jsonl[..^6], jsonl);
        string output = Path.Combine(Path.GetTempPath(), $"dabir-resume-{Guid.NewGuid():N}.jsonl");
        Assert.Equal(0, DabirProcess.Run((byte[]?)null, ["analyze", jsonl, "-o", output, "-q", "--level", "structure"]).ExitCode);
        Assert.Equal(2, File.ReadAllLines(output + ".errors.jsonl").Length);
        Assert.Equal(0, DabirProcess.Run((byte[]?)null, ["analyze", jsonl, "-o", output, "-q", "--level", "structure", "--resume"]).ExitCode);
        Assert.Equal(2, File.ReadAllLines(output + ".errors.jsonl").Length);
        Assert.Single(File.ReadAllLines(output));
    }

    [Fact]
    public void Next_line_and_line_separators_break_words_instead_of_gluing_them()
    {
        var result = DabirProcess.Run("ج\u0085د و ب\u2028پ\n", ["normalize"]);
        Assert.Equal("ج د و ب پ\n", result.Text);
    }

    [Fact]
    public void A_zero_width_joiner_inside_an_emoji_sequence_is_kept()
    {
        const string Family = "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466";
        const string HeartOnFire = "\u2764\uFE0F\u200D\U0001F525";
        var result = DabirProcess.Run($"{Family} {HeartOnFire} سلام\n", ["normalize"]);
        Assert.Equal($"{Family} {HeartOnFire} سلام\n", result.Text);
    }

    [Fact]
    public void Tag_refuses_a_token_line_longer_than_it_can_hold_instead_of_cutting_it()
    {
        string path = Temp("کتاب\n" + new string('ا', 1_200_000) + "\nکتاب\n");
        var result = DabirProcess.Run((byte[]?)null, ["tag", path]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("line 2", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("one token per line", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Commands_writing_to_one_shared_standard_output_file_do_not_overwrite_each_other()
    {
        // The shell hands both commands the same file; each must write where the other stopped.
        string output = Path.Combine(Path.GetTempPath(), $"dabir-shared-{Guid.NewGuid():N}.txt");
        string path = Temp("کتاب ها\n");
        var info = new System.Diagnostics.ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        string dll = Path.Combine(AppContext.BaseDirectory, "dabir.dll");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"{{ dotnet '{dll}' normalize '{path}'; dotnet '{dll}' normalize '{path}'; }} > '{output}'");
        using (var process = System.Diagnostics.Process.Start(info)!)
        {
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
        }
        Assert.Equal("کتاب‌ها\nکتاب‌ها\n", File.ReadAllText(output));
    }
}

/// <summary>Pages that nest without end are refused before the HTML parser, which slows down with depth.</summary>
public sealed class DeepHtmlTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_page_nested_deeper_than_any_article_is_a_clear_input_error(bool closed)
    {
        string html = "<html><body>" + string.Concat(Enumerable.Repeat("<div>", 100_000)) + "متن خبر"
            + (closed ? string.Concat(Enumerable.Repeat("</div>", 100_000)) : "") + "</body></html>";
        string path = DabirProcess.TempFile(Encoding.UTF8.GetBytes(html));
        File.Move(path, path + ".html");
        var result = DabirProcess.Run((byte[]?)null, ["analyze", path + ".html", "--level", "structure"]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("nest deeper than 1,000 levels", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Many_unclosed_paragraphs_and_list_items_are_not_nesting()
    {
        string html = "<html><head><title>t</title><script>var a = '<div><div>';</script></head><body><h1>عنوان خبر</h1><article>"
            + string.Concat(Enumerable.Repeat("<p>این یک بند خبر است که ادامه دارد<li>مورد<br><img src=x>", 3_000)) + "</article></body></html>";
        string path = DabirProcess.TempFile(Encoding.UTF8.GetBytes(html));
        File.Move(path, path + ".html");
        var result = DabirProcess.Run((byte[]?)null, ["analyze", path + ".html", "--level", "structure"]);
        Assert.True(result.ExitCode == 0, result.Stderr);
    }
}
