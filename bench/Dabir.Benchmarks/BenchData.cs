namespace Dabir.Benchmarks;

/// <summary>Finds benchmark inputs in the shared data folder, never inside the repository.</summary>
public static class BenchData
{
    public static string SharedRoot()
    {
        var env = Environment.GetEnvironmentVariable("DABIR_SHARED");
        if (!string.IsNullOrEmpty(env))
        {
            return env;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dabir.slnx")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
            }
        }
        throw new DirectoryNotFoundException("Set DABIR_SHARED to the shared folder (it holds data/orthography/perdt-train.txt).");
    }

    /// <summary>PerDT training text (3.7 MB), optionally with every half-space removed (crawler damage).</summary>
    public static string PerdtTrain(bool stripHalfSpaces)
    {
        var text = File.ReadAllText(Path.Combine(SharedRoot(), "data", "orthography", "perdt-train.txt"));
        return stripHalfSpaces ? text.Replace("\u200c", string.Empty, StringComparison.Ordinal) : text;
    }
}
