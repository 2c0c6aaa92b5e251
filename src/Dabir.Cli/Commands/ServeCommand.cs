using System.CommandLine;
using Dabir.Cli.Commands.Archive;
using Dabir.IO;
using Dabir.Server;

namespace Dabir.Cli.Commands;

/// <summary>
/// <c>dabir serve --store FILE [--urls URL]</c>: the HTTP API and the web page over an archive (<c>docs/api.md</c>).
/// The archive is opened read-only unless <c>--allow-ingest</c> is given with a token.
/// </summary>
internal static class ServeCommand
{
    public const string TokenVariable = "DABIR_INGEST_TOKEN";

    public static Command Create()
    {
        var store = ArchiveCli.StoreOption();
        var urls = new Option<string[]>("--urls")
        {
            Description = "Addresses to listen on (default http://127.0.0.1:8080; port 0 picks a free one).",
            DefaultValueFactory = _ => ["http://127.0.0.1:8080"],
            AllowMultipleArgumentsPerToken = true,
        };
        var maxBody = new Option<long>("--max-body-bytes")
        {
            Description = "Largest request body in bytes (default 4 MiB); a larger one is answered 413.",
            DefaultValueFactory = _ => DabirServerOptions.DefaultMaxRequestBodyBytes,
        };
        maxBody.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<long>() <= 0)
            {
                r.AddError("--max-body-bytes must be a positive number of bytes");
            }
        });
        var timeout = new Option<int>("--timeout") { Description = "Seconds one request may run before it is answered 503 (default 30).", DefaultValueFactory = _ => 30 };
        timeout.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() <= 0)
            {
                r.AddError("--timeout must be a positive number of seconds");
            }
        });
        var rateLimit = new Option<int>("--rate-limit") { Description = "API requests per minute per client address (default 600; 0 turns the limit off).", DefaultValueFactory = _ => 600 };
        rateLimit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 0)
            {
                r.AddError("--rate-limit must be 0 (off) or more");
            }
        });
        var allowIngest = new Option<bool>("--allow-ingest") { Description = $"Accept POST /v1/documents (articles analysed and stored) with the bearer token of --ingest-token-file or ${TokenVariable}; the archive is opened for writing." };
        var tokenFile = new Option<string?>("--ingest-token-file") { Description = $"A file holding the ingest token (else ${TokenVariable})." };
        var actors = new Option<string?>("--actors") { Description = "A user actor dictionary (TSV) that extends or overrides the shipped one." };
        var command = new Command("serve", "Serve the HTTP API and the web page over an archive: search, documents, actors, events, analysis.")
        {
            store, urls, maxBody, timeout, rateLimit, allowIngest, tokenFile, actors,
        };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(store)!;
            return ArchiveCli.Guard(path, () =>
            {
                bool ingest = parse.GetValue(allowIngest);
                string? token = null;
                if (ingest)
                {
                    token = ReadToken(parse.GetValue(tokenFile));
                    if (token is null)
                    {
                        return ArchiveCli.UsageError($"--allow-ingest needs a token: --ingest-token-file FILE or the {TokenVariable} variable");
                    }
                }
                else if (parse.GetValue(tokenFile) is not null)
                {
                    return ArchiveCli.UsageError("--ingest-token-file is only read with --allow-ingest");
                }
                string? actorsFile = parse.GetValue(actors);
                var setup = new DabirServerSetup
                {
                    OpenStore = () => ArchiveCli.OpenStore(path, readOnly: !ingest),
                    Pipelines = level => Pipelines.ForArticles(LevelName(level), actorsFile),
                    AnalysisVersion = IngestCommand.AnalysisVersion(Pipelines.Levels.Full),
                    StoreBytes = () => File.Exists(path) ? ArchiveCli.StoreBytes(path) : null,
                    Urls = parse.GetValue(urls) ?? [],
                    Options = new DabirServerOptions
                    {
                        MaxRequestBodyBytes = parse.GetValue(maxBody),
                        RequestTimeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                        RateLimitPermits = parse.GetValue(rateLimit),
                        RateLimitWindow = TimeSpan.FromMinutes(1),
                        IngestToken = token,
                    },
                };
                // Runs until SIGTERM or Ctrl+C; requests in flight are given the shutdown timeout to finish.
                using var app = DabirServer.Build(setup);
                app.Run();
                return ExitCodes.Ok;
            });
        });
        return command;
    }

    private static string LevelName(AnalysisLevel level) => level switch
    {
        AnalysisLevel.Structure => Pipelines.Levels.Structure,
        AnalysisLevel.Tokens => Pipelines.Levels.Tokens,
        _ => Pipelines.Levels.Full,
    };

    // The token from its file (first line, trimmed) or the environment; null when neither gives one.
    private static string? ReadToken(string? file)
    {
        string? token = file is null
            ? Environment.GetEnvironmentVariable(TokenVariable)
            : File.Exists(file)
                ? File.ReadLines(file).FirstOrDefault()
                : throw new InputException(InputErrorReason.NotFound, "no such token file").At(file);
        token = token?.Trim();
        return string.IsNullOrEmpty(token) ? null : token;
    }
}
