namespace Dabir.Testing;

/// <summary>
/// Locates <c>../shared</c> (the project's data, kept beside the repository, never inside it): the
/// <c>DABIR_SHARED</c> variable, else the folder next to the directory holding <c>Dabir.slnx</c>.
/// </summary>
internal static class SharedData
{
    private static readonly Lazy<string?> Root = new(() =>
    {
        var env = Environment.GetEnvironmentVariable("DABIR_SHARED");
        if (!string.IsNullOrEmpty(env))
        {
            return Directory.Exists(env) ? env : null;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dabir.slnx")))
            {
                var shared = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
                return Directory.Exists(shared) ? shared : null;
            }
        }
        return null;
    });

    /// <summary>Full path of a file under <c>shared/</c>; skips the calling test when the folder is absent.</summary>
    public static string PathOf(string relative)
    {
        Assert.SkipWhen(Root.Value is null, "../shared is not beside the repository");
        return Path.Combine(Root.Value!, relative);
    }
}
