namespace Dabir.Cli;

/// <summary>The process exit codes every command uses (documented in the README).</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>Bad command line (unknown option, missing argument).</summary>
    public const int Usage = 1;

    /// <summary>Unreadable input: missing file, invalid UTF-8, binary data.</summary>
    public const int InputError = 2;

    /// <summary>The output cannot be written: its folder is missing, the disk is full, no permission.</summary>
    public const int OutputError = 3;

    /// <summary>Stopped by Ctrl+C (SIGINT) after writing whole records only; the shell's 128 + 2.</summary>
    public const int Interrupted = 130;
}
