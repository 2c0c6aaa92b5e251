using System.Text;
using Dabir.News.Batch;
using Dabir.News.Readers;

namespace Dabir.News.Tests.Batch;

public sealed class ResumeStateTests
{
    [Fact]
    public void Keys_come_from_the_origin_not_the_records_own_id_and_a_cut_short_last_record_is_removed()
    {
        string path = Path.Combine(Path.GetTempPath(), "dabir-resume-" + Guid.NewGuid().ToString("N") + ".jsonl");
        try
        {
            const string whole = """
                {"schema":"dabir.document/1","id":"a1","origin":{"path":"/data/in.jsonl","line":1,"format":"json"},"title":{"text":"x"}}
                {"schema":"dabir.document/1","id":"a1","origin":{"path":"/data/in.jsonl","line":2,"format":"json"}}
                {"schema":"dabir.document/1","id":"t.txt","origin":{"path":"/data/t.txt","line":null,"format":"text"}}

                """;
            File.WriteAllText(path, whole.ReplaceLineEndings("\n") + """{"schema":"dabir.document/1","id":"a3","origin":{"path":"/data/in.jsonl","li""");
            var state = ResumeState.Load(path, ResumeState.DocumentOriginKey);
            Assert.Equal(3, state.Count);
            Assert.True(state.Contains(RawArticle.ResumeKeyOf("/data/in.jsonl", 1)));
            Assert.True(state.Contains(RawArticle.ResumeKeyOf("/data/in.jsonl", 2)));
            Assert.True(state.Contains(RawArticle.ResumeKeyOf("/data/t.txt", null)));
            Assert.False(state.Contains("a1"));
            Assert.Equal(whole.ReplaceLineEndings("\n"), File.ReadAllText(path));
            Assert.True(state.TrimmedBytes > 0);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_output_is_an_empty_state() =>
        Assert.Equal(0, ResumeState.Load(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N")), ResumeState.DocumentOriginKey).Count);

    [Theory]
    [InlineData("""{"id":"x"}""")]
    [InlineData("""{"origin":{"path":"a"}""")]
    [InlineData("""[1]""")]
    [InlineData("""not json""")]
    public void A_line_without_a_whole_record_with_an_origin_has_no_key(string line) =>
        Assert.Null(ResumeState.DocumentOriginKey(Encoding.UTF8.GetBytes(line)));
}
