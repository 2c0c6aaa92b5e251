using System.Text;
using Dabir.IO;
using Dabir.News.Readers;

namespace Dabir.News.Tests;

/// <summary>Reading inputs in bounded memory, and the input errors of the readers (one type, located).</summary>
public sealed class ArticleSourceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dabir-source-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string Write(string name, string text) => Write(name, Encoding.UTF8.GetBytes(text));

    [Fact]
    public void A_jsonl_line_over_the_limit_is_one_error_record_and_the_next_lines_are_read()
    {
        // 3 MB: bigger than the reader's first buffer, so the skipping crosses several reads.
        string big = "{\"title\":\"" + new string('x', 3_000_000) + "\"}";
        string path = Write("big.jsonl", "{\"title\":\"a\"}\n" + big + "\n{\"title\":\"b\"}\n" + big);
        var raws = ArticleSource.FromPath(path, maxArticleBytes: 1_000_000).ToList();
        Assert.Equal([1L, 2L, 3L, 4L], raws.Select(r => r.Line!.Value));
        Assert.Null(raws[0].Error);
        Assert.Equal("b", ArticleSource.Read(raws[2]).Title);
        foreach (var r in new[] { raws[1], raws[3] })
        {
            var error = Assert.Throws<InputException>(() => ArticleSource.Read(r));
            Assert.Equal(InputErrorReason.TooLarge, error.Reason);
            Assert.Equal($"{path}:{r.Line}: record is {big.Length} bytes, over the limit of 1000000; raise it with --max-article-bytes", error.Message);
            Assert.True(r.Bytes.IsEmpty);
        }
    }

    [Fact]
    public void A_line_of_exactly_the_limit_is_read()
    {
        string record = "{\"title\":\"" + new string('x', 2000) + "\"}";
        var raws = ArticleSource.FromPath(Write("edge.jsonl", record + "\n" + record), maxArticleBytes: record.Length).ToList();
        Assert.All(raws, r => Assert.Null(r.Error));
        Assert.Equal(2, raws.Count);
    }

    [Fact]
    public void A_file_over_the_limit_is_an_error_record_and_a_folder_goes_on()
    {
        Write("f/a.txt", new string('x', 5000));
        Write("f/b.txt", "خبر");
        var raws = ArticleSource.FromPath(Path.Combine(_folder, "f"), maxArticleBytes: 4096).ToList();
        Assert.Equal(["a.txt", "b.txt"], raws.Select(r => r.Locator));
        var error = Assert.Throws<InputException>(() => ArticleSource.Read(raws[0]));
        Assert.Equal("too-large", error.ReasonCode);
        Assert.Contains("file is 5000 bytes, over the limit of 4096", error.Message, StringComparison.Ordinal);
        Assert.Equal("خبر", ArticleSource.Read(raws[1]).PlainText);
    }

    [Fact]
    public void Standard_input_over_the_limit_is_an_error_record()
    {
        var raws = ArticleSource.FromStream(new MemoryStream(Encoding.UTF8.GetBytes(new string('x', 3000))), "stdin", maxArticleBytes: 1024).ToList();
        var error = Assert.Throws<InputException>(() => ArticleSource.Read(Assert.Single(raws)));
        Assert.Equal("stdin: input is 3000 bytes, over the limit of 1024; raise it with --max-article-bytes", error.Message);
    }

    [Fact]
    public void A_lone_surrogate_escape_in_a_json_file_is_a_located_input_error()
    {
        string path = Write("bad.json", """{"title":"x","paragraphs":["\udc00"]}""");
        var error = Assert.Throws<InputException>(() => ArticleSource.Read(ArticleSource.FromPath(path).Single()));
        Assert.Equal(InputErrorReason.Malformed, error.Reason);
        Assert.Equal(path, error.Path);
        Assert.Contains("unpaired surrogate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bom_at_the_head_of_jsonl_is_skipped_in_a_file_and_on_a_stream()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("{\"title\":\"a\"}\n{\"title\":\"b\"}\n")];
        var fromFile = ArticleSource.FromPath(Write("bom.jsonl", bytes)).Select(ArticleSource.Read).ToList();
        Assert.Equal(["a", "b"], fromFile.Select(a => a.Title));
        var fromStream = ArticleSource.FromStream(new MemoryStream(bytes), "stdin").Select(ArticleSource.Read).ToList();
        Assert.Equal(["a", "b"], fromStream.Select(a => a.Title));
        // A BOM alone on the first line, then the records.
        byte[] apart = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("\n{\"title\":\"c\"}\n")];
        Assert.Equal("c", ArticleSource.Read(Assert.Single(ArticleSource.FromStream(new MemoryStream(apart), "stdin"))).Title);
    }

    [Fact]
    public void A_link_loop_in_a_folder_reads_each_file_once()
    {
        Write("tree/a.txt", "یک");
        Write("tree/sub/b.txt", "دو");
        Directory.CreateSymbolicLink(Path.Combine(_folder, "tree", "sub", "loop"), "..");
        var raws = ArticleSource.FromPath(Path.Combine(_folder, "tree")).ToList();
        Assert.Equal(["a.txt", "sub/b.txt"], raws.Select(r => r.Locator));
    }

    [Fact]
    public void Utf16_text_says_to_convert_it()
    {
        string path = Write("u16.txt", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("سلام")).ToArray());
        var error = Assert.Throws<InputException>(() => ArticleSource.Read(ArticleSource.FromPath(path).Single()));
        Assert.Equal(InputErrorReason.Utf16, error.Reason);
        Assert.Equal($"{path}: UTF-16 input (UTF-16LE byte order mark): convert to UTF-8", error.Message);
    }

    [Fact]
    public void A_nul_byte_in_text_is_binary_input_with_its_offset()
    {
        var raw = new RawArticle(0, "x.txt", null, null, "text", new byte[] { 0x41, 0x42, 0, 0x43 });
        var error = Assert.Throws<InputException>(() => ArticleSource.Read(raw));
        Assert.Equal(("binary", 2L), (error.ReasonCode, error.ByteOffset!.Value));
        Assert.Equal("x.txt: binary input: NUL byte at byte offset 2", error.Message);
    }

    [Fact]
    public void The_resume_key_is_the_origin_whatever_id_the_record_carries()
    {
        string path = Write("ids.jsonl", "{\"id\":\"a1\",\"title\":\"x\"}\n{\"id\":\"a1\",\"title\":\"y\"}\n");
        var raws = ArticleSource.FromPath(path).ToList();
        Assert.Equal([$"{path}:1", $"{path}:2"], raws.Select(r => r.ResumeKey));
        Assert.All(raws, r => Assert.Equal("a1", ArticleSource.Read(r).Id));
    }

    [Fact]
    public void A_record_of_a_live_feed_is_read_before_the_feed_writes_more()
    {
        // A pipe that has delivered two lines and would block on the next read (here: fail).
        var feed = new OneReadStream(Encoding.UTF8.GetBytes("{\"title\":\"a\"}\n{\"title\":\"b\"}\n"));
        using var records = ArticleSource.FromStream(feed, "stdin").GetEnumerator();
        Assert.True(records.MoveNext());
        Assert.Equal("a", ArticleSource.Read(records.Current).Title);
        Assert.True(records.MoveNext());
        Assert.Equal("b", ArticleSource.Read(records.Current).Title);
    }

    private sealed class OneReadStream(byte[] data) : Stream
    {
        private bool _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Assert.False(_read, "read again: a live feed would block here");
            _read = true;
            int n = Math.Min(count, data.Length);
            Array.Copy(data, 0, buffer, offset, n);
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
