namespace Dabir.Cli.Tests;

public class SegmentationCommandTests
{
    [Fact]
    public void Tag_keeps_the_line_and_sentence_structure_exactly()
    {
        const string input = "کتاب‌ها\nرا\nمی‌خوانند\n.\n\n\nقدمش\n\nحیوانات\n";
        var result = DabirProcess.Run(input, "tag", "--input", "tokens");
        Assert.Equal(0, result.ExitCode);
        var lines = result.Text.Split('\n');
        var inputLines = input.Split('\n');
        Assert.Equal(inputLines.Length, lines.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            if (inputLines[i].Length == 0)
            {
                Assert.Equal("", lines[i]);
                continue;
            }
            var columns = lines[i].Split('\t');
            Assert.Equal(5, columns.Length); // token, UPOS, lemma, NER, XPOS
            Assert.Equal(inputLines[i], columns[0]);
        }
        // XPOS (PerDT tag set by default): plural inanimate noun, verb, punctuation.
        Assert.Equal(["N_IANM", "V_ACT", "PUNC"], new[] { 0, 2, 3 }.Select(line => lines[line].Split('\t')[4]));
        Assert.Equal("کتاب\tمی‌خوانند\tخواند\tقدم\tحیوان", string.Join('\t', new[] { 0, 2, 2, 6, 8 }.Select((line, k) => lines[line].Split('\t')[k == 1 ? 0 : 2])));
    }

    [Fact]
    public void Tokenize_writes_conllu_with_multiword_tokens_source_ranges_and_space_after()
    {
        var result = DabirProcess.Run("به گزارش خبرنگار، ماتمش شد. تیتر\n", "tokenize", "--format", "conllu");
        Assert.Equal(0, result.ExitCode);
        var text = result.Text;
        Assert.Contains("# sent_id = s1\n# text = به گزارش خبرنگار، ماتمش شد.\n", text, StringComparison.Ordinal);
        Assert.Contains("# sent_id = s2\n# text = تیتر\n", text, StringComparison.Ordinal);
        Assert.Contains("3\tخبرنگار\tخبرنگار\t_\t_\t_\t_\t_\t_\tTokenRange=9:16|SpaceAfter=No\n", text, StringComparison.Ordinal);
        Assert.Contains("5-6\tماتمش\t_", text, StringComparison.Ordinal);
        Assert.Contains("6\tش\tاو\t", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Tokenize_text_and_json_formats()
    {
        var plain = DabirProcess.Run("سلام. خوبی؟\nخبر\n", "tokenize");
        Assert.Equal("سلام .\nخوبی ؟\n\nخبر\n", plain.Text);
        var json = DabirProcess.Run("علي آمد.", "tokenize", "--format", "json");
        // Offsets are source offsets: the repaired «علی» still spans the source «علي».
        Assert.StartsWith("{\"sent_id\":\"s1\",\"paragraph\":1,\"start\":0,\"end\":8,\"text\":\"علی آمد.\",\"tokens\":[{\"form\":\"علی\",\"kind\":\"word\",\"start\":0,\"end\":3,\"lemma\":\"علی\"}", json.Text, StringComparison.Ordinal);
    }
}
