namespace Dabir.Web.Tests;

/// <summary>Paths in the repository, found from the test's own folder (the directory holding <c>Dabir.slnx</c>).</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> RootDir = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dabir.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Dabir.slnx not found above " + AppContext.BaseDirectory);
    });

    public static string Root => RootDir.Value;

    public static string Of(string relative) => Path.Combine(Root, relative);
}
