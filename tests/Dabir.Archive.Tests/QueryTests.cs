using CsCheck;
using Dabir.Archive.Query;

namespace Dabir.Archive.Tests;

public sealed class QueryTests : IDisposable
{
    private readonly string _path = TestArchive.TempStore();

    public void Dispose() => TestArchive.Delete(_path);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"نامه")]
    [InlineData("(نامه")]
    [InlineData("نامه)")]
    [InlineData("()")]
    [InlineData("AND نامه")]
    [InlineData("نامه OR")]
    [InlineData("NOT نامه")]
    [InlineData("-نامه")]
    [InlineData("NOT a OR b")]
    [InlineData("*")]
    [InlineData("\"\"")]
    [InlineData("،؛!")]
    public void Bad_queries_are_clear_errors(string query)
    {
        var e = Assert.Throws<QuerySyntaxException>(() => new QueryCompiler().Compile(query));
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
    }

    [Theory]
    [InlineData("نامه های", "نامه‌های")]
    [InlineData("می شود", "می‌شود")]
    [InlineData("کتاب ها و دفتر", "کتاب‌ها و دفتر")]
    [InlineData("بزرگ ترین", "بزرگ‌ترین")]
    public void Detached_suffixes_and_prefixes_are_joined(string typed, string joined) =>
        Assert.Equal(joined, QueryCompiler.JoinDetached(typed));

    [Fact]
    public void Fts_syntax_typed_by_the_user_is_only_text()
    {
        // FTS5 operators and column filters the user might type are folded away or quoted: never syntax.
        foreach (var q in new[] { "title_f:ایران", "NEAR(a b)", "a + b", "{body_f}: x", "^ایران", "ایران\"OR\"", "a:b:c", "'ایران'" })
        {
            string fts = new QueryCompiler().Compile(q);
            Assert.DoesNotContain("NEAR", fts, StringComparison.Ordinal);
            Assert.DoesNotContain("^", fts, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Words_side_by_side_have_a_strict_form_requiring_all_of_them()
    {
        var compiler = new QueryCompiler();
        string any = compiler.Compile("ایران عراق مذاکره");
        Assert.Contains(" OR ", any, StringComparison.Ordinal);
        Assert.DoesNotContain(" AND ", any, StringComparison.Ordinal);
        string strict = Assert.IsType<string>(compiler.Strict);
        Assert.Equal(any.Replace(") OR (", ") AND (", StringComparison.Ordinal), strict);
        Assert.Equal(3, compiler.Terms.Count);

        // One word, a phrase, or an explicit operator: nothing to make stricter.
        foreach (var q in new[] { "ایران", "\"شورای امنیت\"", "ایران AND عراق", "ایران OR عراق" })
        {
            compiler.Compile(q);
            Assert.Null(compiler.Strict);
        }
    }

    [Fact]
    public void A_page_of_documents_with_every_word_is_ranked_before_the_others_otherwise_bm25_over_any_word()
    {
        // 12 documents hold both words; 3 hold only one of them, in their titles (near-copies
        // of each other: every copy is asked for).
        using (var store = SqliteArchiveStore.Open(_path))
        {
            var items = new List<IngestItem>();
            for (int i = 0; i < 12; i++)
            {
                items.Add(TestArchive.Item($"گزارش شماره {i}", [$"در این گزارش طولانی از کشاورزی و آب و باران و زمین و خاک سخن رفت و پالایشگاه و بندر هم آمد و بسیار چیزهای دیگر {i}."], $"https://example.org/both/{i}"));
            }
            for (int i = 0; i < 3; i++)
            {
                items.Add(TestArchive.Item($"بندر و بندر {i}", [$"بندر تازه در جنوب ساخته شد {i}."], $"https://example.org/one/{i}"));
            }
            store.Add(items);
        }
        using var archive = SqliteArchiveStore.Open(_path, readOnly: true);
        var page = archive.Search(new SearchRequest { Query = "پالایشگاه بندر", Limit = 10, Collapse = false });
        Assert.Equal(10, page.Count);
        Assert.All(page, h => Assert.Contains("/both/", h.Url, StringComparison.Ordinal));
        // A page larger than the documents holding both: BM25 over either word, which finds the others too.
        var longer = archive.Search(new SearchRequest { Query = "پالایشگاه بندر", Limit = 20, Collapse = false });
        Assert.Equal(15, longer.Count);
        Assert.Equal(3, longer.Count(h => h.Url!.Contains("/one/", StringComparison.Ordinal)));
    }

    private static readonly string[] Pieces = ["AND", "OR", "NOT", "NEAR", "(", ")", "\"", "*", "-", "ایران", "نامه", "های", "{title_f}", ":", "^"];

    private static readonly Gen<string> Hostile = Gen.OneOf(
        Gen.Char["\"«»()*-:^{}+ ANDORTNEحمدایرانکتابهای\u200cيك؟،."].Array[0, 40].Select(a => new string(a)),
        Gen.Int[0, Pieces.Length - 1].Select(i => Pieces[i]).Array[0, 12].Select(a => string.Join(' ', a)),
        Gen.String[0, 60]);

    [Fact]
    public void Hostile_queries_give_results_or_a_query_syntax_error_and_nothing_else()
    {
        using (var store = SqliteArchiveStore.Open(_path))
        {
            store.Add([TestArchive.Item("ایران و نامه‌های رسمی", ["کتاب‌های درسی ایران در نامه‌ای به وزیر معرفی شدند و حمد گفت."], "https://example.org/x")]);
        }
        using var archive = SqliteArchiveStore.Open(_path, readOnly: true);
        Hostile.Sample(q =>
        {
            try
            {
                archive.Search(new SearchRequest { Query = q, Snippets = true });
            }
            catch (QuerySyntaxException)
            {
                // the one allowed failure
            }
        }, iter: 600);
    }
}
