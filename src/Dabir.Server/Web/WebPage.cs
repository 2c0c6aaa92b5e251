using Dabir.Server.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Dabir.Server.Web;

/// <summary>
/// The web page: the front-end's build (<c>web/dist</c>) embedded in this assembly under <c>wwwroot/</c>. The page's
/// routes all answer its <c>index.html</c> (the page reads its state from the URL: <c>/?q=…</c> opens a search);
/// hashed assets under <c>/assets/</c> are cached for a year, everything else is revalidated.
/// </summary>
internal static class WebPage
{
    /// <summary>The routes that are the page (a shared link opens one of them).</summary>
    public static readonly string[] Routes = ["/", "/article", "/actor", "/analyze"];

    private const string Index = "index.html";

    /// <summary>The embedded files; empty when the server was built without the page.</summary>
    public static IFileProvider Files()
    {
        try
        {
            return new ManifestEmbeddedFileProvider(typeof(WebPage).Assembly, "wwwroot");
        }
        catch (InvalidOperationException)
        {
            // No manifest entry for wwwroot: web/dist was not there at build time.
            return new NullFileProvider();
        }
    }

    public static void UseWebAssets(this WebApplication app, IFileProvider files) => app.UseStaticFiles(new StaticFileOptions
    {
        FileProvider = files,
        OnPrepareResponse = context => context.Context.Response.Headers.CacheControl =
            context.Context.Request.Path.StartsWithSegments("/assets", StringComparison.Ordinal) ? "public, max-age=31536000, immutable" : "no-cache",
    });

    public static void MapWebPage(this WebApplication app, IFileProvider files)
    {
        foreach (var route in Routes)
        {
            app.MapGet(route, (HttpContext context) => Page(context, files)).ExcludeFromDescription();
        }
    }

    private static Results<FileStreamHttpResult, ProblemHttpResult> Page(HttpContext context, IFileProvider files)
    {
        var index = files.GetFileInfo(Index);
        if (!index.Exists)
        {
            return Problems.NotFound("the web page is not built into this server (web/dist was missing when it was built); the API is under /v1, its reference at /docs");
        }
        context.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Stream(index.CreateReadStream(), "text/html; charset=utf-8", lastModified: index.LastModified, entityTag: new EntityTagHeaderValue($"\"{index.LastModified.ToUnixTimeSeconds():x}-{index.Length:x}\""));
    }
}
