using System.Diagnostics;
using CsCheck;
using Dabir.Pipeline;

namespace Dabir.Events.Tests;

/// <summary>Timing tests run alone: other tests running beside them on two cores would make the ratios noise.</summary>
[CollectionDefinition("timing", DisableParallelization = true)]
public sealed class TimingTests;

/// <summary>No input throws, every span maps into the source, and the stages run in linear time.</summary>
[Collection("timing")]
public sealed class RobustnessTests
{
    private const string Alphabet = "ابپتثجحخدذرزژسشصضطظعغفقکگلمنوهیيكةأإؤئءآ \u200c\u200d،:«»\"()!.؟\n0123456789۰۱۲۳۴۵۶۷۸۹abc\u064b\u0650\u0640";

    [Fact]
    public void Random_text_never_throws_and_spans_map_into_the_source()
    {
        var words = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Spec", "events.tsv")).Where(l => l.Length > 0 && l[0] != '#')
            .SelectMany(l => l.Split('\t')[1].Split(' ')).Distinct(StringComparer.Ordinal).ToArray();
        var gen = Gen.OneOf(
            Gen.Char[Alphabet].Array[0, 300].Select(c => new string(c)),
            Gen.Int[0, words.Length - 1].Array[0, 60].Select(ix => string.Join(' ', ix.Select(i => words[i]))));
        gen.Sample(text =>
        {
            var doc = TestPipelines.Sentences.Run(text);
            foreach (var a in doc.Get<ActorMentions>().Items)
            {
                Assert.InRange(a.Span.Start, 0, text.Length);
                Assert.InRange(a.Span.End, a.Span.Start, text.Length);
            }
            foreach (var e in doc.Get<EventMentions>().Items.Concat(doc.Get<BackgroundEvents>().Items))
            {
                Assert.InRange(e.TriggerSpan.Start, 0, text.Length);
                Assert.InRange(e.TriggerSpan.End, e.TriggerSpan.Start, text.Length);
                foreach (var s in e.Restatements)
                {
                    Assert.InRange(s.End, s.Start, text.Length);
                }
            }
        }, iter: 400);
    }

    [Fact]
    public void Ten_thousand_sentences_take_linear_time()
    {
        var sentences = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Spec", "events.tsv")).Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split('\t')[1]).ToArray();
        string Article(int n) => string.Join('\n', Enumerable.Range(0, n).Select(i => sentences[i % sentences.Length]));
        double small = StageSeconds(Article(1_000)), large = StageSeconds(Article(10_000));
        Assert.True(large / small < 25, $"1,000 sentences {small:0.000}s, 10,000 sentences {large:0.000}s: ratio {large / small:0.0}");
    }

    [Fact]
    public void Ten_thousand_names_take_linear_time()
    {
        var names = ActorDictionary.Default.Records.Where(r => r.Kind == ActorKind.Person).Select(r => r.Name).ToArray();
        var aliases = File.ReadLines(SharedData.PathOf("data/events/actors/actors-people.tsv")).Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split('\t')[0].Replace('|', '\u200c')).ToArray();
        Assert.NotEmpty(names);
        string List(int n) => string.Join("، ", Enumerable.Range(0, n).Select(i => aliases[i % aliases.Length])) + " با هم دیدار کردند.";
        // One sentence of 10,000 names against one of 2,000: linear is a ratio of 5; quadratic would be 25. (At 1,000
        // names the stages take 3 ms, where a GC pause alone moves the ratio; the sizes keep the clock meaningful.)
        double small = StageSeconds(List(2_000)), large = StageSeconds(List(10_000));
        Assert.True(large / small < 15, $"2,000 names {small:0.000}s, 10,000 names {large:0.000}s: ratio {large / small:0.0}");
    }

    /// <summary>Seconds the actor and event stages take on <paramref name="text"/> (best of five; the earlier stages are not timed).</summary>
    private static double StageSeconds(string text)
    {
        var prepared = new DocumentPipelineBuilder().UseRepair().UseSegmentation().UseLemmas().Build().Run(text);
        var actors = new ActorStage();
        var events = new EventStage();
        actors.Run(prepared, CancellationToken.None);
        events.Run(prepared, CancellationToken.None);
        double best = double.MaxValue;
        for (int i = 0; i < 5; i++)
        {
            var clock = Stopwatch.StartNew();
            actors.Run(prepared, CancellationToken.None);
            events.Run(prepared, CancellationToken.None);
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        return Math.Max(best, 1e-4);
    }
}
