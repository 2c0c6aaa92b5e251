using Dabir.Models.Evaluation;

namespace Dabir.Models.Tests;

public class ScorerTests
{
    [Fact]
    public void Spans_follow_conll_py_including_inside_tags_of_another_label()
    {
        var spans = TaggingScorer.Spans(["B-PER", "I-PER", "I-LOC", "O", "I-ORG", "B-ORG"]);
        Assert.Equal(
            new HashSet<(int, int, string)> { (0, 2, "PER"), (2, 3, "LOC"), (4, 5, "ORG"), (5, 6, "ORG") },
            spans);
    }

    [Fact]
    public void Ner_scores_count_exact_span_and_type()
    {
        IReadOnlyList<IReadOnlyList<string>> gold = [["B-PER", "I-PER", "O", "B-LOC"]];
        IReadOnlyList<IReadOnlyList<string>> predicted = [["B-PER", "O", "O", "B-LOC"]];
        var score = TaggingScorer.ScoreNer(gold, predicted);
        Assert.Equal(1, score.TruePositives);
        Assert.Equal(1, score.FalsePositives);
        Assert.Equal(1, score.FalseNegatives);
        Assert.Equal(0.5, score.F1, 6);
        Assert.Equal(1.0, score.F1ByLabel["LOC"], 6);
    }

    [Fact]
    public void Pos_score_can_count_proper_nouns_as_nouns()
    {
        IReadOnlyList<IReadOnlyList<string>> gold = [["NOUN", "VERB"]];
        IReadOnlyList<IReadOnlyList<string>> predicted = [["PROPN", "VERB"]];
        var score = TaggingScorer.ScorePos(gold, predicted);
        Assert.Equal(0.5, score.Accuracy, 6);
        Assert.Equal(1.0, score.AccuracyProperNounAsNoun, 6);
    }
}
