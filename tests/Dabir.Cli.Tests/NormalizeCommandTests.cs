using System.Text;
using Dabir.Repair;

namespace Dabir.Cli.Tests;

public class NormalizeCommandTests
{
    [Fact]
    public void Repairs_standard_input_and_keeps_lines()
    {
        var result = DabirProcess.Run("كتاب ها  را ، خواندم\n\nمی شود\n", "normalize");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("کتاب‌ها را، خواندم\n\nمی‌شود\n", result.Text);
    }

    [Fact]
    public void Reads_a_file_and_writes_the_output_file()
    {
        var input = DabirProcess.TempFile(Encoding.UTF8.GetBytes("علي  آمد ."));
        var output = input + ".out";
        try
        {
            var result = DabirProcess.Run((byte[]?)null, "normalize", input, "-o", output);
            Assert.Equal(0, result.ExitCode);
            Assert.Equal("علی آمد.", File.ReadAllText(output));
        }
        finally
        {
            File.Delete(input);
            File.Delete(output);
        }
    }

    [Fact]
    public void Invalid_utf8_is_an_input_error_naming_the_byte_offset()
    {
        var path = DabirProcess.TempFile([0x61, 0x62, 0xFF, 0x63]);
        try
        {
            var result = DabirProcess.Run((byte[]?)null, "normalize", path);
            Assert.Equal(2, result.ExitCode);
            Assert.Contains("invalid UTF-8 at byte offset 2", result.Stderr, StringComparison.Ordinal);
            Assert.Empty(result.Stdout);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Lenient_replaces_invalid_bytes_and_reports_the_count()
    {
        var result = DabirProcess.Run([0x61, 0xFF, 0xFE, 0x62], "normalize", "--lenient");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("a\uFFFD\uFFFDb", result.Text);
        Assert.Contains("replaced 2 invalid UTF-8", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_input_is_refused()
    {
        var result = DabirProcess.Run([0x61, 0x00, 0x62], "normalize");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("NUL byte at byte offset 1", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_input_gives_empty_output()
    {
        var result = DabirProcess.Run([], "normalize");
        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void Missing_file_is_an_input_error()
    {
        var result = DabirProcess.Run((byte[]?)null, "normalize", "/nonexistent/dabir-input.txt");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no such file", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_command_is_a_usage_error()
    {
        var result = DabirProcess.Run((byte[]?)null, "no-such-command");
        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public void Help_is_available()
    {
        var result = DabirProcess.Run((byte[]?)null, "normalize", "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--lenient", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_endless_line_is_streamed_in_pieces_and_written_back_whole()
    {
        // 3.5 M characters on one line: more than three chunks of the reader's 1 M-character limit.
        var sentence = "این یک جمله ساده است که کتاب ها را می خواند . ";
        var line = new StringBuilder();
        while (line.Length < 3_500_000)
        {
            line.Append(sentence);
        }
        var text = line.ToString();
        var result = DabirProcess.Run(text + "\nپایان\n", "normalize");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(new PersianNormalizer().Normalize(text) + "\nپایان\n", result.Text);
    }
}
